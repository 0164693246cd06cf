// Diversion: a cut-off buyer orders through a front company in a third state
// (docs/RESPONSES.md, "Diversion and enforcement").
//
// Parameters, the scenario's `responses.diversion` (Diversion, model/responses.hpp):
//   propensity      chance a cut-off buyer tries diversion before re-sourcing
//   propensity_by_state  the propensity for buyers in a state, over `propensity`
//   intermediaries  the third states fronts can sit in
//   fronts_by_maker_group  the chance a group of one state's makers of some items takes
//                  an order through a front (the rest its due diligence refuses; the
//                  buyer re-sources); every other maker takes it (a classroom firm team)
//
// The buyer considers a front when its search comes (resourcing.hpp), before it
// re-sources. What happens to the diverted orders is enforcement's (enforcement.hpp).
// Both draws (whether to try, which front) are counter-based on the run's seed, the
// link and the step, so they do not depend on the order buyers are visited in, and
// the baseline (which no control touches) never draws them.
#pragma once

#include <cstdint>

#include "engine/run_state.hpp"
#include "engine/supply_network.hpp"
#include "model/responses.hpp"
#include "policy/shipment_policy.hpp"
#include "random/run_seed.hpp"

namespace regimesim::behaviour {

class DiversionRule {
 public:
  DiversionRule(const Diversion& rule, const engine::SupplyNetwork& net, const policy::ShipmentPolicy& policy,
                const random::RunSeed& seed)
      : rule_(rule), net_(net), policy_(policy), seed_(seed) {}

  // Does `buyer`, searching on `link`, consider a front (the propensity draw, at
  // its own state's propensity)?
  bool tries_front(const engine::RunState& s, std::uint32_t buyer, std::uint32_t link) const;
  // Routes the link through a front, drawn evenly among the intermediaries where one
  // would get past every control in the way; false when none would.
  bool divert(engine::RunState& s, std::uint32_t buyer, std::uint32_t link) const;

 private:
  const Diversion& rule_;
  const engine::SupplyNetwork& net_;
  const policy::ShipmentPolicy& policy_;
  random::RunSeed seed_;
};

}  // namespace regimesim::behaviour
