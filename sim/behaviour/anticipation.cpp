#include "behaviour/anticipation.hpp"

#include <algorithm>

namespace regimesim::behaviour {

AnticipationRule::AnticipationRule(const Anticipation& rule, double inventory_periods, const engine::SupplyNetwork& net,
                                   const engine::Equilibrium& eq, const policy::ShipmentPolicy& policy)
    : base_periods_(inventory_periods), extra_periods_(rule.extra_stock_periods), net_(net), eq_(eq) {
  if (!policy.plan() || !(extra_periods_ > 0)) return;
  slot_firm_.assign(net.slot_count(), 0);
  for (std::uint32_t f = 0; f < net.firm_count; ++f)
    for (const std::uint32_t k : net.slots_of(f)) slot_firm_[k] = f;
  for (const auto& c : policy.plan()->controls()) {
    const auto& announced = c.control->announced_step;
    if (!announced || *announced >= c.control->start_step) continue;
    Window w{*announced, c.control->start_step, {}};
    // A buyer expects to be cut off where the control will cover one of its links at
    // the start: its makers' states issue it, the item is listed, the buyer is aimed at.
    for (std::uint32_t f = 0; f < net.firm_count; ++f)
      for (const std::uint32_t k : net.slots_of(f))
        for (auto l = net.slot_link_begin[k]; l < net.slot_link_begin[k + 1]; ++l)
          if (c.covers(net, net.link_supplier[l], f, w.start)) {
            w.slots.push_back(k);
            break;
          }
    if (!w.slots.empty()) windows_.push_back(std::move(w));
  }
}

bool AnticipationRule::announced_at(std::uint32_t slot, int step) const {
  for (const auto& w : windows_)
    if (w.announced <= step && step < w.start && std::binary_search(w.slots.begin(), w.slots.end(), slot)) return true;
  return false;
}

void AnticipationRule::set_targets(engine::RunState& s) const {
  bool boundary = false;
  for (const auto& w : windows_) boundary |= w.announced == s.step || w.start == s.step;
  if (!boundary) return;
  for (const auto& w : windows_)
    for (std::uint32_t k : w.slots) {
      const double periods = base_periods_ + (announced_at(k, s.step) ? extra_periods_ : 0.0);
      s.target_inventory[k] = periods * net_.slot_coefficient[k] * eq_.output[slot_firm_[k]];
    }
}

}  // namespace regimesim::behaviour
