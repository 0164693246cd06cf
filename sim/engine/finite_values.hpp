// A value that overflowed (1e160 squared) or an infinity minus another becomes NaN,
// and NaN compares false everywhere: a run would report it as zeros. Any value that
// is not a finite number is an error, never a result; it is located at the firm it
// appeared in, whose origin is where the user wrote (or generated) it.
//
// Checked once after the equilibrium, and each step on the step's totals only (a
// NaN or infinity anywhere in the step reaches them), so the hot loops are untouched.
#pragma once

#include "engine/equilibrium.hpp"
#include "engine/run_state.hpp"
#include "engine/supply_network.hpp"
#include "model/world.hpp"

namespace regimesim::engine {

// Throws ScenarioError at the first firm whose baseline output, capacity or link
// flow is not finite.
void check_equilibrium_finite(const World& world, const SupplyNetwork& net, const Equilibrium& eq);

// Throws ScenarioError when the step's totals are not finite, at the first firm
// whose output, capacity or price is not (or at the scenario when none is).
void check_step_finite(const World& world, const RunState& state, const char* run_name);

}  // namespace regimesim::engine
