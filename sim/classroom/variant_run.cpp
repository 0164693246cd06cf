#include "classroom/variant_run.hpp"

#include <algorithm>
#include <chrono>
#include <fmt/format.h>
#include <map>
#include <tbb/parallel_invoke.h>

#include "engine/finite_values.hpp"
#include "output/step_aggregates.hpp"
#include "policy/shipment_policy.hpp"

namespace regimesim::classroom {
namespace {

using output::Metric;

// The headline metrics the page charts (docs/METRICS.md), world rows.
constexpr Metric kHeadline[] = {Metric::denial_effectiveness, Metric::substitution_share,
                                Metric::target_indigenous_share, Metric::controller_revenue_loss,
                                Metric::collateral_denial, Metric::output_loss, Metric::leakage,
                                Metric::switching_cost};

// Metrics whose value is a share of the baseline lost: the baseline run loses none of
// it, so its line is 0 (the row's baseline column is the quantity it is a share of).
bool share_lost(Metric m) {
  return m == Metric::output_loss || m == Metric::denial_effectiveness || m == Metric::controller_revenue_loss ||
         m == Metric::final_demand_shortfall;
}

constexpr std::size_t kFlowsShown = 40;  // the largest pairs; a map with more is unreadable

// A replay's scenario on the world of an earlier run of it: the network and equilibrium
// are the world's alone (no change the classroom makes touches what they read: a concern
// is read by the votes only), so they are copied rather than compiled and solved again,
// and only the controls are compiled with the changes.
std::shared_ptr<ensemble::PreparedScenario> on_world(Scenario sc, const ensemble::PreparedScenario& world) {
  auto p = std::make_shared<ensemble::PreparedScenario>();
  p->scenario = std::move(sc);
  p->network = world.network;
  p->equilibrium = world.equilibrium;
  p->plan = policy::ControlPlan(p->scenario.controls, p->scenario.world, p->network, p->equilibrium);
  return p;
}

}  // namespace

VariantRun::VariantRun(std::string label, Scenario scenario) : label_(std::move(label)), base_(std::move(scenario)) {
  rebuild(0);
}

VariantRun::VariantRun(std::string label, Scenario scenario, std::vector<ParameterChange> changes, int to_month,
                       std::shared_ptr<const ensemble::PreparedScenario> world)
    : label_(std::move(label)), base_(std::move(scenario)), changes_(std::move(changes)) {
  rebuild(to_month, std::move(world));
}

VariantRun::~VariantRun() = default;

void VariantRun::rebuild(int to_month, std::shared_ptr<const ensemble::PreparedScenario> world) {
  Scenario sc = base_;
  for (const ParameterChange& c : changes_)
    if (c.in_timeline()) write_into(sc, c);
  // The run's own copy: live parameters are written into its scenario between steps,
  // which the engine reads through its reference (licensing, diversion) each step.
  if (!world) world = prepared_;
  prepared_ = world ? on_world(std::move(sc), *world)
                    : std::const_pointer_cast<ensemble::PreparedScenario>(ensemble::prepare(std::move(sc)));
  const Scenario& s = prepared_->scenario;
  controls_ = std::make_unique<policy::ShipmentPolicy>(&prepared_->plan);
  no_controls_ = std::make_unique<policy::ShipmentPolicy>();
  run_ = std::make_unique<engine::Simulation>(s, prepared_->network, prepared_->equilibrium, *controls_);
  shared_baseline_.reset();
  baseline_ = std::make_unique<engine::Simulation>(s, prepared_->network, prepared_->equilibrium, *no_controls_);
  recorder_ = std::make_unique<output::MetricRecorder>(s.world, run_->roles());
  // The items the plan kept: a counter-control names every item and keeps what its
  // issuer dominates.
  controlled_item_.assign(s.world.items.size(), false);
  for (const policy::CompiledControl& c : prepared_->plan.controls())
    for (ItemId i : c.items) controlled_item_[i] = true;
  events_.clear();
  last_flows_.clear();
  headline_.assign(std::size(kHeadline), {});
  headline_group_.assign(std::size(kHeadline), "WORLD");
  state_loss_.assign(s.world.states.size(), {});
  state_blocked_imports_.assign(s.world.states.size(), {});
  state_blocked_exports_.assign(s.world.states.size(), {});
  start_group_sales();
  month_ = 0;
  for (;;) {
    // A change is logged at its month, before the step it first applies to.
    for (const ParameterChange& c : changes_)
      if (c.month == month_) events_.push_back(describe(c, s));
    if (month_ >= to_month) break;
    advance(month_ + 1 == to_month);
  }
}

void VariantRun::advance(bool keep_flows) {
  step_run();
  record_month(keep_flows);
}

void VariantRun::step_run() {
  Scenario& sc = prepared_->scenario;
  for (const ParameterChange& c : changes_)
    if (c.month == month_ && !c.in_timeline()) {
      write_into(sc, c);
      // The firms' refusals are drawn with the verdicts, which are otherwise redone
      // only when a control changes.
      if (c.kind == ParameterChange::Kind::over_compliance || c.kind == ParameterChange::Kind::group_over_compliance)
        run_->redecide_next_step();
    }
  // The run and its baseline share only what neither writes (the scenario, the world's
  // network and equilibrium): side by side, a replay takes half the time on two cores.
  if (baseline_)
    tbb::parallel_invoke([&] { run_->step(); }, [&] { baseline_->step(); });
  else
    run_->step();
}

void VariantRun::record_step() { record_month(true); }

void VariantRun::record_month(bool keep_flows) {
  Scenario& sc = prepared_->scenario;
  const engine::RunState& base = baseline().state();
  engine::check_step_finite(sc.world, run_->state(), "scenario");
  if (baseline_) engine::check_step_finite(sc.world, base, "baseline");  // a shared one checks its own
  const policy::ControlRoles* roles = run_->roles();  // who applies what, month by month
  const auto* firms = &sc.reported_firms;
  const std::size_t first_row = recorder_->rows().size();
  // The two aggregates read and write nothing in common: side by side (a third of a
  // month's work on the default world).
  output::StepAggregates with_controls, without;
  tbb::parallel_invoke(
      [&] { with_controls = output::aggregate_step(sc.world, prepared_->network, run_->state(), roles, month_, base, firms); },
      [&] { without = output::aggregate_step(sc.world, prepared_->network, base, roles, month_, base, firms); });
  recorder_->record(month_, with_controls, without);
  note_step(first_row);
  for (MakerGroupSales& g : group_sales_) g.record(run_->state(), base);
  last_flows_.clear();
  if (keep_flows) note_flows();
  ++month_;
}

void VariantRun::share_baseline(std::shared_ptr<BaselineRun> baseline) {
  if (month_ != 0 || baseline->month() != 0) throw std::logic_error("a column shares a baseline only at month 0");
  shared_baseline_ = std::move(baseline);
  baseline_.reset();
}

// This month's shipments into the slots of controlled items, summed per pair of states
// (as flows.csv counts them, output/bilateral_flows.hpp, but only over those slots: the
// whole table is 85,000 rows a month on the default world, and the map draws 40).
void VariantRun::note_flows() {
  const engine::SupplyNetwork& net = prepared_->network;
  const engine::RunState &run = run_->state(), &base = baseline().state();
  const std::size_t S = prepared_->scenario.world.states.size();
  std::vector<output::FlowRow> pairs(S * S);
  for (std::uint32_t b = 0; b < net.buyer_count(); ++b) {
    const StateId to = net.buyer_state[b];
    for (const std::uint32_t k : net.slots_of(b)) {
      if (!controlled_item_[net.slot_item[k]]) continue;
      for (auto l = net.slot_link_begin[k]; l < net.slot_link_begin[k + 1]; ++l) {
        // What it shipped this step, by the supplier that shipped it and as its order
        // was decided, though its buyer may have moved the link since (RunState::moved).
        const StateId from = net.buyer_state[run.shipped_by(l)], base_from = net.buyer_state[base.shipped_by(l)];
        if (from != to) {
          output::FlowRow& f = pairs[from * S + to];
          f.value += run.in_transit[l];
          f.controlled = f.controlled || run.decided_verdict(l) != policy::Verdict::allowed;
        }
        if (base_from != to) pairs[base_from * S + to].baseline += base.in_transit[l];
      }
    }
  }
  for (std::size_t k = 0; k < pairs.size(); ++k) {
    output::FlowRow f = pairs[k];
    if (!(f.value > 0) && !(f.baseline > 0)) continue;
    f.step = month_;
    f.exporter = static_cast<StateId>(k / S);
    f.importer = static_cast<StateId>(k % S);
    last_flows_.push_back(f);
  }
  std::stable_sort(last_flows_.begin(), last_flows_.end(), [](const auto& a, const auto& b) {
    return std::max(a.value, a.baseline) > std::max(b.value, b.baseline);
  });
  if (last_flows_.size() > kFlowsShown) last_flows_.resize(kFlowsShown);
}

void VariantRun::note_step(std::size_t first_row) {
  const Scenario& sc = prepared_->scenario;
  const World& w = sc.world;
  for (std::size_t k = 0; k < sc.controls.size(); ++k) {
    const Control& c = sc.controls[k];
    if (c.start_step == month_ && c.dominance) {
      // A counter-control: name what it kept, which the scenario did not.
      std::vector<std::string> kept, to;
      for (ItemId i : prepared_->plan.controls()[k].items) kept.push_back(w.items[i].id);
      for (StateId s : c.destinations.states) to.push_back(w.states[s].code);
      events_.push_back(fmt::format("month {}: in force from now, {}: {} by {} to {} on {}", month_, c.id,
                                    to_string(c.instrument), c.issuer.id, fmt::join(to, ", "),
                                    kept.empty() ? std::string("nothing: it dominates no item")
                                                 : fmt::format("what it dominates: {}", fmt::join(kept, ", "))));
    } else if (c.start_step == month_) {
      events_.push_back(fmt::format("month {}: in force from now, {}", month_, describe(c, w)));
      // A consensus vote's vetoes, member by member, as the list takes effect.
      std::map<StateId, std::vector<std::string>> refused;
      for (const policy::Vote& v : prepared_->plan.controls()[k].votes)
        if (!v.supports) refused[v.member].push_back(w.items[v.item].id);
      for (const auto& [member, items] : refused)
        events_.push_back(fmt::format("month {}: {} blocks the listing of {} in {}", month_, w.states[member].name,
                                      fmt::join(items, ", "), c.issuer.id));
    }
    if (c.end_step == month_) events_.push_back(fmt::format("month {}: control {} ends", month_, c.id));
    for (const MembershipChange& m : c.issuer.changes)
      if (m.step == month_)
        events_.push_back(fmt::format("month {}: {} {} control {}", month_, w.states[m.state].name,
                                      m.joins ? "applies" : "no longer applies", c.id));
  }
  for (auto& per_state : {&state_loss_, &state_blocked_imports_, &state_blocked_exports_})
    for (auto& series : *per_state) series.push_back(0.0);
  const auto& rows = recorder_->rows();
  std::vector<const output::MetricRow*> world(std::size(kHeadline), nullptr), first_control(std::size(kHeadline), nullptr);
  for (std::size_t r = first_row; r < rows.size(); ++r) {
    const output::MetricRow& row = rows[r];
    if (row.item != output::kAllItems) continue;
    if (row.state == output::kWorld || row.state == output::kControlGroup) {
      for (std::size_t m = 0; m < std::size(kHeadline); ++m)
        if (row.metric == kHeadline[m]) (row.state == output::kWorld ? world : first_control)[m] = &row;
      continue;
    }
    if (row.state >= w.states.size()) continue;
    if (row.metric == Metric::output_loss) state_loss_[row.state].back() = row.value;
    if (row.metric == Metric::blocked_trade) state_blocked_imports_[row.state].back() = row.value;
    if (row.metric == Metric::blocked_exports) state_blocked_exports_[row.state].back() = row.value;
    if (row.metric == Metric::entities_listed && row.value > 0)
      events_.push_back(fmt::format("month {}: {} front{} in {} caught and entity-listed", month_, row.value,
                                    row.value == 1 ? "" : "s", w.states[row.state].name));
  }
  // A counter-control makes the recorder read what the controls aim at per control,
  // with no world row (docs/METRICS.md): the chart then follows the scenario's own
  // first control, the one the lesson is about.
  for (std::size_t m = 0; m < std::size(kHeadline); ++m)
    if (const output::MetricRow* row = world[m] ? world[m] : first_control[m]) {
      headline_[m].push_back({row->step, row->value, share_lost(row->metric) ? 0.0 : row->baseline});
      headline_group_[m] = world[m] ? std::string("WORLD") : "control:" + sc.controls.front().id;
    }
}

void VariantRun::step() {
  if (finished()) return;
  if (shared_baseline_ && shared_baseline_->month() == month_) shared_baseline_->step();
  step_run();
  record_step();
}

double VariantRun::apply(const ParameterChange& c) { return apply(std::vector<ParameterChange>{c}); }

double VariantRun::apply(const std::vector<ParameterChange>& changes) {
  bool replay = false;
  for (const ParameterChange& c : changes) {
    changes_.push_back(c);
    replay = replay || c.in_timeline();
  }
  if (!replay) {
    for (const ParameterChange& c : changes) {
      write_into(prepared_->scenario, c);
      events_.push_back(describe(c, prepared_->scenario));
    }
    return 0;
  }
  const auto start = std::chrono::steady_clock::now();
  rebuild(month_);
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

void VariantRun::reset() {
  changes_.clear();
  rebuild(0);
}

std::unique_ptr<VariantRun> VariantRun::branch(std::string label, const ParameterChange& c) const {
  std::vector<ParameterChange> changes = changes_;
  changes.push_back(c);
  return std::unique_ptr<VariantRun>(new VariantRun(std::move(label), base_, std::move(changes), month_, prepared_));
}

std::unique_ptr<VariantRun> VariantRun::without(const std::string& by, int month) const {
  // The changes left are checked again in their order, as a round checks its decisions:
  // one that only the removed decision made possible is removed with it.
  Scenario scratch = base_;
  std::vector<ParameterChange> kept;
  for (const ParameterChange& c : changes_) {
    if (c.by == by && c.month == month) continue;
    try {
      ParameterChange again = read_change(to_json(c), c.month, scratch);
      again.by = c.by;
      write_into(scratch, again);
      kept.push_back(std::move(again));
    } catch (const BadRequest&) {
    }
  }
  return std::unique_ptr<VariantRun>(
      new VariantRun(label_ + " without " + by + " at month " + std::to_string(month), base_, std::move(kept), 0, prepared_));
}

bool VariantRun::has_decision(const std::string& by, int month) const {
  return std::any_of(changes_.begin(), changes_.end(), [&](const ParameterChange& c) { return c.by == by && c.month == month; });
}

double VariantRun::value_at(output::Metric m, int step, std::optional<StateId> state) const {
  // The world's, or (a counter-control in the run) the first control's, as the chart reads it.
  const std::uint32_t wanted = state ? std::uint32_t{*state} : output::kWorld;
  const auto& rows = recorder_->rows();
  std::optional<double> first_control;
  for (auto r = rows.rbegin(); r != rows.rend() && r->step >= step; ++r) {
    if (r->step != step || r->item != output::kAllItems || r->metric != m) continue;
    if (r->state == wanted) return r->value;
    if (!state && r->state == output::kControlGroup) first_control = r->value;
  }
  return first_control.value_or(0.0);
}

nlohmann::json VariantRun::view() const {
  const Scenario& sc = prepared_->scenario;
  const World& w = sc.world;
  nlohmann::json series = nlohmann::json::object(), groups = nlohmann::json::object();
  for (std::size_t m = 0; m < std::size(kHeadline); ++m) {
    nlohmann::json points = nlohmann::json::array();
    for (const Point& p : headline_[m]) points.push_back({p.step, p.value, p.baseline});
    series[output::to_string(kHeadline[m])] = std::move(points);
    groups[output::to_string(kHeadline[m])] = headline_group_[m];
  }
  auto last = [](const std::vector<double>& v) { return v.empty() ? 0.0 : v.back(); };
  nlohmann::json states = nlohmann::json::array();
  for (StateId s = 0; s < w.states.size(); ++s)
    states.push_back({{"code", w.states[s].code}, {"name", w.states[s].name}, {"output_loss", last(state_loss_[s])},
                      {"blocked_imports", last(state_blocked_imports_[s])}});
  nlohmann::json flows = nlohmann::json::array();
  for (const output::FlowRow& f : last_flows_)
    flows.push_back({{"from", w.states[f.exporter].code}, {"to", w.states[f.importer].code}, {"value", f.value},
                     {"baseline", f.baseline}, {"controlled", f.controlled}});
  nlohmann::json changes = nlohmann::json::array();
  for (const ParameterChange& c : changes_) changes.push_back(to_json(c));
  nlohmann::json controls = nlohmann::json::array();
  for (const Control& c : sc.controls) {
    std::vector<std::string> members;
    for (StateId s = 0; s < w.states.size(); ++s)
      if (prepared_->plan.controls()[&c - sc.controls.data()].member_at(s, std::max(0, month_ - 1)))
        members.push_back(w.states[s].code);
    controls.push_back({{"id", c.id}, {"issuer", c.issuer.id}, {"kind", c.issuer.kind == Issuer::Kind::regime ? "regime"
                                                                       : c.issuer.kind == Issuer::Kind::coalition ? "coalition"
                                                                                                                  : "state"},
                        {"instrument", to_string(c.instrument)}, {"start", c.start_step},
                        {"approval", c.licensing.approval_probability}, {"members", members},
                        {"words", describe(c, w)}});
  }
  // A state's firms' own values (a firm team's decisions), by state code.
  auto by_code = [&](const std::vector<StateValue>& by_state) {
    nlohmann::json out = nlohmann::json::object();
    for (const StateValue& v : by_state) out[w.states[v.state].code] = v.value;
    return out;
  };
  return {{"label", label_},
          {"scenario", base_.name},
          {"file", base_.source_file},
          {"month", month_},
          {"steps", base_.steps},
          {"diversion", sc.responses.diversion.propensity},
          {"diversion_by_state", by_code(sc.responses.diversion.propensity_by_state)},
          {"over_compliance_by_state", by_code(sc.responses.over_compliance.by_state)},
          {"controls", controls},
          {"series", series},
          {"series_group", groups},
          {"states", states},
          {"flows", flows},
          {"changes", changes},
          {"events", events_}};
}

nlohmann::json VariantRun::state_view(const std::string& code) const {
  const World& w = prepared_->scenario.world;
  const auto s = w.find_state(code);
  nlohmann::json out{{"state", code}};
  if (!s) return out;
  auto by_month = [](const std::vector<double>& v) {
    nlohmann::json points = nlohmann::json::array();
    for (std::size_t t = 0; t < v.size(); ++t) points.push_back({t, v[t]});
    return points;
  };
  out["output_loss"] = by_month(state_loss_[*s]);
  out["blocked_imports"] = by_month(state_blocked_imports_[*s]);
  out["blocked_exports"] = by_month(state_blocked_exports_[*s]);
  out["security_concern"] = w.states[*s].security_concern;
  double effort = w.states[*s].enforcement_effort;
  for (const EffortChange& e : prepared_->scenario.responses.enforcement.changes)
    if (e.state == *s && e.step < month_) effort = e.effort;
  out["enforcement_effort"] = effort;
  // What the state's buyers and exporters do now, for the team's sliders to start from.
  const Responses& r = prepared_->scenario.responses;
  out["divert"] = r.diversion.propensity_for(*s);
  out["over_comply"] = r.over_compliance.probability_for(*s);
  return out;
}

void VariantRun::start_group_sales() {
  const Scenario& s = prepared_->scenario;
  // The controls' targets, whom a group's sales to the targets count (a counter-control
  // names the controllers: not the targets a firm weighs).
  std::vector<bool> targets(s.world.states.size(), false);
  for (std::size_t k = 0; k < s.controls.size(); ++k)
    if (!s.controls[k].dominance)
      for (StateId st = 0; st < targets.size(); ++st)
        if (prepared_->plan.controls()[k].named_state[st]) targets[st] = true;
  group_sales_.clear();
  for (const MakerGroup& g : groups_) group_sales_.emplace_back(g, prepared_->network, targets);
}

void VariantRun::follow(const std::vector<MakerGroup>& groups) {
  groups_ = groups;
  if (month_ == 0) start_group_sales();  // nothing run yet to read again
  else rebuild(month_);
}

nlohmann::json VariantRun::group_view(const MakerGroup& group) const {
  const Scenario& sc = prepared_->scenario;
  for (const MakerGroupSales& g : group_sales_) {
    if (g.group().state != group.state || g.group().items != group.items) continue;
    nlohmann::json out = g.view(sc.world);
    // What its makers do now: their group's value, else their state's, else the world's.
    const ItemId first = group.items.front();
    const MakerGroupValue* over = group_for(sc.responses.over_compliance.by_maker_group, group.state, first);
    const MakerGroupValue* fronts = group_for(sc.responses.diversion.fronts_by_maker_group, group.state, first);
    out["over_comply"] = over ? over->value : sc.responses.over_compliance.probability_for(group.state);
    out["fronts"] = fronts ? fronts->value : 1.0;
    return out;
  }
  return nullptr;
}

}  // namespace regimesim::classroom
