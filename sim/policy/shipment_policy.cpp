#include "policy/shipment_policy.hpp"

namespace regimesim::policy {
namespace {

// Control `index`'s row of the run's recomputed reach, or null for the baseline's.
const std::uint8_t* caught_row(const std::vector<std::uint8_t>* caught, std::size_t index,
                               const engine::SupplyNetwork& net) {
  return caught && !caught->empty() ? caught->data() + index * net.firm_count : nullptr;
}

}  // namespace

bool ShipmentPolicy::changes_at(int step) const {
  if (!plan_) return false;
  for (const auto& c : plan_->controls()) {
    if (c.control->start_step == step || c.control->end_step == step) return true;
    if (c.control->wind_down_steps > 0 && c.control->start_step + c.control->wind_down_steps == step) return true;
    if (!c.control->issuer.candidates.empty() && !c.control->issuer.join_when && c.control->issuer.decide_at == step)
      return true;
    for (const MembershipChange& m : c.control->issuer.changes)
      if (m.step == step) return true;
  }
  return false;
}

void ShipmentPolicy::decide_links(int step, const engine::SupplyNetwork& net, const std::vector<FirmId>& suppliers,
                                  std::vector<Verdict>& verdicts, std::vector<std::uint16_t>& licence_control,
                                  std::vector<std::uint16_t>* quota_control,
                                  const std::vector<std::uint8_t>* caught) const {
  verdicts.assign(net.link_count(), Verdict::allowed);
  licence_control.assign(net.link_count(), kNoLicence);
  if (quota_control) quota_control->assign(net.link_count(), kNoQuota);
  if (!plan_) return;
  const auto& controls = plan_->controls();
  for (std::size_t index = 0; index < controls.size(); ++index) {
    const CompiledControl& c = controls[index];
    if (!c.control->active_at(step)) continue;
    const bool licence = c.control->needs_licence();
    const bool quota = c.control->instrument == Instrument::quota;
    const std::uint8_t* row = caught_row(caught, index, net);
    for (std::uint32_t b = 0; b < net.buyer_count(); ++b) {
      if (!c.targeted[b] && !c.treated_targeted[b]) continue;
      const StateId destination = net.buyer_state[b];
      for (auto k = net.buyer_slot_begin[b]; k < net.buyer_slot_begin[b + 1]; ++k)
        for (auto l = net.slot_link_begin[k]; l < net.slot_link_begin[k + 1]; ++l) {
          if (!c.covers(net, suppliers[l], b, step, row)) continue;
          // Wind-down: an existing contract (the link's baseline supplier) still ships.
          if (c.control->winding_down(step) && suppliers[l] == net.link_supplier[l]) continue;
          if (quota && quota_control && (*quota_control)[l] == kNoQuota)
            (*quota_control)[l] = static_cast<std::uint16_t>(index);
          if (!licence && !quota) {
            verdicts[l] = Verdict::denied;
          } else if (!licence) {
            if (verdicts[l] == Verdict::allowed) verdicts[l] = Verdict::quota;
          } else if (!c.exception[destination] && (verdicts[l] == Verdict::allowed || verdicts[l] == Verdict::quota)) {
            verdicts[l] = Verdict::licence_required;
            licence_control[l] = static_cast<std::uint16_t>(index);
          }
        }
    }
  }
}

bool ShipmentPolicy::free_to_ship(int step, const engine::SupplyNetwork& net, std::uint32_t buyer,
                                  FirmId supplier, const std::vector<std::uint8_t>* caught) const {
  if (!plan_) return true;
  const auto& controls = plan_->controls();
  for (std::size_t index = 0; index < controls.size(); ++index) {
    const CompiledControl& c = controls[index];
    if (c.control->active_at(step) && !(c.control->needs_licence() && c.exception[net.buyer_state[buyer]]) &&
        c.covers(net, supplier, buyer, step, caught_row(caught, index, net)))
      return false;
  }
  return true;
}

bool ShipmentPolicy::evaded_through(int step, const engine::SupplyNetwork& net, std::uint32_t buyer,
                                    FirmId supplier, StateId via, const std::vector<std::uint8_t>* caught) const {
  if (!plan_) return true;
  const auto& controls = plan_->controls();
  for (std::size_t index = 0; index < controls.size(); ++index) {
    const CompiledControl& c = controls[index];
    if (c.control->active_at(step) && c.covers(net, supplier, buyer, step, caught_row(caught, index, net)) &&
        !c.evaded_through(via, net.buyer_state[supplier], step))
      return false;
  }
  return true;
}

std::vector<bool> ShipmentPolicy::controlling_states(int step, std::size_t states) const {
  std::vector<bool> out(states, false);
  if (!plan_) return out;
  for (const auto& c : plan_->controls())
    if (c.control->active_at(step))
      for (std::size_t s = 0; s < states; ++s) out[s] = out[s] || c.member_at(static_cast<StateId>(s), step);
  return out;
}

std::vector<bool> ShipmentPolicy::named_states(int step, std::size_t states) const {
  std::vector<bool> out(states, false);
  if (!plan_) return out;
  for (const auto& c : plan_->controls())
    if (c.control->active_at(step))
      for (std::size_t s = 0; s < states; ++s)
        if (c.named_state[s]) out[s] = true;
  return out;
}

}  // namespace regimesim::policy
