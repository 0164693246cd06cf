// The baseline of several columns, stepped once for all of them. A column's baseline
// runs its world with no controls, so columns whose scenarios differ only in their
// controls (the flagship's unilateral, small circle and regime) have the same baseline,
// step for step: the teacher's screen steps one instead of three.
//
// With no controls in force, none of the rules a classroom change sets in place acts
// (diversion searches start from a denial, over-compliance and licensing from a
// controlling state's verdicts: ensemble/shared_baseline.cpp says so rule by rule), so
// a column keeps the shared baseline through such changes; a change written into its
// timeline rebuilds the column with a baseline of its own.
#pragma once

#include <memory>

#include "engine/simulation.hpp"
#include "ensemble/paired_run.hpp"
#include "policy/shipment_policy.hpp"

namespace regimesim::classroom {

class BaselineRun {
 public:
  // The baseline of `prepared`'s world at month 0; it keeps the world alive.
  explicit BaselineRun(std::shared_ptr<const ensemble::PreparedScenario> prepared);
  BaselineRun(const BaselineRun&) = delete;
  BaselineRun& operator=(const BaselineRun&) = delete;

  void step();  // one month; throws ScenarioError where its totals are not finite
  int month() const { return month_; }
  const engine::Simulation& simulation() const { return sim_; }
  const std::shared_ptr<const ensemble::PreparedScenario>& prepared() const { return prepared_; }

 private:
  std::shared_ptr<const ensemble::PreparedScenario> prepared_;
  Scenario scenario_;  // its own copy: what a column sets in place stays that column's
  policy::ShipmentPolicy no_controls_;
  engine::Simulation sim_;
  int month_ = 0;
};

// Whether two scenarios have the same baseline: the same resolved description but for
// their names, descriptions and controls (world, dynamics, responses, seed, steps), and
// the same compiled world.
bool same_baseline(const ensemble::PreparedScenario& a, const ensemble::PreparedScenario& b);

}  // namespace regimesim::classroom
