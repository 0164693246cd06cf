#include "classroom/class_roster.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <map>

#include "classroom/possessive.hpp"
#include "ensemble/paired_run.hpp"

namespace regimesim::classroom {

std::string team_author(const std::string& team_name) { return possessive(team_name) + " team"; }

ClassRoster::ClassRoster(std::string code, const std::vector<std::string>& states, int round_seconds,
                         const Scenario& scenario, const nlohmann::json& firm_teams)
    : code_(std::move(code)), round_seconds_(round_seconds) {
  if (!firm_teams.is_array()) throw BadRequest(400, "firm_teams: give a list, such as [{\"state\": \"NLD\", \"items\": [\"equipment\"]}]");
  if (states.size() + firm_teams.size() == 0 || states.size() + firm_teams.size() > 12)
    throw BadRequest(400, "teams: give 1 to 12 teams in all, state codes such as [\"USA\", \"NLD\", \"JPN\", \"CHN\"] and firm_teams");
  if (round_seconds < 0 || round_seconds > 3600) throw BadRequest(400, "round_seconds: 0 (no timer) to 3600");
  for (const std::string& code : states) {
    const auto s = scenario.world.find_state(code);
    if (!s) throw BadRequest(400, "teams: '" + code + "' is not a state of this world");
    if (std::any_of(teams_.begin(), teams_.end(), [&](const Team& t) { return t.state == code; }))
      throw BadRequest(400, "teams: " + code + " is listed twice");
    teams_.push_back(Team{code, scenario.world.states[*s].name, "", std::nullopt, {}, Team::Role::state, code, {}, {}});
  }
  for (const nlohmann::json& spec : firm_teams) add_firm_team(spec, scenario);
}

// A firm team: a state's makers of the items named, or of a control category.
void ClassRoster::add_firm_team(const nlohmann::json& spec, const Scenario& sc) {
  const World& w = sc.world;
  const std::string path = fmt::format("firm_teams[{}]", teams_.size());
  if (!spec.is_object() || !spec.contains("state") || !spec["state"].is_string())
    throw BadRequest(400, path + ": give {\"state\": CODE, \"items\": [ids]} or {\"state\": CODE, \"category\": C}");
  for (const auto& [key, value] : spec.items())
    if (key != "state" && key != "items" && key != "category" && key != "name" && key != "id")
      throw BadRequest(400, path + ": '" + key + "' is not a key; valid: state, items, category, name, id");
  const std::string code = spec["state"].get<std::string>();
  const auto s = w.find_state(code);
  if (!s) throw BadRequest(400, path + ".state: '" + code + "' is not a state of this world");
  // What the state's firms make, in item order.
  std::vector<bool> made(w.items.size(), false);
  for (const Firm& f : w.firms)
    if (f.state == *s) made[f.item] = true;
  std::string makes;
  for (ItemId i = 0; i < w.items.size(); ++i)
    if (made[i]) makes += (makes.empty() ? "" : ", ") + w.items[i].id;
  std::vector<std::string> items;
  if (spec.contains("items") == spec.contains("category"))
    throw BadRequest(400, path + ": give either items (ids) or category (a control category), not both or neither");
  if (spec.contains("items")) {
    if (!spec["items"].is_array() || spec["items"].empty()) throw BadRequest(400, path + ".items: give a list of item ids");
    for (const auto& i : spec["items"]) {
      const auto item = i.is_string() ? w.find_item(i.get<std::string>()) : std::nullopt;
      if (!item) throw BadRequest(400, path + ".items: " + i.dump() + " is not an item of this world");
      if (!made[*item]) throw BadRequest(400, path + ".items: no firm of " + code + " makes " + w.items[*item].id + "; it makes: " + makes);
      items.push_back(w.items[*item].id);
    }
  } else {
    if (!spec["category"].is_string()) throw BadRequest(400, path + ".category: give a category as a string, such as \"3B\"");
    const std::string cat = spec["category"].get<std::string>();
    for (ItemId i = 0; i < w.items.size(); ++i) {
      const ControlClassification& c = w.items[i].classification;
      if (made[i] && c.controlled() && (c.category == cat || c.label() == cat)) items.push_back(w.items[i].id);
    }
    if (items.empty()) throw BadRequest(400, path + ".category: " + code + " makes no item of category '" + cat + "'; it makes: " + makes);
  }
  std::sort(items.begin(), items.end());
  items.erase(std::unique(items.begin(), items.end()), items.end());
  for (const Team& t : teams_)
    if (t.firms() && t.state == code)
      for (const std::string& i : items)
        if (std::binary_search(t.items.begin(), t.items.end(), i))
          throw BadRequest(400, path + ": " + code + "'s makers of " + i + " are team " + t.id + "'s already");
  std::string id = spec.value("id", "");
  if (id.empty()) {
    id = code + "-firms";
    for (int n = 2; by_id(id); ++n) id = code + "-firms-" + std::to_string(n);
  }
  if (id.size() > 24 || id.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") != std::string::npos)
    throw BadRequest(400, path + ".id: '" + id + "': up to 24 letters, digits, - and _");
  if (by_id(id)) throw BadRequest(400, path + ".id: '" + id + "' is another team's");
  std::vector<std::string> names;
  for (const std::string& i : items) names.push_back(w.items[*w.find_item(i)].name);
  std::string name = spec.value("name", "");
  if (name.empty()) name = fmt::format("{} makers of {}", possessive(w.states[*s].name), fmt::join(names, ", "));
  if (name.size() > 80) throw BadRequest(400, path + ".name: up to 80 characters");
  teams_.push_back(Team{code, name, "", std::nullopt, {}, Team::Role::firms, id, items, {}});
}

Team* ClassRoster::by_id(const std::string& id) {
  for (Team& t : teams_)
    if (t.id == id) return &t;
  return nullptr;
}

Team& ClassRoster::join(const std::string& id, std::string token) {
  for (Team& t : teams_) {
    if (t.id != id) continue;
    if (!t.token.empty())
      throw BadRequest(409, t.name + " has a team already; a team's own browser resumes by reloading its page");
    t.token = std::move(token);
    return t;
  }
  std::string valid;
  for (const Team& t : teams_) valid += (valid.empty() ? "" : ", ") + t.id;
  throw BadRequest(400, "team: '" + id + "' is no team of this class; valid: " + valid);
}

Team* ClassRoster::by_token(const std::string& token) {
  if (token.empty()) return nullptr;
  for (Team& t : teams_)
    if (t.token == token) return &t;
  return nullptr;
}

void ClassRoster::decide(Team& team, const nlohmann::json& d, int month, const Scenario& running) {
  if (team.firms()) return decide_for_firms(team, d, month, running);
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
  if (d.contains("over_comply") && !d["over_comply"].is_null()) {
    // A firm team that has joined plays those of the state's firms: the state's team
    // would set theirs too, so it is refused while that team holds them.
    for (const Team& t : teams_)
      if (t.firms() && t.state == team.state && !t.token.empty())
        throw BadRequest(409, "over_comply: " + t.name + " (team " + t.id + ") decide their own over-compliance; " +
                                  team_author(team.name) + " cannot set it while they play");
    add({{"kind", "over_compliance"}, {"value", d["over_comply"]}});
  }
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

void ClassRoster::decide_for_firms(Team& team, const nlohmann::json& d, int month, const Scenario& running) {
  if (!d.is_object()) throw BadRequest(400, "a firm team's decision is a JSON object: over_comply, fronts");
  for (const auto& [key, value] : d.items()) {
    if (key == "over_comply" || key == "fronts") continue;
    if (key == "coalition" || key == "vote" || key == "enforcement" || key == "divert" || key == "retaliate")
      throw BadRequest(403, "decision: '" + key + "' is a decision of " + team.state + "'s state; a firm team decides "
                                "for its firms only: over_comply, fronts");
    throw BadRequest(400, "decision: '" + key + "' is not a decision; a firm team's: over_comply, fronts");
  }
  std::vector<ParameterChange> changes;
  for (const auto& [key, kind] : {std::pair{"over_comply", "group_over_compliance"}, std::pair{"fronts", "group_fronts"}}) {
    if (!d.contains(key) || d[key].is_null()) continue;
    ParameterChange c =
        read_change({{"kind", kind}, {"state", team.state}, {"items", team.items}, {"value", d[key]}}, month, running);
    c.by = team_author(team.name);
    changes.push_back(std::move(c));
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
    if (t.decision) closed_.push_back({t.id, words(*t.decision)});
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
  if (d.contains("fronts") && d["fronts"].is_number())
    parts.push_back(fmt::format("its makers take orders through fronts with probability {:.2f}", d["fronts"].get<double>()));
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

std::string ClassRoster::firm_brief(Team& team, const ensemble::PreparedScenario& p, int month) {
  const Scenario& sc = p.scenario;
  const World& w = sc.world;
  const StateId me = *w.find_state(team.state);
  std::vector<bool> mine(w.items.size(), false);
  std::vector<std::string> item_names;
  for (const std::string& id : team.items) {
    mine[*w.find_item(id)] = true;
    item_names.push_back(w.items[*w.find_item(id)].name);
  }
  // The controls' targets, and the controls that cover the group's items, with whether
  // its state applies them this month (the members at the start, then the timeline's
  // joins and leaves). A counter-control answers the controls: its targets are theirs.
  std::vector<bool> target(w.states.size(), false);
  std::vector<std::string> covering;
  bool state_applies = false;
  for (std::size_t k = 0; k < sc.controls.size(); ++k) {
    const Control& c = sc.controls[k];
    const policy::CompiledControl& cc = p.plan.controls()[k];
    if (c.dominance) continue;
    bool covers = false;
    for (ItemId i : cc.items) covers = covers || mine[i];
    std::vector<std::string> to;
    for (StateId s = 0; s < w.states.size(); ++s)
      if (cc.named_state[s]) {
        target[s] = true;
        to.push_back(w.states[s].name);
      }
    if (!covers) continue;
    bool applies = std::find(c.issuer.members.begin(), c.issuer.members.end(), me) != c.issuer.members.end();
    for (const MembershipChange& m : c.issuer.changes)
      if (m.state == me && m.step <= month) applies = m.joins;
    state_applies = state_applies || applies;
    // Item and state names may hold commas ("Hong Kong SAR, China"): lists of them take semicolons.
    covering.push_back(fmt::format("{} ({} by {}, from month {}{}{})", c.id, to_string(c.instrument), c.issuer.id,
                                   c.start_step, to.empty() ? "" : ", aimed at ", fmt::join(to, "; ")) +
                       (applies ? ": your state applies it" : ": your state does not apply it"));
  }
  // The baseline (the group's output and the world's of its items, whom it sells to)
  // does not change during a run: worked out once, at the team's first page.
  if (team.firm_baseline.empty()) team.firm_baseline = firm_baseline_words(team, p, mine, target, item_names);
  std::string b = team.firm_baseline;
  if (covering.empty())
    b += "No control covers what you make: the law lets you sell to anyone. ";
  else
    b += fmt::format("The controls on what you make: {}. {}", fmt::join(covering, "; "),
                     state_applies ? "Where your state applies one, the law stops your sales it covers; the rest "
                                     "is yours to keep or to refuse. "
                                   : "Your state applies none: what you sell to the targets is legal, and your "
                                     "competitors in the controlling states lose the sales you may win. ");
  b += "You decide for your firms only, not your state's policy: over-comply (refuse legal sales to the targets, "
       "a share, from the month the round closes, whether or not your state applies a control; your state's team "
       "cannot set it while you play), and whether your firms take orders that come through fronts in third states "
       "(a share; the rest your due diligence refuses, and the buyer looks elsewhere). Your dashboard shows your "
       "sales, your sales to the targets, the revenue you lose, your market share and your competitors' gains, "
       "each against the world without controls.";
  return b;
}

std::string ClassRoster::firm_baseline_words(const Team& team, const ensemble::PreparedScenario& p,
                                             const std::vector<bool>& mine, const std::vector<bool>& target,
                                             const std::vector<std::string>& item_names) {
  const World& w = p.scenario.world;
  const engine::SupplyNetwork& net = p.network;
  const StateId me = *w.find_state(team.state);
  double own = 0, world = 0, sold = 0, to_targets = 0;
  std::map<StateId, double> buyers, rivals;
  int firms = 0;
  for (FirmId f = 0; f < net.firm_count; ++f) {
    if (!mine[net.buyer_item[f]]) continue;
    world += p.equilibrium.output[f];
    if (net.buyer_state[f] == me) {
      own += p.equilibrium.output[f];
      ++firms;
    } else {
      rivals[net.buyer_state[f]] += p.equilibrium.output[f];
    }
  }
  for (std::uint32_t b = 0; b < net.buyer_count(); ++b)
    for (const std::uint32_t k : net.slots_of(b))
      for (auto l = net.slot_link_begin[k]; l < net.slot_link_begin[k + 1]; ++l) {
        const FirmId f = net.link_supplier[l];
        if (net.buyer_state[f] != me || !mine[net.buyer_item[f]]) continue;
        sold += p.equilibrium.link_flow[l];
        buyers[net.buyer_state[b]] += p.equilibrium.link_flow[l];
        if (target[net.buyer_state[b]]) to_targets += p.equilibrium.link_flow[l];
      }
  auto largest = [&](const std::map<StateId, double>& by_state, double total) {
    std::vector<std::pair<double, StateId>> v;
    for (const auto& [s, x] : by_state) v.push_back({x, s});
    std::stable_sort(v.begin(), v.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
    std::vector<std::string> out;
    for (std::size_t k = 0; k < v.size() && k < 4; ++k)
      out.push_back(fmt::format("{} {:.0f}%", w.states[v[k].second].name, total > 0 ? 100 * v[k].first / total : 0.0));
    return out.empty() ? std::string("none") : fmt::format("{}", fmt::join(out, "; "));
  };
  std::string b = fmt::format("You are {}: {} firm{} of {} making {}, {:.0f}% of the world's output of {} in the "
                              "world without controls. ",
                              team.name, firms, firms == 1 ? "" : "s", w.states[me].name, fmt::join(item_names, "; "),
                              world > 0 ? 100 * own / world : 0.0, item_names.size() == 1 ? "it" : "them");
  b += fmt::format("Your buyers there: {}; {:.0f}% of your sales go to the controls' targets. ", largest(buyers, sold),
                   sold > 0 ? 100 * to_targets / sold : 0.0);
  b += fmt::format("Your competitors: {}. ", largest(rivals, world));
  return b;
}

}  // namespace regimesim::classroom
