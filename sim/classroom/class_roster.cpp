#include "classroom/class_roster.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace regimesim::classroom {

std::string team_author(const std::string& state_name) { return state_name + "'s team"; }

ClassRoster::ClassRoster(std::string code, const std::vector<std::string>& states, int round_seconds,
                         const Scenario& scenario)
    : code_(std::move(code)), round_seconds_(round_seconds) {
  if (states.empty() || states.size() > 12) throw BadRequest(400, "teams: give 1 to 12 state codes, such as [\"USA\", \"NLD\", \"JPN\", \"CHN\"]");
  if (round_seconds < 0 || round_seconds > 3600) throw BadRequest(400, "round_seconds: 0 (no timer) to 3600");
  for (const std::string& code : states) {
    const auto s = scenario.world.find_state(code);
    if (!s) throw BadRequest(400, "teams: '" + code + "' is not a state of this world");
    if (std::any_of(teams_.begin(), teams_.end(), [&](const Team& t) { return t.state == code; }))
      throw BadRequest(400, "teams: " + code + " is listed twice");
    teams_.push_back(Team{code, scenario.world.states[*s].name, "", std::nullopt, {}});
  }
}

Team& ClassRoster::join(const std::string& state, std::string token) {
  for (Team& t : teams_) {
    if (t.state != state) continue;
    if (!t.token.empty())
      throw BadRequest(409, t.name + " has a team already; a team's own browser resumes by reloading its page");
    t.token = std::move(token);
    return t;
  }
  std::string valid;
  for (const Team& t : teams_) valid += (valid.empty() ? "" : ", ") + t.state;
  throw BadRequest(400, "state: '" + state + "' has no team in this class; valid: " + valid);
}

Team* ClassRoster::by_token(const std::string& token) {
  if (token.empty()) return nullptr;
  for (Team& t : teams_)
    if (t.token == token) return &t;
  return nullptr;
}

void ClassRoster::decide(Team& team, const nlohmann::json& d, int month, const Scenario& running) {
  if (!d.is_object()) throw BadRequest(400, "a decision is a JSON object: coalition, vote, enforcement, divert, over_comply, retaliate");
  for (const auto& [key, value] : d.items())
    if (key != "coalition" && key != "vote" && key != "enforcement" && key != "divert" && key != "over_comply" &&
        key != "retaliate")
      throw BadRequest(400, "decision: '" + key +
                                "' is not a decision; valid: coalition, vote, enforcement, divert, over_comply, retaliate");
  std::vector<ParameterChange> changes;
  auto add = [&](nlohmann::json change) {
    change["state"] = team.state;
    ParameterChange c = read_change(change, month, running);
    c.by = team_author(team.name);
    changes.push_back(std::move(c));
  };
  if (d.contains("coalition")) {
    const auto& v = d["coalition"];
    if (!v.is_string() || (v != "join" && v != "leave" && v != "stay"))
      throw BadRequest(400, "coalition: join, leave or stay");
    if (v != "stay") add({{"kind", v.get<std::string>()}});
  }
  if (d.contains("vote")) {
    const auto& v = d["vote"];
    if (!v.is_string() || (v != "support" && v != "block" && v != "abstain"))
      throw BadRequest(400, "vote: support, block or abstain");
    // A vote is the concern the state weighs in the regime's consensus rule: full
    // support outweighs any exports at stake, a block weighs nothing against them.
    if (v != "abstain") add({{"kind", "concern"}, {"value", v == "support" ? 1.0 : 0.0}});
  }
  if (d.contains("enforcement") && !d["enforcement"].is_null()) add({{"kind", "enforcement"}, {"value", d["enforcement"]}});
  // The state's own firms: its buyers' propensity to divert, its exporters' to over-comply.
  if (d.contains("divert") && !d["divert"].is_null()) add({{"kind", "diversion"}, {"value", d["divert"]}});
  if (d.contains("over_comply") && !d["over_comply"].is_null())
    add({{"kind", "over_compliance"}, {"value", d["over_comply"]}});
  // true: a counter-control at the usual approval; a number: its licences' approval.
  if (d.contains("retaliate") && !d["retaliate"].is_null()) {
    const auto& v = d["retaliate"];
    if (v.is_number()) add({{"kind", "retaliate"}, {"value", v}});
    else if (v.is_boolean()) {
      if (v.get<bool>()) add({{"kind", "retaliate"}});
    } else
      throw BadRequest(400, "retaliate: true, false, or the share of its licences to grant (0 to 1)");
  }
  team.decision = d;
  team.changes = std::move(changes);
}

bool ClassRoster::all_decided() const {
  return std::all_of(teams_.begin(), teams_.end(), [](const Team& t) { return t.token.empty() || t.decision; });
}

std::vector<ParameterChange> ClassRoster::close_round() {
  std::vector<ParameterChange> out;
  closed_.clear();
  for (Team& t : teams_) {
    if (t.decision) closed_.push_back({t.state, words(*t.decision)});
    for (ParameterChange& c : t.changes) out.push_back(std::move(c));
    t.decision.reset();
    t.changes.clear();
  }
  ++round_;
  return out;
}

std::string ClassRoster::words(const nlohmann::json& d) {
  std::vector<std::string> parts;
  if (d.contains("coalition") && d["coalition"] != "stay") parts.push_back(d["coalition"].get<std::string>() + "s the coalition");
  if (d.contains("vote") && d["vote"] != "abstain") parts.push_back(d["vote"] == "support" ? "supports the listing" : "blocks the listing");
  if (d.contains("enforcement") && d["enforcement"].is_number())
    parts.push_back(fmt::format("sets enforcement to {:.2f}", d["enforcement"].get<double>()));
  if (d.contains("divert") && d["divert"].is_number())
    parts.push_back(fmt::format("diverts with probability {:.2f}", d["divert"].get<double>()));
  if (d.contains("over_comply") && d["over_comply"].is_number())
    parts.push_back(fmt::format("its exporters over-comply with probability {:.2f}", d["over_comply"].get<double>()));
  if (d.contains("retaliate") && (d["retaliate"].is_number() || d["retaliate"] == true))
    parts.push_back("retaliates on what it dominates");
  if (parts.empty()) return "changes nothing";
  return fmt::format("{}", fmt::join(parts, "; "));
}

std::string ClassRoster::debrief_csv() const {
  // Decisions are the teams' own words; quote them as CSV does.
  auto quoted = [](const std::string& s) {
    std::string q = "\"";
    for (char ch : s) q += ch == '"' ? std::string("\"\"") : std::string(1, ch);
    return q + "\"";
  };
  auto effect = [](const std::optional<double>& e) { return e ? fmt::format("{:.6g}", *e) : std::string(); };
  std::string out =
      "round,month,state,decision,denial_effectiveness,controller_revenue_loss,own_output_loss,"
      "denial_effectiveness_effect,controller_revenue_loss_effect,own_output_loss_effect,effect_month\n";
  for (const DebriefRow& r : debrief_)
    out += fmt::format("{},{},{},{},{:.6g},{:.6g},{:.6g},{},{},{},{}\n", r.round, r.month, r.state, quoted(r.decision),
                       r.denial, r.controllers_loss, r.own_output_loss, effect(r.denial_effect),
                       effect(r.controllers_loss_effect), effect(r.own_output_loss_effect),
                       r.effect_month ? std::to_string(*r.effect_month) : std::string());
  return out;
}

std::string ClassRoster::brief(const Team& team, const Scenario& sc, int month) {
  const auto s = *sc.world.find_state(team.state);
  std::vector<std::string> applies, aimed;
  for (const Control& c : sc.controls) {
    // Who applies it this month: the members at the start, then the timeline's joins and leaves.
    bool member = std::find(c.issuer.members.begin(), c.issuer.members.end(), s) != c.issuer.members.end();
    for (const MembershipChange& m : c.issuer.changes)
      if (m.state == s && m.step <= month) member = m.joins;
    if (member) applies.push_back(c.id);
    if (std::find(c.destinations.states.begin(), c.destinations.states.end(), s) != c.destinations.states.end())
      aimed.push_back(c.id);
  }
  const State& st = sc.world.states[s];
  std::string b = fmt::format("You are {}. ", st.name);
  if (!aimed.empty())
    b += fmt::format("The control {} is aimed at your buyers. Your firms lose what they cannot buy; diverting through "
                     "fronts in third states (how often your buyers try, your 'divert') may get it through, until other "
                     "states' enforcement catches the fronts. You may "
                     "retaliate once: licences for your exports, to the states that apply the control, of whatever "
                     "your firms make more than half of the world's output of. ",
                     fmt::join(aimed, ", "));
  else if (!applies.empty())
    b += fmt::format("You apply the control {}. Each month you may leave, and your exporters regain their sales to "
                     "the target, or stay, and weigh their lost sales against what the control denies. Your firms may also "
                     "over-comply: refuse legal sales to the target for fear of the rules (your 'over_comply', a "
                     "share), which the control did not ask for. ",
                     fmt::join(applies, ", "));
  else
    b += "You apply no control yet. Joining shuts your exporters out of the target's market, but closes a route "
         "the target re-sources through; staying out wins you the sales the controllers lose. ";
  b += fmt::format("Your security concern is {:.2f} (it weighs against exports at stake in a regime's vote); your "
                   "export authorities' enforcement effort is {:.2f}. ",
                   st.security_concern, st.enforcement_effort);
  b += "Your dashboard shows your output against the baseline world without controls, and what the controls block "
       "of your imports.";
  return b;
}

}  // namespace regimesim::classroom
