#include "output/tidy_table.hpp"

#include <fmt/format.h>

#include <cstdint>

namespace regimesim::output {
std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\n") == std::string::npos) return s;
  std::string q = "\"";
  for (char c : s) q += c == '"' ? std::string("\"\"") : std::string(1, c);
  return q + "\"";
}

std::string state_label(const Scenario& sc, std::uint32_t state) {
  if (is_control_group(state)) return csv_field("control:" + sc.controls[state - kControlGroup].id);
  if (is_firm_group(state)) return csv_field("firm:" + sc.world.firms[sc.reported_firms[state - kFirmGroup]].id);
  return state == kWorld ? std::string("WORLD") : state == kDeveloping ? std::string("DEVELOPING") : sc.world.states[state].code;
}

std::string item_label(const Scenario& sc, std::uint32_t item) {
  return item == kAllItems ? std::string("all") : csv_field(sc.world.items[item].id);
}

std::string seed_text(std::uint64_t seed) { return fmt::format("0x{:016x}", seed); }

std::string timeseries_header(const std::vector<std::string>& sweep_keys) {
  std::string h = "scenario,run,seed,";
  for (const auto& k : sweep_keys) h += csv_field(k) + ",";
  return h + "step,state,item,metric,value\n";
}

void write_timeseries(std::ostream& out, const Scenario& sc, int run, const std::vector<MetricRow>& rows, bool header) {
  if (header) out << timeseries_header({});
  write_timeseries_block(out, sc, run, sc.seed, {}, rows);
}

namespace {
// Formats rows into `buf`, handing it to `flush` whenever it grows past `flush_at`.
template <class Flush>
void format_block(fmt::memory_buffer& buf, const Scenario& sc, int run, std::uint64_t seed,
                  const std::vector<std::string>& sweep_cells, const std::vector<MetricRow>& rows, std::size_t flush_at,
                  const RowFilter* filter, Flush flush) {
  std::string prefix = fmt::format("{},{},{},", csv_field(sc.name), run, seed_text(seed));
  for (const auto& c : sweep_cells) prefix += csv_field(c) + ",";
  // Labels are looked up once, not formatted per row.
  std::vector<std::string> states(sc.world.states.size()), items(sc.world.items.size());
  for (std::uint32_t s = 0; s < states.size(); ++s) states[s] = state_label(sc, s);
  for (std::uint32_t i = 0; i < items.size(); ++i) items[i] = item_label(sc, i);
  for (const auto& r : rows) {
    if (filter && !filter->keeps(r)) continue;
    const std::string& state = r.state < states.size() ? states[r.state] : state_label(sc, r.state);
    const std::string& item = r.item < items.size() ? items[r.item] : item_label(sc, r.item);
    fmt::format_to(std::back_inserter(buf), "{}{},{},{},{},{}\n", prefix, r.step, state, item, to_string(r.metric),
                   r.value);
    if (buf.size() > flush_at) flush(buf);
  }
  flush(buf);
}
}  // namespace

void write_timeseries_block(std::ostream& out, const Scenario& sc, int run, std::uint64_t seed,
                            const std::vector<std::string>& sweep_cells, const std::vector<MetricRow>& rows,
                            const RowFilter* filter) {
  fmt::memory_buffer buf;
  format_block(buf, sc, run, seed, sweep_cells, rows, std::size_t{1} << 20, filter, [&](fmt::memory_buffer& b) {
    out.write(b.data(), static_cast<std::streamsize>(b.size()));
    b.clear();
  });
}

std::string timeseries_block(const Scenario& sc, int run, std::uint64_t seed, const std::vector<std::string>& sweep_cells,
                             const std::vector<MetricRow>& rows, const RowFilter* filter) {
  fmt::memory_buffer buf;
  buf.reserve(filter ? 4096 : rows.size() * 64);
  format_block(buf, sc, run, seed, sweep_cells, rows, SIZE_MAX, filter, [](fmt::memory_buffer&) {});
  return fmt::to_string(buf);
}

}  // namespace regimesim::output
