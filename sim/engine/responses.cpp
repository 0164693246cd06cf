// The agents' answers to controls, as phases of the step (docs/DOMAIN.md sections 2 and 4;
// parameters in model/responses.hpp). Every chance is a counter-based draw on the
// run's seed and the coordinates of the decision, so the answers do not depend on
// the order buyers are visited in, and the baseline (which no control touches)
// never draws them.
#include <algorithm>

#include "engine/simulation.hpp"
#include "random/counter_draw.hpp"

namespace regimesim::engine {

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
