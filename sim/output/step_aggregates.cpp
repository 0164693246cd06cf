#include "output/step_aggregates.hpp"

namespace regimesim::output {

StepAggregates aggregate_step(const engine::SupplyNetwork& net, const engine::RunState& s, std::size_t states,
                              std::size_t items) {
  StepAggregates a;
  a.states = states;
  a.items = items;
  for (auto* v : {&a.output, &a.purchases, &a.ordered, &a.ordered_value, &a.blocked_imports, &a.blocked_exports, &a.final_delivered})
    v->assign(states * items, 0.0);
  for (std::uint32_t f = 0; f < net.firm_count; ++f) a.output[a.at(net.buyer_state[f], net.buyer_item[f])] += s.output[f];
  for (std::uint32_t b = 0; b < net.buyer_count(); ++b) {
    const StateId buyer_state = net.buyer_state[b];
    for (auto k = net.buyer_slot_begin[b]; k < net.buyer_slot_begin[b + 1]; ++k) {
      const std::size_t in = a.at(buyer_state, net.slot_item[k]);
      for (auto l = net.slot_link_begin[k]; l < net.slot_link_begin[k + 1]; ++l) {
        const FirmId supplier = net.link_supplier[l];
        a.purchases[in] += s.delivered[l];
        if (b >= net.firm_count) a.final_delivered[in] += s.delivered[l];
        a.ordered[in] += s.order[l];
        a.ordered_value[in] += s.order[l] * s.price[supplier];
        if (s.verdict[l] != policy::Verdict::allowed) {
          const double value = s.order[l] * s.price[supplier];
          a.blocked_imports[in] += value;
          a.blocked_exports[a.at(net.buyer_state[supplier], net.slot_item[k])] += value;
        }
      }
    }
  }
  return a;
}

}  // namespace regimesim::output
