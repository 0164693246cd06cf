#include "behaviour/build_at_home.hpp"

#include <algorithm>

#include "random/counter_draw.hpp"

namespace regimesim::behaviour {

BuildAtHomeRule::BuildAtHomeRule(const BuildAtHome& rule, std::size_t states, const std::vector<Item>& items,
                                 const engine::SupplyNetwork& net, const engine::Equilibrium& eq, const random::RunSeed& seed)
    : rule_(rule), items_(items), net_(net), eq_(eq), seed_(seed) {
  const std::size_t S = states, I = items.size();
  baseline_need_.assign(S * I, 0.0);
  denied_need_.assign(S * I, 0.0);
  build_ready_at_.assign(S * I, kNoProgramme);
  build_capacity_.assign(S * I, 0.0);
  for (std::uint32_t b = 0; b < net.buyer_count(); ++b)
    for (const std::uint32_t k : net.slots_of(b))
      baseline_need_[net.buyer_state[b] * I + net.slot_item[k]] +=
          b < net.firm_count ? net.slot_coefficient[k] * eq.output[b] : net.slot_coefficient[k];
}

void BuildAtHomeRule::note_denial(const engine::RunState& s, std::uint32_t b, std::uint32_t k, std::uint32_t l) {
  if (!(s.order[l] > 0)) return;
  denied_need_[net_.buyer_state[b] * items_.size() + net_.slot_item[k]] += s.order[l];
}

double BuildAtHomeRule::home_capacity(StateId state, ItemId item) const {
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
void BuildAtHomeRule::invest_at_home(engine::RunState& s) {
  const std::size_t I = items_.size();
  if (rule_.threshold > 0)
    for (std::size_t cell = 0; cell < denied_need_.size(); ++cell) {
      if (build_ready_at_[cell] != kNoProgramme || !(baseline_need_[cell] > 0) ||
          denied_need_[cell] < rule_.threshold * baseline_need_[cell])
        continue;
      const auto state = static_cast<StateId>(cell / I);
      const auto item = static_cast<ItemId>(cell % I);
      if (!(home_capacity(state, item) > 0)) continue;  // nothing to build on: no maker of the item at home
      const int tier = items_[item].technology_tier;
      const bool success = random::uniform(seed_, random::kBuildAtHome, state, item) < rule_.success_at(tier);
      build_ready_at_[cell] = success ? s.step + rule_.delay_for(tier) : kFailedProgramme;
      build_capacity_[cell] = rule_.capacity_share * denied_need_[cell];
    }
  std::fill(denied_need_.begin(), denied_need_.end(), 0.0);
  delivered_now_.clear();
  for (std::size_t cell = 0; cell < build_ready_at_.size(); ++cell) {
    if (build_ready_at_[cell] != s.step) continue;
    delivered_now_.push_back(static_cast<std::uint32_t>(cell));
    const auto state = static_cast<StateId>(cell / I);
    const auto item = static_cast<ItemId>(cell % I);
    const double home = home_capacity(state, item);
    for (auto m = net_.item_maker_begin[item]; m < net_.item_maker_begin[item + 1]; ++m) {
      const FirmId f = net_.item_makers[m];
      if (net_.buyer_state[f] == state) s.capacity[f] += build_capacity_[cell] * eq_.capacity[f] / home;
    }
    s.capacity_built[cell] += build_capacity_[cell];
  }
}

bool BuildAtHomeRule::nothing_due_from(int step) const {
  return std::none_of(build_ready_at_.begin(), build_ready_at_.end(), [&](int at) { return at >= step; });
}

}  // namespace regimesim::behaviour
