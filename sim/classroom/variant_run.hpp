// One column of the teacher's screen: a scenario stepped month by month beside its
// baseline (the same world without the controls), in this process, with every change
// made to it so far. Its figures are the ones `regimesim run` records (output/metrics),
// step by step.
//
// A change written into the scenario's timeline rebuilds the variant from month 0 with
// the change in its scenario and replays it to the current month: runs are
// deterministic for a seed, so the result is exactly a run of the changed scenario. A
// live parameter (diversion propensity, approval) is set in place between steps, and
// set again at its month when a later replay passes it.
#pragma once

#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "classroom/baseline_run.hpp"
#include "classroom/maker_group_sales.hpp"
#include "classroom/parameter_change.hpp"
#include "engine/simulation.hpp"
#include "ensemble/paired_run.hpp"
#include "output/bilateral_flows.hpp"
#include "output/metrics.hpp"

namespace regimesim::classroom {

class VariantRun {
 public:
  VariantRun(std::string label, Scenario scenario);
  ~VariantRun();
  VariantRun(const VariantRun&) = delete;
  VariantRun& operator=(const VariantRun&) = delete;

  void step();  // one month, the scenario and its baseline; no-op at the end
  // A month in two phases, so that a session steps its columns' runs and their shared
  // baselines side by side (Session::step): step_run (this month's live parameters, the
  // run, its own baseline if it has one), then, once a shared baseline has stepped too,
  // record_step (what the month measured). Not at the end.
  void step_run();
  void record_step();
  // Steps with `baseline` from now on instead of a baseline of its own: only at month 0,
  // and only a baseline of the same world (same_baseline, which the caller checks). A
  // replay gives it its own again.
  void share_baseline(std::shared_ptr<BaselineRun> baseline);
  const std::shared_ptr<BaselineRun>& shared_baseline() const { return shared_baseline_; }
  std::shared_ptr<const ensemble::PreparedScenario> prepared() const { return prepared_; }
  // Applies a change at the current month (read_change made it); returns the replay's
  // wall time in milliseconds (0 when set in place).
  double apply(const ParameterChange& c);
  // Several at once (a round's decisions): one replay at most.
  double apply(const std::vector<ParameterChange>& changes);
  void reset();  // month 0, no changes
  // The same scenario and changes, and one more, at the current month: a new run.
  std::unique_ptr<VariantRun> branch(std::string label, const ParameterChange& c) const;
  // The run a debrief measures one decision against: the same changes but those `by`
  // made at `month` (one team's decision of one round), and any later change that no
  // longer applies without it (a leave after the join it removes), at month 0, to be
  // stepped to this run's month. Deterministic, so it differs from this run only by
  // that decision.
  std::unique_ptr<VariantRun> without(const std::string& by, int month) const;
  // Whether some change was made `by` at `month` (a decision that changed nothing, or
  // whose changes were all skipped, has none: its replay would be this run).
  bool has_decision(const std::string& by, int month) const;
  // A headline figure recorded at a step (0 when not recorded): the world's, or a state's.
  double value_at(output::Metric m, int step, std::optional<StateId> state = std::nullopt) const;

  const std::string& label() const { return label_; }
  int month() const { return month_; }
  bool finished() const { return month_ >= base_.steps; }
  const Scenario& scenario() const { return base_; }  // as loaded, without the changes
  const Scenario& running() const { return prepared_->scenario; }  // with them
  const std::vector<ParameterChange>& changes() const { return changes_; }
  const std::vector<output::MetricRow>& rows() const { return recorder_->rows(); }
  const std::vector<std::string>& events() const { return events_; }  // plain words, in month order

  // The page's view: the headline series so far, each state's loss or gain this month,
  // the flows of controlled items between states this month, the log.
  nlohmann::json view() const;
  // One state's own figures month by month (a team's dashboard).
  nlohmann::json state_view(const std::string& code) const;
  // Records the sales of these groups of makers from now on, and of the months run so
  // far (a replay, when some have run); a firm team's dashboard reads them.
  void follow(const std::vector<MakerGroup>& groups);
  // A followed group's figures month by month, with the values its makers have now (a
  // firm team's dashboard); null for a group not followed.
  nlohmann::json group_view(const MakerGroup& group) const;

 private:
  // A run of the scenario with these changes, built once at the month (a branch, a
  // debrief's replay): no first build at month 0 to throw away.
  VariantRun(std::string label, Scenario scenario, std::vector<ParameterChange> changes, int to_month,
             std::shared_ptr<const ensemble::PreparedScenario> world);
  // From month 0 with the changes, stepped to the month; on the network and equilibrium of
  // `world` (else of this run's last build; else compiled and solved).
  void rebuild(int to_month, std::shared_ptr<const ensemble::PreparedScenario> world = nullptr);
  void advance(bool keep_flows);  // step_run, then record_month
  void record_month(bool keep_flows);
  void start_group_sales();    // the followed groups' records, empty, on the prepared scenario
  // Reads the rows the step added: the events, the headline series, each state's figures.
  void note_step(std::size_t first_row);
  void note_flows();  // the map's lines: this month's flows of the controlled items between states

  std::string label_;
  Scenario base_;
  std::vector<ParameterChange> changes_;
  std::shared_ptr<ensemble::PreparedScenario> prepared_;
  std::unique_ptr<policy::ShipmentPolicy> controls_, no_controls_;
  std::unique_ptr<engine::Simulation> run_, baseline_;  // baseline_: null while shared_baseline_ is set
  std::shared_ptr<BaselineRun> shared_baseline_;
  const engine::Simulation& baseline() const { return shared_baseline_ ? shared_baseline_->simulation() : *baseline_; }
  std::unique_ptr<output::MetricRecorder> recorder_;
  std::vector<bool> controlled_item_;        // per item: some control of the scenario names it
  std::vector<output::FlowRow> last_flows_;  // the last month's, controlled items only
  std::vector<std::string> events_;
  // Kept as the steps are recorded, so that a view does not read every row again.
  struct Point {
    int step;
    double value, baseline;
  };
  std::vector<std::vector<Point>> headline_;  // per headline metric (kHeadline's order)
  // ... and the rows it reads (the state column of docs/METRICS.md): WORLD, or with a
  // control and its counter-control in the run, control:ID of the scenario's first control.
  std::vector<std::string> headline_group_;
  // per state, per step: output lost, imports and exports blocked
  std::vector<std::vector<double>> state_loss_, state_blocked_imports_, state_blocked_exports_;
  std::vector<MakerGroup> groups_;             // followed (a class's firm teams)
  std::vector<MakerGroupSales> group_sales_;   // ... their months so far, rebuilt with the run
  int month_ = 0;
};

}  // namespace regimesim::classroom
