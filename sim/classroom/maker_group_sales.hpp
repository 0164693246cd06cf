// A group of one state's makers of some items ("the Dutch makers of chip equipment"),
// played by a firm team: what it sells month by month, in the run and in its baseline,
// the figures a firm weighs (its sales, its sales to the controls' targets, its revenue,
// its share of the world's output of its items, and what its competitors gained).
//
// Read from each month's shipments: one pass over the links per group and run. A
// link's supplier is the run's own (a buyer that re-sources moves its orders), so
// sales follow the buyers wherever they went.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <vector>

#include "engine/run_state.hpp"
#include "engine/supply_network.hpp"
#include "model/world.hpp"

namespace regimesim::classroom {

struct MakerGroup {
  StateId state;
  std::vector<ItemId> items;  // sorted
};

// One month of a group, in one run. Quantities in baseline-price units.
struct GroupMonth {
  double sales = 0;        // shipped by the group's makers (to every buyer, at home and abroad)
  double to_targets = 0;   // ... to buyers in the states the controls name
  double revenue = 0;      // shipped x the maker's price (relative to the baseline price, 1)
  double output = 0;       // made by the group's makers
  double item_output = 0;  // made by every maker of the group's items, the group's too
  double competitors = 0;  // shipped by every other maker of the group's items
  std::vector<double> competitors_by_state;  // ... per state
};

class MakerGroupSales {
 public:
  // `targets`: per state, whether some control (not a counter-control) names it.
  MakerGroupSales(MakerGroup group, const engine::SupplyNetwork& net, std::vector<bool> targets);

  const MakerGroup& group() const { return group_; }
  void record(const engine::RunState& run, const engine::RunState& baseline);
  // The dashboard's series: [month, value, baseline] per month recorded.
  nlohmann::json view(const World& w) const;

 private:
  GroupMonth measure(const engine::RunState& s) const;

  enum Tag : std::uint8_t { other = 0, member = 1, competitor = 2 };
  MakerGroup group_;
  const engine::SupplyNetwork& net_;
  std::vector<bool> targets_;      // per state
  std::vector<std::uint8_t> tag_;  // per firm
  std::vector<GroupMonth> run_, baseline_;  // per month recorded
};

}  // namespace regimesim::classroom
