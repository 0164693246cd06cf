#include "output/bilateral_flows.hpp"

#include <fmt/format.h>
#include <tbb/blocked_range.h>
#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <map>
#include <tuple>

#include "output/metrics.hpp"
#include "output/tidy_table.hpp"

namespace regimesim::output {

namespace {

// One (exporter, item, controlled) cell of the importer at hand.
struct PairCell {
  double value = 0, baseline = 0;
  bool touched = false;
};

}  // namespace

void append_flows(int step, const engine::SupplyNetwork& net, const engine::RunState& run,
                  const engine::RunState& baseline, std::vector<FlowRow>& rows, const std::vector<FirmId>& firms,
                  const FlowItemFilter* items) {
  append_flows(step, net, run, links_of(baseline), rows, firms, items);
}

FlowSlots flow_slots(const engine::SupplyNetwork& net, const FlowItemFilter* kept) {
  // Every link adds to a cell of its buyer's state, so the importers are taken one at
  // a time, each buyer's links in link order: a cell's sum runs over its links in link
  // order, as over all links at once, while the importer's cells sit in one dense
  // array of exporter x item x controlled, with no lookup by key.
  FlowSlots f;
  const std::uint32_t buyers = net.buyer_count();
  for (std::uint32_t b = 0; b < buyers; ++b) f.states = std::max(f.states, net.buyer_state[b] + 1);
  for (std::uint32_t i = 0; i < net.firm_count; ++i) f.items = std::max(f.items, net.buyer_item[i] + 1);
  // A cell of an item left out is never touched: the others sum the same links in the same order.
  std::vector<std::uint8_t> ask(f.items, 1);
  f.keep.assign(f.items, 1);
  if (kept)
    for (std::uint32_t i = 0; i < f.items; ++i) {
      f.keep[i] = i < kept->made.size() && kept->made[i];
      ask[i] = i < kept->asked.size() && kept->asked[i];
    }
  std::vector<std::uint32_t> by_state_begin(f.states + 1, 0), by_state(buyers);
  for (std::uint32_t b = 0; b < buyers; ++b) ++by_state_begin[net.buyer_state[b] + 1];
  for (std::uint32_t st = 0; st < f.states; ++st) by_state_begin[st + 1] += by_state_begin[st];
  {
    std::vector<std::uint32_t> at(by_state_begin.begin(), by_state_begin.end() - 1);
    for (std::uint32_t b = 0; b < buyers; ++b) by_state[at[net.buyer_state[b]]++] = b;
  }
  f.importer_begin.reserve(f.states + 1);
  f.importer_begin.push_back(0);
  for (std::uint32_t to = 0; to < f.states; ++to) {
    for (std::uint32_t at = by_state_begin[to]; at < by_state_begin[to + 1]; ++at)
      for (const std::uint32_t k : net.slots_of(by_state[at]))
        if (ask[net.slot_item[k]]) f.slots.push_back(k);  // else no link of this input can hold a kept row
    f.importer_begin.push_back(static_cast<std::uint32_t>(f.slots.size()));
  }
  f.slots.shrink_to_fit();
  return f;
}

void append_flows(int step, const engine::SupplyNetwork& net, const engine::RunState& run, BaselineLinks baseline,
                  std::vector<FlowRow>& rows, const std::vector<FirmId>& firms, const FlowItemFilter* kept) {
  append_flows(step, net, run, baseline, flow_slots(net, kept), rows, firms);
}

void append_flows(int step, const engine::SupplyNetwork& net, const engine::RunState& run, BaselineLinks baseline,
                  const FlowSlots& visit, std::vector<FlowRow>& rows, const std::vector<FirmId>& firms) {
  struct Cell {
    std::uint64_t key;
    double value, baseline;
  };
  const std::uint32_t states = visit.states, items = visit.items;
  const std::vector<std::uint8_t>& keep = visit.keep;
  // The importers are independent of one another: taken in parallel, each thread
  // keeping one dense array for the importers it takes, and their cells put together
  // in importer order before the sort, so the rows are the same on any thread count.
  struct Scratch {
    std::vector<PairCell> dense;
    std::vector<std::uint32_t> touched;
  };
  const std::size_t per_importer = static_cast<std::size_t>(states) * items * 2;
  tbb::enumerable_thread_specific<Scratch> scratch([&] { return Scratch{std::vector<PairCell>(per_importer), {}}; });
  std::vector<std::vector<Cell>> by_importer(states);
  tbb::parallel_for(tbb::blocked_range<std::uint32_t>(0, states, 1), [&](const tbb::blocked_range<std::uint32_t>& r) {
    Scratch& local = scratch.local();
    std::vector<PairCell>& dense = local.dense;
    std::vector<std::uint32_t>& touched = local.touched;
    auto cell = [&](FirmId supplier, bool controlled) -> PairCell& {
      const std::size_t i =
          (static_cast<std::size_t>(net.buyer_state[supplier]) * items + net.buyer_item[supplier]) * 2 +
          (controlled ? 1 : 0);
      PairCell& c = dense[i];
      if (!c.touched) {
        c.touched = true;
        touched.push_back(static_cast<std::uint32_t>(i));
      }
      return c;
    };
    for (std::uint32_t to = r.begin(); to < r.end(); ++to) {
      for (std::uint32_t at = visit.importer_begin[to]; at < visit.importer_begin[to + 1]; ++at) {
        const std::uint32_t k = visit.slots[at];
        for (auto l = net.slot_link_begin[k]; l < net.slot_link_begin[k + 1]; ++l) {
          // The baseline's flow on a link is filed under the run's verdict for it, so the
          // two columns compare the same links. A link its buyer moved this step is filed
          // as its order was decided, under the supplier that shipped what it carries.
          const engine::RunState::LinkBeforeMove* moved = run.before_move(l);
          const bool controlled = (moved ? moved->verdict : run.verdict[l]) != policy::Verdict::allowed;
          const FirmId from = moved ? moved->supplier : run.supplier[l];
          if (run.in_transit[l] != 0 && keep[net.buyer_item[from]]) cell(from, controlled).value += run.in_transit[l];
          if (baseline.in_transit[l] != 0) {
            const FirmId base_from = baseline.shipped_by(l);
            if (keep[net.buyer_item[base_from]]) cell(base_from, controlled).baseline += baseline.in_transit[l];
          }
        }
      }
      std::vector<Cell>& out = by_importer[to];
      out.reserve(touched.size());
      for (std::uint32_t i : touched) {
        PairCell& c = dense[i];
        const std::uint64_t from = i / 2 / items, item = i / 2 % items, controlled = i % 2;
        out.push_back(Cell{from << 48 | static_cast<std::uint64_t>(to) << 32 | item << 1 | controlled, c.value,
                           c.baseline});
        c = PairCell{};
      }
      touched.clear();
    }
  });
  std::vector<Cell> cells;
  for (const auto& importer : by_importer) cells.insert(cells.end(), importer.begin(), importer.end());
  std::sort(cells.begin(), cells.end(), [](const Cell& a, const Cell& b) { return a.key < b.key; });
  for (const Cell& c : cells)
    rows.push_back(FlowRow{step, static_cast<StateId>(c.key >> 48), static_cast<StateId>((c.key >> 32) & 0xffff),
                           static_cast<ItemId>((c.key >> 1) & 0x7fffffff), (c.key & 1) != 0, c.value, c.baseline});
  // A named firm's own suppliers, by state: a few links each, so a sorted map will do.
  for (std::uint32_t r = 0; r < firms.size(); ++r) {
    const FirmId f = firms[r];
    std::map<std::tuple<StateId, ItemId, bool>, std::pair<double, double>> mine;
    for (const std::uint32_t k : net.slots_of(f))
      for (auto l = net.slot_link_begin[k]; l < net.slot_link_begin[k + 1]; ++l) {
        const bool controlled = run.decided_verdict(l) != policy::Verdict::allowed;
        if (run.in_transit[l] != 0) {
          const FirmId s = run.shipped_by(l);
          mine[{net.buyer_state[s], net.buyer_item[s], controlled}].first += run.in_transit[l];
        }
        if (baseline.in_transit[l] != 0) {
          const FirmId s = baseline.shipped_by(l);
          mine[{net.buyer_state[s], net.buyer_item[s], controlled}].second += baseline.in_transit[l];
        }
      }
    for (const auto& [key, v] : mine)
      rows.push_back(FlowRow{step, std::get<0>(key), kFirmGroup + r, std::get<1>(key), std::get<2>(key), v.first, v.second});
  }
}

std::string flows_header() { return "step,exporter,importer,item,controlled,value,baseline_value\n"; }

FlowItemFilter flow_item_filter(const World& world, std::vector<bool> made) {
  made.resize(world.items.size(), false);
  std::vector<bool> asked(world.items.size(), false);
  for (std::size_t i = 0; i < world.items.size(); ++i) {
    asked[i] = made[i];
    for (const TierSubstitute& sub : world.items[i].substitutes) asked[i] = asked[i] || made[sub.item];
  }
  return {std::move(made), std::move(asked)};
}

std::vector<bool> flow_items_kept(const Scenario& sc, FlowItems which) {
  std::vector<bool> keep(sc.world.items.size(), which == FlowItems::all);
  if (which == FlowItems::controlled)
    for (const Control& c : sc.controls)
      for (ItemId i : c.items) keep[i] = true;
  return keep;
}

void write_flows(std::ostream& out, const Scenario& sc, const std::vector<FlowRow>& rows, FlowItems which) {
  const std::vector<bool> keep = flow_items_kept(sc, which);
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
