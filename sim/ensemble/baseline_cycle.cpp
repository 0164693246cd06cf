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
    differs_.assign(static_cast<std::size_t>(p), {});
    return;
  }
}

void BaselineCycle::confirm(const engine::Simulation& baseline, int t) {
  // A state of the cycle on the way (phase 0 when back at the first): its flows where
  // they differ from the state before, whose flows the step has just delivered.
  const int phase = (t - origin_) % period_;
  const std::vector<double>& flow = baseline.state().in_transit;
  const std::vector<double>& before = baseline.state().delivered;
  auto& differ = differs_[static_cast<std::size_t>(phase)];
  for (std::uint32_t l = 0; l < flow.size(); ++l)
    if (std::bit_cast<std::uint64_t>(flow[l]) != std::bit_cast<std::uint64_t>(before[l])) differ.push_back({l, flow[l]});
  if (t - origin_ < period_) return;
  // Back at the first state, with no link moved to another supplier on the way: found.
  // Otherwise it was no cycle after all; look again from here.
  if (baseline.state_digest() == origin_digest_ && !baseline.suppliers_moved_since(origin_ + 1)) {
    held_ = t;
    shown_ = 0;
    return;
  }
  origin_ = -1;
  differs_.clear();
}

void BaselineCycle::show(engine::Simulation& baseline, int phase) {
  std::vector<double>& flow = baseline.flows_shown();
  while (shown_ != phase) {  // forward, one state at a time
    shown_ = (shown_ + 1) % period_;
    for (const Differs& d : differs_[static_cast<std::size_t>(shown_)]) flow[d.link] = d.there;
  }
}

const std::vector<double>& BaselineCycle::flow(engine::Simulation& baseline, int t) {
  show(baseline, phase_of(t));
  return baseline.state().in_transit;
}

}  // namespace regimesim::ensemble
