// An export control on a scenario's timeline, as plain data: who issues it, which
// items and which destinations it covers, which instrument, how far it reaches
// beyond the issuers' own firms, and when it applies. policy/ compiles these into
// lookup tables; nothing here decides a shipment.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/origin.hpp"
#include "model/world.hpp"

namespace regimesim {

enum class Instrument {
  embargo,               // every covered shipment is denied
  prohibition,           // the same verdict, for named items rather than a whole destination
  presumption_of_denial, // a licence is required and is rarely granted
  licence_requirement,   // a licence is required; granted with a probability, after a delay, at a cost
  quota,                 // covered shipments pass up to a ceiling per item and step; the rest is refused
};
const char* to_string(Instrument i);

// The terms of a licence under a licence-requiring instrument.
struct Licensing {
  double approval_probability = 0.9;  // presumption_of_denial defaults to 0.05
  int delay_steps = 1;                // from application to decision; shipments wait meanwhile
  double cost_per_application = 0.0;  // borne by the exporting firm's state, in baseline-price units
};

// An export quota's ceiling from a step on, per item the control lists and per step,
// for the issuer's exports to the control's destinations together: a volume, or a
// share of the baseline flow the control covers at its start (policy/control_plan.cpp).
struct QuotaCeiling {
  enum class Basis { volume, share };
  int from_step = 0;
  Basis basis = Basis::share;
  double value = 1.0;
};

// How a quota's ceiling is shared among the exporters whose shipments it covers.
enum class QuotaAllocation {
  pro_rata,    // each exporting firm may ship its share of the baseline flow of the ceiling
  first_come,  // orders are filled in the order they reach the decision point until the ceiling is used
};
const char* to_string(QuotaAllocation a);

struct Quota {
  std::vector<QuotaCeiling> ceilings;  // in step order; the first from the control's start
  QuotaAllocation allocation = QuotaAllocation::pro_rata;
  bool licensed = false;  // a licence is required too, and granted licences ship only within the quota

  const QuotaCeiling& at(int step) const {
    std::size_t k = 0;
    while (k + 1 < ceilings.size() && ceilings[k + 1].from_step <= step) ++k;
    return ceilings[k];
  }
};

// Who issues a control. A coalition or regime issues it on behalf of its members:
// each member applies it to its own firms' exports.
struct Issuer {
  enum class Kind { state, coalition, regime };
  Kind kind = Kind::state;
  std::string id;                // a state code, coalition id or regime id
  std::vector<StateId> members;  // the states that apply the control at the start
  std::vector<MembershipChange> changes;  // a coalition's joins and leaves, applied from their step
  std::vector<StateId> candidates;        // a coalition's states that decide by rule whether to join
  int decide_at = 0;                      // ... at this step
  std::optional<JoinTrigger> join_when;   // or during the run, by this rule (behaviour/coalition_joining)
};

// `after: {control: ID, when: {denied: 0.3, steps: 2}}`: a control that starts when
// the run measures what an earlier control does to the new control's issuing states
// (behaviour/retaliation.hpp), not at a step known before the run.
struct RunTrigger {
  enum class Metric {
    denied,     // the share of their buyers' orders of the other control's items it turned away this step
    shortfall,  // 1 - what those buyers received of the items this step / what they received at baseline
  };
  std::size_t control = 0;  // the earlier control's index in the scenario's controls
  std::string control_id;   // ... and its id, for people
  Metric metric = Metric::denied;
  double threshold = 0.5;
  int steps = 1;  // consecutive steps at or above the threshold
};
const char* to_string(RunTrigger::Metric m);

// Which buyers a control targets. With entities, exactly those firms; otherwise
// every buyer in one of the states whose end use is one of the end uses.
struct Destinations {
  std::vector<StateId> states;    // empty = every state
  std::vector<EndUse> end_uses;   // empty = every end use
  std::vector<FirmId> entities;   // an entity list: named firms
  bool all_states() const { return states.empty(); }
};

// Reach beyond the issuers' own firms (15 CFR 734.4 and 734.9).
struct ExtraterritorialReach {
  // A foreign-made item is subject when the issuer-origin controlled content of its
  // value exceeds this share (0.25 in general under the US rule).
  std::optional<double> de_minimis_threshold;
  // A foreign-made item is subject when its maker uses one of these issuer-made items
  // (controlled equipment or technology) among its inputs.
  std::vector<ItemId> direct_product_equipment;
  // How many supply stages up a maker's chain the direct product rule looks for
  // issuer-made equipment: 1, the maker's own equipment suppliers (the rule as
  // written for a plant); 2, also the equipment makers' equipment (a fab whose
  // tools were made with US tools); and so on (policy/jurisdiction.hpp).
  int direct_product_stages = 1;
  // Every this many steps the run recomputes the firms the reach catches from its
  // current suppliers, shares and members (policy/recomputed_reach.hpp); 0 = never:
  // the caught set is the baseline's for the whole run, unless firms design out.
  int recompute_every = 0;
  bool any() const { return de_minimis_threshold || !direct_product_equipment.empty(); }
};

struct Control {
  std::string id;
  Instrument instrument = Instrument::embargo;
  Issuer issuer;
  std::vector<ItemId> items;  // resolved from ids, list categories, WMD relevance, tiers
  Destinations destinations;
  std::vector<StateId> licence_exceptions;  // destinations that need no licence
  Licensing licensing;
  Quota quota;  // instrument quota only
  ExtraterritorialReach reach;
  // A regime's control joins its list item by item, only where every member agrees
  // (policy/control_plan.hpp). Items refused stay off the list.
  bool consensus = false;
  // No-undercut: a denial by one member binds the others for the same buyer and item.
  bool no_undercut = false;
  // The issuer's rule for counter-controls: keep only the items of which the issuing
  // states together make more than this share of world output at baseline (a target
  // restricts what it dominates, such as refined gallium).
  std::optional<double> dominance;
  int start_step = 0;  // with `trigger`, the run's length (never) until the run decides
  std::optional<RunTrigger> trigger;
  int end_step = -1;  // exclusive; -1 = never ends
  // When the control is made public, before it starts (`announced:`); from then the
  // buyers it will cut off stock up (behaviour/anticipation). Absent: it comes unannounced.
  std::optional<int> announced_step;
  // Existing contracts ship for this many steps from the start (`wind_down:`): orders on
  // a link with its baseline supplier are not covered until start + wind_down; a link
  // the buyer re-sourced is covered at once.
  int wind_down_steps = 0;
  // Named buyers the control does not apply to (`exempt:`), such as a foreign firm's
  // plant in the target state that holds an authorisation.
  std::vector<FirmId> exempt_firms;
  Origin origin;

  bool active_at(int step) const { return step >= start_step && (end_step < 0 || step < end_step); }
  bool winding_down(int step) const { return step < start_step + wind_down_steps; }
  bool needs_licence() const {
    return instrument == Instrument::licence_requirement || instrument == Instrument::presumption_of_denial ||
           (instrument == Instrument::quota && quota.licensed);
  }
};

// One line a person can read: "USA: licence_requirement on 3 items to CHN from step 6".
std::string describe(const Control& c, const World& w);

}  // namespace regimesim
