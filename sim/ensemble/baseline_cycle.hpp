// A baseline that has come to repeat itself, replayed instead of stepped.
//
// With no controls, the baseline settles into a cycle of a few states that follow one
// another bit for bit: rounding keeps it from a fixed point. The tutorial worlds reach
// a fixed point, the default world and the 100k-firm world a cycle of two states within
// some twenty steps, the 1M-firm world one of twelve (a few firms' last bits) within
// some forty. Once the state after step t is the state after step t - p, and no step
// from t - p on reads anything but the state (engine::Simulation::steps_by_state_alone),
// every later step repeats the one p steps before it.
//
// The run then keeps the baseline's state as it is and reads from it, and from what
// this keeps, what the metrics read of the state p steps before: the links' flows in
// transit (the baseline's own array, made to show another state of the cycle by
// writing in the few links by which each state differs from the one before it, and
// put back before the baseline steps again), the suppliers (the same: no link changes
// supplier in the cycle), and its sums (the run keeps those of its last steps, and
// takes them anew where the roles they are measured by changed: paired_run.cpp).
//
// States are compared by digest (engine::Simulation::state_digest), the firms' figures
// first: two different states share a digest by a chance of about 2^-128. A cycle is
// confirmed by stepping once more around it before it is used: its flows are recorded
// on the way, and its last state must again be its first.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "engine/simulation.hpp"

namespace regimesim::ensemble {

class BaselineCycle {
 public:
  static constexpr int kLongest = 24;  // the longest cycle looked for

  // After the baseline has taken step t (its state is the state after t).
  void watch(const engine::Simulation& baseline, int t);
  bool found() const { return held_ >= 0; }
  int period() const { return period_; }
  // From found() on: how many steps the baseline, holding the state after step
  // held_step(), must take to hold the state after step t. Before it takes them,
  // put_back its own flows; then say it stepped_to t.
  int steps_to(int t) const { return ((t - held_) % period_ + period_) % period_; }
  void put_back(engine::Simulation& baseline) { show(baseline, phase_of(held_)); }
  void stepped_to(int t) { held_ = t, shown_ = phase_of(t); }
  // The baseline's links' flows in transit after step t (t past the held step),
  // shown in its own array until put_back.
  const std::vector<double>& flow(engine::Simulation& baseline, int t);

 private:
  void confirm(const engine::Simulation& baseline, int t);
  int phase_of(int t) const { return ((t - origin_) % period_ + period_) % period_; }
  void show(engine::Simulation& baseline, int phase);  // from shown_ on round the cycle
  struct Seen {
    int step = -1;
    engine::Simulation::Digest firms, whole;
    bool has_whole = false;
  };
  std::array<Seen, kLongest + 1> seen_{};  // by step % (kLongest + 1): the last steps watched
  int state_alone_since_ = -1;  // the first step of the current stretch after which only the state counted
  int probe_from_ = -1, probe_period_ = 0;  // the whole state is taken at probe_from_ + k probe_period_
  // Being confirmed: the cycle's first state (the one after `origin_`) and its period.
  int origin_ = -1, period_ = 0;
  engine::Simulation::Digest origin_digest_;
  // Per state of the cycle (phase 0 the origin's), the links whose flows differ from
  // the state before it, and their flows there: recorded on the way round, from the
  // baseline's flows in transit against those delivered (the step before's, bit for bit).
  struct Differs {
    std::uint32_t link;
    double there;
  };
  std::vector<std::vector<Differs>> differs_;
  int shown_ = 0;  // the state of the cycle the baseline's flows show
  int held_ = -1;
};

}  // namespace regimesim::ensemble
