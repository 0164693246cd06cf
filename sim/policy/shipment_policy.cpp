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

namespace {

// What control `c` (at `index`) does to one link its target `b`'s order goes down,
// on top of what the controls before it did: denied over licence required over quota
// over allowed; the first licence's and the first quota's index. decide_links and
// decide_link both go through here, so one link decided alone is decided as in the
// whole pass.
void apply_control(const CompiledControl& c, std::size_t index, int step, const engine::SupplyNetwork& net,
                   std::uint32_t b, std::uint32_t l, FirmId supplier, const std::uint8_t* row, Verdict& verdict,
                   std::uint16_t* licence_control, std::uint16_t* quota_control) {
  if (!c.covers(net, supplier, b, step, row)) return;
  // Wind-down: an existing contract (the link's baseline supplier) still ships.
  if (c.control->winding_down(step) && supplier == net.link_supplier[l]) return;
  const bool licence = c.control->needs_licence();
  const bool quota = c.control->instrument == Instrument::quota;
  if (quota && quota_control && *quota_control == kNoQuota) *quota_control = static_cast<std::uint16_t>(index);
  if (!licence && !quota) {
    verdict = Verdict::denied;
  } else if (!licence) {
    if (verdict == Verdict::allowed) verdict = Verdict::quota;
  } else if (!c.exception[net.buyer_state[b]] && (verdict == Verdict::allowed || verdict == Verdict::quota)) {
    verdict = Verdict::licence_required;
    if (licence_control) *licence_control = static_cast<std::uint16_t>(index);
  }
}

}  // namespace

void ShipmentPolicy::decide_links(int step, const engine::SupplyNetwork& net, const std::vector<FirmId>& suppliers,
                                  std::vector<Verdict>& verdicts, std::vector<std::uint16_t>& licence_control,
                                  std::vector<std::uint16_t>* quota_control,
                                  const std::vector<std::uint8_t>* caught) const {
  decide_links(step, net, suppliers, verdicts, &licence_control, quota_control, caught);
}

void ShipmentPolicy::decide_links(int step, const engine::SupplyNetwork& net, const std::vector<FirmId>& suppliers,
                                  std::vector<Verdict>& verdicts, std::vector<std::uint16_t>* licence_control,
                                  std::vector<std::uint16_t>* quota_control,
                                  const std::vector<std::uint8_t>* caught) const {
  verdicts.assign(net.link_count(), Verdict::allowed);
  if (licence_control) licence_control->assign(net.link_count(), kNoLicence);
  if (quota_control) quota_control->assign(net.link_count(), kNoQuota);
  if (!plan_) return;
  const auto& controls = plan_->controls();
  for (std::size_t index = 0; index < controls.size(); ++index) {
    const CompiledControl& c = controls[index];
    if (!c.control->active_at(step)) continue;
    const std::uint8_t* row = caught_row(caught, index, net);
    for (std::uint32_t b = 0; b < net.buyer_count(); ++b) {
      if (!c.targeted[b] && !c.treated_targeted[b]) continue;
      for (const std::uint32_t k : net.slots_of(b))
        for (auto l = net.slot_link_begin[k]; l < net.slot_link_begin[k + 1]; ++l)
          apply_control(c, index, step, net, b, l, suppliers[l], row, verdicts[l],
                        licence_control ? &(*licence_control)[l] : nullptr,
                        quota_control ? &(*quota_control)[l] : nullptr);
    }
  }
}

LinkDecision ShipmentPolicy::decide_link(int step, const engine::SupplyNetwork& net, std::uint32_t buyer,
                                         std::uint32_t link, FirmId supplier,
                                         const std::vector<std::uint8_t>* caught) const {
  LinkDecision d;
  if (!plan_) return d;
  const auto& controls = plan_->controls();
  for (std::size_t index = 0; index < controls.size(); ++index) {
    const CompiledControl& c = controls[index];
    if (!c.control->active_at(step) || (!c.targeted[buyer] && !c.treated_targeted[buyer])) continue;
    apply_control(c, index, step, net, buyer, link, supplier, caught_row(caught, index, net), d.verdict,
                  &d.licence_control, &d.quota_control);
  }
  return d;
}

std::vector<std::uint8_t> ShipmentPolicy::aimed_at_by_some_control(int step, const engine::SupplyNetwork& net) const {
  std::vector<std::uint8_t> out(net.buyer_count(), 0);
  if (!plan_) return out;
  for (const CompiledControl& c : plan_->controls()) {
    if (!c.control->active_at(step)) continue;
    for (std::uint32_t b = 0; b < net.buyer_count(); ++b)
      if (c.targeted[b] || c.treated_targeted[b]) out[b] = 1;
  }
  return out;
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
