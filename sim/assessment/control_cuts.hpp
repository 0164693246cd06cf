// What a scenario's controls take out of the input-output table: per issuer, the
// sectors it controls (its members' making of the covered items) and the share of
// each flow its controls deny; for the whole scenario, the cut at a given step.
// Read from the compiled policy::ControlPlan, so entity lists, end uses, reach,
// licence exceptions and consensus count exactly as in a run.
#pragma once

#include <string>
#include <vector>

#include "assessment/io_accounts.hpp"
#include "input_output/sparse_table.hpp"

namespace regimesim::assessment {

// The controls of one issuer (a state, coalition or regime, by its id).
struct IssuerCut {
  std::string issuer;           // "AUS", or "coalition chip-four", "regime wassenaar"
  std::vector<StateId> members; // at the first control's start
  int start_step = 0;           // of its first control
  Eigen::VectorXd controlled;   // per sector: 1 where a member makes a covered item
  analysis::Cut cut;            // its controls' denials, at each control's own start
};

// Share of a covered shipment that is denied: all of it under an embargo or a
// prohibition; under a licence requirement, the expected share refused
// (1 - approval probability), none for an excepted destination. Delays are not cut.
double denied_share(const Control& c, StateId destination, const policy::CompiledControl& compiled);

// One entry per issuer, in order of first appearance among the controls.
std::vector<IssuerCut> issuer_cuts(const ensemble::PreparedScenario& p, const IoAccounts& a);

// Every control active at `step`, together: per link the largest denied share.
analysis::Cut scenario_cut(const ensemble::PreparedScenario& p, const IoAccounts& a, int step);

// The states of a regime or coalition id, or of a comma-separated list of state
// codes ("USA,NLD,JPN"). Throws std::invalid_argument naming what is valid.
std::vector<StateId> resolve_coalition(const World& w, const std::string& spec);

}  // namespace regimesim::assessment
