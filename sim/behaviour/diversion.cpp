#include "behaviour/diversion.hpp"

#include <algorithm>
#include <vector>

#include "random/counter_draw.hpp"

namespace regimesim::behaviour {

bool DiversionRule::tries_front(const engine::RunState& s, std::uint32_t b, std::uint32_t l) const {
  const double propensity = rule_.propensity_for(net_.buyer_state[b]);
  const bool controlled = s.verdict[l] != policy::Verdict::declined;  // a declined sale is legal
  return controlled && propensity > 0 &&
         random::uniform(seed_, random::kDiversionChoice, net_.link_key[l], static_cast<std::uint64_t>(s.step)) < propensity;
}

bool DiversionRule::divert(engine::RunState& s, std::uint32_t b, std::uint32_t l) const {
  const StateId buyer_state = net_.buyer_state[b], supplier_state = net_.buyer_state[s.supplier[l]];
  // A group of makers that refuses orders through fronts (its due diligence) leaves the
  // buyer to re-source; a maker in no group takes them.
  if (const MakerGroupValue* g = rule_.fronts_by_maker_group.empty() ? nullptr
                                 : group_for(rule_.fronts_by_maker_group, supplier_state, net_.buyer_item[s.supplier[l]]))
    if (!(random::uniform(seed_, random::kFrontDiligence, net_.link_key[l], static_cast<std::uint64_t>(s.step)) < g->value)) return false;
  std::vector<StateId> open;
  for (StateId via : rule_.intermediaries)
    if (via != buyer_state && via != supplier_state && policy_.evaded_through(s.step, net_, b, s.supplier[l], via, &s.caught_by_reach))
      open.push_back(via);
  if (open.empty()) return false;
  const double u = random::uniform(seed_, random::kFrontState, net_.link_key[l], static_cast<std::uint64_t>(s.step));
  s.via[l] = static_cast<std::uint16_t>(open[std::min(open.size() - 1, static_cast<std::size_t>(u * open.size()))]);
  return true;
}

}  // namespace regimesim::behaviour
