// A change a teacher or a team makes to a running variant, from a month on: a state
// joins or leaves a control's issuers, a state's security concern (what it weighs in a
// regime's consensus vote), a state's enforcement effort, the buyers' propensity to
// divert through fronts (everywhere, or a state's buyers'), a state's exporters'
// over-compliance, a licence's approval probability, a targeted state's
// counter-control on what it dominates (retaliation), and for a group of one state's
// makers of some items (a firm team's): their over-compliance, and whether they take
// orders through fronts.
//
// Each change is either written into the scenario's own timeline (membership changes
// and effort changes are scenario data with a step; a concern is read only by the
// votes, which are taken when the scenario is compiled), so that the variant is exactly
// a run of the changed scenario, or is a parameter the engine reads through its
// scenario every step (diversion propensity, over-compliance, approval), set in place
// at the month.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "model/scenario.hpp"

namespace regimesim::classroom {

// A request the server refuses with a 4xx: `status` and a message that says what
// would be valid.
struct BadRequest : std::runtime_error {
  BadRequest(int status, const std::string& message) : std::runtime_error(message), status(status) {}
  int status;
};

struct ParameterChange {
  enum class Kind { join, leave, concern, enforcement, diversion, approval, retaliate, over_compliance,
                    group_over_compliance, group_fronts };
  Kind kind = Kind::join;
  int month = 0;          // applies from this step on (the next one the variant runs)
  std::string state;      // join, leave, concern, enforcement, retaliate, over_compliance: an ISO code of the
                          // world; diversion: a state's buyers only (empty = every buyer)
  std::string control;    // join, leave, approval: a control id; empty = every control of the scenario
  // group_over_compliance, group_fronts: one state's makers of these items (a firm team's)
  std::vector<std::string> items;
  double value = 0;       // concern, enforcement, diversion, approval, retaliate (its licences' approval),
                          // over_compliance, group_*: in [0, 1]
  std::string by = "teacher";  // who made it, for the log

  // Written into the scenario's timeline (the variant is rebuilt and replayed to the
  // month) rather than set in place between steps.
  bool in_timeline() const {
    return kind != Kind::diversion && kind != Kind::approval && kind != Kind::over_compliance &&
           kind != Kind::group_over_compliance && kind != Kind::group_fronts;
  }
};

const char* to_string(ParameterChange::Kind k);

// The counter-control a retaliation writes: the targeted state requires licences, from
// the month, for every item of which it makes more than this share of world output at
// baseline (`dominance`, docs/RESPONSES.md), to the states that apply a control aimed
// at it then.
inline constexpr double kRetaliationDominance = 0.5;
inline constexpr double kRetaliationApproval = 0.5;  // an assumption: half its licences granted
std::string retaliation_id(const std::string& state);  // "retaliation_by_CHN"

// Reads {"kind": ..., "state": ..., "control": ..., "value": ...}; the month is the
// variant's. Throws BadRequest (400) naming the key and what would be valid, and
// (409) for a change the scenario cannot take at this month.
ParameterChange read_change(const nlohmann::json& body, int month, const Scenario& scenario);
nlohmann::json to_json(const ParameterChange& c);

// "month 6: Japan joins the control chip_equipment_to_china (teacher)"
std::string describe(const ParameterChange& c, const Scenario& scenario);

// Writes a timeline change into the scenario (in step order, after changes of the
// same step), or sets a live parameter; the scenario is the variant's own copy.
void write_into(Scenario& scenario, const ParameterChange& c);

}  // namespace regimesim::classroom
