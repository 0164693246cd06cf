// A role-play class: teams join a session with a short code, each plays one state,
// and each round submits its decisions, which become the variant's changes when the
// teacher advances the month (or the server does: all decided, or the round's timer).
// A team holds a token; it acts only for its own state.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "classroom/parameter_change.hpp"

namespace regimesim::classroom {

struct Team {
  std::string state;  // ISO code
  std::string name;   // the state's name
  std::string token;  // empty until a browser joins for it
  std::optional<nlohmann::json> decision;  // this round's, as submitted
  std::vector<ParameterChange> changes;    // ... as changes to the variant
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
  ClassRoster(std::string code, const std::vector<std::string>& states, int round_seconds, const Scenario& scenario);

  const std::string& code() const { return code_; }
  int round() const { return round_; }
  int round_seconds() const { return round_seconds_; }
  std::vector<Team>& teams() { return teams_; }
  const std::vector<DebriefRow>& debrief() const { return debrief_; }

  // Gives the state's team a token (a browser joining for it); 409 once taken, 400 for a
  // state the class has no team for.
  Team& join(const std::string& state, std::string token);
  Team* by_token(const std::string& token);  // null for an unknown token
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
  std::vector<std::pair<std::string, std::string>> closed_;  // (state, words) of the round just closed
  friend class Session;
};

}  // namespace regimesim::classroom
