// How concentrated the supply of an item is: Herfindahl-Hirschman index over
// suppliers or over groups of suppliers (states), the leading group's share, and
// the items one group or a coalition of groups holds beyond a threshold.
#pragma once

#include <Eigen/Core>
#include <vector>

namespace regimesim::analysis {

// HHI = sum_k s_k^2 with s_k = amount_k / sum amounts: 1 for a monopoly, 1/K for
// K equal suppliers. On a 0..1 scale, not the antitrust 0..10,000. Amounts must
// be non-negative; a market with nothing in it has HHI 0 by convention.
double herfindahl(const Eigen::VectorXd& amounts);

// One row per supplier (a firm, or a state's sector): how much it makes, of which
// item in [0, items), and which group in [0, groups) it belongs to, e.g. its state.
struct Suppliers {
  std::vector<double> output;
  std::vector<int> item;
  std::vector<int> group;
};

// Output of each item (row) by each group (column), summed over suppliers.
// Throws std::invalid_argument on ragged rows, ids out of range or negative output.
Eigen::MatrixXd item_group_output(const Suppliers& suppliers, int items, int groups);

// Concentration of one item's supply among groups. top_group is the group with the
// largest share (the lowest id on a tie; -1 when the item has no supply).
struct GroupConcentration {
  double hhi = 0.0;
  int top_group = -1;
  double top_share = 0.0;
};
GroupConcentration group_concentration(const Eigen::VectorXd& output_by_group);
// One entry per item, from item_group_output.
std::vector<GroupConcentration> group_concentration(const Suppliers& suppliers, int items, int groups);

// Items in which a single group holds more than `threshold` of world supply
// (strictly more), with the group and its share, in item order.
struct HeldItem {
  int item = 0;
  int group = -1;  // the holder; -1 when a coalition holds it
  double share = 0.0;
};
std::vector<HeldItem> items_held_by_one_group(const Suppliers& suppliers, int items, int groups, double threshold);

// Items in which the coalition (a set of group ids, e.g. the states of a control
// regime) together holds more than `threshold` of world supply, in item order.
std::vector<HeldItem> items_held_by_coalition(const Suppliers& suppliers, int items, int groups,
                                              const std::vector<int>& coalition, double threshold);

}  // namespace regimesim::analysis
