#include "policy/shipment_policy.hpp"

namespace regimesim::policy {

ShipmentPolicy::ShipmentPolicy(const std::vector<Control>& controls, const World& world)
    : controls_(controls), state_count_(world.states.size()), item_count_(world.items.size()) {
  for (const auto& c : controls_) {
    std::vector<bool> issuer(state_count_, false), item(item_count_, false), destination(state_count_, false);
    for (StateId s : c.issuers) issuer[s] = true;
    for (ItemId i : c.items) item[i] = true;
    for (StateId s : c.destinations) destination[s] = true;
    issuer_.push_back(std::move(issuer));
    item_.push_back(std::move(item));
    destination_.push_back(std::move(destination));
  }
}

bool ShipmentPolicy::changes_at(int step) const {
  for (const auto& c : controls_)
    if (c.start_step == step || c.end_step == step) return true;
  return false;
}

Verdict ShipmentPolicy::decide(int step, StateId issuer, ItemId item, StateId destination) const {
  if (issuer == destination) return Verdict::allowed;  // a sale at home is not an export
  for (std::size_t k = 0; k < controls_.size(); ++k) {
    if (!controls_[k].active_at(step)) continue;
    if (issuer_[k][issuer] && item_[k][item] && destination_[k][destination]) return Verdict::denied;
  }
  return Verdict::allowed;
}

void ShipmentPolicy::decide_links(int step, const engine::SupplyNetwork& net, std::vector<Verdict>& verdicts) const {
  // Compile the active controls into one dense table, then look every link up in it.
  std::vector<Verdict> table(state_count_ * item_count_ * state_count_, Verdict::allowed);
  bool any = false;
  for (std::size_t k = 0; k < controls_.size(); ++k) {
    if (!controls_[k].active_at(step)) continue;
    any = true;
    for (StateId s : controls_[k].issuers)
      for (ItemId i : controls_[k].items)
        for (StateId d : controls_[k].destinations)
          if (d != s) table[(s * item_count_ + i) * state_count_ + d] = Verdict::denied;  // exports only
  }
  verdicts.assign(net.link_count(), Verdict::allowed);
  if (!any) return;
  for (std::uint32_t b = 0; b < net.buyer_count(); ++b) {
    const StateId destination = net.buyer_state[b];
    for (auto k = net.buyer_slot_begin[b]; k < net.buyer_slot_begin[b + 1]; ++k)
      for (auto l = net.slot_link_begin[k]; l < net.slot_link_begin[k + 1]; ++l) {
        const FirmId s = net.link_supplier[l];
        const StateId issuer = net.buyer_state[s];  // a firm's buyer_state is its home state
        verdicts[l] = table[(issuer * item_count_ + net.slot_item[k]) * state_count_ + destination];
      }
  }
}

}  // namespace regimesim::policy
