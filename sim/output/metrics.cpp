#include "output/metrics.hpp"

namespace regimesim::output {

const char* to_string(Metric m) {
  switch (m) {
    case Metric::gross_output: return "gross_output";
    case Metric::output_loss: return "output_loss";
    case Metric::market_share: return "market_share";
    case Metric::market_share_shift: return "market_share_shift";
    case Metric::price_index: return "price_index";
    case Metric::blocked_trade: return "blocked_trade";
    case Metric::blocked_exports: return "blocked_exports";
    case Metric::final_demand_shortfall: return "final_demand_shortfall";
  }
  return "?";
}

MetricRecorder::MetricRecorder(const World& world)
    : world_(world),
      cumulative_output_(world.states.size() + 1, 0.0),
      cumulative_baseline_(world.states.size() + 1, 0.0) {}

namespace {
double loss(double value, double baseline) { return baseline > 0 ? 1.0 - value / baseline : 0.0; }
}  // namespace

void MetricRecorder::record(int step, const StepAggregates& sc, const StepAggregates& bl) {
  const auto S = static_cast<std::uint32_t>(sc.states), I = static_cast<std::uint32_t>(sc.items);
  std::vector<double> world_item(I, 0.0), world_item_base(I, 0.0);
  for (std::uint32_t s = 0; s < S; ++s)
    for (std::uint32_t i = 0; i < I; ++i) {
      world_item[i] += sc.output[sc.at(s, i)];
      world_item_base[i] += bl.output[bl.at(s, i)];
    }
  double world_out = 0, world_base = 0, world_blocked = 0, world_blocked_exports = 0;
  for (std::uint32_t s = 0; s < S; ++s) {
    double state_out = 0, state_base = 0, state_blocked = 0, state_blocked_exports = 0;
    for (std::uint32_t i = 0; i < I; ++i) {
      const std::size_t k = sc.at(s, i);
      const double out = sc.output[k], base = bl.output[k];
      state_out += out;
      state_base += base;
      state_blocked += sc.blocked_imports[k];
      state_blocked_exports += sc.blocked_exports[k];
      if (base > 0) {  // the state makes this item
        add(step, s, i, Metric::gross_output, out);
        add(step, s, i, Metric::output_loss, loss(out, base));
        if (world_item[i] > 0) {  // a share of nothing is undefined, not zero
          const double share = out / world_item[i];
          add(step, s, i, Metric::market_share, share);
          add(step, s, i, Metric::market_share_shift, share - base / world_item_base[i]);
        }
        add(step, s, i, Metric::blocked_exports, sc.blocked_exports[k]);
      }
      if (bl.purchases[k] > 0) {  // the state buys this item
        add(step, s, i, Metric::price_index, sc.ordered[k] > 0 ? sc.ordered_value[k] / sc.ordered[k] : 1.0);
        add(step, s, i, Metric::blocked_trade, sc.blocked_imports[k]);
      }
      if (bl.final_delivered[k] > 0)
        add(step, s, i, Metric::final_demand_shortfall, loss(sc.final_delivered[k], bl.final_delivered[k]));
    }
    add(step, s, kAllItems, Metric::gross_output, state_out);
    add(step, s, kAllItems, Metric::output_loss, loss(state_out, state_base));
    add(step, s, kAllItems, Metric::blocked_trade, state_blocked);
    add(step, s, kAllItems, Metric::blocked_exports, state_blocked_exports);
    cumulative_output_[s] += state_out;
    cumulative_baseline_[s] += state_base;
    world_out += state_out;
    world_base += state_base;
    world_blocked += state_blocked;
    world_blocked_exports += state_blocked_exports;
  }
  for (std::uint32_t i = 0; i < I; ++i) {
    if (world_item_base[i] <= 0) continue;
    add(step, kWorld, i, Metric::gross_output, world_item[i]);
    add(step, kWorld, i, Metric::output_loss, loss(world_item[i], world_item_base[i]));
  }
  cumulative_output_[S] += world_out;
  cumulative_baseline_[S] += world_base;
  add(step, kWorld, kAllItems, Metric::gross_output, world_out);
  add(step, kWorld, kAllItems, Metric::output_loss, loss(world_out, world_base));
  add(step, kWorld, kAllItems, Metric::blocked_trade, world_blocked);
  add(step, kWorld, kAllItems, Metric::blocked_exports, world_blocked_exports);
}

}  // namespace regimesim::output
