// A run's state saved to and restored from a checkpoint (checkpoint/checkpoint_file.hpp).
// Everything that carries from one step to the next is saved: the run's arrays
// (RunState) and the memory of each answer (behaviour/). What is derived from the
// scenario (parameters, the anticipation windows, baseline needs) is rebuilt by the
// constructor, so a branch's changed parameters take effect from the restored step.
#include <fmt/format.h>

#include "engine/simulation.hpp"

namespace regimesim::engine {
namespace {

// A field added to RunState must be added to RunState::for_each_field, or a
// resumed run would start it afresh: this fails the build until both are updated
// (sizes as on 64-bit libstdc++: a vector is 24 bytes).
// (Not in for_each_field: cut_links and cut_accepted, remade each step before read;
// moved_before and, in 8 bytes, moves_settled, remade at the next step's start; and moved,
// saved by itself below.)
static_assert(sizeof(void*) != 8 || sizeof(RunState) == 8 + 42 * 24 + 16 + 8,
              "RunState changed: list the new field in RunState::for_each_field, then update this size");

struct SaveField {
  checkpoint::Writer& out;
  const std::string& prefix;
  template <class T>
  void operator()(const char* name, const T& field) const {
    if constexpr (is_array_field<T>)
      out.put(prefix + name, field);
    else
      out.put_value(prefix + name, field);
  }
};

// Restores each field in the order saved. A field the fresh run has sized must come
// back at that size (the same network); one it sizes lazily (empty until first
// used) may come back empty or at any size its owner gives it.
struct RestoreField {
  checkpoint::Reader& in;
  const std::string& prefix;
  std::vector<std::size_t> lazy_sizes;
  template <class T>
  void operator()(const char* name, T& field) const {
    const std::string key = prefix + name;
    if constexpr (is_array_field<T>) {
      if (!field.empty()) {
        in.get(key, field, field.size());
        return;
      }
      in.get(key, field);
      for (std::size_t n : lazy_sizes)
        if (field.size() == n) return;
      in.refuse(key, fmt::format("holds {} elements, which fits no array of this world", field.size()));
    } else {
      field = in.get_value<T>(key);
    }
  }
};

}  // namespace

// What arrives in the step after the save on a link its buyer moved in the saved step was
// shipped by the supplier it left (RunState::delivered_from): the moves carry over.
void Simulation::save_moves(checkpoint::Writer& out, const std::string& prefix) const {
  std::vector<std::uint32_t> link, supplier;
  std::vector<policy::Verdict> verdict;
  std::vector<Outcome> outcome;
  std::vector<std::uint16_t> via, quota_control;
  std::vector<double> quota_refused, yield;
  for (const RunState::LinkBeforeMove& m : s_.moved) {
    link.push_back(m.link);
    supplier.push_back(m.supplier);
    verdict.push_back(m.verdict);
    outcome.push_back(m.outcome);
    via.push_back(m.via);
    quota_control.push_back(m.quota_control);
    quota_refused.push_back(m.quota_refused);
    yield.push_back(m.yield);
  }
  out.put(prefix + "link", link);
  out.put(prefix + "supplier", supplier);
  out.put(prefix + "verdict", verdict);
  out.put(prefix + "outcome", outcome);
  out.put(prefix + "via", via);
  out.put(prefix + "quota_control", quota_control);
  out.put(prefix + "quota_refused", quota_refused);
  out.put(prefix + "yield", yield);
}

void Simulation::restore_moves(checkpoint::Reader& in, const std::string& prefix) {
  std::vector<std::uint32_t> link, supplier;
  std::vector<policy::Verdict> verdict;
  std::vector<Outcome> outcome;
  std::vector<std::uint16_t> via, quota_control;
  std::vector<double> quota_refused, yield;
  in.get(prefix + "link", link);
  const std::size_t n = link.size();
  in.get(prefix + "supplier", supplier, n);
  in.get(prefix + "verdict", verdict, n);
  in.get(prefix + "outcome", outcome, n);
  in.get(prefix + "via", via, n);
  in.get(prefix + "quota_control", quota_control, n);
  in.get(prefix + "quota_refused", quota_refused, n);
  in.get(prefix + "yield", yield, n);
  s_.moved.clear();
  for (std::size_t i = 0; i < n; ++i) {
    if (link[i] >= net_.link_count() || (i > 0 && link[i] <= link[i - 1]))
      in.refuse(prefix + "link", "holds links out of order or beyond this world's links");
    if (supplier[i] >= net_.firm_count) in.refuse(prefix + "supplier", "names a firm this world does not have");
    s_.moved.push_back({link[i], supplier[i], verdict[i], outcome[i], via[i], quota_control[i], quota_refused[i], yield[i]});
  }
  s_.moved_before.clear();
  s_.moves_settled = true;
}

Simulation::Decisions Simulation::decisions_now() const {
  Decisions d;
  policy_.decide_links(s_.step, net_, s_.supplier, d.verdict, d.licence_control, &d.quota_control,
                       &s_.caught_by_reach);
  const std::size_t S = scenario_.world.states.size();
  d.controlling = policy_.controlling_states(s_.step, S);
  d.named = policy_.named_states(s_.step, S);
  return d;
}

void Simulation::save(checkpoint::Writer& out, const std::string& prefix) const {
  const SaveField field{out, prefix + "state."};
  s_.for_each_field(field);
  save_moves(out, prefix + "state.moved.");
  over_compliance_.for_each_memory(SaveField{out, prefix + "over_compliance."});
  enforcement_.for_each_memory(SaveField{out, prefix + "enforcement."});
  resourcing_.for_each_memory(SaveField{out, prefix + "resourcing."});
  build_at_home_.for_each_memory(SaveField{out, prefix + "build_at_home."});
  qualification_.for_each_memory(SaveField{out, prefix + "qualification."});
  capacity_expansion_.for_each_memory(SaveField{out, prefix + "capacity_expansion."});
  design_out_.for_each_memory(SaveField{out, prefix + "design_out."});
  coalition_joining_.for_each_memory(SaveField{out, prefix + "coalition_joining."});
  retaliation_.for_each_memory(SaveField{out, prefix + "retaliation."});
  const Decisions d = decisions_now();
  out.put(prefix + "decisions.verdict", d.verdict);
  out.put(prefix + "decisions.licence_control", d.licence_control);
  out.put(prefix + "decisions.quota_control", d.quota_control);
  out.put(prefix + "decisions.controlling", d.controlling);
  out.put(prefix + "decisions.named", d.named);
}

void Simulation::restore(checkpoint::Reader& in, const std::string& prefix) {
  const bool own_save = awaiting_restore_;  // built with Start::restored: a save of this prepared scenario
  const std::size_t S = scenario_.world.states.size();
  // caught_by_reach is sized controls x firms, and only where reach is recomputed;
  // design-out's memory per firm, on first use
  const std::size_t caught = policy_.plan() ? policy_.plan()->controls().size() * net_.firm_count : 0;
  const std::vector<std::size_t> lazy{0, S, net_.firm_count, net_.link_count(), caught};
  // The licences' and quotas' fields come back at the size the saving run's plan gave
  // them, empty or at the link count, and are then fitted to this run's plan.
  for (auto* v : {&s_.licence_control, &s_.quota_control}) v->clear();
  s_.licence_status.clear();
  s_.licence_decided_at.clear();
  s_.quota_refused.clear();
  if (own_save) {
    // Every array of the state comes back at the size this scenario's own save gave
    // it, one of the sizes of this world's arrays.
    const std::size_t I = scenario_.world.items.size();
    const std::vector<std::size_t> any{0, S, S * I, net_.firm_count, net_.consumer_count, net_.slot_count(),
                                       net_.link_count(), caught};
    s_.for_each_field(RestoreField{in, prefix + "state.", any});
    awaiting_restore_ = false;
  } else {
    s_.for_each_field(RestoreField{in, prefix + "state.", lazy});
  }
  restore_moves(in, prefix + "state.moved.");
  fit_link_decisions();
  over_compliance_.for_each_memory(RestoreField{in, prefix + "over_compliance.", lazy});
  enforcement_.for_each_memory(RestoreField{in, prefix + "enforcement.", lazy});
  resourcing_.for_each_memory(RestoreField{in, prefix + "resourcing.", lazy});
  build_at_home_.for_each_memory(RestoreField{in, prefix + "build_at_home.", lazy});
  qualification_.for_each_memory(RestoreField{in, prefix + "qualification.", lazy});
  capacity_expansion_.for_each_memory(RestoreField{in, prefix + "capacity_expansion.", lazy});
  qualification_.restored();
  design_out_.for_each_memory(RestoreField{in, prefix + "design_out.", lazy});
  coalition_joining_.for_each_memory(RestoreField{in, prefix + "coalition_joining.", lazy});
  retaliation_.for_each_memory(RestoreField{in, prefix + "retaliation.", lazy});
  if (run_plan_) {  // what states decided before the checkpoint, written again into this run's plan
    coalition_joining_.rejoin(*run_plan_);
    retaliation_.restart(*run_plan_);
  }
  // A join decided at the step before the checkpoint takes effect at the restored
  // step: its verdicts are redone then, as in the uninterrupted run.
  if (own_save) {
    redecide_pending_ = coalition_joining_.joins_at(s_.step);  // what was saved is what they decide now
  } else {
    Decisions saved;
    in.get(prefix + "decisions.verdict", saved.verdict, net_.link_count());
    in.get(prefix + "decisions.licence_control", saved.licence_control, net_.link_count());
    in.get(prefix + "decisions.quota_control", saved.quota_control, net_.link_count());
    in.get(prefix + "decisions.controlling", saved.controlling, S);
    in.get(prefix + "decisions.named", saved.named, S);
    redecide_pending_ = !(saved == decisions_now()) || coalition_joining_.joins_at(s_.step);
  }
  // What the last decision left is not in the checkpoint: the next change of a caught
  // set decides every link, which gives the bytes a refresh would (verdict_refresh.hpp).
  refresh_.forget();
  slot_changes_.reset(net_.slot_count(), s_.step);  // the readers' copies are older than the restored state
  sum_arrivals();
}

}  // namespace regimesim::engine
