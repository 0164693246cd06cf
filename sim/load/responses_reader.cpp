#include "load/responses_reader.hpp"

#include "load/control_reader.hpp"
#include "load/reader.hpp"

namespace regimesim::load {
namespace {

int steps_value(const MapReader& r, std::string_view key, int fallback, int max) {
  const Node* v = r.get(key);
  if (!v) return fallback;
  return as_int_in(*v, r.path(key), 0, max, "must be a whole number of steps from 0 to " + std::to_string(max));
}

Resourcing read_resourcing(const Node& n, const std::string& path) {
  MapReader r(n, path, {"search_delay", "switching_cost", "starved_delay", "starved_below", "starved_grace",
                              "return_after", "qualification_per_tier"});
  Resourcing x;
  x.search_delay = steps_value(r, "search_delay", x.search_delay, 1000);
  if (const Node* c = r.get("switching_cost")) x.switching_cost = as_non_negative(*c, r.path("switching_cost"));
  x.starved_delay = steps_value(r, "starved_delay", x.starved_delay, 1000);
  x.starved_below = unit_interval(r, "starved_below", x.starved_below);
  x.starved_grace = steps_value(r, "starved_grace", x.starved_grace, 1000);
  x.return_after = steps_value(r, "return_after", x.return_after, 1000);
  if (x.return_after > 0 && x.starved_delay == 0)
    fail(*r.get("return_after"), r.path("return_after"),
         "a buyer comes back only to a supplier it left for starvation: give starved_delay above 0 too, or return_after 0");
  if (const Node* c = r.get("qualification_per_tier")) {
    x.qualification_per_tier = as_non_negative(*c, r.path("qualification_per_tier"));
    if (x.qualification_per_tier > 100)
      fail(*c, r.path("qualification_per_tier"),
           "must lie between 0 (a new supplier delivers in full at once) and 100 steps per tier");
  }
  return x;
}

// `{NLD: 0.3, JPN: 0}`: a probability for the firms of each state named.
std::vector<StateValue> read_by_state(const Node& n, const std::string& path, const World& w) {
  if (n.kind != Node::Kind::map)
    fail(n, path, "expected a map from state code to a value between 0 and 1, like {NLD: 0.3}");
  std::vector<StateValue> out;
  for (const NodeEntry& e : n.entries) {
    const std::string at = path + "." + e.key;
    const auto s = w.find_state(e.key);
    if (!s) {
      Node key;
      key.origin = e.key_origin;
      fail(key, at, "'" + e.key + "' is not a state of the world; write a state code (world.states[].code)");
    }
    const double x = as_number(e.value, at);
    if (x < 0 || x > 1) fail(e.value, at, "must lie between 0 and 1");
    out.push_back({*s, x});
  }
  return out;
}

Diversion read_diversion(const Node& n, const std::string& path, const World& w) {
  MapReader r(n, path, {"propensity", "propensity_by_state", "intermediaries"});
  Diversion x;
  x.propensity = unit_interval(r, "propensity", x.propensity);
  if (const Node* b = r.get("propensity_by_state"))
    x.propensity_by_state = read_by_state(*b, r.path("propensity_by_state"), w);
  if (const Node* i = r.get("intermediaries")) x.intermediaries = read_state_list(*i, r.path("intermediaries"), w);
  if (any_above_zero(x.propensity_by_state, x.propensity) && x.intermediaries.empty())
    fail(n, path, "a diversion propensity above 0 needs 'intermediaries': the third states fronts can sit in");
  return x;
}

// `enforcement: {escalation: 0.1, changes: [{at: 12, states: [USA], effort: 0.9}]}`
Enforcement read_enforcement(const Node& n, const std::string& path, const World& w) {
  MapReader r(n, path, {"escalation", "changes"});
  Enforcement x;
  x.escalation = unit_interval(r, "escalation", x.escalation);
  if (const Node* c = r.get("changes")) {
    const auto list = as_list(*c, r.path("changes"));
    int last = 0;
    for (std::size_t k = 0; k < list.size(); ++k) {
      MapReader e(*list[k], element_path(r.path("changes"), k), {"at", "states", "effort"});
      const int at = as_int_in(e.require("at"), e.path("at"), std::max(1, last), 1000000000,
                               "must be a step after 0, in step order");
      last = at;
      const auto states = read_state_list(e.require("states"), e.path("states"), w);
      e.require("effort");
      const double effort = unit_interval(e, "effort", 0.0);
      for (StateId s : states) x.changes.push_back({last, s, effort});
    }
  }
  return x;
}

BuildAtHome read_build_at_home(const Node& n, const std::string& path) {
  MapReader r(n, path, {"threshold", "lag_per_tier", "success_probability", "success_drop_per_tier", "capacity_share"});
  BuildAtHome x;
  x.threshold = unit_interval(r, "threshold", x.threshold);
  x.lag_per_tier = steps_value(r, "lag_per_tier", x.lag_per_tier, 1000);
  x.success_probability = unit_interval(r, "success_probability", x.success_probability);
  x.success_drop_per_tier = unit_interval(r, "success_drop_per_tier", x.success_drop_per_tier);
  if (const Node* c = r.get("capacity_share")) x.capacity_share = as_non_negative(*c, r.path("capacity_share"));
  return x;
}

// `design_out: {delay: 6, probability: 0.25, cost: 2}`
DesignOut read_design_out(const Node& n, const std::string& path) {
  MapReader r(n, path, {"delay", "probability", "cost"});
  DesignOut x;
  x.delay = steps_value(r, "delay", x.delay, 1000);
  x.probability = unit_interval(r, "probability", x.probability);
  if (const Node* c = r.get("cost")) x.cost = as_non_negative(*c, r.path("cost"));
  return x;
}

// `capacity_expansion: {steps: 3, lag_per_tier: 3, growth: 0.25, ...}` (behaviour/capacity_expansion.hpp)
CapacityExpansion read_capacity_expansion(const Node& n, const std::string& path) {
  MapReader r(n, path, {"steps", "price_above", "orders_above", "lag_per_tier", "growth", "max_growth", "cost",
                        "toward_spare"});
  CapacityExpansion x;
  x.steps = steps_value(r, "steps", x.steps, 1000);
  x.lag_per_tier = steps_value(r, "lag_per_tier", x.lag_per_tier, 1000);
  auto bounded = [&](std::string_view key, double fallback, double max, const std::string& valid) {
    const Node* v = r.get(key);
    if (!v) return fallback;
    const double value = as_non_negative(*v, r.path(key));
    if (value > max) fail(*v, r.path(key), valid);
    return value;
  };
  x.price_above = bounded("price_above", x.price_above, 100, "must lie between 0 and 100 (a price 101 times the baseline)");
  x.orders_above = bounded("orders_above", x.orders_above, 100, "must lie between 0 and 100 (orders 101 times capacity)");
  x.growth = bounded("growth", x.growth, 10, "must lie between 0 and 10 (one investment adding ten times the baseline capacity)");
  x.max_growth = bounded("max_growth", x.max_growth, 100, "must lie between 0 and 100 times the baseline capacity");
  x.cost = bounded("cost", x.cost, 1200, "must lie between 0 and 1200 steps of the new capacity's output");
  if (const Node* v = r.get("toward_spare"))
    x.toward_spare = as_choice<bool>(*v, r.path("toward_spare"), {{"true", true}, {"false", false}});
  if (x.steps > 0 && !(x.growth > 0))
    fail(n, path, "capacity expansion with 'steps' above 0 needs a 'growth' above 0: what one investment adds");
  return x;
}

}  // namespace

Responses read_responses(const Node& n, const std::string& path, const World& w) {
  MapReader r(n, path, {"resourcing", "over_compliance", "diversion", "enforcement", "build_at_home", "anticipation",
                        "design_out", "capacity_expansion"});
  Responses x;
  if (const Node* v = r.get("resourcing")) x.resourcing = read_resourcing(*v, r.path("resourcing"));
  if (const Node* v = r.get("over_compliance")) {
    MapReader o(*v, r.path("over_compliance"), {"probability", "by_state"});
    x.over_compliance.probability = unit_interval(o, "probability", x.over_compliance.probability);
    if (const Node* b = o.get("by_state")) x.over_compliance.by_state = read_by_state(*b, o.path("by_state"), w);
  }
  if (const Node* v = r.get("diversion")) x.diversion = read_diversion(*v, r.path("diversion"), w);
  if (const Node* v = r.get("enforcement")) x.enforcement = read_enforcement(*v, r.path("enforcement"), w);
  if (const Node* v = r.get("build_at_home")) x.build_at_home = read_build_at_home(*v, r.path("build_at_home"));
  if (const Node* v = r.get("design_out")) x.design_out = read_design_out(*v, r.path("design_out"));
  if (const Node* v = r.get("anticipation")) {
    MapReader a(*v, r.path("anticipation"), {"extra_stock_periods"});
    if (const Node* e = a.get("extra_stock_periods")) {
      x.anticipation.extra_stock_periods = as_non_negative(*e, a.path("extra_stock_periods"));
      if (x.anticipation.extra_stock_periods > 120)
        fail(*e, a.path("extra_stock_periods"), "at most 120 steps of use; a stock of ten years is not a precaution");
    }
  }
  if (const Node* v = r.get("capacity_expansion"))
    x.capacity_expansion = read_capacity_expansion(*v, r.path("capacity_expansion"));
  return x;
}

}  // namespace regimesim::load
