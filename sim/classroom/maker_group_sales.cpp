#include "classroom/maker_group_sales.hpp"

#include <algorithm>

namespace regimesim::classroom {

MakerGroupSales::MakerGroupSales(MakerGroup group, const engine::SupplyNetwork& net, std::vector<bool> targets)
    : group_(std::move(group)), net_(net), targets_(std::move(targets)), tag_(net.firm_count, other) {
  for (ItemId i : group_.items)
    for (auto k = net.item_maker_begin[i]; k < net.item_maker_begin[i + 1]; ++k) {
      const FirmId f = net.item_makers[k];
      tag_[f] = net.buyer_state[f] == group_.state ? member : competitor;
    }
}

GroupMonth MakerGroupSales::measure(const engine::RunState& s) const {
  GroupMonth m;
  m.competitors_by_state.assign(targets_.size(), 0.0);
  for (std::uint32_t b = 0; b < net_.buyer_count(); ++b) {
    const bool target = targets_[net_.buyer_state[b]];
    for (const std::uint32_t k : net_.slots_of(b))
      for (auto l = net_.slot_link_begin[k]; l < net_.slot_link_begin[k + 1]; ++l) {
        const FirmId f = s.supplier[l];
        const double shipped = s.in_transit[l];
        if (tag_[f] == member) {
          m.sales += shipped;
          m.revenue += shipped * s.price[f];
          if (target) m.to_targets += shipped;
        } else if (tag_[f] == competitor) {
          m.competitors += shipped;
          m.competitors_by_state[net_.buyer_state[f]] += shipped;
        }
      }
  }
  for (FirmId f = 0; f < net_.firm_count; ++f) {
    if (tag_[f] == other) continue;
    m.item_output += s.output[f];
    if (tag_[f] == member) m.output += s.output[f];
  }
  return m;
}

void MakerGroupSales::record(const engine::RunState& run, const engine::RunState& baseline) {
  run_.push_back(measure(run));
  baseline_.push_back(measure(baseline));
}

nlohmann::json MakerGroupSales::view(const World& w) const {
  using nlohmann::json;
  auto series = [&](auto figure) {
    json points = json::array();
    for (std::size_t t = 0; t < run_.size(); ++t) points.push_back({t, figure(run_[t]), figure(baseline_[t])});
    return points;
  };
  auto share = [](const GroupMonth& m) { return m.item_output > 0 ? m.output / m.item_output : 0.0; };
  json revenue_lost = json::array();
  for (std::size_t t = 0; t < run_.size(); ++t)
    revenue_lost.push_back({t, baseline_[t].revenue > 0 ? 1 - run_[t].revenue / baseline_[t].revenue : 0.0});
  // This month's gain of each competing state, the largest first.
  json gains = json::array();
  if (!run_.empty()) {
    std::vector<std::pair<double, StateId>> by_state;
    for (StateId s = 0; s < w.states.size(); ++s) {
      const double gain = run_.back().competitors_by_state[s] - baseline_.back().competitors_by_state[s];
      if (gain != 0) by_state.push_back({gain, s});
    }
    std::stable_sort(by_state.begin(), by_state.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
    for (const auto& [gain, s] : by_state)
      gains.push_back({{"state", w.states[s].code}, {"name", w.states[s].name}, {"gain", gain},
                       {"baseline", baseline_.back().competitors_by_state[s]}});
  }
  json items = json::array(), targets = json::array();
  for (ItemId i : group_.items) items.push_back({{"id", w.items[i].id}, {"name", w.items[i].name}});
  for (StateId s = 0; s < targets_.size(); ++s)
    if (targets_[s]) targets.push_back(w.states[s].code);
  return {{"state", w.states[group_.state].code},
          {"items", items},
          {"targets", targets},
          {"sales", series([](const GroupMonth& m) { return m.sales; })},
          {"sales_to_targets", series([](const GroupMonth& m) { return m.to_targets; })},
          {"revenue", series([](const GroupMonth& m) { return m.revenue; })},
          {"revenue_lost", revenue_lost},
          {"market_share", series(share)},
          {"competitors_sales", series([](const GroupMonth& m) { return m.competitors; })},
          {"competitors_gain_by_state", gains}};
}

}  // namespace regimesim::classroom
