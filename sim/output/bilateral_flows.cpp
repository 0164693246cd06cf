#include "output/bilateral_flows.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <tuple>
#include <unordered_map>

#include "output/metrics.hpp"
#include "output/tidy_table.hpp"

namespace regimesim::output {

void append_flows(int step, const engine::SupplyNetwork& net, const engine::RunState& run,
                  const engine::RunState& baseline, std::vector<FlowRow>& rows, const std::vector<FirmId>& firms) {
  struct Cell {
    std::uint64_t key;
    double value = 0, baseline = 0;
  };
  std::vector<Cell> cells;
  std::unordered_map<std::uint64_t, std::uint32_t> index;
  auto cell = [&](StateId from, StateId to, ItemId item, bool controlled) -> Cell& {
    const std::uint64_t key = static_cast<std::uint64_t>(from) << 48 | static_cast<std::uint64_t>(to) << 32 |
                              static_cast<std::uint64_t>(item) << 1 | (controlled ? 1u : 0u);
    auto [it, fresh] = index.try_emplace(key, static_cast<std::uint32_t>(cells.size()));
    if (fresh) cells.push_back(Cell{key});
    return cells[it->second];
  };
  for (std::uint32_t b = 0; b < net.buyer_count(); ++b) {
    const StateId to = net.buyer_state[b];
    for (auto k = net.buyer_slot_begin[b]; k < net.buyer_slot_begin[b + 1]; ++k)
      for (auto l = net.slot_link_begin[k]; l < net.slot_link_begin[k + 1]; ++l) {
        // The baseline's flow on a link is filed under the run's verdict for it, so the
        // two columns compare the same links.
        const bool controlled = run.verdict[l] != policy::Verdict::allowed;
        if (run.in_transit[l] != 0) {
          const FirmId s = run.supplier[l];
          cell(net.buyer_state[s], to, net.buyer_item[s], controlled).value += run.in_transit[l];
        }
        if (baseline.in_transit[l] != 0) {
          const FirmId s = baseline.supplier[l];
          cell(net.buyer_state[s], to, net.buyer_item[s], controlled).baseline += baseline.in_transit[l];
        }
      }
  }
  std::sort(cells.begin(), cells.end(), [](const Cell& a, const Cell& b) { return a.key < b.key; });
  for (const Cell& c : cells)
    rows.push_back(FlowRow{step, static_cast<StateId>(c.key >> 48), static_cast<StateId>((c.key >> 32) & 0xffff),
                           static_cast<ItemId>((c.key >> 1) & 0x7fffffff), (c.key & 1) != 0, c.value, c.baseline});
  // A named firm's own suppliers, by state: a few links each, so a sorted map will do.
  for (std::uint32_t r = 0; r < firms.size(); ++r) {
    const FirmId f = firms[r];
    std::map<std::tuple<StateId, ItemId, bool>, std::pair<double, double>> mine;
    for (auto k = net.buyer_slot_begin[f]; k < net.buyer_slot_begin[f + 1]; ++k)
      for (auto l = net.slot_link_begin[k]; l < net.slot_link_begin[k + 1]; ++l) {
        const bool controlled = run.verdict[l] != policy::Verdict::allowed;
        if (run.in_transit[l] != 0) {
          const FirmId s = run.supplier[l];
          mine[{net.buyer_state[s], net.buyer_item[s], controlled}].first += run.in_transit[l];
        }
        if (baseline.in_transit[l] != 0) {
          const FirmId s = baseline.supplier[l];
          mine[{net.buyer_state[s], net.buyer_item[s], controlled}].second += baseline.in_transit[l];
        }
      }
    for (const auto& [key, v] : mine)
      rows.push_back(FlowRow{step, std::get<0>(key), kFirmGroup + r, std::get<1>(key), std::get<2>(key), v.first, v.second});
  }
}

std::string flows_header() { return "step,exporter,importer,item,controlled,value,baseline_value\n"; }

void write_flows(std::ostream& out, const Scenario& sc, const std::vector<FlowRow>& rows, FlowItems which) {
  std::vector<bool> keep(sc.world.items.size(), which == FlowItems::all);
  if (which == FlowItems::controlled)
    for (const Control& c : sc.controls)
      for (ItemId i : c.items) keep[i] = true;
  std::vector<std::string> items(sc.world.items.size());
  for (std::uint32_t i = 0; i < items.size(); ++i) items[i] = item_label(sc, i);
  fmt::memory_buffer buf;
  fmt::format_to(std::back_inserter(buf), "{}", flows_header());
  for (const FlowRow& r : rows) {
    // A named firm's rows are few, and show from whom it buys every input: all kept.
    if (!keep[r.item] && !is_firm_group(r.importer)) continue;
    fmt::format_to(std::back_inserter(buf), "{},{},{},{},{},{},{}\n", r.step, sc.world.states[r.exporter].code,
                   is_firm_group(r.importer) ? state_label(sc, r.importer) : sc.world.states[r.importer].code,
                   items[r.item], r.controlled ? "yes" : "no", r.value, r.baseline);
    if (buf.size() > (std::size_t{1} << 20)) {
      out.write(buf.data(), static_cast<std::streamsize>(buf.size()));
      buf.clear();
    }
  }
  out.write(buf.data(), static_cast<std::streamsize>(buf.size()));
}

}  // namespace regimesim::output
