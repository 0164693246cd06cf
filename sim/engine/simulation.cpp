#include "engine/simulation.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "behaviour/supplier_choice.hpp"
#include "engine/licensing.hpp"

namespace regimesim::engine {

// The per-slot and per-firm parts of the sweeps, called from one place each: inlined
// into their sweep's loop, so that a slot of three or four links pays no call.
#define REGIMESIM_INLINE [[gnu::always_inline]] inline

Simulation::Simulation(const Scenario& scenario, const SupplyNetwork& net, const Equilibrium& eq,
                       const policy::ShipmentPolicy& policy, std::optional<std::uint64_t> seed, Start start,
                       LinkDecisions decisions)
    : scenario_(scenario),
      net_(net),
      eq_(eq),
      run_plan_(policy.plan() && policy.plan()->decided_in_run() ? policy.plan()->for_run() : nullptr),
      run_policy_(run_plan_.get()),
      policy_(run_plan_ ? run_policy_ : policy),  // what every rule below reads, so that they see the run's decisions
      dynamics_(scenario.dynamics),
      refill_(1.0 / scenario.dynamics.refill_steps),
      seed_(seed.value_or(scenario.seed)),
      over_compliance_(scenario.responses.over_compliance, net, policy_, seed_),
      enforcement_(scenario.responses.enforcement, scenario.world.states, net, seed_),
      diversion_(scenario.responses.diversion, net, policy_, seed_),
      resourcing_(scenario.responses.resourcing, scenario.world.items, net, eq, policy_, seed_,
                  scenario.dynamics.critical_input_share, slot_changes_),
      build_at_home_(scenario.responses.build_at_home, scenario.world.states.size(), scenario.world.items, net, eq,
                     seed_),
      anticipation_(scenario.responses.anticipation, scenario.dynamics.inventory_periods, net, eq, policy_),
      qualification_(scenario.responses.resourcing, scenario.world.items, net),
      coalition_joining_(net, run_plan_.get(), scenario.steps),
      retaliation_(net, eq, run_plan_.get(), scenario.steps),
      capacity_expansion_(scenario.responses.capacity_expansion, scenario.world.items, net, eq),
      design_out_(scenario.responses.design_out, scenario.world, net, eq, policy_, seed_, slot_changes_),
      reach_(policy_.plan(), scenario.world, net, design_out_.active()),
      keeps_link_decisions_(decisions == LinkDecisions::kept),
      keeps_licences_(keeps_link_decisions_ && policy_.plan() &&
                      std::any_of(policy_.plan()->controls().begin(), policy_.plan()->controls().end(),
                                  [](const policy::CompiledControl& c) { return c.control->needs_licence(); })),
      keeps_quotas_(keeps_link_decisions_ && policy_.plan() &&
                    std::any_of(policy_.plan()->controls().begin(), policy_.plan()->controls().end(),
                                [](const policy::CompiledControl& c) { return c.control->instrument == Instrument::quota; })) {
  if (!keeps_link_decisions_ && policy.plan())
    throw std::logic_error("a run under controls keeps its links' decisions (Simulation::LinkDecisions::kept)");
  for (std::uint32_t f = 0; f < net.firm_count; ++f)
    firm_substitutability_.push_back(scenario.world.items[net.buyer_item[f]].substitutability);
  slot_changes_.reset(net.slot_count(), 0);
  stamp_shares_ = reach_.follows_run_graph();
  slot_critical_.resize(net.slot_count());
  for (std::uint32_t k = 0; k < net.slot_count(); ++k)
    slot_critical_[k] = net.slot_coefficient[k] >= scenario.dynamics.critical_input_share;
  if (start == Start::at_equilibrium)
    start_at_equilibrium();
  else
    awaiting_restore_ = true;
  std::vector<std::uint32_t> buyer_links(net.buyer_count() + 1, 0);  // each buyer's links, summed in buyer order
  for (std::uint32_t b = 0; b < net.buyer_count(); ++b) {
    buyer_links[b + 1] = buyer_links[b];
    for (const std::uint32_t k : net.slots_of(b)) buyer_links[b + 1] += net.slot_link_begin[k + 1] - net.slot_link_begin[k];
  }
  buyer_chunks_ = cut_chunks(net.buyer_count(), buyer_links, kLinksPerChunk);
  firm_chunks_ = cut_chunks(net.firm_count, net.buyer_slot_begin, kLinksPerChunk / 4);  // a firm's work is per slot
  slot_chunks_ = cut_chunks(net.slot_count(), net.slot_link_begin, kLinksPerChunk);
  controlled_.resize(buyer_chunks_.size());
  chunk_shipped_.assign(slot_chunks_.size(), 0.0);
  slot_buyer_state_.resize(net.slot_count());
  for (std::uint32_t b = 0; b < net.buyer_count(); ++b)
    for (const std::uint32_t k : net.slots_of(b)) slot_buyer_state_[k] = net.buyer_state[b];
  chunk_exported_.assign(slot_chunks_.size() * scenario.world.states.size(), 0.0);
  shipping_terms_.resize(net.firm_count);
}

void Simulation::start_at_equilibrium() {
  s_.capacity = eq_.capacity;
  s_.output = eq_.output;
  s_.orders_accepted = eq_.output;
  s_.expected_demand = eq_.output;
  s_.price.assign(net_.firm_count, 1.0);
  s_.fill_rate.assign(net_.firm_count, 1.0);
  s_.price_weight.assign(net_.firm_count, 1.0);
  s_.supplier = net_.link_supplier;
  s_.yield.clear();  // every link's 1 (RunState::yield_of)
  s_.share = net_.link_base_share;
  s_.order = eq_.link_flow;  // and let through whole (RunState::accepted_of)
  s_.cut_links.clear();
  s_.cut_accepted.clear();
  s_.in_transit = eq_.link_flow;
  s_.delivered.assign(net_.link_count(), 0.0);
  s_.verdict.assign(net_.link_count(), policy::Verdict::allowed);
  if (keeps_link_decisions_) s_.outcome.assign(net_.link_count(), Outcome::shipped);
  fit_link_decisions();
  s_.denied_steps.assign(net_.link_count(), 0);
  s_.via.assign(net_.link_count(), kDirect);
  s_.caught_by_reach = reach_.baseline();  // empty unless some control recomputes its reach
  const std::size_t S = scenario_.world.states.size(), I = scenario_.world.items.size();
  for (auto* v : {&s_.licence_applications, &s_.licence_cost, &s_.switching_cost, &s_.fronts_listed, &s_.expansion_cost}) v->assign(S, 0.0);
  s_.capacity_built.assign(S * I, 0.0);
  s_.consumed.assign(net_.consumer_count, 0.0);
  s_.substituted.assign(net_.slot_count(), 0);
  for (auto* v : {&s_.received, &s_.ordered, &s_.ordered_value}) v->assign(net_.slot_count(), 0.0);
  s_.restricted.assign(net_.slot_count(), 0);
  s_.exported.assign(S, 0.0);
  s_.inventory.assign(net_.slot_count(), 0.0);
  s_.target_inventory.assign(net_.slot_count(), 0.0);
  sum_arrivals();  // of the equilibrium's flows, now in transit
  for (std::uint32_t f = 0; f < net_.firm_count; ++f)
    for (const std::uint32_t k : net_.slots_of(f)) {
      s_.target_inventory[k] = dynamics_.inventory_periods * net_.slot_coefficient[k] * eq_.output[f];
      // After this step's arrivals the inventory stands exactly at target.
      s_.inventory[k] = std::max(0.0, s_.target_inventory[k] - arriving_[k]);
    }
}

void Simulation::sum_arrivals() {
  arriving_.assign(net_.slot_count(), 0.0);
  for (std::uint32_t k = 0; k < net_.slot_count(); ++k) {
    double units = 0;
    for (auto l = net_.slot_link_begin[k]; l < net_.slot_link_begin[k + 1]; ++l) units += s_.in_transit[l];
    arriving_[k] = units;
  }
}

void Simulation::fit_link_decisions() {
  auto fit = [](auto& field, bool kept, std::size_t n, auto none) {
    if (!kept)
      std::decay_t<decltype(field)>().swap(field);
    else if (field.size() != n)
      field.assign(n, none);
  };
  const std::size_t L = net_.link_count();
  fit(s_.licence_control, keeps_licences_, L, policy::kNoLicence);
  fit(s_.licence_status, keeps_licences_, L, LicenceStatus::none);
  fit(s_.licence_decided_at, keeps_licences_, L, std::int32_t{0});
  fit(s_.quota_control, keeps_quotas_, L, policy::kNoQuota);
  fit(s_.quota_refused, keeps_quotas_, L, 0.0);
}

namespace {

// The same sum, in the same order, as adding each slot's figure as the sweep reached it.
double sum_in_slot_order(const std::vector<double>& per_slot) {
  double total = 0;
  for (double x : per_slot) total += x;
  return total;
}

}  // namespace

void Simulation::step() {
  clear_tallies();
  recompute_reach();  // from the current graph, when due: a firm caught or released re-decides the links
  apply_events();  // and over_comply
  enforcement_.set_enforcement(s_.step);
  anticipation_.set_targets(s_);  // announced controls: the buyers they will cut off stock up
  buyer_sweep();   // receive_shipments -> place_orders (with the decision point's first part); then decide_shipment (attempt_diversion,
                   // note_denial) for the controlled links, tally_orders
  ration_quotas(); // orders under a quota, cut to its ceiling together (settle_quota_order)
  qualification_.limit_new_suppliers(s_);  // a supplier a buyer has just moved to takes part of the order
  keep_cut_orders();  // what was let through where not the whole order, for after the shipments
  firm_sweep();    // produce -> update_price
  slot_sweep();    // ship and the share rule (ship_and_adapt) -> count_starved (suppliers that cannot deliver)
  resourcing_.end_starvation_count();  // the starved links' searches, queued in slot order
  resourcing_.search_suppliers(s_, diversion_, over_compliance_, qualification_);
  resourcing_.return_to_recovered(s_, over_compliance_, qualification_);  // starved buyers back to a supplier with room
  build_at_home_.invest_at_home(s_);
  design_out_.design_out(s_, over_compliance_, qualification_);  // caught firms re-source what brings them under reach
  if (scenario_.responses.capacity_expansion.toward_spare)  // what a programme built is used
    resourcing_.bring_home(s_, build_at_home_.delivered_now(), scenario_.world.items.size(), over_compliance_,
                           qualification_);
  capacity_expansion_.expand(s_);  // makers whose demand stayed high invest; capacity due arrives
  s_.settle_moves();  // the step's moves are all made: in link order, for retaliation's measure and the metrics
  states_decide();  // coalition_joining, retaliation: from the next step
#ifndef NDEBUG
  check_links_supply_their_inputs();  // the test suite's builds: what the flows and the metrics take for granted
#endif
  ++s_.step;
}

void Simulation::states_decide() {
  if (!run_plan_) return;
  const bool joined = coalition_joining_.decide(s_, *run_plan_);
  const bool started = retaliation_.decide(s_, *run_plan_);
  // A join changes no start or end, so the next step would not redo the verdicts by
  // itself; a start does (changes_at), but redoing them once more changes nothing.
  if (joined || started) redecide_pending_ = true;
}

std::vector<behaviour::StateDecision> Simulation::state_decisions() const {
  std::vector<behaviour::StateDecision> out;
  coalition_joining_.decisions(out);
  retaliation_.decisions(out);
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.step < b.step; });
  return out;
}

void Simulation::clear_tallies() {
  s_.begin_moves();  // last step's moves, read by its metrics, become the ones before this step's
  for (auto* v : {&s_.licence_applications, &s_.licence_cost, &s_.switching_cost, &s_.fronts_listed, &s_.expansion_cost})
    std::fill(v->begin(), v->end(), 0.0);
}

void Simulation::buyer_sweep() {
  // Last step's shipments arrive: the two arrays trade places, so that no link is
  // copied or cleared. What in_transit then holds is stale. The order loop writes into
  // it what the decision point lets through of each order, read by the tally, the
  // quotas and qualification, and the shipments write over that in turn: the two never
  // need a link's memory at once. What it shipped is read after the shipments (by
  // re-sourcing, coalition joining, the metrics and the checkpoint).
  s_.delivered.swap(s_.in_transit);
  for_each_chunk(buyer_chunks_, [&](std::size_t c, std::uint32_t first, std::uint32_t last) {
    controlled_[c].clear();
    for (std::uint32_t b = first; b < last; ++b) {
      double consumed = 0;
      for (const std::uint32_t k : net_.slots_of(b)) {
        const Arrival arrived = receive_shipments(k);
        if (b < net_.firm_count)
          s_.inventory[k] += arrived.equivalent;
        else
          consumed += arrived.equivalent;
        s_.received[k] = arrived.units;
      }
      // Orders follow the output the buyer can make, which needs every input's arrivals.
      const double planned = b < net_.firm_count ? plan_production(b) : 0.0;
      for (const std::uint32_t k : net_.slots_of(b)) {
        place_orders(b, k, planned, controlled_[c]);
      }
      if (b >= net_.firm_count) s_.consumed[b - net_.firm_count] = consumed;
    }
  });
  s_.received_total = sum_in_slot_order(s_.received);
  // Nothing a controlled link's decision reads is written by another buyer's orders,
  // so deciding them after every piece has ordered is deciding them in the sweep.
  for (const auto& held : controlled_)
    for (const LinkOrder& o : held) decide_shipment(o.buyer, o.slot, o.link);
  tally_orders();
}

// The shipments write over what the decision point let through (RunState::in_transit),
// so it is kept here for what reads it after them (the metrics' blocked flows under a
// quota, retaliation's trigger, tests): where a control held the order, and where
// qualification cut it. Every other link was let through its whole order.
void Simulation::keep_cut_orders() {
  s_.cut_links.clear();
  for (const auto& held : controlled_)
    for (const LinkOrder& o : held) s_.cut_links.push_back(o.link);
  // Buyer pieces in the buyer layout follow link order; in the item layout a buyer's
  // links lie apart, and qualification's links come in link order of their own.
  const auto& qualifying = qualification_.qualifying_links();
  s_.cut_links.insert(s_.cut_links.end(), qualifying.begin(), qualifying.end());
  if (!std::is_sorted(s_.cut_links.begin(), s_.cut_links.end())) std::sort(s_.cut_links.begin(), s_.cut_links.end());
  s_.cut_links.erase(std::unique(s_.cut_links.begin(), s_.cut_links.end()), s_.cut_links.end());
  s_.cut_accepted.resize(s_.cut_links.size());
  for (std::size_t i = 0; i < s_.cut_links.size(); ++i) s_.cut_accepted[i] = s_.in_transit[s_.cut_links[i]];
}

void Simulation::firm_sweep() {
  for_each_chunk(firm_chunks_, [&](std::size_t, std::uint32_t first, std::uint32_t last) {
    for (FirmId f = first; f < last; ++f) {
      produce(f);
      update_price(f);
      shipping_terms_[f] = {s_.fill_rate[f], s_.price[f], s_.price_weight[f], net_.buyer_state[f]};
    }
  });
}

void Simulation::slot_sweep() {
  const bool starvation = resourcing_.counts_starvation();
  if (starvation) resourcing_.begin_starvation_count(s_, slot_chunks_.size());
  const std::size_t S = s_.exported.size();
  const bool fused = !scenario_.responses.capacity_expansion.toward_spare;
  for_each_chunk(slot_chunks_, [&](std::size_t c, std::uint32_t first, std::uint32_t last) {
    double* exported = chunk_exported_.data() + c * S;
    std::fill(exported, exported + S, 0.0);
    // What each link of the slot at hand shipped of its order, then each one's pull:
    // read by the share rule and the starvation count right after, and by nothing
    // later, so kept for one slot only (on the stack for nearly every slot).
    double kept[2 * behaviour::kKeptPulls];
    double shipped = 0;  // by the piece's slots in slot order
    for (std::uint32_t k = first; k < last; ++k) {
      const std::uint32_t n = net_.slot_link_begin[k + 1] - net_.slot_link_begin[k];
      double* availability = n <= behaviour::kKeptPulls ? kept : wide_slot_scratch(2 * n);
      double* pull = availability + n;
      double slot_shipped;
      if (fused) {
        slot_shipped = stamp_shares_ ? ship_and_adapt<true>(k, exported, availability, pull)
                                     : ship_and_adapt<false>(k, exported, availability, pull);
      } else {
        slot_shipped = ship(k, exported, availability);
        adapt_sourcing_toward_spare(k, availability);
      }
      arriving_[k] = slot_shipped;  // what the slot receives next step
      shipped += slot_shipped;
      if (starvation) resourcing_.count_starved(s_, qualification_, c, k, availability);  // reads no share
    }
    chunk_shipped_[c] = shipped;
  });
  // The pieces' totals in piece order: the same sum on any number of threads (the
  // pieces are the network's), and no array by slot kept for it.
  s_.shipped_total = 0;
  for (double x : chunk_shipped_) s_.shipped_total += x;
  // Each state's exports, piece by piece in piece order: the same sums on any number of threads.
  std::fill(s_.exported.begin(), s_.exported.end(), 0.0);
  for (std::size_t c = 0; c < slot_chunks_.size(); ++c)
    for (std::size_t st = 0; st < S; ++st) s_.exported[st] += chunk_exported_[c * S + st];
}

void Simulation::recompute_reach() {
  auto designed_out = [&](std::size_t control) { return design_out_.designed_out_before(control, s_); };
  if (reach_.recompute(s_.step, s_.supplier, s_.share, slot_changes_, designed_out, policy_.changes_at(s_.step),
                       s_.caught_by_reach))
    reach_changed_ = true;
}

void Simulation::apply_events() {
  const bool every = s_.step == 0 || redecide_pending_ || policy_.changes_at(s_.step);
  const bool reach = reach_changed_;
  redecide_pending_ = reach_changed_ = false;
  if (every || (reach && (refresh_off_ || !refresh_.ready()))) {
    decide_every_link();
  } else if (reach) {
    // Only the caught sets changed: the links they or the answers since can change
    // (engine/verdict_refresh.hpp), each decided as decide_every_link decides it.
    links_refreshed_ +=
        refresh_.refresh(net_, s_, slot_changes_, [&](std::uint32_t b, std::uint32_t l) { decide_again(b, l); });
    ++refreshes_;
  }
}

void Simulation::decide_every_link() {
  if (!s_.keeps_link_decisions()) {  // a baseline's: no control, every link allowed, nothing to evade or wait out
    s_.verdict.assign(net_.link_count(), policy::Verdict::allowed);
    std::fill(s_.via.begin(), s_.via.end(), kDirect);
    std::fill(s_.denied_steps.begin(), s_.denied_steps.end(), std::uint16_t{0});
    over_compliance_.over_comply(s_.step, scenario_.world.states.size(), s_);
    return;
  }
  std::vector<std::uint16_t>& licence_control = licence_scratch_;  // kept: no fresh pages at each re-decision
  policy_.decide_links(s_.step, net_, s_.supplier, s_.verdict, keeps_licences_ ? &licence_control : nullptr,
                       keeps_quotas_ ? &s_.quota_control : nullptr, &s_.caught_by_reach);
  // A licence is granted under one control's terms: when another control's terms
  // now apply to the link, the exporter applies afresh.
  if (keeps_licences_)
    for (std::uint32_t l = 0; l < net_.link_count(); ++l)
      if (licence_control[l] != s_.licence_control[l]) s_.licence_status[l] = LicenceStatus::none;
  for (std::uint32_t l = 0; l < net_.link_count(); ++l)
    if (s_.verdict[l] == policy::Verdict::allowed) {  // nothing left to evade or to wait out
      if (s_.via[l] != kDirect) s_.via[l] = kDirect;  // written only where it differs: most links' stay clean
      if (s_.denied_steps[l] != 0) s_.denied_steps[l] = 0;
    }
  if (keeps_licences_) s_.licence_control.swap(licence_control);
  over_compliance_.over_comply(s_.step, scenario_.world.states.size(), s_);
  if (reach_.active()) refresh_.remember(net_, s_, policy_.aimed_at_by_some_control(s_.step, net_));
}

void Simulation::decide_again(std::uint32_t b, std::uint32_t l) {
  const policy::LinkDecision d = policy_.decide_link(s_.step, net_, b, l, s_.supplier[l], &s_.caught_by_reach);
  if (keeps_licences_) {
    if (d.licence_control != s_.licence_control[l]) s_.licence_status[l] = LicenceStatus::none;
    s_.licence_control[l] = d.licence_control;
  }
  if (keeps_quotas_) s_.quota_control[l] = d.quota_control;
  s_.verdict[l] = d.verdict;
  if (d.verdict == policy::Verdict::allowed) {
    s_.via[l] = kDirect;
    s_.denied_steps[l] = 0;
  }
  over_compliance_.over_comply_link(b, l, s_);
}

REGIMESIM_INLINE Simulation::Arrival Simulation::receive_shipments(std::uint32_t k) {
  Arrival arrived;
  arrived.units = arriving_[k];
#ifndef NDEBUG
  double units = 0;  // the test suite's builds: what arrives is what was shipped, bit for bit
  for (auto l = net_.slot_link_begin[k]; l < net_.slot_link_begin[k + 1]; ++l) units += s_.delivered[l];
  if (!(units == arrived.units || (units != units && arrived.units != arrived.units)))
    throw std::logic_error("a slot's arrivals differ from what its links shipped (Simulation::arriving_)");
#endif
  arrived.equivalent = arrived.units;
  if (s_.substituted[k]) {  // rare: the per-link yields are read only where a substitute supplies
    arrived.equivalent = 0;
    for (auto l = net_.slot_link_begin[k]; l < net_.slot_link_begin[k + 1]; ++l)
      arrived.equivalent += s_.delivered[l] * s_.delivered_yield(l);  // at the yield it was shipped at
  }
  return arrived;
}

// A consumer's demand at its suppliers' prices, as a share of its baseline demand:
// p^-elasticity, p the price of its suppliers weighted by its shares of them.
double Simulation::demand_at_price(std::uint32_t k) const {
  double weighted = 0, shares = 0;
  for (auto l = net_.slot_link_begin[k]; l < net_.slot_link_begin[k + 1]; ++l) {
    weighted += s_.share[l] * s_.price[s_.supplier[l]];
    shares += s_.share[l];
  }
  if (!(shares > 0) || weighted == shares) return 1.0;  // at the baseline price: no pow
  return std::pow(weighted / shares, -dynamics_.demand_elasticity);
}

REGIMESIM_INLINE double Simulation::wanted_output(FirmId f) const { return std::min(s_.expected_demand[f], s_.capacity[f]); }

REGIMESIM_INLINE double Simulation::plan_production(FirmId f) const {
  double planned = wanted_output(f);
  for (const std::uint32_t k : net_.slots_of(f))
    if (slot_critical_[k]) planned = std::min(planned, s_.inventory[k] / net_.slot_coefficient[k]);
  return planned;
}

REGIMESIM_INLINE void Simulation::place_orders(std::uint32_t b, std::uint32_t k, double planned, std::vector<LinkOrder>& held) {
  const double a = net_.slot_coefficient[k];
  double need = a;  // final demand asks for the same every step, or less as prices rise
  if (b >= net_.firm_count && dynamics_.demand_elasticity > 0) need = a * demand_at_price(k);
  if (b < net_.firm_count) {
    // The ARIO/Acclimate rule (docs/MODEL.md): an input that is itself short is asked
    // for at the rate the wanted output needs, so that it can recover; every other
    // input only for the output the short one allows, so that a firm stopped by one
    // missing input does not pile up the others.
    const double wanted = wanted_output(b);
    const bool short_input = slot_critical_[k] && s_.inventory[k] < a * wanted;
    const double use = short_input ? wanted : planned;
    need = std::max(0.0, a * use + (s_.target_inventory[k] - s_.inventory[k]) * refill_);
  }
  // A lower-tier substitute does less per unit: the buyer orders more of it.
  const bool substituted = s_.substituted[k];
  std::uint8_t restricted = 0;
  for (auto l = net_.slot_link_begin[k]; l < net_.slot_link_begin[k + 1]; ++l) {
    double order = need * s_.share[l];
    if (substituted) order /= s_.yield_of(l);
    s_.order[l] = order;
    // The decision point's first part: orders no control covers pass at once.
    if (s_.verdict[l] == policy::Verdict::allowed) {
      s_.in_transit[l] = order;  // let through
    } else {
      held.push_back({b, k, l});
      restricted = 1;
    }
  }
  s_.restricted[k] = restricted;  // for the metrics, which then read only such slots' links
}

void Simulation::decide_shipment(std::uint32_t b, std::uint32_t k, std::uint32_t l) {
  Outcome o = Outcome::shipped;
  if (s_.via[l] != kDirect)
    o = attempt_diversion(l);
  else if (s_.verdict[l] == policy::Verdict::licence_required)
    o = decide_licence(net_, s_, *policy_.plan(), seed_, k, l);
  else if (s_.verdict[l] == policy::Verdict::quota)
    o = Outcome::shipped;  // for now: the quota cuts it with the others (ration_quotas)
  else
    o = Outcome::denied;  // denied by a control, or declined by an over-complying exporter
  s_.outcome[l] = o;
  bool for_quota = false;
  if (keeps_quotas_) {
    s_.quota_refused[l] = 0;
    // A diverted order ships past the quota, as past any control (RESPONSES.md).
    for_quota =
        o == Outcome::shipped && s_.quota_control[l] != policy::kNoQuota && s_.via[l] == kDirect && s_.order[l] > 0;
  }
  if (o == Outcome::denied)
    note_denial(b, k, l);
  else if (!for_quota)  // the quota says whether this one was denied (settle_quota_order)
    s_.denied_steps[l] = 0;
  s_.in_transit[l] = o == Outcome::shipped ? s_.order[l] : 0.0;  // let through
  if (for_quota) quota_orders_.push_back({b, k, l});  // tallied once its quota's orders are all in (ration_quotas)
}

// Orders reach each supplier in link order, so its total sums in a fixed order; those
// held for a quota are added when it has rationed them (settle_quota_order). Laid out
// item by item, a supplier's orders are still summed buyer by buyer (but for those of
// a substitute, which come with the substitute's item).
void Simulation::tally_orders() {
  std::fill(s_.orders_accepted.begin(), s_.orders_accepted.end(), 0.0);
  quota_links_.clear();  // held in buyer order: here in link order, to pass over
  for (const LinkOrder& o : quota_orders_) quota_links_.push_back(o.link);
  std::sort(quota_links_.begin(), quota_links_.end());
  std::size_t q = 0;
  for (std::uint32_t l = 0; l < net_.link_count(); ++l) {
    if (q < quota_links_.size() && quota_links_[q] == l) {
      ++q;
      continue;
    }
    s_.orders_accepted[s_.supplier[l]] += s_.in_transit[l];  // what the decision point let through
  }
}

// A quota's ceiling binds the issuer's exporters together, so its orders are cut
// only once the sweep has seen them all: pro rata, each exporter's orders under the
// quota by one factor, its allotment over what it was asked; first come, in the
// fixed buyer order (buyer by buyer, input by input) until the ceiling is used. The
// orders are held in buyer order on one thread, so the cut is the same on every run
// whatever `--threads`.
void Simulation::ration_quotas() {
  if (quota_orders_.empty()) return;
  const auto& controls = policy_.plan()->controls();
  if (quota_asked_.empty()) quota_asked_.assign(net_.firm_count, 0.0);
  if (quota_room_.empty()) quota_room_.assign(scenario_.world.items.size(), -1.0);
  for (std::size_t q = 0; q < controls.size(); ++q) {
    const policy::CompiledControl& c = controls[q];
    if (c.control->instrument != Instrument::quota) continue;
    auto under = [&](const LinkOrder& o) { return s_.quota_control[o.link] == q; };
    if (c.control->quota.allocation == QuotaAllocation::pro_rata) {
      for (const LinkOrder& o : quota_orders_)
        if (under(o)) quota_asked_[s_.supplier[o.link]] += s_.in_transit[o.link];
      for (const LinkOrder& o : quota_orders_) {
        if (!under(o)) continue;
        const FirmId f = s_.supplier[o.link];
        const double allotment = c.quota_allotment(f, net_.buyer_item[f], s_.step);
        const double asked = quota_asked_[f];
        const double passed = asked > allotment ? s_.in_transit[o.link] * (allotment / asked) : s_.in_transit[o.link];
        settle_quota_order(o.buyer, o.slot, o.link, passed);
      }
      for (const LinkOrder& o : quota_orders_) quota_asked_[s_.supplier[o.link]] = 0.0;
    } else {
      for (const LinkOrder& o : quota_orders_) {
        if (!under(o)) continue;
        const ItemId item = net_.buyer_item[s_.supplier[o.link]];
        if (quota_room_[item] < 0) quota_room_[item] = c.quota_ceiling(item, s_.step);
        const double passed = std::min(s_.in_transit[o.link], quota_room_[item]);
        quota_room_[item] = std::max(0.0, quota_room_[item] - passed);
        settle_quota_order(o.buyer, o.slot, o.link, passed);
      }
      for (const LinkOrder& o : quota_orders_) quota_room_[net_.buyer_item[s_.supplier[o.link]]] = -1.0;
    }
  }
  quota_orders_.clear();
}

// What the quota refused is counted as denied: an order refused in full is a denied
// link (the buyer searches after search_delay such steps, as under a prohibition);
// one cut in part ships the rest, and its buyer's share rule sees the shortfall.
void Simulation::settle_quota_order(std::uint32_t b, std::uint32_t k, std::uint32_t l, double passed) {
  const double refused = s_.in_transit[l] - passed;
  s_.in_transit[l] = passed;
  s_.quota_refused[l] = refused;
  s_.orders_accepted[s_.supplier[l]] += passed;
  if (passed > 0) s_.denied_steps[l] = 0;
  if (!(refused > 0)) return;
  if (!(passed > 0)) {
    s_.outcome[l] = Outcome::denied;
    note_denial(b, k, l);
  } else {
    build_at_home_.note_refused(b, k, refused);
  }
}

REGIMESIM_INLINE void Simulation::produce(FirmId f) {
  const double orders = s_.orders_accepted[f];
  double x = std::min(s_.capacity[f], orders);
  for (const std::uint32_t k : net_.slots_of(f))
    if (slot_critical_[k]) x = std::min(x, s_.inventory[k] / net_.slot_coefficient[k]);
  for (const std::uint32_t k : net_.slots_of(f))
    s_.inventory[k] = std::max(0.0, s_.inventory[k] - net_.slot_coefficient[k] * x);
  s_.output[f] = x;
  s_.fill_rate[f] = orders > 0 ? x / orders : 0.0;
}

REGIMESIM_INLINE void Simulation::update_price(FirmId f) {
  const double orders = s_.orders_accepted[f];
  const double unfilled = orders > 0 ? (orders - s_.output[f]) / orders : 0.0;
  s_.price[f] += dynamics_.price_rise * unfilled - dynamics_.price_ease * (s_.price[f] - 1.0);
  s_.price_weight[f] = behaviour::price_weight(s_.price[f], firm_substitutability_[f]);
  s_.expected_demand[f] = orders;
}

// Beside the shipments, the slot's sums the metrics read (RunState::ordered,
// ordered_value, exported), taken here while the links and their suppliers are in
// cache, and against the supplier that shipped, before any answer moves the link.
double Simulation::ship(std::uint32_t k, double* __restrict exported, double* __restrict availability) {
  const StateId buyer_state = slot_buyer_state_[k];
  const std::uint32_t begin = net_.slot_link_begin[k];
  double shipped_total = 0, ordered = 0, ordered_value = 0;
  for (auto l = begin; l < net_.slot_link_begin[k + 1]; ++l) {
    const ShippingTerms& terms = shipping_terms_[s_.supplier[l]];  // one gather by supplier, not three
    const double order = s_.order[l];
    const double shipped = s_.in_transit[l] * terms.fill_rate;  // of what was let through
    s_.in_transit[l] = shipped;
    availability[l - begin] = order > 0 ? shipped / order : 1.0;
    shipped_total += shipped;
    ordered += order;
    ordered_value += order * terms.price;
    if (terms.state != buyer_state) exported[terms.state] += shipped;
  }
  s_.ordered[k] = ordered;
  s_.ordered_value[k] = ordered_value;
  return shipped_total;
}

template <bool kStamp>
REGIMESIM_INLINE double Simulation::ship_and_adapt(std::uint32_t k, double* __restrict exported,
                                                  double* __restrict availability_of, double* __restrict pull) {
  const std::uint32_t begin = net_.slot_link_begin[k], end = net_.slot_link_begin[k + 1];
  const StateId buyer_state = slot_buyer_state_[k];
  const double* base = net_.link_base_share.data();
  double shipped_total = 0, ordered = 0, ordered_value = 0, pulls = 0;
  for (auto l = begin; l < end; ++l) {
    const ShippingTerms& terms = shipping_terms_[s_.supplier[l]];
    const double order = s_.order[l];
    const double shipped = s_.in_transit[l] * terms.fill_rate;  // of what was let through
    const double availability = order > 0 ? shipped / order : 1.0;
    s_.in_transit[l] = shipped;
    availability_of[l - begin] = availability;
    shipped_total += shipped;
    ordered += order;
    ordered_value += order * terms.price;
    if (terms.state != buyer_state) exported[terms.state] += shipped;
    pull[l - begin] = behaviour::supplier_pull(base[l], availability, terms.price_weight);
    pulls += pull[l - begin];
  }
  s_.ordered[k] = ordered;
  s_.ordered_value[k] = ordered_value;
  // A buyer cut off from every supplier keeps its shares (adapt_supplier_shares).
  if (pulls > 0 && behaviour::close_share_gap(pull, pulls, dynamics_.share_adjustment, s_.share.data() + begin,
                                              end - begin) && kStamp)
    slot_changes_.note_shares(k, s_.step);
  return shipped_total;
}

// The toward-spare rule reads each supplier's room as well: it keeps its own two passes.
void Simulation::adapt_sourcing_toward_spare(std::uint32_t k, const double* availability) {
  // Only the content tracker of reach recomputed on the run's graph reads the shares'
  // stamps (engine/slot_changes.hpp).
  bool moved = false;
  behaviour::adapt_supplier_shares_toward_spare(
      net_.slot_link_begin[k], net_.slot_link_begin[k + 1], net_.link_base_share.data(), availability,
      s_.supplier.data(), s_.price_weight.data(), s_.order.data(), s_.capacity.data(), s_.output.data(),
      dynamics_.share_adjustment, s_.share.data(), stamp_shares_ ? &moved : nullptr);
  if (moved) slot_changes_.note_shares(k, s_.step);
}

// A slot wider than the stack keeps (final demand asks hundreds of suppliers): scratch
// of the thread's own, kept from slot to slot.
double* Simulation::wide_slot_scratch(std::size_t n) {
  thread_local std::vector<double> wide;
  if (wide.size() < n) wide.resize(n);
  return wide.data();
}

// The decision point hands a link to the agents' answers (behaviour/): a diverted
// order to enforcement; a denied one to building at home, which counts it in its
// state's denied need, and to re-sourcing, which counts the steps and may queue a search.
Outcome Simulation::attempt_diversion(std::uint32_t l) { return enforcement_.attempt_diversion(s_, l); }

void Simulation::note_denial(std::uint32_t b, std::uint32_t k, std::uint32_t l) {
  build_at_home_.note_denial(s_, b, k, l);
  resourcing_.note_denial(s_, b, k, l);
}

}  // namespace regimesim::engine
