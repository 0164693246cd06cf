// The agents' answers to controls, as phases of the step (docs/DOMAIN.md sections 2 and 4;
// parameters in model/responses.hpp). Every chance is a counter-based draw on the
// run's seed and the coordinates of the decision, so the answers do not depend on
// the order buyers are visited in, and the baseline (which no control touches)
// never draws them.
#include <algorithm>

#include "engine/simulation.hpp"
#include "random/counter_draw.hpp"

namespace regimesim::engine {

void Simulation::note_denial(std::uint32_t b, std::uint32_t k, std::uint32_t l) {
  if (!(s_.order[l] > 0)) return;
  denied_need_[net_.buyer_state[b] * scenario_.world.items.size() + net_.slot_item[k]] += s_.order[l];
  const int delay = scenario_.responses.resourcing.search_delay;
  if (delay <= 0) return;
  if (s_.denied_steps[l] < 0xffff) ++s_.denied_steps[l];
  if (s_.denied_steps[l] >= delay) searching_.push_back({b, k, l});
}

// A buyer cut off for search_delay steps first considers a front (with the
// diversion propensity, where a front could evade every control in the way), and
// otherwise looks for a maker no control covers. Found nothing: it tries again
// after another search_delay.
void Simulation::search_suppliers() {
  for (const Search& q : searching_) {
    s_.denied_steps[q.link] = 0;
    if (diversion_.tries_front(s_, q.link) && diversion_.divert(s_, q.buyer, q.link)) continue;
    resource(q.buyer, q.slot, q.link);
  }
  searching_.clear();
}

// The new supplier is drawn among the makers of the item that no control covers for
// this buyer, that do not decline it, and that it does not already buy from; in
// proportion to their spare capacity (or capacity, if none has any to spare). When
// no maker of the item qualifies, the buyer falls back on the item's lower-tier
// substitutes, in the order the item lists them, and needs 1 / (1 - penalty) units
// of the substitute per unit of the item. The new supplier takes over the link: its
// baseline share, with the share the buyer left on it, which the buyer rebuilds as
// the new supplier delivers.
void Simulation::find_suppliers(std::uint32_t b, std::uint32_t k, std::uint32_t l, ItemId item,
                                std::vector<FirmId>& candidates, std::vector<double>& weight) const {
  candidates.clear();
  weight.clear();
  // The slot's current suppliers, sorted once per search: a buyer with many
  // suppliers is then O((makers + links) log links), not makers x links, per search.
  // A few links are cheaper to scan than to sort.
  const auto first = net_.slot_link_begin[k], last = net_.slot_link_begin[k + 1];
  constexpr std::uint32_t kScanUpTo = 8;
  std::vector<FirmId> current;
  if (last - first > kScanUpTo) {
    current.assign(s_.supplier.begin() + first, s_.supplier.begin() + last);
    std::sort(current.begin(), current.end());
  }
  auto supplies_already = [&](FirmId f) {
    if (last - first > kScanUpTo) return std::binary_search(current.begin(), current.end(), f);
    for (auto j = first; j < last; ++j)
      if (s_.supplier[j] == f) return true;
    return false;
  };
  double spare_total = 0;
  for (auto m = net_.item_maker_begin[item]; m < net_.item_maker_begin[item + 1]; ++m) {
    const FirmId f = net_.item_makers[m];
    if (f == b || !(s_.capacity[f] > 0)) continue;
    if (supplies_already(f) || !policy_.free_to_ship(s_.step, net_, b, f) || over_compliance_.declines(b, l, f)) continue;
    candidates.push_back(f);
    weight.push_back(std::max(0.0, s_.capacity[f] - s_.output[f]));
    spare_total += weight.back();
  }
  if (!(spare_total > 0))
    for (std::size_t c = 0; c < candidates.size(); ++c) weight[c] = s_.capacity[candidates[c]];
}

bool Simulation::resource(std::uint32_t b, std::uint32_t k, std::uint32_t l) {
  const Item& needed = scenario_.world.items[net_.slot_item[k]];
  std::vector<FirmId> candidates;
  std::vector<double> weight;
  double yield = 1.0;
  find_suppliers(b, k, l, net_.slot_item[k], candidates, weight);
  for (std::size_t option = 0; candidates.empty() && option < needed.substitutes.size(); ++option) {
    find_suppliers(b, k, l, needed.substitutes[option].item, candidates, weight);
    yield = 1.0 - needed.substitutes[option].penalty;
  }
  if (candidates.empty()) return false;
  double total = 0;
  for (double w : weight) total += w;
  double pick = random::uniform(seed_, random::kSupplierSearch, l, static_cast<std::uint64_t>(s_.step)) * total;
  std::size_t chosen = candidates.size() - 1;
  for (std::size_t c = 0; c < candidates.size(); ++c) {
    if (pick < weight[c]) {
      chosen = c;
      break;
    }
    pick -= weight[c];
  }
  s_.supplier[l] = candidates[chosen];
  s_.yield[l] = yield;
  if (net_.buyer_item[candidates[chosen]] != net_.slot_item[k]) s_.substituted[k] = 1;  // a lower tier, whatever its penalty
  s_.verdict[l] = policy::Verdict::allowed;
  s_.licence_control[l] = policy::kNoLicence;
  s_.licence_status[l] = LicenceStatus::none;
  s_.outcome[l] = Outcome::shipped;
  s_.availability[l] = 1.0;
  s_.switching_cost[net_.buyer_state[b]] += scenario_.responses.resourcing.switching_cost * eq_.link_flow[l];
  return true;
}

double Simulation::home_capacity(StateId state, ItemId item) const {
  double home = 0;
  for (auto m = net_.item_maker_begin[item]; m < net_.item_maker_begin[item + 1]; ++m)
    if (net_.buyer_state[net_.item_makers[m]] == state) home += eq_.capacity[net_.item_makers[m]];
  return home;
}

// A state whose buyers were denied at least `threshold` of their baseline need of an
// item in one step, and which has makers of it, starts a programme once: it succeeds
// with a probability falling with the item's tier, and after lag_per_tier x tier
// steps adds capacity_share x the quantity denied that step to its makers, in
// proportion to their baseline capacity.
void Simulation::invest_at_home() {
  const BuildAtHome& rule = scenario_.responses.build_at_home;
  const std::size_t I = scenario_.world.items.size();
  if (rule.threshold > 0)
    for (std::size_t cell = 0; cell < denied_need_.size(); ++cell) {
      if (build_ready_at_[cell] != kNoProgramme || !(baseline_need_[cell] > 0) ||
          denied_need_[cell] < rule.threshold * baseline_need_[cell])
        continue;
      const auto state = static_cast<StateId>(cell / I);
      const auto item = static_cast<ItemId>(cell % I);
      if (!(home_capacity(state, item) > 0)) continue;  // nothing to build on: no maker of the item at home
      const int tier = scenario_.world.items[item].technology_tier;
      const bool success = random::uniform(seed_, random::kBuildAtHome, state, item) < rule.success_at(tier);
      build_ready_at_[cell] = success ? s_.step + rule.delay_for(tier) : kFailedProgramme;
      build_capacity_[cell] = rule.capacity_share * denied_need_[cell];
    }
  std::fill(denied_need_.begin(), denied_need_.end(), 0.0);
  for (std::size_t cell = 0; cell < build_ready_at_.size(); ++cell) {
    if (build_ready_at_[cell] != s_.step) continue;
    const auto state = static_cast<StateId>(cell / I);
    const auto item = static_cast<ItemId>(cell % I);
    const double home = home_capacity(state, item);
    for (auto m = net_.item_maker_begin[item]; m < net_.item_maker_begin[item + 1]; ++m) {
      const FirmId f = net_.item_makers[m];
      if (net_.buyer_state[f] == state) s_.capacity[f] += build_capacity_[cell] * eq_.capacity[f] / home;
    }
    s_.capacity_built[cell] += build_capacity_[cell];
  }
}

}  // namespace regimesim::engine
