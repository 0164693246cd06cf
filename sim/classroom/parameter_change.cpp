#include "classroom/parameter_change.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>

#include "classroom/possessive.hpp"

namespace regimesim::classroom {
namespace {

using Kind = ParameterChange::Kind;

Kind read_kind(const std::string& k) {
  for (Kind kind : {Kind::join, Kind::leave, Kind::concern, Kind::enforcement, Kind::diversion, Kind::approval,
                    Kind::retaliate, Kind::over_compliance, Kind::group_over_compliance, Kind::group_fronts})
    if (k == to_string(kind)) return kind;
  throw BadRequest(400, "kind: '" + k + "' is not a change; valid: join, leave, concern, enforcement, diversion, approval, "
                        "retaliate, over_compliance, group_over_compliance, group_fronts");
}

StateId read_state(const nlohmann::json& body, const World& w) {
  if (!body.contains("state") || !body["state"].is_string())
    throw BadRequest(400, "state: missing; give a state code of the world, such as \"JPN\"");
  const std::string code = body["state"].get<std::string>();
  const auto s = w.find_state(code);
  if (!s) throw BadRequest(400, "state: '" + code + "' is not a state of this world");
  return *s;
}

double read_share(const nlohmann::json& body) {
  if (!body.contains("value") || !body["value"].is_number())
    throw BadRequest(400, "value: missing; give a number from 0 to 1");
  const double v = body["value"].get<double>();
  if (!std::isfinite(v) || v < 0 || v > 1) throw BadRequest(400, fmt::format("value: {} is outside 0 to 1", v));
  return v;
}

// A counter-control (`dominance`: a retaliation, the scenario's or a team's) answers the
// others; joining or leaving "the controls" never means joining or leaving it.
bool counter_control(const Control& c) { return c.dominance.has_value(); }

// The controls a change names: one by id, or every control of the scenario but the
// counter-controls.
std::vector<const Control*> named_controls(const Scenario& sc, const std::string& id) {
  std::vector<const Control*> out;
  for (const Control& c : sc.controls)
    if (id.empty() ? !counter_control(c) : c.id == id) out.push_back(&c);
  if (out.empty()) {
    std::string ids;
    for (const Control& c : sc.controls) ids += (ids.empty() ? "" : ", ") + c.id;
    throw BadRequest(400, id.empty() ? "this scenario has no control to change"
                                     : "control: '" + id + "' is not a control of this scenario; valid: " + ids);
  }
  return out;
}

// Does state s apply control c at step t, by its members and timeline changes so far?
bool member_at(const Control& c, StateId s, int t) {
  bool in = std::find(c.issuer.members.begin(), c.issuer.members.end(), s) != c.issuer.members.end();
  for (const MembershipChange& m : c.issuer.changes)
    if (m.state == s && m.step <= t) in = m.joins;
  return in;
}

std::string state_name(const Scenario& sc, const std::string& code) {
  const auto s = sc.world.find_state(code);
  return s ? sc.world.states[*s].name : code;
}

std::string controls_words(const std::string& id) { return id.empty() ? "the controls" : "the control " + id; }

// The states that apply, at step t, a control aimed at state s by name (its
// destinations list s): whom s's counter-control answers. Sorted, once each.
std::vector<StateId> controllers_of(const Scenario& sc, StateId s, int t) {
  std::vector<StateId> out;
  for (const Control& c : sc.controls) {
    if (std::find(c.destinations.states.begin(), c.destinations.states.end(), s) == c.destinations.states.end()) continue;
    if (c.end_step >= 0 && c.end_step <= t) continue;
    for (StateId m = 0; m < sc.world.states.size(); ++m)
      if (m != s && member_at(c, m, t) && std::find(out.begin(), out.end(), m) == out.end()) out.push_back(m);
  }
  std::sort(out.begin(), out.end());
  return out;
}

// A state's own value, replacing the one it had.
void set_for(std::vector<StateValue>& by_state, StateId s, double value) {
  for (StateValue& v : by_state)
    if (v.state == s) {
      v.value = value;
      return;
    }
  by_state.push_back({s, value});
}

// A maker group's items, as ids of the world, sorted, once each: every one made by some
// firm of the state (else the group would hold no maker of it).
std::vector<std::string> read_group_items(const nlohmann::json& body, const Scenario& sc, StateId s) {
  if (!body.contains("items") || !body["items"].is_array() || body["items"].empty())
    throw BadRequest(400, "items: missing; give the ids of the items the group's makers make, such as [\"equipment\"]");
  std::vector<std::string> out;
  for (const auto& i : body["items"]) {
    if (!i.is_string()) throw BadRequest(400, "items: give item ids as strings");
    const std::string id = i.get<std::string>();
    const auto item = sc.world.find_item(id);
    if (!item) throw BadRequest(400, "items: '" + id + "' is not an item of this world");
    const bool made = std::any_of(sc.world.firms.begin(), sc.world.firms.end(),
                                  [&](const Firm& f) { return f.state == s && f.item == *item; });
    if (!made) throw BadRequest(400, "items: no firm of " + sc.world.states[s].code + " makes " + id);
    out.push_back(id);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::vector<ItemId> item_ids(const std::vector<std::string>& items, const World& w) {
  std::vector<ItemId> out;
  for (const std::string& i : items) out.push_back(*w.find_item(i));
  std::sort(out.begin(), out.end());
  return out;
}

// A group's own value, replacing the one it had. A group overlapping another of the
// same state but not the same is refused (read_change), so one group holds a maker.
void set_for_group(std::vector<MakerGroupValue>& groups, StateId s, std::vector<ItemId> items, double value) {
  for (MakerGroupValue& g : groups)
    if (g.state == s && g.items == items) {
      g.value = value;
      return;
    }
  groups.push_back({s, std::move(items), value});
}

void refuse_overlap(const std::vector<MakerGroupValue>& groups, StateId s, const std::vector<ItemId>& items,
                    const World& w) {
  for (const MakerGroupValue& g : groups) {
    if (g.state != s || g.items == items) continue;
    for (ItemId i : items)
      if (std::binary_search(g.items.begin(), g.items.end(), i))
        throw BadRequest(409, "items: " + w.items[i].id + " of " + w.states[s].code +
                                  " is in another group of makers already; give that group's items exactly");
  }
}

}  // namespace

const char* to_string(ParameterChange::Kind k) {
  switch (k) {
    case Kind::join: return "join";
    case Kind::leave: return "leave";
    case Kind::concern: return "concern";
    case Kind::enforcement: return "enforcement";
    case Kind::diversion: return "diversion";
    case Kind::approval: return "approval";
    case Kind::retaliate: return "retaliate";
    case Kind::over_compliance: return "over_compliance";
    case Kind::group_over_compliance: return "group_over_compliance";
    case Kind::group_fronts: return "group_fronts";
  }
  return "?";
}

ParameterChange read_change(const nlohmann::json& body, int month, const Scenario& sc) {
  if (!body.is_object()) throw BadRequest(400, "a change is a JSON object with kind, and state, control or value");
  if (!body.contains("kind") || !body["kind"].is_string())
    throw BadRequest(400, "kind: missing; valid: join, leave, concern, enforcement, diversion, approval");
  if (month >= sc.steps)
    throw BadRequest(409, fmt::format("the run has ended (month {} of {}); reset it or branch earlier", month, sc.steps));
  ParameterChange c;
  c.kind = read_kind(body["kind"].get<std::string>());
  c.month = month;
  if (body.contains("control")) {
    if (!body["control"].is_string()) throw BadRequest(400, "control: give a control id as a string");
    c.control = body["control"].get<std::string>();
  }
  switch (c.kind) {
    case Kind::join:
    case Kind::leave: {
      const StateId s = read_state(body, sc.world);
      c.state = sc.world.states[s].code;
      for (const Control* control : named_controls(sc, c.control)) {
        if (control->issuer.kind == Issuer::Kind::regime)
          throw BadRequest(409, "control " + control->id + " is issued by a regime, whose membership is the world's; "
                                "join or leave a coalition's or a state's control");
        const bool in = member_at(*control, s, month);
        if (c.kind == Kind::join && in) throw BadRequest(409, c.state + " already applies control " + control->id);
        if (c.kind == Kind::leave && !in) throw BadRequest(409, c.state + " does not apply control " + control->id);
      }
      break;
    }
    case Kind::concern: {
      c.state = sc.world.states[read_state(body, sc.world)].code;
      c.value = read_share(body);
      // A regime votes on its list once, when the scenario is compiled; a concern
      // changed later than a consensus control's start would rewrite a vote taken.
      for (const Control& control : sc.controls)
        if (control.consensus && control.start_step < month)
          throw BadRequest(409, fmt::format("the vote on control {} was taken at month {}; a concern can change only "
                                            "before it (reset, or branch at an earlier month)",
                                            control.id, control.start_step));
      break;
    }
    case Kind::enforcement:
      c.state = sc.world.states[read_state(body, sc.world)].code;
      c.value = read_share(body);
      break;
    case Kind::diversion:
      if (body.contains("state")) c.state = sc.world.states[read_state(body, sc.world)].code;
      c.value = read_share(body);
      break;
    case Kind::over_compliance:
      c.state = sc.world.states[read_state(body, sc.world)].code;
      c.value = read_share(body);
      break;
    case Kind::group_over_compliance:
    case Kind::group_fronts: {
      const StateId s = read_state(body, sc.world);
      c.state = sc.world.states[s].code;
      c.items = read_group_items(body, sc, s);
      c.value = read_share(body);
      refuse_overlap(c.kind == Kind::group_fronts ? sc.responses.diversion.fronts_by_maker_group
                                                  : sc.responses.over_compliance.by_maker_group,
                     s, item_ids(c.items, sc.world), sc.world);
      break;
    }
    case Kind::approval:
      named_controls(sc, c.control);
      c.value = read_share(body);
      break;
    case Kind::retaliate: {
      const StateId s = read_state(body, sc.world);
      c.state = sc.world.states[s].code;
      c.value = body.contains("value") ? read_share(body) : kRetaliationApproval;
      if (controllers_of(sc, s, month).empty())
        throw BadRequest(409, c.state + " is the target of no control in force or to come: it has nothing to answer");
      for (const Control& control : sc.controls)
        if (control.id == retaliation_id(c.state))
          throw BadRequest(409, c.state + " retaliated already, from month " + std::to_string(control.start_step));
      break;
    }
  }
  return c;
}

nlohmann::json to_json(const ParameterChange& c) {
  nlohmann::json j{{"kind", to_string(c.kind)}, {"month", c.month}, {"by", c.by}};
  if (!c.state.empty()) j["state"] = c.state;
  if (!c.control.empty()) j["control"] = c.control;
  if (!c.items.empty()) j["items"] = c.items;
  if (c.kind != Kind::join && c.kind != Kind::leave) j["value"] = c.value;
  return j;
}

std::string retaliation_id(const std::string& state) { return "retaliation_by_" + state; }

std::string describe(const ParameterChange& c, const Scenario& sc) {
  const std::string who = state_name(sc, c.state);
  const std::string whose = possessive(who);
  std::string what;
  switch (c.kind) {
    case Kind::join: what = who + " joins " + controls_words(c.control); break;
    case Kind::leave: what = who + " leaves " + controls_words(c.control); break;
    case Kind::concern: what = fmt::format("{} security concern is set to {:.2f}", whose, c.value); break;
    case Kind::enforcement: what = fmt::format("{} enforcement effort is set to {:.2f}", whose, c.value); break;
    case Kind::diversion:
      what = c.state.empty() ? fmt::format("cut-off buyers try fronts with probability {:.2f}", c.value)
                             : fmt::format("cut-off buyers in {} try fronts with probability {:.2f}", who, c.value);
      break;
    case Kind::over_compliance:
      what = fmt::format("{} exporters decline legal sales to targeted states with probability {:.2f}", whose, c.value);
      break;
    case Kind::group_over_compliance:
      what = fmt::format("{} makers of {} decline legal sales to targeted states with probability {:.2f}", whose,
                         fmt::join(c.items, ", "), c.value);
      break;
    case Kind::group_fronts:
      what = fmt::format("{} makers of {} take orders through fronts with probability {:.2f}", whose,
                         fmt::join(c.items, ", "), c.value);
      break;
    case Kind::approval:
      what = fmt::format("licences under {} are granted with probability {:.2f}", controls_words(c.control), c.value);
      break;
    case Kind::retaliate: {
      std::vector<std::string> whom;
      if (const auto s = sc.world.find_state(c.state))
        for (StateId m : controllers_of(sc, *s, c.month)) whom.push_back(sc.world.states[m].name);
      what = fmt::format("{} retaliates: licences, granted with probability {:.2f}, for what it makes over half the "
                         "world's output of, to {}",
                         who, c.value, fmt::join(whom, ", "));
      break;
    }
  }
  return fmt::format("month {}: {} ({})", c.month, what, c.by);
}

void write_into(Scenario& sc, const ParameterChange& c) {
  const auto state = sc.world.find_state(c.state);
  switch (c.kind) {
    case Kind::join:
    case Kind::leave:
      for (Control& control : sc.controls) {
        if (c.control.empty() ? counter_control(control) : control.id != c.control) continue;
        auto& changes = control.issuer.changes;
        const auto at = std::upper_bound(changes.begin(), changes.end(), c.month,
                                         [](int month, const MembershipChange& m) { return month < m.step; });
        changes.insert(at, MembershipChange{c.month, *state, c.kind == Kind::join});
      }
      break;
    case Kind::concern: sc.world.states[*state].security_concern = c.value; break;
    case Kind::enforcement: {
      auto& changes = sc.responses.enforcement.changes;
      const auto at = std::upper_bound(changes.begin(), changes.end(), c.month,
                                       [](int month, const EffortChange& e) { return month < e.step; });
      changes.insert(at, EffortChange{c.month, *state, c.value});
      break;
    }
    case Kind::diversion:
      if (state) set_for(sc.responses.diversion.propensity_by_state, *state, c.value);
      else sc.responses.diversion.propensity = c.value;
      break;
    case Kind::over_compliance: set_for(sc.responses.over_compliance.by_state, *state, c.value); break;
    case Kind::group_over_compliance:
      set_for_group(sc.responses.over_compliance.by_maker_group, *state, item_ids(c.items, sc.world), c.value);
      break;
    case Kind::group_fronts:
      set_for_group(sc.responses.diversion.fronts_by_maker_group, *state, item_ids(c.items, sc.world), c.value);
      break;
    case Kind::approval:
      for (Control& control : sc.controls)
        if (c.control.empty() ? !counter_control(control) : control.id == c.control)
          control.licensing.approval_probability = c.value;
      break;
    case Kind::retaliate: {
      // As a scenario writes one with `dominance` (docs/RESPONSES.md "States decide"):
      // every item named, the plan keeps those the issuer dominates.
      Control r;
      r.id = retaliation_id(c.state);
      r.instrument = Instrument::licence_requirement;
      r.issuer.kind = Issuer::Kind::state;
      r.issuer.id = c.state;
      r.issuer.members = {*state};
      for (ItemId i = 0; i < sc.world.items.size(); ++i) r.items.push_back(i);
      r.destinations.states = controllers_of(sc, *state, c.month);
      r.licensing.approval_probability = c.value;
      r.dominance = kRetaliationDominance;
      r.start_step = c.month;
      r.origin.file = "classroom";
      r.origin.key_path = "retaliate";
      sc.controls.push_back(std::move(r));
      break;
    }
  }
}

}  // namespace regimesim::classroom
