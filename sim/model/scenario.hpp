// A scenario: a world, the parameters of its dynamics, and a timeline of controls.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "model/control.hpp"
#include "model/responses.hpp"
#include "model/world.hpp"

namespace regimesim {

// The adaptive input-output dynamics (after Hallegatte 2008, ARIO), per monthly step.
struct Dynamics {
  double inventory_periods = 2.0;  // target input inventory, in steps of baseline use
  double refill_steps = 2.0;       // an inventory gap is closed over this many steps
  double price_rise = 0.5;         // price rise per unit share of orders left unfilled
  double price_ease = 0.1;         // share of the gap to the baseline price closed per step
  double share_adjustment = 0.5;   // share of the gap to preferred supplier shares closed per step
  // Inputs whose recipe coefficient (their cost share at baseline prices) is below this
  // do not limit output: a firm short of them uses what it has and produces on, as
  // for the non-critical inputs of Pichler et al. (2022). 0: every input is critical.
  double critical_input_share = 0.0;
  // Final demand answers price: a consumer asks for its demand x p^-demand_elasticity,
  // p the share-weighted price of its suppliers (docs/MODEL.md, "Prices"). 0: it asks
  // for the same every step, whatever the price.
  double demand_elasticity = 0.0;
};

struct Scenario {
  std::string name;
  std::string description;
  int steps = 24;
  std::uint64_t seed = 1;
  World world;
  Dynamics dynamics;
  Responses responses;
  std::vector<Control> controls;
  // The firms the scenario names, whose own rows the outputs carry (output/metrics.hpp):
  // those in an entity list (any control's, with its listings), those listed with a
  // military or WMD-risk end use (the world's end-user list), and `report_firms`, each
  // once, in that order.
  std::vector<FirmId> reported_firms;
  std::string source_file;
  std::string resolved_json;  // the fully resolved description, for the run's manifest
};

}  // namespace regimesim
