#include "chokepoints/concentration.hpp"

#include <stdexcept>

namespace regimesim::analysis {

double herfindahl(const Eigen::VectorXd& amounts) {
  if (amounts.size() == 0) return 0.0;
  if (!(amounts.minCoeff() >= 0.0)) throw std::invalid_argument("herfindahl: amounts must be non-negative");
  const double total = amounts.sum();
  if (total <= 0.0) return 0.0;
  return (amounts / total).squaredNorm();
}

Eigen::MatrixXd item_group_output(const Suppliers& suppliers, int items, int groups) {
  const std::size_t n = suppliers.output.size();
  if (suppliers.item.size() != n || suppliers.group.size() != n || items < 0 || groups < 0)
    throw std::invalid_argument("item_group_output: one item and one group per supplier");
  Eigen::MatrixXd out = Eigen::MatrixXd::Zero(items, groups);
  for (std::size_t k = 0; k < n; ++k) {
    const int item = suppliers.item[k], group = suppliers.group[k];
    if (item < 0 || item >= items || group < 0 || group >= groups)
      throw std::invalid_argument("item_group_output: item or group out of range");
    if (!(suppliers.output[k] >= 0.0)) throw std::invalid_argument("item_group_output: output must be non-negative");
    out(item, group) += suppliers.output[k];
  }
  return out;
}

GroupConcentration group_concentration(const Eigen::VectorXd& output_by_group) {
  GroupConcentration c;
  c.hhi = herfindahl(output_by_group);
  const double total = output_by_group.sum();
  if (total <= 0.0) return c;
  Eigen::Index top = 0;
  output_by_group.maxCoeff(&top);  // first maximum: the lowest id on a tie
  c.top_group = static_cast<int>(top);
  c.top_share = output_by_group(top) / total;
  return c;
}

std::vector<GroupConcentration> group_concentration(const Suppliers& suppliers, int items, int groups) {
  const Eigen::MatrixXd by_group = item_group_output(suppliers, items, groups);
  std::vector<GroupConcentration> result;
  result.reserve(static_cast<std::size_t>(items));
  for (int i = 0; i < items; ++i) result.push_back(group_concentration(by_group.row(i).transpose()));
  return result;
}

std::vector<HeldItem> items_held_by_one_group(const Suppliers& suppliers, int items, int groups, double threshold) {
  std::vector<HeldItem> held;
  const auto concentration = group_concentration(suppliers, items, groups);
  for (int i = 0; i < items; ++i) {
    const auto& c = concentration[static_cast<std::size_t>(i)];
    if (c.top_group >= 0 && c.top_share > threshold) held.push_back({i, c.top_group, c.top_share});
  }
  return held;
}

std::vector<HeldItem> items_held_by_coalition(const Suppliers& suppliers, int items, int groups,
                                              const std::vector<int>& coalition, double threshold) {
  Eigen::VectorXd member = Eigen::VectorXd::Zero(groups);
  for (const int g : coalition) {
    if (g < 0 || g >= groups) throw std::invalid_argument("items_held_by_coalition: group out of range");
    member(g) = 1.0;  // a group named twice still counts once
  }
  const Eigen::MatrixXd by_group = item_group_output(suppliers, items, groups);
  const Eigen::VectorXd coalition_output = by_group * member;
  const Eigen::VectorXd world_output = by_group.rowwise().sum();
  std::vector<HeldItem> held;
  for (int i = 0; i < items; ++i) {
    if (world_output(i) <= 0.0) continue;
    const double share = coalition_output(i) / world_output(i);
    if (share > threshold) held.push_back({i, -1, share});
  }
  return held;
}

}  // namespace regimesim::analysis
