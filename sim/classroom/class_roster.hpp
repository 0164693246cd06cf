// A role-play class: teams join a session with a short code, each plays one state or
// one group of a state's firms (its makers of some items: "the Dutch tool makers"),
// and each round submits its decisions, which become the variant's changes when the
// teacher advances the month (or the server does: all decided, or the round's timer).
// A team holds a token; it acts only for its own state, or its own firms. While a firm
// team of a state has joined, that state's team leaves its firms' over-compliance to it.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "classroom/parameter_change.hpp"

namespace regimesim::ensemble {
struct PreparedScenario;
}

namespace regimesim::classroom {

struct Team {
  std::string state;  // ISO code
  std::string name;   // the state's name, or the firm team's
  std::string token;  // empty until a browser joins for it
  std::optional<nlohmann::json> decision;  // this round's, as submitted
  std::vector<ParameterChange> changes;    // ... as changes to the variant
  enum class Role { state, firms };
  Role role = Role::state;
  std::string id;                  // what a browser joins as: the state's code, or a firm team's id ("NLD-firms")
  std::vector<std::string> items;  // a firm team's: the items its state's makers make that it plays, sorted
  std::string firm_baseline;        // a firm team's brief, its baseline part, once worked out
  bool firms() const { return role == Role::firms; }
};

// One decision in the debrief: what a team chose, what the month after measured, and
// the effect of that decision alone: the session's figures at the debrief's month less
// those of the session replayed without that one decision, everything else kept
// (Session::measure_debrief).
struct DebriefRow {
  int round, month;
  std::string state, decision;
  double denial = 0, controllers_loss = 0, own_output_loss = 0;  // at the end of the month that followed
  std::optional<double> denial_effect, controllers_loss_effect, own_output_loss_effect;  // once measured
  std::optional<int> effect_month;  // the month the effects were measured at (the last one run)
};

// Who a team's changes are by, in the log and in the variant's changes.
std::string team_author(const std::string& state_name);

class ClassRoster {
 public:
  // `firm_teams`: [{"state": "NLD", "items": [ids]} or {"state", "category"}, with an
  // optional "name" and "id"], each a state's makers of those items. Throws BadRequest.
  ClassRoster(std::string code, const std::vector<std::string>& states, int round_seconds, const Scenario& scenario,
              const nlohmann::json& firm_teams = nlohmann::json::array());

  const std::string& code() const { return code_; }
  int round() const { return round_; }
  int round_seconds() const { return round_seconds_; }
  std::vector<Team>& teams() { return teams_; }
  const std::vector<DebriefRow>& debrief() const { return debrief_; }

  // Gives the state's team a token (a browser joining for it); 409 once taken, 400 for a
  // state the class has no team for.
  Team& join(const std::string& id, std::string token);
  Team* by_token(const std::string& token);  // null for an unknown token
  Team* by_id(const std::string& id);        // null for a team the class does not have
  // Checks the decision against the running scenario at this month and keeps it for
  // the round (a team may resubmit until the month advances). Throws BadRequest.
  void decide(Team& team, const nlohmann::json& decision, int month, const Scenario& running);
  bool all_decided() const;
  // The round's changes, in team order; the decisions are cleared and the round ends.
  std::vector<ParameterChange> close_round();
  void record(DebriefRow row) { debrief_.push_back(std::move(row)); }
  std::string debrief_csv() const;

  // Plain words for the team alone: who it is in this scenario and what its choices do.
  static std::string brief(const Team& team, const Scenario& scenario, int month);
  // A firm team's: what its makers make, who buys it, what the controls do to them.
  // From the running scenario: the equilibrium's flows (who buys, shares; kept in the
  // team, as the baseline does not change) and the controls at this month.
  static std::string firm_brief(Team& team, const ensemble::PreparedScenario& running, int month);
  static std::string words(const nlohmann::json& decision);

 private:
  std::string code_;
  int round_seconds_;
  int round_ = 1;
  std::vector<Team> teams_;
  std::vector<DebriefRow> debrief_;
  // What the effects were measured on: the class column's months run and its changes.
  // The same pair again (a second opening, the CSV) measures nothing.
  std::pair<int, std::size_t> measured_ = {-1, 0};
  std::vector<std::pair<std::string, std::string>> closed_;  // (team id, words) of the round just closed
  void add_firm_team(const nlohmann::json& spec, const Scenario& scenario);
  static std::string firm_baseline_words(const Team& team, const ensemble::PreparedScenario& running,
                                         const std::vector<bool>& mine, const std::vector<bool>& target,
                                         const std::vector<std::string>& item_names);
  // A firm team's decision: its makers' over-compliance and fronts; 403 for a state's.
  void decide_for_firms(Team& team, const nlohmann::json& decision, int month, const Scenario& running);
  friend class Session;
};

}  // namespace regimesim::classroom
