#include "ensemble/baseline_cycle.hpp"

#include <bit>

namespace regimesim::ensemble {

void BaselineCycle::watch(const engine::Simulation& baseline, int t) {
  if (found()) return;
  // The condition as it stands after step t covers the steps from t + 1 on, as long as
  // it holds: a rule's calendar can fill again (an investment started), so what counts
  // is the stretch over which it held without a break.
  if (!baseline.steps_by_state_alone()) {
    state_alone_since_ = origin_ = probe_from_ = -1;
    return;
  }
  if (state_alone_since_ < 0) state_alone_since_ = t;
  if (origin_ >= 0) return confirm(baseline, t);
  Seen& now = seen_[t % seen_.size()];
  now = Seen{};
  now.step = t;
  now.firms = baseline.firm_digest();
  // The shortest period over which the firms' figures repeat, from a state after which
  // only the state counted. The whole state's period is a multiple of it (the 1M-firm
  // world's firms repeat every six steps, its links' flows every twelve): the whole
  // state is taken once a period of the firms, and compared with its multiples.
  int firms_period = 0;
  for (int p = 1; p <= kLongest && t - p >= state_alone_since_; ++p) {
    const Seen& before = seen_[(t - p) % seen_.size()];
    if (before.step == t - p && before.firms == now.firms) {
      firms_period = p;
      break;
    }
  }
  if (!firms_period) {
    probe_from_ = -1;
    return;
  }
  if (probe_from_ < 0 || firms_period != probe_period_) probe_from_ = t, probe_period_ = firms_period;
  if ((t - probe_from_) % probe_period_ != 0) return;
  now.whole = baseline.state_digest();
  now.has_whole = true;
  for (int p = probe_period_; p <= kLongest && t - p >= state_alone_since_; p += probe_period_) {
    const Seen& before = seen_[(t - p) % seen_.size()];
    if (before.step != t - p || !before.has_whole || !(before.whole == now.whole)) continue;
    // The state after t is the state after t - p: a cycle, if stepping once more
    // around it comes back to this state.
    origin_ = t;
    period_ = p;
    origin_digest_ = now.whole;
    flow_ = baseline.state().in_transit;
    phase_ = 0;
    differs_.assign(static_cast<std::size_t>(p), {});
    return;
  }
}

void BaselineCycle::confirm(const engine::Simulation& baseline, int t) {
  const int phase = t - origin_;
  const std::vector<double>& flow = baseline.state().in_transit;
  if (phase < period_) {  // a state of the cycle on the way: its flows, where they differ
    auto& differ = differs_[static_cast<std::size_t>(phase)];
    for (std::uint32_t l = 0; l < flow.size(); ++l)
      if (std::bit_cast<std::uint64_t>(flow[l]) != std::bit_cast<std::uint64_t>(flow_[l]))
        differ.push_back({l, flow[l], flow_[l]});
    return;
  }
  // Back at the first state, with no link moved to another supplier on the way: found.
  // Otherwise it was no cycle after all; look again from here.
  if (baseline.state_digest() == origin_digest_ && !baseline.suppliers_moved_since(origin_ + 1)) {
    held_ = t;
    return;
  }
  origin_ = -1;
  differs_.clear();
  std::vector<double>().swap(flow_);
}

const std::vector<double>& BaselineCycle::flow(int t) {
  const int phase = ((t - origin_) % period_ + period_) % period_;
  if (phase != phase_) {
    for (const Differs& d : differs_[static_cast<std::size_t>(phase_)]) flow_[d.link] = d.at_origin;
    for (const Differs& d : differs_[static_cast<std::size_t>(phase)]) flow_[d.link] = d.there;
    phase_ = phase;
  }
  return flow_;
}

}  // namespace regimesim::ensemble
