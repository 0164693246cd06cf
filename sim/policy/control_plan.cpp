#include "policy/control_plan.hpp"

#include <algorithm>
#include <limits>
#include <map>

#include "policy/jurisdiction.hpp"

namespace regimesim::policy {
namespace {

std::vector<bool> targeted_buyers(const Destinations& d, const World& w, const engine::SupplyNetwork& net) {
  std::vector<bool> t(net.buyer_count(), false);
  if (!d.entities.empty()) {
    for (FirmId f : d.entities) t[f] = true;
    return t;
  }
  std::vector<bool> state(w.states.size(), d.all_states());
  for (StateId s : d.states) state[s] = true;
  for (std::uint32_t b = 0; b < net.buyer_count(); ++b) {
    const bool use = d.end_uses.empty() ||
                     std::find(d.end_uses.begin(), d.end_uses.end(), net.buyer_end_use[b]) != d.end_uses.end();
    t[b] = state[net.buyer_state[b]] && use;
  }
  return t;
}

std::vector<bool> aimed_buyers(const Destinations& d, const std::vector<bool>& targeted,
                               const engine::SupplyNetwork& net) {
  if (!d.entities.empty() || !d.all_states()) return targeted;
  std::vector<bool> aimed(net.buyer_count(), false);
  if (d.end_uses.empty()) return aimed;  // every destination: nobody in particular
  for (std::uint32_t b = 0; b < net.buyer_count(); ++b)
    aimed[b] = targeted[b] && net.buyer_end_use[b] != EndUse::civilian;
  return aimed;
}

// A civilian front in a state is targeted when the control names no entities, covers
// every destination or that state, and every end use or the civilian one.
std::vector<bool> fronts_targeted(const Destinations& d, std::size_t states) {
  std::vector<bool> t(states, false);
  if (!d.entities.empty()) return t;
  const bool civilian = d.end_uses.empty() ||
                        std::find(d.end_uses.begin(), d.end_uses.end(), EndUse::civilian) != d.end_uses.end();
  if (!civilian) return t;
  if (d.all_states()) t.assign(states, true);
  for (StateId s : d.states) t[s] = true;
  return t;
}

std::vector<bool> named_states(const Destinations& d, const World& w) {
  std::vector<bool> named(w.states.size(), false);
  for (StateId s : d.states) named[s] = true;
  for (FirmId f : d.entities) named[w.firms[f].state] = true;
  return named;
}

// Destinations the control includes through other states' treatment of them: a state
// treated as one of the named states, by the exporters listed (model::TreatedAs). Only
// for controls that name states: an entity list names firms, and "every state" already
// covers every buyer.
void add_treatments(CompiledControl& c, const Destinations& d, const World& w, const engine::SupplyNetwork& net) {
  const std::size_t S = w.states.size();
  c.treated_by.assign(S, {});
  c.treated_targeted.assign(net.buyer_count(), false);
  if (!d.entities.empty() || d.all_states()) return;
  std::vector<bool> named(S, false);
  for (StateId s : d.states) named[s] = true;
  for (StateId s = 0; s < S; ++s)
    for (const TreatedAs& t : w.states[s].treated_as) {
      if (!named[t.as] || named[s]) continue;
      if (c.treated_by[s].empty()) c.treated_by[s].assign(S, false);
      for (StateId by : t.by) c.treated_by[s][by] = true;
      c.named_state[s] = true;
    }
  for (std::uint32_t b = 0; b < net.buyer_count(); ++b) {
    if (c.treated_by[net.buyer_state[b]].empty()) continue;
    const bool use = d.end_uses.empty() ||
                     std::find(d.end_uses.begin(), d.end_uses.end(), net.buyer_end_use[b]) != d.end_uses.end();
    c.treated_targeted[b] = use;
    if (use) c.aimed_at[b] = true;  // the issuers' rules name it, as they name the state it counts as
  }
  c.treated_front = d.end_uses.empty() ||
                    std::find(d.end_uses.begin(), d.end_uses.end(), EndUse::civilian) != d.end_uses.end();
}

// Each member supports listing an item when its security concern, weighted by the
// item's sensitivity, is at least what weighs against it: its exports at stake in the
// item (the share of its baseline exports of that item that go to the control's
// targets) plus its alignment with the targets. Stakes are read item by item: a
// supplier that sells most of one tool to the target has much at stake in that tool
// however small the tool is in its total exports.
std::vector<Vote> vote(const CompiledControl& c, const std::vector<StateId>& voters, const World& w,
                       const engine::SupplyNetwork& net, const engine::Equilibrium& eq) {
  const std::size_t S = w.states.size(), I = w.items.size();
  std::vector<double> exports(S * I, 0.0), at_stake(S * I, 0.0);
  std::vector<bool> target_state(S, false);
  for (std::uint32_t b = 0; b < net.buyer_count(); ++b) {
    if (c.targeted[b]) target_state[net.buyer_state[b]] = true;
    for (const std::uint32_t k : net.slots_of(b))
      for (auto l = net.slot_link_begin[k]; l < net.slot_link_begin[k + 1]; ++l) {
        const StateId from = net.buyer_state[net.link_supplier[l]];
        if (from == net.buyer_state[b]) continue;
        exports[from * I + net.slot_item[k]] += eq.link_flow[l];
        if (c.targeted[b]) at_stake[from * I + net.slot_item[k]] += eq.link_flow[l];
      }
  }
  std::vector<Vote> votes;
  for (ItemId i : c.proposed)
    for (StateId m : voters) {
      double alignment = 0;
      for (StateId t = 0; t < S; ++t)
        if (target_state[t] && t != m) alignment = std::max(alignment, w.states[m].alignment_with(t));
      const double sold = exports[m * I + i];
      Vote v{m, i, sold > 0 ? at_stake[m * I + i] / sold : 0.0,
             w.states[m].security_concern * item_sensitivity(w.items[i]), alignment, false};
      v.supports = v.concern >= v.exports_at_stake + v.alignment;
      votes.push_back(v);
    }
  return votes;
}

// A quota's baseline: what the links it covers at its start carry at equilibrium,
// by the item shipped and by the exporting firm.
void add_quota_base(CompiledControl& c, const engine::SupplyNetwork& net, const engine::Equilibrium& eq,
                    std::size_t items) {
  c.quota_base_item.assign(items, 0.0);
  c.quota_base_firm.assign(net.firm_count, 0.0);
  const int start = c.control->start_step;
  for (std::uint32_t b = 0; b < net.buyer_count(); ++b) {
    if (!c.targeted[b] && !c.treated_targeted[b]) continue;
    for (const std::uint32_t k : net.slots_of(b))
      for (auto l = net.slot_link_begin[k]; l < net.slot_link_begin[k + 1]; ++l) {
        const FirmId supplier = net.link_supplier[l];
        if (!c.covers(net, supplier, b, start)) continue;
        c.quota_base_item[net.buyer_item[supplier]] += eq.link_flow[l];
        c.quota_base_firm[supplier] += eq.link_flow[l];
      }
  }
}

}  // namespace

double issuers_share(const Control& control, ItemId item, const World& w, const engine::SupplyNetwork& net,
                     const engine::Equilibrium& eq) {
  double theirs = 0, world = 0;
  for (auto m = net.item_maker_begin[item]; m < net.item_maker_begin[item + 1]; ++m) {
    const FirmId f = net.item_makers[m];
    world += eq.output[f];
    const auto& members = control.issuer.members;
    if (std::find(members.begin(), members.end(), w.firms[f].state) != members.end()) theirs += eq.output[f];
  }
  return world > 0 ? theirs / world : 0.0;
}

double item_sensitivity(const Item& item) {
  return item.wmd != WmdRelevance::none ? 1.0 : item.technology_tier / 5.0;
}

ControlPlan::ControlPlan(const std::vector<Control>& controls, const World& w, const engine::SupplyNetwork& net,
                         const engine::Equilibrium& eq) {
  for (const Control& control : controls) {
    CompiledControl c;
    c.control = &control;
    c.member.assign(w.states.size(), false);
    constexpr int kForever = std::numeric_limits<int>::max();
    c.member_spans.assign(w.states.size(), {});
    for (StateId s : control.issuer.members) {
      c.member[s] = true;
      c.member_spans[s].push_back({0, kForever});
    }
    // Changes come in step order: a join opens a stay, a leave closes the open one.
    for (const MembershipChange& m : control.issuer.changes) {
      c.member[m.state] = true;
      auto& spans = c.member_spans[m.state];
      const bool open = !spans.empty() && spans.back().second == kForever;
      if (m.joins && !open) spans.push_back({m.step, kForever});
      if (!m.joins && open) spans.back().second = m.step;
    }
    c.targeted = targeted_buyers(control.destinations, w, net);
    for (FirmId f : control.exempt_firms) c.targeted[f] = false;  // named exemptions: not a target at all
    c.aimed_at = aimed_buyers(control.destinations, c.targeted, net);
    c.exception.assign(w.states.size(), false);
    for (StateId s : control.licence_exceptions) c.exception[s] = true;
    c.front_targeted = fronts_targeted(control.destinations, w.states.size());
    c.named_state = named_states(control.destinations, w);
    c.proposed = control.items;
    if (control.dominance) std::erase_if(c.proposed, [&](ItemId i) { return issuers_share(control, i, w, net, eq) <= *control.dominance; });
    c.items = c.proposed;
    if (control.consensus) {
      c.votes = vote(c, control.issuer.members, w, net, eq);
      std::erase_if(c.items, [&](ItemId i) {
        return std::any_of(c.votes.begin(), c.votes.end(), [&](const Vote& v) { return v.item == i && !v.supports; });
      });
    }
    c.item.assign(w.items.size(), false);
    for (ItemId i : c.items) c.item[i] = true;
    // A coalition's candidates join from decide_at when they would support every item
    // (with join_when they decide during the run instead: behaviour/coalition_joining).
    if (!control.issuer.candidates.empty() && !control.issuer.join_when) {
      c.join_votes = vote(c, control.issuer.candidates, w, net, eq);
      for (StateId s : control.issuer.candidates) {
        const bool joins = std::all_of(c.join_votes.begin(), c.join_votes.end(),
                                       [&](const Vote& v) { return v.member != s || v.supports; });
        if (!joins) continue;
        c.member[s] = true;
        c.member_spans[s].push_back({control.issuer.decide_at, kForever});
      }
    }
    // Reach as it stands at the first step; a run reads it again when members change
    // (policy/recomputed_reach.hpp).
    std::vector<bool> first_members(w.states.size(), false);
    for (StateId s = 0; s < w.states.size(); ++s) first_members[s] = c.member_at(s, 0);
    c.reach = subject_by_reach(control, c.items, first_members, w, net);
    add_treatments(c, control.destinations, w, net);
    for (FirmId f : control.exempt_firms) c.treated_targeted[f] = c.aimed_at[f] = false;
    if (control.instrument == Instrument::quota) add_quota_base(c, net, eq, w.items.size());
    compiled_.push_back(std::move(c));
  }
  roles_.aimed_at.assign(net.buyer_count(), false);
  roles_.target_slot.assign(net.slot_count(), false);
  std::vector<std::vector<std::uint16_t>> aiming(net.slot_count());  // the controls aimed at each slot
  std::vector<std::vector<bool>> aimed_state;  // per control, per state: some buyer there is aimed at
  for (std::size_t index = 0; index < compiled_.size(); ++index) {
    const CompiledControl& c = compiled_[index];
    roles_.control_spans.push_back(c.member_spans);
    aimed_state.emplace_back(w.states.size(), false);
    for (std::uint32_t b = 0; b < net.buyer_count(); ++b)
      if (c.aimed_at[b]) aimed_state.back()[net.buyer_state[b]] = true;
    // Measured against the items proposed, not those adopted: a list narrowed by a
    // consensus veto shows as lower denial, which is the point of comparing them.
    std::vector<bool> proposed(w.items.size(), false);
    for (ItemId i : c.proposed) proposed[i] = true;
    for (std::uint32_t b = 0; b < net.buyer_count(); ++b) {
      if (!c.aimed_at[b]) continue;
      roles_.aimed_at[b] = true;
      for (const std::uint32_t k : net.slots_of(b)) {
        if (!proposed[net.slot_item[k]]) continue;
        roles_.target_slot[k] = true;
        aiming[k].push_back(static_cast<std::uint16_t>(index));
      }
    }
  }
  roles_.slot_group.assign(net.slot_count(), ControlRoles::kNoGroup);
  std::map<std::vector<std::uint16_t>, std::uint16_t> group_of;
  for (std::uint32_t k = 0; k < net.slot_count(); ++k) {
    if (aiming[k].empty()) continue;
    auto [it, fresh] = group_of.try_emplace(aiming[k], static_cast<std::uint16_t>(roles_.group_controls.size()));
    if (fresh) roles_.group_controls.push_back(aiming[k]);
    roles_.slot_group[k] = it->second;
  }
  // Two controls oppose when each is applied by a state the other aims at.
  auto aims_at_applier = [&](std::size_t by, std::size_t of) {
    for (std::size_t s = 0; s < w.states.size(); ++s)
      if (aimed_state[by][s] && compiled_[of].member[s]) return true;
    return false;
  };
  for (std::size_t c1 = 0; c1 < compiled_.size(); ++c1)
    for (std::size_t c2 = c1 + 1; c2 < compiled_.size(); ++c2)
      roles_.opposed = roles_.opposed || (aims_at_applier(c1, c2) && aims_at_applier(c2, c1));
}

bool ControlPlan::decided_in_run() const {
  return std::any_of(compiled_.begin(), compiled_.end(), [](const CompiledControl& c) {
    return c.control->trigger || (c.control->issuer.join_when && !c.control->issuer.candidates.empty());
  });
}

std::unique_ptr<ControlPlan> ControlPlan::for_run() const {
  auto run = std::make_unique<ControlPlan>(*this);
  run->own_controls_.clear();
  run->own_controls_.reserve(compiled_.size());  // no reallocation: compiled_ points into it
  for (const CompiledControl& c : compiled_) run->own_controls_.push_back(*c.control);
  for (std::size_t k = 0; k < compiled_.size(); ++k) run->compiled_[k].control = &run->own_controls_[k];
  return run;
}

void ControlPlan::join(std::size_t index, StateId state, int step) {
  constexpr int kForever = std::numeric_limits<int>::max();
  compiled_[index].member_spans[state].push_back({step, kForever});
  roles_.control_spans[index][state].push_back({step, kForever});
}

bool ControlPlan::joins_in_run() const {
  return std::any_of(compiled_.begin(), compiled_.end(), [](const CompiledControl& c) {
    return c.control->issuer.join_when && !c.control->issuer.candidates.empty();
  });
}

bool CompiledControl::members_can_change() const {
  if (control->issuer.join_when && !control->issuer.candidates.empty()) return true;
  constexpr int kForever = std::numeric_limits<int>::max();
  for (const auto& spans : member_spans)
    for (const auto& [from, until] : spans)
      if (from != 0 || until != kForever) return true;
  return false;
}

StepRoles ControlRoles::at(int step) const {
  StepRoles r;
  const std::size_t S = control_spans.empty() ? 0 : control_spans.front().size();
  r.controller.assign(S, false);
  for (const auto& spans : control_spans) {
    std::vector<bool> member(S, false);
    for (std::size_t s = 0; s < S; ++s)
      for (const auto& [from, until] : spans[s])
        if (from <= step && step < until) member[s] = true;
    for (std::size_t s = 0; s < S; ++s)
      if (member[s]) r.controller[s] = true;
    r.control_member.push_back(std::move(member));
  }
  for (const auto& controls : group_controls) {
    std::vector<bool> states(S, false);
    for (std::uint16_t index : controls)
      for (std::size_t s = 0; s < S; ++s) states[s] = states[s] || r.control_member[index][s];
    r.group_member.push_back(std::move(states));
  }
  return r;
}

void ControlPlan::start(std::size_t index, int step) { own_controls_.at(index).start_step = step; }

}  // namespace regimesim::policy
