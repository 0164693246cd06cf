#include "output/tidy_table.hpp"

#include <fmt/format.h>

namespace regimesim::output {
std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\n") == std::string::npos) return s;
  std::string q = "\"";
  for (char c : s) q += c == '"' ? std::string("\"\"") : std::string(1, c);
  return q + "\"";
}

void write_timeseries(std::ostream& out, const Scenario& sc, int run, const std::vector<MetricRow>& rows, bool header) {
  if (header) out << "scenario,run,seed,step,state,item,metric,value\n";
  const std::string prefix = fmt::format("{},{},{},", csv_field(sc.name), run, sc.seed);
  fmt::memory_buffer buf;
  for (const auto& r : rows) {
    const std::string& state = r.state == kWorld        ? std::string("WORLD")
                               : r.state == kDeveloping ? std::string("DEVELOPING")
                                                        : sc.world.states[r.state].code;
    const std::string& item = r.item == kAllItems ? std::string("all") : sc.world.items[r.item].id;
    fmt::format_to(std::back_inserter(buf), "{}{},{},{},{},{}\n", prefix, r.step, state, csv_field(item), to_string(r.metric),
                   r.value);
    if (buf.size() > (1 << 20)) {
      out.write(buf.data(), static_cast<std::streamsize>(buf.size()));
      buf.clear();
    }
  }
  out.write(buf.data(), static_cast<std::streamsize>(buf.size()));
}

}  // namespace regimesim::output
