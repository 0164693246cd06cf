#include "output/metric_dictionary.hpp"

#include <fmt/format.h>

namespace regimesim::output {
namespace {

using K = MetricKind;
constexpr const char* kStep = "each step";
constexpr const char* kSince = "cumulative";
constexpr const char* kEnd = "at the horizon";
constexpr const char* kSum = "summed over the run";
// Amounts are volumes at baseline prices: every price is 1 in the baseline, so a
// quantity is also its value (USD bn in the default world of scenarios/data/).
constexpr const char* kFlow = "units/month at baseline prices";

// Keep in the order of output::Metric; a test checks that every Metric has its row.
const std::vector<MetricEntry> kDictionary{
    {"gross_output", K::amount, kFlow, kFlow, kStep, "", "Output made", "", "quantity made in the step, in the scenario run"},
    {"output_loss", K::share, "share of baseline output", kFlow, kStep, "over the run",
     "World output lost over the run", "share; baseline: units; run total",
     "share of the baseline's output not made (0 = as baseline, 1 = nothing made, below 0 = a gain)"},
    {"market_share", K::share, "share of world output", "share of world output", kStep, "", "Market share", "",
     "the state's share of world output of the item"},
    {"market_share_shift", K::share, "share of world output (difference)", "share of world output", kStep, "",
     "Market share gained or lost", "", "market_share minus the same share in the baseline"},
    {"price_index", K::amount, "multiple of the baseline price", "multiple of the baseline price", kStep, "",
     "Price buyers are asked", "",
     "order-weighted price of the suppliers the state's buyers ask for the item; 1 = baseline price"},
    {"blocked_trade", K::amount, kFlow, kFlow, kStep, "", "Imports blocked", "units, run total",
     "baseline flow into the state on links the controls denied or held for a licence"},
    {"blocked_exports", K::amount, kFlow, kFlow, kStep, "", "Exports blocked", "",
     "baseline flow from the state's firms on links the controls denied or held for a licence"},
    {"final_demand_shortfall", K::share, "share of baseline deliveries", kFlow, kStep, "", "Final users' shortfall", "",
     "share of the final users' baseline supply of the item that did not arrive"},
    {"denial_effectiveness", K::share, "share of baseline receipts", "receipts/month at baseline prices", kStep, kEnd,
     "Denied: share of the target's baseline receipts cut", "share; baseline: receipts/month; at the end",
     "share of the controlled items the aimed-at buyers received in the baseline that no longer reaches them "
     "(1 = nothing gets through)"},
    {"substitution_share", K::share, "share of receipts", "share of receipts", kStep, kEnd,
     "Of what still arrives: share from non-controllers", "share of receipts; at the end",
     "of what the aimed-at buyers still receive, the share from foreign states that apply no control aimed at them"},
    {"target_indigenous_share", K::share, "share of receipts", "share of receipts", kStep, kEnd,
     "Of what still arrives: share from home makers", "share of receipts; at the end",
     "of what the aimed-at buyers still receive, the share from makers in their own state"},
    {"wmd_leakage", K::amount, kFlow, kFlow, kStep, kEnd, "WMD items reaching WMD-risk buyers", "units/month, at the end",
     "WMD-relevant items that reached WMD-risk buyers in the step, by any path"},
    {"collateral_denial", K::amount, kFlow, kFlow, kStep, kSum, "Bystanders' baseline trade blocked", "units, run total",
     "baseline trade of buyers no control aims at that the controls blocked or held, and legal sales declined"},
    {"compliance_cost", K::amount, "value/month at baseline prices", "value/month at baseline prices", kStep, kSum,
     "Licence application costs", "value, run total", "cost of the licence applications the state's exporters filed in the step"},
    {"licence_applications", K::count, "applications/month", "applications/month", kStep, "", "Licence applications", "",
     "how many licence applications the state's exporters filed in the step"},
    {"delayed_trade", K::amount, kFlow, kFlow, kStep, kSum, "Baseline exports held for a licence", "units, run total",
     "baseline flow of the state's exporters held waiting for a licence decision"},
    {"controller_revenue_loss", K::share, "share of baseline export volume", kFlow, kStep, kEnd,
     "Controllers' export volume lost", "share; baseline: units/month; at the end",
     "share of their baseline export volume the controlling states no longer ship abroad"},
    {"leakage", K::amount, kFlow, kFlow, kStep, kSum, "Controlled goods leaked through fronts", "units, run total",
     "controlled items shipped to the state's buyers through fronts in third states"},
    {"diverted_trade", K::amount, kFlow, kFlow, kStep, "", "Trade diverted through the state", "",
     "goods routed through fronts on the state's territory"},
    {"entities_listed", K::count, "fronts/month", "fronts/month", kStep, kSum, "Fronts caught and entity-listed", "count, run total",
     "fronts on the state's territory detected and entity-listed in the step"},
    {"switching_cost", K::amount, "value/month at baseline prices", "value/month at baseline prices", kStep, kSum,
     "Buyers' cost of switching suppliers", "value, run total", "what the state's buyers paid in the step to move to new suppliers"},
    {"capacity_built", K::amount, "units/month of new capacity", "units/month of new capacity", kSince, kEnd,
     "New capacity built at home since start", "units/month, at the end",
     "capacity the state's makers have added at home since the start, answering denial or high demand (a level, not a flow)"},
    {"tier_substitution", K::amount, "units/month of the item", "units/month of the item", kStep, kEnd,
     "Lower-tier substitutes' work", "units/month, at the end",
     "work of the item the state's buyers got in the step from lower-tier substitutes, in units of the item"},
    {"expansion_cost", K::amount, "value/month at baseline prices", "value/month at baseline prices", kStep, "",
     "Makers' cost of expanding capacity", "",
     "what the state's makers committed in the step to expand their capacity, answering high demand: cost x the capacity decided"},
    {"input_received", K::amount, kFlow, kFlow, kStep, "", "Input received", "",
     "what a named firm received of an input in the step"},
    {"resourced_receipts", K::amount, kFlow, kFlow, kStep, "", "Input from new suppliers", "",
     "the part of a named firm's input_received that came on links it moved to a new supplier"},
    {"order_shortfall", K::share, "share of baseline orders", "orders/month at baseline prices", kStep, kEnd,
     "Demand gone: share of the target's baseline orders not placed", "share; baseline: orders/month; at the end",
     "share of what the aimed-at buyers ordered of the controlled items in the baseline, the step before, that they "
     "no longer order; 1 - denial_effectiveness = (1 - order_shortfall) x (1 - orders_unfilled_share)"},
    {"orders_unfilled_share", K::share, "share of orders", "share of orders", kStep, kEnd,
     "Supply cut: share of the target's orders not filled", "share; baseline: unfilled there; at the end",
     "share of the orders the aimed-at buyers placed the step before that did not arrive, against the baseline's "
     "filled share: refused by a control or an exporter, held for a licence, cut by a quota, or rationed by the supplier"},
};

// A CSV field, quoted when it holds a delimiter or a quote (tidy_table's rule,
// repeated here so that this file needs nothing of sim).
std::string field(const std::string& s) {
  if (s.find_first_of(",\"\n") == std::string::npos) return s;
  std::string q = "\"";
  for (char c : s) q += c == '"' ? std::string("\"\"") : std::string(1, c);
  return q + "\"";
}

}  // namespace

const std::vector<MetricEntry>& metric_dictionary() { return kDictionary; }

const MetricEntry* find_metric(std::string_view metric) {
  for (const auto& e : kDictionary)
    if (metric == e.metric) return &e;
  return nullptr;
}

const char* to_string(MetricKind k) {
  switch (k) {
    case MetricKind::share: return "share";
    case MetricKind::amount: return "amount";
    case MetricKind::count: return "count";
  }
  return "?";
}

std::string metrics_csv() {
  std::string out = "metric,kind,unit,baseline_unit,read,headline,label,definition\n";
  for (const auto& e : kDictionary)
    out += fmt::format("{},{},{},{},{},{},{},{}\n", e.metric, to_string(e.kind), field(e.unit), field(e.baseline_unit),
                       e.read, field(e.headline), field(e.label), field(e.definition));
  return out;
}

std::string metrics_markdown() {
  std::string out = "| metric | kind | unit | read | headline | label | definition |\n"
                    "| --- | --- | --- | --- | --- | --- | --- |\n";
  for (const auto& e : kDictionary)
    out += fmt::format("| `{}` | {} | {} | {} | {} | {} | {} |\n", e.metric, to_string(e.kind), e.unit, e.read,
                       *e.headline ? e.headline : "-", e.label, e.definition);
  return out;
}

}  // namespace regimesim::output
