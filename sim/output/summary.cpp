#include "output/summary.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>

namespace regimesim::output {

std::string baseline_meaning(Metric m) {
  switch (m) {
    case Metric::output_loss: return "baseline gross output";
    case Metric::denial_effectiveness: return "what the aimed-at buyers received of the target inputs in the baseline";
    case Metric::order_shortfall:
      return "what the aimed-at buyers ordered of the target inputs in the baseline, the step before (the orders whose "
             "goods arrive at the step)";
    case Metric::orders_unfilled_share: return "the share of those orders the baseline left unfilled";
    case Metric::controller_revenue_loss: return "the controllers' exports in the baseline";
    case Metric::wmd_leakage: return "WMD-relevant items reaching WMD-risk buyers in the baseline";
    case Metric::substitution_share:
    case Metric::target_indigenous_share: return "the same share in the baseline";
    default: return "the same in the baseline (no controls)";
  }
}

RunSummary summarise(const Scenario& sc, const std::vector<MetricRow>& rows, const std::vector<double>& cum_out,
                     const std::vector<double>& cum_base) {
  const World& w = sc.world;
  RunSummary s;
  s.scenario = sc.name;
  s.seed = sc.seed;
  int last = 0;
  for (const auto& r : rows) last = std::max(last, r.step);
  s.steps = rows.empty() ? 0 : last + 1;
  const std::size_t S = w.states.size();
  std::vector<StateSummary> st(S + 1);  // index S stands for the world
  for (std::size_t k = 0; k < S; ++k) st[k].code = w.states[k].code;
  st[S].code = "WORLD";
  for (std::size_t k = 0; k <= S; ++k) {
    st[k].output_loss_cumulative = cum_base[k] > 0 ? 1.0 - cum_out[k] / cum_base[k] : 0.0;
    st[k].output_total = cum_out[k];
    st[k].baseline_output_total = cum_base[k];
  }
  std::vector<ItemSummary> items(w.items.size());
  for (std::size_t i = 0; i < items.size(); ++i) items[i].id = w.items[i].id;

  // World and group headlines: some metrics are read at the horizon, flows summed.
  struct Want { Metric m; std::uint32_t group; bool summed; };
  const Want wants[] = {{Metric::denial_effectiveness, kWorld, false}, {Metric::order_shortfall, kWorld, false},
                        {Metric::orders_unfilled_share, kWorld, false},  {Metric::substitution_share, kWorld, false},
                        {Metric::target_indigenous_share, kWorld, false}, {Metric::wmd_leakage, kWorld, false},
                        {Metric::collateral_denial, kWorld, true},       {Metric::collateral_denial, kDeveloping, true},
                        {Metric::compliance_cost, kWorld, true},         {Metric::delayed_trade, kWorld, true},
                        {Metric::controller_revenue_loss, kWorld, false}, {Metric::leakage, kWorld, true},
                        {Metric::entities_listed, kWorld, true},          {Metric::switching_cost, kWorld, true},
                        {Metric::capacity_built, kWorld, false}, {Metric::tier_substitution, kWorld, false}};
  // The headlines read only the rows of the world and of groups (developing states,
  // controls, firms), a few in a hundred: taken once, in the rows' order, so that each
  // headline below scans them alone and sums in the same order as over every row.
  std::vector<MetricRow> group_rows;
  for (const auto& r : rows)
    if (r.state >= S) group_rows.push_back(r);
  // Controls aimed in opposite directions have no world row of what they aim at
  // (MetricRecorder): those headlines are read per control instead.
  auto pooled = [&](Metric m) {
    return std::any_of(group_rows.begin(), group_rows.end(),
                       [&](const MetricRow& r) { return r.metric == m && r.state == kWorld; });
  };
  auto headline = [&](Metric m, std::uint32_t group, bool summed, const std::string& name) {
    bool seen = false;
    double value = 0, baseline = 0;
    for (const auto& r : group_rows)
      if (r.metric == m && r.state == group && r.item == kAllItems && (summed || r.step == last)) {
        seen = true;
        value += r.value;
        baseline += r.baseline;
      }
    if (seen) s.headlines.push_back({m, name, summed ? "summed over the run" : "at the horizon", value, baseline});
  };
  for (const Want& want : wants) {
    if (want.group == kWorld && !pooled(want.m)) {
      for (std::uint32_t c = 0; c < sc.controls.size(); ++c)
        headline(want.m, kControlGroup + c, want.summed, "control:" + sc.controls[c].id);
      continue;
    }
    headline(want.m, want.group, want.summed, want.group == kWorld ? "WORLD" : "DEVELOPING");
  }

  for (const auto& r : rows) {
    if (r.state != kWorld && r.state >= S) continue;  // group rows are headlines only
    const std::size_t k = r.state == kWorld ? S : r.state;
    if (r.item == kAllItems) {
      if (r.metric == Metric::output_loss && r.step == last) st[k].output_loss_horizon = r.value;
      if (r.metric == Metric::blocked_trade) st[k].blocked_imports += r.value;
      if (r.metric == Metric::blocked_exports) st[k].blocked_exports += r.value;
      continue;
    }
    if (r.step != last) continue;
    if (r.metric == Metric::output_loss && k == S) items[r.item].world_output_loss_horizon = r.value;
    if (r.metric == Metric::price_index && k < S && r.value > items[r.item].max_price_index_horizon) {
      items[r.item].max_price_index_horizon = r.value;
      items[r.item].max_price_state = w.states[k].code;
    }
  }
  for (FirmId f : sc.reported_firms) {
    FirmSummary x;
    x.id = w.firms[f].id;
    x.state = w.states[w.firms[f].state].code;
    x.item = w.items[w.firms[f].item].id;
    s.firms.push_back(std::move(x));
  }
  for (const auto& r : group_rows) {
    if (!is_firm_group(r.state)) continue;
    FirmSummary& x = s.firms[r.state - kFirmGroup];
    if (r.metric == Metric::gross_output) x.output_total += r.value, x.baseline_output_total += r.baseline;
    if (r.metric == Metric::output_loss && r.step == last) x.output_loss_horizon = r.value;
    if (r.item == kAllItems) {
      if (r.metric == Metric::blocked_trade) x.blocked_total += r.value;
      continue;
    }
    if (r.metric != Metric::input_received && r.metric != Metric::blocked_trade && r.metric != Metric::resourced_receipts)
      continue;
    const std::string& item = w.items[r.item].id;
    auto in = std::find_if(x.inputs.begin(), x.inputs.end(), [&](const FirmInputSummary& i) { return i.item == item; });
    if (in == x.inputs.end()) in = x.inputs.insert(x.inputs.end(), FirmInputSummary{item});
    if (r.metric == Metric::input_received) {
      in->received_total += r.value;
      in->baseline_received_total += r.baseline;
      if (r.step == last) in->received_horizon = r.value, in->baseline_received_horizon = r.baseline;
    }
    if (r.metric == Metric::blocked_trade) in->blocked_total += r.value;
    if (r.metric == Metric::resourced_receipts) in->resourced_total += r.value;
  }
  for (auto& x : s.firms)
    x.output_loss_cumulative = x.baseline_output_total > 0 ? 1.0 - x.output_total / x.baseline_output_total : 0.0;
  s.world = st[S];
  st.pop_back();
  s.states = std::move(st);
  s.items = std::move(items);
  return s;
}

std::string summary_json(const RunSummary& s) {
  nlohmann::ordered_json j;
  j["scenario"] = s.scenario;
  j["seed"] = s.seed;
  j["steps"] = s.steps;
  auto state_json = [](const StateSummary& x) {
    nlohmann::ordered_json o;
    o["output_loss"] = {{"horizon", x.output_loss_horizon}, {"cumulative", x.output_loss_cumulative}};
    o["output_total"] = x.output_total;
    o["baseline_output_total"] = x.baseline_output_total;
    o["blocked_trade_total"] = x.blocked_imports;
    o["blocked_exports_total"] = x.blocked_exports;
    return o;
  };
  j["world"] = state_json(s.world);
  auto& head = j["headlines"] = nlohmann::ordered_json::array();
  for (const auto& h : s.headlines)
    head.push_back({{"metric", to_string(h.metric)}, {"group", h.group}, {"when", h.when}, {"value", h.value},
                    {"baseline", h.baseline}, {"baseline_means", baseline_meaning(h.metric)}});
  auto& states = j["states"] = nlohmann::ordered_json::object();
  for (const auto& x : s.states) states[x.code] = state_json(x);
  auto& items = j["items"] = nlohmann::ordered_json::object();
  for (const auto& x : s.items)
    items[x.id] = {{"world_output_loss_horizon", x.world_output_loss_horizon},
                   {"max_price_index_horizon", x.max_price_index_horizon},
                   {"max_price_state", x.max_price_state}};
  if (!s.firms.empty()) {  // only where the scenario names firms: other summaries stay as they were
    auto& firms = j["firms"] = nlohmann::ordered_json::object();
    for (const auto& x : s.firms) {
      nlohmann::ordered_json o;
      o["state"] = x.state;
      o["item"] = x.item;
      o["output_loss"] = {{"horizon", x.output_loss_horizon}, {"cumulative", x.output_loss_cumulative}};
      o["output_total"] = x.output_total;
      o["baseline_output_total"] = x.baseline_output_total;
      o["blocked_trade_total"] = x.blocked_total;
      auto& inputs = o["inputs"] = nlohmann::ordered_json::object();
      for (const auto& i : x.inputs)
        inputs[i.item] = {{"received_horizon", i.received_horizon},
                          {"baseline_received_horizon", i.baseline_received_horizon},
                          {"received_total", i.received_total},
                          {"baseline_received_total", i.baseline_received_total},
                          {"blocked_trade_total", i.blocked_total},
                          {"resourced_receipts_total", i.resourced_total}};
      firms[x.id] = std::move(o);
    }
  }
  return j.dump(2) + "\n";
}

void print_summary(std::ostream& out, const Scenario& sc, const RunSummary& s) {
  out << fmt::format("Scenario '{}': {} steps, seed {}, {} states, {} items, {} firms\n", sc.name, s.steps, sc.seed,
                     sc.world.states.size(), sc.world.items.size(), sc.world.firms.size());
  for (const auto& c : sc.controls) out << "  control " << describe(c, sc.world) << "\n";
  if (sc.controls.empty()) out << "  no controls: the world should stay at its baseline equilibrium\n";
  out << "\nAgainst the baseline (same world, no controls):\n";
  out << fmt::format("  {:<8} {:>22} {:>22} {:>16} {:>16}\n", "state", "output loss at end", "output loss, whole run",
                     "imports blocked", "exports blocked");
  auto row = [&](const StateSummary& x) {
    out << fmt::format("  {:<8} {:>21.3f}% {:>21.3f}% {:>16.4g} {:>16.4g}\n", x.code, 100 * x.output_loss_horizon,
                       100 * x.output_loss_cumulative, x.blocked_imports, x.blocked_exports);
  };
  for (const auto& x : s.states) row(x);
  row(s.world);
  if (!s.headlines.empty()) {
    out << "\n  What the controls did (world, against baseline):\n";
    out << fmt::format("  {:<26} {:<24} {:>12} {:>12}  {}\n", "metric", "group", "value", "baseline", "when");
    for (const auto& h : s.headlines)
      out << fmt::format("  {:<26} {:<24} {:>12.4g} {:>12.4g}  {}\n", to_string(h.metric), h.group, h.value, h.baseline,
                         h.when);
  }
  if (!s.firms.empty()) {
    out << "\n  The named firms (against the baseline):\n";
    out << fmt::format("  {:<28} {:<5} {:>18} {:>22} {:>16}\n", "firm", "state", "output loss at end",
                       "output loss, whole run", "inputs blocked");
    for (const auto& x : s.firms) {
      out << fmt::format("  {:<28} {:<5} {:>17.3f}% {:>21.3f}% {:>16.4g}\n", x.id, x.state, 100 * x.output_loss_horizon,
                         100 * x.output_loss_cumulative, x.blocked_total);
      for (const auto& i : x.inputs)
        if (i.blocked_total > 0 || i.resourced_total > 0 || i.received_horizon != i.baseline_received_horizon)
          out << fmt::format("    {:<26} received at end {:.4g} (baseline {:.4g}); blocked {:.4g}, from new suppliers "
                             "{:.4g} over the run\n",
                             i.item, i.received_horizon, i.baseline_received_horizon, i.blocked_total, i.resourced_total);
    }
  }
  out << "\n  " << fmt::format("{:<24} {:>24} {:>28}\n", "item", "world output loss at end", "highest price paid at end");
  for (const auto& i : s.items)
    out << "  "
        << fmt::format("{:<24} {:>23.3f}% {:>21.3f} ({})\n", i.id, 100 * i.world_output_loss_horizon,
                       i.max_price_index_horizon, i.max_price_state.empty() ? "-" : i.max_price_state);
  out << "\n  Losses are shares of baseline output (negative = gain); blocked trade is the baseline flow of the\n"
         "  links the controls denied or held, in baseline-price units (quantities), summed over the run. A headline's\n"
         "  baseline is the level to read it against (docs/METRICS.md). Write every step with --out DIR.\n";
}

}  // namespace regimesim::output
