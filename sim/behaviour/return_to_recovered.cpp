// Coming back to a supplier that recovered (responses.resourcing.return_after): a buyer
// that left a supplier because it could not deliver (starvation re-sourcing) goes back
// to it once it can. Without this rule a starved buyer never returns: a listed firm
// whose inputs come back keeps no customers (docs/VALIDATION.md, the Huawei listing
// traced link by link), and a maker short for a few months loses its buyers for good.
//
// The link remembers the supplier it left at its first starvation move (a later
// starvation move keeps it) and the one it moved to. Each step after the searches, while
// the link is still with the supplier it moved to, it counts the steps in a row the one
// it left has usable room (read as a starved search reads it: capacity - output, none
// where its own inputs are short or held its output back) and could ship to the buyer
// (no control covers the shipment, the exporter does not decline it). After
// return_after such steps it moves back: the link takes its old supplier, pays the
// switching cost again, and does not qualify it again (the buyer qualified it before);
// the new supplier's grace (starved_grace) applies, as to any move. A move for a control,
// to a lower-tier substitute, home, or by design-out ends the memory: the buyer's choice
// then stands.
#include "behaviour/resourcing.hpp"

#include <algorithm>

#include "behaviour/link_takeover.hpp"

namespace regimesim::behaviour {

void ResourcingRule::remember_left(std::uint32_t l, FirmId left, FirmId now) {
  if (rule_.return_after <= 0) return;
  if (left_.empty()) {
    left_.assign(net_.link_count(), kNoSupplier);
    went_to_.assign(net_.link_count(), kNoSupplier);
    recovered_steps_.assign(net_.link_count(), 0);
  }
  if (left_[l] == kNoSupplier) left_[l] = left;
  if (left_[l] == now) {  // a search took it back to the supplier it first left: nothing to return to
    left_[l] = went_to_[l] = kNoSupplier;
    recovered_steps_[l] = 0;
    return;
  }
  went_to_[l] = now;
  recovered_steps_[l] = 0;
}

void ResourcingRule::return_to_recovered(engine::RunState& s, const OverComplianceRule& over_compliance,
                                         QualificationRule& qualification) {
  if (rule_.return_after <= 0 || rule_.starved_delay <= 0 || left_.empty()) return;
  if (room_read_at_ != s.step) read_usable_room(s);
  for (std::uint32_t b = 0; b < net_.buyer_count(); ++b)
    for (const std::uint32_t k : net_.slots_of(b))
      for (auto l = net_.slot_link_begin[k]; l < net_.slot_link_begin[k + 1]; ++l) {
        const FirmId old = left_[l];
        if (old == kNoSupplier) continue;
        if (s.supplier[l] != went_to_[l]) {  // moved since by another answer: its choice stands
          left_[l] = kNoSupplier;
          continue;
        }
        const bool room = usable_room_[old] > 0 && policy_.free_to_ship(s.step, net_, b, old, &s.caught_by_reach) &&
                          !over_compliance.declines(b, l, old);
        recovered_steps_[l] = room ? static_cast<std::uint16_t>(std::min<int>(recovered_steps_[l] + 1, 0xffff)) : 0;
        if (recovered_steps_[l] < rule_.return_after) continue;
        take_over_link(s, changes_, k, l, old, 1.0);  // only a link that left a maker of the slot's own item remembers it
        s.denied_steps[l] = 0;
        s.via[l] = engine::kDirect;
        s.switching_cost[net_.buyer_state[b]] += rule_.switching_cost * eq_.link_flow[l];
        qualification.returned(l);
        left_[l] = went_to_[l] = kNoSupplier;
        recovered_steps_[l] = 0;
      }
}

}  // namespace regimesim::behaviour
