// The metric vocabulary of a run (DOMAIN.md section 6) and the tidy rows that hold
// it: one row per (step, state, item, metric), every metric against the baseline
// run of the same world without the scenario's controls.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <string>
#include <vector>

#include "model/scenario.hpp"
#include "output/step_aggregates.hpp"

namespace regimesim::output {

enum class Metric : std::uint8_t {
  gross_output,            // quantity made, baseline-price units
  output_loss,             // 1 - output / baseline output
  market_share,            // share of world output of the item
  market_share_shift,      // market_share - baseline market_share
  price_index,             // price of what the state's buyers order, order-weighted; baseline = 1
  blocked_trade,           // baseline flow into the state on links the controls denied or held (imports)
  blocked_exports,         // baseline flow from the state's firms on links the controls denied or held
  final_demand_shortfall,  // 1 - final demand delivered / delivered in baseline
  // against what the controls aim at (policy::ControlRoles)
  denial_effectiveness,     // 1 - controlled items received by aimed-at buyers / received in baseline
  substitution_share,       // share of those receipts from states that apply no control aimed at them
  target_indigenous_share,  // share of those receipts made in the buyer's own state
  wmd_leakage,              // WMD-relevant items received by WMD-risk end users
  collateral_denial,        // blocked flows of buyers no control aims at, and legal sales declined
  compliance_cost,          // cost of the licence applications of the state's exporters
  licence_applications,     // how many its exporters filed
  delayed_trade,            // blocked flows of its exporters held waiting for a licence decision
  controller_revenue_loss,  // controllers only: 1 - export volume / baseline export volume
  // the agents' answers (behaviour/)
  leakage,          // controlled items shipped to the state's buyers through fronts
  diverted_trade,   // shipped through fronts on the state's territory
  entities_listed,  // fronts on the state's territory entity-listed after detection, this step
  switching_cost,   // what the state's buyers paid this step to switch to new suppliers
  capacity_built,   // capacity the state's makers have added since the start, answering denial
  tier_substitution,  // work of an item its buyers got from lower-tier substitutes, in units of the item
  expansion_cost,     // what the state's makers committed this step to expand their capacity
  // the named firms' own rows (state column firm:ID)
  input_received,      // what the firm received of an input
  resourced_receipts,  // ... of it on links it moved to a new supplier (re-sourced or a lower tier)
  // denial_effectiveness split in two, over the same target inputs (last, so that the
  // numbers of the metrics before them, which checkpoints store, stay what they were):
  // 1 - denial_effectiveness = (1 - order_shortfall) x (1 - orders_unfilled_share)
  order_shortfall,        // 1 - what the aimed-at buyers ordered / ordered in baseline: demand gone away
  orders_unfilled_share,  // 1 - the share of those orders that arrived / the same in baseline: the supply cut
};
const char* to_string(Metric m);
// The metric of that name (as the tables write it), if any.
std::optional<Metric> metric_named(std::string_view name);

inline constexpr std::uint32_t kWorld = 0xffffffff;  // the state column of world rows
inline constexpr std::uint32_t kDeveloping = 0xfffffffe;  // developing and least developed states together
inline constexpr std::uint32_t kAllItems = 0xffffffff;
// The state column of per-control rows: the buyers control c aims at (kControlGroup + c),
// so that a control and its counter-control are read apart.
inline constexpr std::uint32_t kControlGroup = 0xfff00000;
inline bool is_control_group(std::uint32_t state) { return state >= kControlGroup && state < kDeveloping; }
// The state column of a named firm's own rows: kFirmGroup + its place in
// Scenario::reported_firms (firm:ID in the tables).
inline constexpr std::uint32_t kFirmGroup = 0xffe00000;
inline bool is_firm_group(std::uint32_t state) { return state >= kFirmGroup && state < kControlGroup; }

struct MetricRow {
  int step;
  std::uint32_t state;  // or kWorld
  std::uint32_t item;   // or kAllItems
  Metric metric;
  double value;
  // The level to read the value against. For a share of the baseline lost
  // (output_loss, final_demand_shortfall, denial_effectiveness,
  // controller_revenue_loss): the baseline quantity it is a share of. For every
  // other metric: the same metric measured in the baseline run.
  double baseline = 0;
};

class MetricRecorder {
 public:
  // `roles` may be null: a scenario without controls has no control metrics.
  MetricRecorder(const World& world, const policy::ControlRoles* roles);
  // Not copied: it points into its own staged rows (add).
  MetricRecorder(const MetricRecorder&) = delete;
  MetricRecorder& operator=(const MetricRecorder&) = delete;

  // Appends the rows of one step.
  void record(int step, const StepAggregates& scenario, const StepAggregates& baseline);

  // Room for `more` rows beyond those recorded: a run that knows roughly how many it
  // will add keeps its rows from being copied again and again as they grow.
  void reserve_rows(std::size_t more) { rows_.reserve(rows_.size() + more); }
  const std::vector<MetricRow>& rows() const { return rows_; }
  // The rows, moved out (the recorder is done): no copy of a run's rows.
  std::vector<MetricRow> take_rows() { return std::move(rows_); }
  // Gross output summed over the steps recorded, per state and (last) the world.
  const std::vector<double>& cumulative_output() const { return cumulative_output_; }
  const std::vector<double>& cumulative_baseline_output() const { return cumulative_baseline_; }
  const World& world() const { return world_; }
  // The orders of the aimed-at buyers' target inputs in the step just taken, in the run
  // and its baseline (StepAggregates::target_ordered, control_ordered, and the named
  // firms' firm_ordered): what the next
  // step's receipts answer. record() notes them itself; a run resumed from a checkpoint
  // notes them from its restored states before its first step. Before step 0 the
  // start's equilibrium fills every order, so step 0's receipts stand for its orders.
  void note_orders(const StepAggregates& scenario, const StepAggregates& baseline);
  // Continues from rows recorded earlier (a run resumed from a checkpoint).
  void restore(std::vector<MetricRow> rows, std::vector<double> cumulative, std::vector<double> cumulative_baseline) {
    rows_ = std::move(rows);
    cumulative_output_ = std::move(cumulative);
    cumulative_baseline_ = std::move(cumulative_baseline);
  }

 private:
  void record_control_metrics(int step, const StepAggregates& scenario, const StepAggregates& baseline);
  void record_per_control(int step, const StepAggregates& scenario, const StepAggregates& baseline,
                          const policy::StepRoles& now);
  void record_firms(int step, const StepAggregates& scenario, const StepAggregates& baseline);
  // Every row of a step goes through here, some 17,000 a step on the bench world, so it
  // is a store and a compare, inline: the step's rows are written into `staged_`, which
  // keeps its memory from step to step, and moved to rows_ in one copy at the end of
  // the step (append_staged), whose pages are then asked for at once. push_back, which
  // GCC does not inline here at -O2, was a call per row with six registers saved.
  [[gnu::always_inline]] void add(int step, std::uint32_t state, std::uint32_t item, Metric m, double v,
                                  double baseline = 0) {
    if (staged_next_ == staged_end_) [[unlikely]]
      grow_staged();
    *staged_next_++ = MetricRow{step, state, item, m, v, baseline};
  }
  [[gnu::noinline]] void grow_staged();
  // The rows staged by this step, appended to rows_ (regrown as push_back would have,
  // to twice the rows held whenever full), and the stage emptied.
  void append_staged();
  void record_denial_split(int step, std::uint32_t state, std::uint32_t item, double received, double received_base,
                           double ordered, double ordered_base);
  const World& world_;
  const policy::ControlRoles* roles_;
  // What the aimed-at buyers ordered the step before (note_orders), per (state, item) and
  // per control, in the run and in its baseline; empty until noted.
  struct OrdersBefore {
    std::vector<double> by_state_item, by_control, by_firm_slot;  // the last: the named firms' inputs
  };
  OrdersBefore ordered_before_, ordered_before_base_;
  bool orders_noted_ = false;
  std::vector<MetricRow> rows_;
  // The rows of the step being recorded (add); only [staged_.data(), staged_next_) are
  // this step's.
  std::vector<MetricRow> staged_;
  MetricRow *staged_next_ = nullptr, *staged_end_ = nullptr;
  // The world's output of each item this step, in the run and its baseline (record):
  // kept, with their memory, from step to step.
  std::vector<double> world_item_, world_item_base_;
  std::vector<double> cumulative_output_, cumulative_baseline_;
};

}  // namespace regimesim::output
