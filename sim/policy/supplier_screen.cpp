#include "policy/supplier_screen.hpp"

namespace regimesim::policy {

// Control by control, the same clauses as CompiledControl::covers and
// ShipmentPolicy::free_to_ship, with what depends on the maker left for free_to_ship:
//   - an exporting member's maker of a covered item, to a buyer targeted as seen from its state;
//   - a maker the control's reach catches, to a buyer targeted as the members at the step see it;
// and a licence requirement the buyer's state is excepted from stands in no one's way.
SupplierScreen::SupplierScreen(const ControlPlan* plan, int step, const engine::SupplyNetwork& net,
                               std::uint32_t buyer, ItemId item, const std::vector<std::uint8_t>* caught)
    : net_(&net), to_(net.buyer_state[buyer]) {
  if (!plan) return;
  const auto& controls = plan->controls();
  for (std::size_t index = 0; index < controls.size(); ++index) {
    const CompiledControl& c = controls[index];
    if (!c.control->active_at(step) || (c.control->needs_licence() && c.exception[to_])) continue;
    if (c.item[item] && (c.targeted[buyer] || c.treated_targeted[buyer])) {
      if (bound_from_.empty()) bound_from_.assign(c.member_spans.size(), 0);
      for (StateId from = 0; from < c.member_spans.size(); ++from)
        if (c.targeted_from(buyer, to_, from) && c.member_at(from, step)) bound_from_[from] = 1;
    }
    if (c.targeted[buyer] || (c.treated_targeted[buyer] && c.treated_by_member(to_, step))) {
      const bool run_reach = caught && !caught->empty();
      reach_.push_back({run_reach ? caught->data() + index * net.firm_count : nullptr, &c.reach});
    }
  }
}

}  // namespace regimesim::policy
