// flows.csv: what each state shipped to each state, per item and step, in the run
// and in its baseline, so that "exports of X from Japan to Korea fell 84% in a
// month" reads straight from the results. Aggregated from the links after each step,
// in a pass of its own (the step itself does no per-pair work).
#pragma once

#include <cstdint>
#include <ostream>
#include <vector>

#include "engine/run_state.hpp"
#include "engine/supply_network.hpp"
#include "model/scenario.hpp"

namespace regimesim::output {

struct FlowRow {
  int step;
  StateId exporter, importer;  // the same state for sales at home; importer may be a named firm (kFirmGroup + k)
  ItemId item;                 // what the supplier makes (a lower-tier substitute is its own item)
  bool controlled;             // a control covers the link at this step (its verdict is not `allowed`)
  double value;                // shipped in the step, in the run: a volume at baseline prices
  double baseline;             // shipped on the same links in the baseline run
};

// Appends one step's rows (only pairs where the run or the baseline ships something),
// in (exporter, importer, item, controlled) order; sums run in link order, so the
// bytes never depend on a thread count or a hash. Then, for each of the named `firms`
// in turn, the same rows with the firm as importer (importer = kFirmGroup + its place
// in the list, `firm:ID` in flows.csv): from whom, by state, it buys each input.
// Which rows a run keeps, by item id: those whose supplier makes an item `made` holds;
// and, so that the other inputs' links are not read at all, the inputs `asked` for
// an item whose rows some link can hold: the item itself or one of its lower-tier
// substitutes is kept. That rests on a link's supplier making its input's item or
// one of that item's substitutes, which every answer that moves a link keeps
// (behaviour/: re-sourcing, design-out, the return to a recovered supplier, bringing
// home; tests/sim/output/flows_test.cpp checks it on runs that move links).
struct FlowItemFilter {
  std::vector<bool> made, asked;
};
FlowItemFilter flow_item_filter(const World& world, std::vector<bool> made);

// `items`, when given, keeps the rows it lets through only (a named firm's rows are
// all kept, as write_flows writes them): a run keeps what its file will hold, not
// every pair of a world whose flows.csv names two items. The rows it keeps are those
// it would keep without it, bit for bit.
void append_flows(int step, const engine::SupplyNetwork& net, const engine::RunState& run,
                  const engine::RunState& baseline, std::vector<FlowRow>& rows,
                  const std::vector<FirmId>& firms = {}, const FlowItemFilter* items = nullptr);
// The same with only what it reads of the baseline: its links' flows in transit and
// their suppliers (a replayed baseline's, ensemble/baseline_cycle.hpp), and the links a
// stepped baseline's own answers moved this step (a starved buyer's search acts without
// controls: RunState::moved), whose flows the supplier before the move shipped. A
// replayed baseline moves none: no link changes supplier in its cycle.
struct BaselineLinks {
  const std::vector<double>& in_transit;
  const std::vector<FirmId>& supplier;
  const std::vector<engine::RunState::LinkBeforeMove>* moved = nullptr;  // settled, in link order
  // Who shipped what link l carries (RunState::shipped_by).
  FirmId shipped_by(std::uint32_t l) const {
    const engine::RunState::LinkBeforeMove* m =
        moved && !moved->empty() ? engine::RunState::find_move(*moved, l) : nullptr;
    return m ? m->supplier : supplier[l];
  }
};
// A stepped baseline's links, its moves with them.
inline BaselineLinks links_of(const engine::RunState& baseline) {
  return {baseline.in_transit, baseline.supplier, &baseline.moved};
}
void append_flows(int step, const engine::SupplyNetwork& net, const engine::RunState& run, BaselineLinks baseline,
                  std::vector<FlowRow>& rows, const std::vector<FirmId>& firms = {},
                  const FlowItemFilter* items = nullptr);

// The inputs whose links the flows read, importer by importer: each state's buyers in
// buyer order, each buyer's slots in its own order, only the slots an item filter asks
// for. The network and the filter never change in a run, so a run makes this once and
// reads every step only the slots it lists (a control names a few items of dozens, so
// most slots are never read), not every buyer's slots to pick those out.
struct FlowSlots {
  std::uint32_t states = 0, items = 0;
  std::vector<std::uint8_t> keep;               // by item: rows of this item are kept
  std::vector<std::uint32_t> importer_begin;   // size states + 1: where each importer's slots start
  std::vector<std::uint32_t> slots;
};
FlowSlots flow_slots(const engine::SupplyNetwork& net, const FlowItemFilter* items = nullptr);
// The same rows as above, the slots to read given.
void append_flows(int step, const engine::SupplyNetwork& net, const engine::RunState& run, BaselineLinks baseline,
                  const FlowSlots& slots, std::vector<FlowRow>& rows, const std::vector<FirmId>& firms = {});

std::string flows_header();
// Which items' rows flows.csv holds: by default the items some control of the scenario
// names (controlled and uncontrolled links alike, so substitution shows), or all items
// (about 140 MB for the default world over 24 steps), or none.
enum class FlowItems { controlled, all, none };
// By item id, whether flows.csv holds its rows (none: no item).
std::vector<bool> flow_items_kept(const Scenario& scenario, FlowItems items);
void write_flows(std::ostream& out, const Scenario& scenario, const std::vector<FlowRow>& rows,
                 FlowItems items = FlowItems::controlled);

}  // namespace regimesim::output
