// One run of a scenario: the monthly step as a list of named phases over flat
// arrays. Each phase reads what earlier phases wrote and writes its own arrays,
// so the result does not depend on the order firms are visited in.
//
// The phases run in three sweeps so that each link's data passes through the cache
// once per sweep rather than once per phase (the step is memory-bound): buyers
// (receive, order, decision point), then firms (produce, price), then buyers again
// (ship, adapt sourcing). Within a sweep the phases keep their order and their names.
//
// Each sweep runs in fixed pieces (engine/step_chunks.hpp) on as many threads as the
// caller's TBB arena gives it. What a piece cannot do alone runs after it on one
// thread in link order: the decision point's controlled links (their answers keep
// tallies and queues), the suppliers' order totals, and the step's totals. So a run
// gives the same bytes on any number of threads, and the same as a one-thread run.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>

#include "behaviour/anticipation.hpp"
#include "behaviour/build_at_home.hpp"
#include "behaviour/design_out.hpp"
#include "behaviour/capacity_expansion.hpp"
#include "behaviour/coalition_joining.hpp"
#include "behaviour/diversion.hpp"
#include "behaviour/enforcement.hpp"
#include "behaviour/over_compliance.hpp"
#include "behaviour/qualification.hpp"
#include "behaviour/resourcing.hpp"
#include "behaviour/retaliation.hpp"
#include "engine/equilibrium.hpp"
#include "engine/run_state.hpp"
#include "engine/slot_changes.hpp"
#include "engine/step_chunks.hpp"
#include "engine/supply_network.hpp"
#include "engine/verdict_refresh.hpp"
#include "checkpoint/checkpoint_file.hpp"
#include "model/scenario.hpp"
#include "policy/recomputed_reach.hpp"
#include "policy/shipment_policy.hpp"

namespace regimesim::engine {

class Simulation {
 public:
  // Starts at the input-output equilibrium: inventories at target, one step of
  // baseline shipments in transit, prices at 1. `seed`, when given, is the run's
  // seed in place of the scenario's (a replicate's): replicates share one scenario.
  // `Start::restored`: the run's arrays are left empty, for a state this process
  // saved from a run of the same prepared scenario (ensemble/shared_prefix.hpp) to be
  // restored into at once, instead of set to the equilibrium the restore writes over;
  // its controls then decide at the restored step what they decided when it was
  // saved, so restore does not decide them again to compare.
  enum class Start { at_equilibrium, restored };
  // What the run keeps of each link's passage through the decision point.
  // `LinkDecisions::none` is for a baseline, which no control touches: every link stays
  // allowed, so its licence, quota and outcome (RunState::keeps_link_decisions, 17
  // bytes a link, 183 MB of a 10.8M-link world) are left empty. A run with controls,
  // or one a branch from its checkpoint may give controls, keeps them; of those, the
  // licences' fields only where some control of its plan licenses, the quotas' only
  // where one is a quota (fit_link_decisions).
  enum class LinkDecisions { kept, none };
  Simulation(const Scenario& scenario, const SupplyNetwork& net, const Equilibrium& eq,
             const policy::ShipmentPolicy& policy, std::optional<std::uint64_t> seed = std::nullopt,
             Start start = Start::at_equilibrium, LinkDecisions decisions = LinkDecisions::kept);
  // Not copied or moved: policy_ may refer to this run's own run_policy_.
  Simulation(const Simulation&) = delete;
  Simulation& operator=(const Simulation&) = delete;

  void step();
  // Decide every link again at the next step, as at a control's start: for a change
  // to a parameter the verdicts are drawn with (over-compliance, set mid-run).
  void redecide_next_step() { redecide_pending_ = true; }
  // When a recompute of reach catches or releases a firm, decide every link afresh
  // instead of the links that can change (engine/verdict_refresh.hpp): the reference
  // the refresh is tested against. Off: the refresh.
  void decide_every_link_on_reach_change(bool every) { refresh_off_ = every; }
  // Over the run so far: steps whose verdicts were refreshed, and the links that decided again.
  std::size_t verdict_refreshes() const { return refreshes_; }
  std::size_t links_refreshed() const { return links_refreshed_; }

  const RunState& state() const { return s_; }
  // The links' flows in transit, for a baseline replayed round its cycle
  // (ensemble/baseline_cycle.hpp): between its steps they show another state of the
  // cycle, and are put back before it steps again.
  std::vector<double>& flows_shown() { return s_.in_transit; }
  // Whether the run has drawn a random number yet (in building it or in a step). Up
  // to its first draw a run is the same whatever its seed (ensemble/shared_prefix.hpp).
  bool has_drawn() const { return seed_.drawn(); }
  // What states decided during the run so far (joins, counter-controls), in step order.
  std::vector<behaviour::StateDecision> state_decisions() const;
  const SupplyNetwork& network() const { return net_; }
  // Who the controls aim at and who applies them at each step, with the joins this
  // run decided (its own plan's roles); null without controls. What its metrics, and
  // its baseline's, are measured by.
  const policy::ControlRoles* roles() const {
    return policy_.plan() && !policy_.plan()->empty() ? &policy_.plan()->roles() : nullptr;
  }

  // Whether the run repeats itself (engine/repeating_state.cpp). A digest of all it
  // saves but the step's number: two states with the same digest are, but for a
  // chance of about 2^-128, the same bytes. The firms' figures alone (capacity,
  // output, price, expected demand): a cheap first look.
  struct Digest {
    std::uint64_t low = 0, high = 0;
    bool operator==(const Digest&) const = default;
  };
  Digest state_digest() const;
  Digest firm_digest() const;
  // True where every step from this one on depends on the saved state alone, never on
  // the step's number: then two steps from equal states give equal states.
  bool steps_by_state_alone() const;
  // Did some link change supplier at `step` or later?
  bool suppliers_moved_since(int step) const { return slot_changes_.moved_since(step); }

  // The run's state and every answer's memory, under `prefix`, for a checkpoint
  // (engine/simulation_checkpoint.cpp), with what the controls decided at this step.
  void save(checkpoint::Writer& out, const std::string& prefix) const;
  // Restores what `save` wrote, into a run built on the same network. Its controls
  // may differ (a branch): when they decide any link, or which states control or
  // are named, differently at the restored step, every link is decided afresh before
  // the next step, as when a control starts. Unchanged controls change nothing, so
  // a resumed run is the uninterrupted one. Throws ScenarioError for a checkpoint
  // that does not fit this run.
  void restore(checkpoint::Reader& in, const std::string& prefix);

 private:
  // The step's moves (RunState::moved) in a checkpoint, as arrays of their fields.
  void save_moves(checkpoint::Writer& out, const std::string& prefix) const;
  void restore_moves(checkpoint::Reader& in, const std::string& prefix);
  void clear_tallies();  // this step's per-state figures (licensing, switching, listings, expansion) start at 0
  void recompute_reach();  // caught sets read again from the current graph when due (policy/recomputed_reach.hpp)
  void apply_events();   // controls that start or end now re-decide every link; a changed caught set, its links
  void start_at_equilibrium();
  void sum_arrivals();  // arriving_ from the flows in transit
  // The licences' and quotas' fields sized as this run's plan needs them (at the link
  // count, or empty): a branch's checkpoint may come from a plan that needed others.
  void fit_link_decisions();
  void decide_every_link();  // as at a control's start
  void decide_again(std::uint32_t buyer, std::uint32_t link);  // one link, as decide_every_link would
  void states_decide();  // between steps: joins and counter-controls from what this step measured
  // Throws std::logic_error where a link's supplier makes neither its input nor a
  // substitute (engine/link_invariants.cpp); called after each step where assertions are on.
  void check_links_supply_their_inputs() const;
  // What the controls decide at this step for the current suppliers, before any
  // answer: what a branch compares to tell whether its controls changed anything.
  struct Decisions {
    std::vector<policy::Verdict> verdict;
    std::vector<std::uint16_t> licence_control, quota_control;
    std::vector<bool> controlling, named;
    bool operator==(const Decisions&) const = default;
  };
  Decisions decisions_now() const;

  struct LinkOrder {  // one link's order, with its buyer and slot, held for the decision point
    std::uint32_t buyer, slot, link;
  };

  // sweep 1, per buyer and input slot
  void buyer_sweep();
  struct Arrival {
    double units = 0;       // as shipped
    double equivalent = 0;  // in units of the slot's item (lower-tier substitutes count for less)
  };
  Arrival receive_shipments(std::uint32_t slot);              // last step's shipments arrive
  double wanted_output(FirmId firm) const;    // the least of expected demand and capacity
  double demand_at_price(std::uint32_t slot) const;  // a consumer's demand share at its suppliers' prices
  double plan_production(FirmId firm) const;  // ... and of what its critical inputs in stock allow
  // The planned output's use plus the inventory gap, split by shares (docs/MODEL.md);
  // and the policy decision point's first part, as each order is placed: orders no
  // control covers pass at once (in a piece); the others are held in `held` for
  // decide_shipment (one thread, link order).
  void place_orders(std::uint32_t buyer, std::uint32_t slot, double planned, std::vector<LinkOrder>& held);
  void decide_shipment(std::uint32_t buyer, std::uint32_t slot, std::uint32_t link);
  void tally_orders();  // each supplier's accepted orders, summed in link order (quota orders after rationing)
  // Between the sweeps: every quota's orders that passed the decision point this step
  // are cut to its ceiling together, by its allocation rule; the rest is refused.
  void ration_quotas();
  void settle_quota_order(std::uint32_t buyer, std::uint32_t slot, std::uint32_t link, double passed);

  // sweep 2, per firm
  void keep_cut_orders();  // RunState::cut_links, before the shipments write over what was let through
  void firm_sweep();
  void produce(FirmId firm);       // least of capacity, orders, and what inputs allow
  void update_price(FirmId firm);  // rises with unfilled orders, eases back toward baseline

  // sweep 3, per slot
  void slot_sweep();
  // Output rationed in proportion to accepted orders; returns the amount, adds what
  // went abroad to `exported` (per state, this piece's), keeps the slot's order sums,
  // and writes each link's shipped / ordered to availability[link - the slot's first].
  double ship(std::uint32_t slot, double* exported, double* availability);
  // The buyer moves shares toward suppliers that deliver, cheaply, and have room.
  void adapt_sourcing_toward_spare(std::uint32_t slot, const double* availability);
  static double* wide_slot_scratch(std::size_t n);
  // The two in one pass over the slot's links under the plain share rule (not toward
  // spare capacity): each supplier's record is gathered once for both. The same
  // arithmetic as ship, then the plain share rule. kStamp: note where shares moved.
  template <bool kStamp>
  double ship_and_adapt(std::uint32_t slot, double* exported, double* availability, double* pull);

  // what the decision point hands to the agents' answers (behaviour/)
  Outcome attempt_diversion(std::uint32_t link);  // a diverted order meets the exporter's enforcement
  void note_denial(std::uint32_t buyer, std::uint32_t slot, std::uint32_t link);  // counted; may queue a search

  const Scenario& scenario_;
  const SupplyNetwork& net_;
  const Equilibrium& eq_;
  // When states decide during the run, the plan their decisions change: this run's own
  // copy, and the policy that reads it. Otherwise policy_ is the one the run was given.
  std::unique_ptr<policy::ControlPlan> run_plan_;
  policy::ShipmentPolicy run_policy_;
  const policy::ShipmentPolicy& policy_;
  Dynamics dynamics_;
  double refill_;  // the share of an inventory gap ordered each step
  random::RunSeed seed_;  // the run's seed, which every rule that draws shares (and notes its draws on)
  std::vector<double> firm_substitutability_;  // of the item each firm makes
  std::vector<std::uint8_t> slot_critical_;    // per slot: a shortage of this input limits output
  std::vector<LinkOrder> quota_orders_;        // passed the decision point under a quota this step, in buyer order
  std::vector<std::uint32_t> quota_links_;     // their links, in link order (tally_orders' scratch)
  StepChunks buyer_chunks_, firm_chunks_, slot_chunks_;  // the sweeps' fixed pieces
  std::vector<std::vector<LinkOrder>> controlled_;  // per buyer piece: its links a control covers, in link order
  std::vector<double> chunk_shipped_;  // per slot piece: units shipped (sweep 3), in slot order (arrivals: RunState::received)
  // Per slot: the units its links shipped last step, summed in link order as the slot
  // sweep shipped them, which is what they sum to on arrival (RunState::delivered): so
  // the receipts read one figure a slot, not every link's. Nothing writes a link's
  // flow in transit between the shipments and the next step's arrivals (a replayed
  // baseline's shown flows are put back first); a start or a restore sums it afresh.
  std::vector<double> arriving_;
  std::vector<StateId> slot_buyer_state_;  // per slot: its buyer's state (the slot sweep knows no buyer)
  std::vector<double> chunk_exported_;     // per (slot piece, state): exports shipped in the piece, summed in piece order
  // What the slot sweep reads of each supplier, side by side (one gather, not four
  // arrays): copied by the firm sweep from RunState::fill_rate, price and price_weight
  // as it sets them.
  struct alignas(32) ShippingTerms {
    double fill_rate = 1, price = 1, price_weight = 1;
    StateId state = 0;
  };
  std::vector<ShippingTerms> shipping_terms_;  // per firm
  std::vector<double> quota_asked_;            // per firm: its orders under the quota being rationed (scratch)
  std::vector<double> quota_room_;             // per item: what is left of a first-come ceiling (scratch)
  std::vector<std::uint16_t> licence_scratch_;  // per link: the licence terms a re-decision gives (scratch)
  SlotChanges slot_changes_;  // which slots' suppliers or shares changed when: for the readers of copies
  bool stamp_shares_ = false;  // some reader of the shares' stamps exists (RecomputedReach::follows_run_graph)
  // The agents' answers to controls, one rule each (behaviour/; docs/RESPONSES.md and
  // docs/DOMAIN.md sections 2 and 4). Each keeps its own per-state memory; the run's
  // arrays are passed to it per call.
  behaviour::OverComplianceRule over_compliance_;  // in apply_events; asked again by the search
  behaviour::EnforcementRule enforcement_;         // set_enforcement; attempt_diversion
  behaviour::DiversionRule diversion_;             // asked by the search
  behaviour::ResourcingRule resourcing_;           // note_denial; search_suppliers
  behaviour::BuildAtHomeRule build_at_home_;       // note_denial; invest_at_home
  behaviour::AnticipationRule anticipation_;       // set_targets, before the orders
  behaviour::QualificationRule qualification_;     // started by the search; limit_new_suppliers
  behaviour::CoalitionJoiningRule coalition_joining_;  // states_decide
  behaviour::RetaliationRule retaliation_;             // states_decide
  behaviour::CapacityExpansionRule capacity_expansion_;  // expand, after the shipments
  behaviour::DesignOutRule design_out_;            // after the search; makes reach due at the next step
  policy::RecomputedReach reach_;                  // before apply_events: caught sets from the current graph
  bool keeps_link_decisions_;                      // LinkDecisions::kept
  bool keeps_licences_;                            // ... and some control of the plan licenses
  bool keeps_quotas_;                              // ... and some control of the plan is a quota
  bool awaiting_restore_ = false;  // built with Start::restored, not yet restored
  bool redecide_pending_ = false;  // restored under other controls: decide every link at the next step
  bool reach_changed_ = false;     // this step's recompute caught or released a firm: refresh the verdicts
  bool refresh_off_ = false;       // decide_every_link_on_reach_change
  VerdictRefresh refresh_;         // what the last decision left, when reach can change in the run
  std::size_t refreshes_ = 0, links_refreshed_ = 0;
  RunState s_;
};

}  // namespace regimesim::engine
