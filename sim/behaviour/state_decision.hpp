// A decision a state took during the run, from what the run measured: a candidate
// joining a coalition's control (coalition_joining.hpp), or a state starting a
// counter-control (retaliation.hpp). The run's list of them is its event log
// (events.csv, and printed by `regimesim run`).
#pragma once

#include <cstddef>
#include <cstdint>

#include "model/world.hpp"

namespace regimesim::behaviour {

struct StateDecision {
  enum class Kind { joins, retaliates };
  int step = 0;              // the first step it applies: the step after the one that decided it
  Kind kind = Kind::joins;
  std::size_t control = 0;   // the control joined, or the counter-control started (scenario order)
  StateId state = 0;         // the state that joins; for a counter-control, its first issuing state
  double measured = 0;       // what the rule measured at the deciding step (its trigger's quantity)
};

inline const char* to_string(StateDecision::Kind k) { return k == StateDecision::Kind::joins ? "joins" : "retaliates"; }

}  // namespace regimesim::behaviour
