#include "output/metrics.hpp"

#include <algorithm>
#include <cstdint>
#include <stdexcept>

#if __has_include(<sys/mman.h>) && __has_include(<unistd.h>)
#include <sys/mman.h>
#include <unistd.h>
#endif

namespace regimesim::output {

const char* to_string(Metric m) {
  switch (m) {
    case Metric::gross_output: return "gross_output";
    case Metric::output_loss: return "output_loss";
    case Metric::market_share: return "market_share";
    case Metric::market_share_shift: return "market_share_shift";
    case Metric::price_index: return "price_index";
    case Metric::blocked_trade: return "blocked_trade";
    case Metric::blocked_exports: return "blocked_exports";
    case Metric::final_demand_shortfall: return "final_demand_shortfall";
    case Metric::denial_effectiveness: return "denial_effectiveness";
    case Metric::substitution_share: return "substitution_share";
    case Metric::target_indigenous_share: return "target_indigenous_share";
    case Metric::wmd_leakage: return "wmd_leakage";
    case Metric::collateral_denial: return "collateral_denial";
    case Metric::compliance_cost: return "compliance_cost";
    case Metric::licence_applications: return "licence_applications";
    case Metric::delayed_trade: return "delayed_trade";
    case Metric::controller_revenue_loss: return "controller_revenue_loss";
    case Metric::leakage: return "leakage";
    case Metric::diverted_trade: return "diverted_trade";
    case Metric::entities_listed: return "entities_listed";
    case Metric::switching_cost: return "switching_cost";
    case Metric::capacity_built: return "capacity_built";
    case Metric::tier_substitution: return "tier_substitution";
    case Metric::expansion_cost: return "expansion_cost";
    case Metric::input_received: return "input_received";
    case Metric::resourced_receipts: return "resourced_receipts";
    case Metric::order_shortfall: return "order_shortfall";
    case Metric::orders_unfilled_share: return "orders_unfilled_share";
  }
  return "?";
}

std::optional<Metric> metric_named(std::string_view name) {
  // The enumerators run from 0 to the last one without gaps; "?" ends them.
  for (int m = 0;; ++m) {
    const char* n = to_string(static_cast<Metric>(m));
    if (n[0] == '?') return std::nullopt;
    if (name == n) return static_cast<Metric>(m);
  }
}

MetricRecorder::MetricRecorder(const World& world, const policy::ControlRoles* roles)
    : world_(world),
      roles_(roles),
      cumulative_output_(world.states.size() + 1, 0.0),
      cumulative_baseline_(world.states.size() + 1, 0.0) {}

namespace {
double loss(double value, double baseline) { return baseline > 0 ? 1.0 - value / baseline : 0.0; }

// Asks the kernel for the pages of [begin, end) in one call, ready to be written. A
// run's rows go into memory touched for the first time, and writing them page by page
// stops the run for a page fault every page (4 KiB, 128 rows): about 140 a step on the
// bench world, which on this project's machines cost as much as making the rows. One
// call still has every page allocated, cleared and charged, but without a trap per
// page: an eighth or so of the rows' time (docs/BENCHMARKS.md, wip/rows). Only pages
// the rows fill this very step are asked for, so what the run holds is unchanged. A
// kernel older than 5.14 refuses the call (EINVAL) and the pages fault as before.
void fault_in_for_writing(const void* begin, const void* end) {
#ifdef MADV_POPULATE_WRITE
  static const auto page = static_cast<std::uintptr_t>(sysconf(_SC_PAGESIZE));
  const std::uintptr_t from = reinterpret_cast<std::uintptr_t>(begin) & ~(page - 1);
  const auto to = reinterpret_cast<std::uintptr_t>(end);
  if (to > from) madvise(reinterpret_cast<void*>(from), to - from, MADV_POPULATE_WRITE);
#else
  (void)begin, (void)end;
#endif
}
}  // namespace

void MetricRecorder::grow_staged() {
  // Twice the room, keeping what this step staged so far; after the first steps the
  // stage holds the largest step's rows and never grows again.
  const std::size_t staged = static_cast<std::size_t>(staged_next_ - staged_.data());
  staged_.resize(std::max<std::size_t>(2 * staged_.size(), 1024));
  staged_next_ = staged_.data() + staged;
  staged_end_ = staged_.data() + staged_.size();
}

void MetricRecorder::append_staged() {
  const std::size_t staged = static_cast<std::size_t>(staged_next_ - staged_.data());
  // The capacity push_back would have reached adding them one by one: doubled each time full.
  std::size_t capacity = rows_.capacity();
  while (capacity < rows_.size() + staged) capacity = capacity == 0 ? 1 : 2 * capacity;
  rows_.reserve(capacity);
  fault_in_for_writing(rows_.data() + rows_.size(), rows_.data() + rows_.size() + staged);
  rows_.insert(rows_.end(), staged_.data(), staged_next_);
  staged_next_ = staged_.data();
}

void MetricRecorder::note_orders(const StepAggregates& sc, const StepAggregates& bl) {
  ordered_before_.by_state_item.assign(sc.target_ordered.begin(), sc.target_ordered.end());
  ordered_before_.by_control.assign(sc.control_ordered.begin(), sc.control_ordered.end());
  ordered_before_base_.by_state_item.assign(bl.target_ordered.begin(), bl.target_ordered.end());
  ordered_before_base_.by_control.assign(bl.control_ordered.begin(), bl.control_ordered.end());
  ordered_before_.by_firm_slot.assign(sc.firm_ordered.begin(), sc.firm_ordered.end());
  ordered_before_base_.by_firm_slot.assign(bl.firm_ordered.begin(), bl.firm_ordered.end());
  orders_noted_ = true;
}

// denial_effectiveness split into demand gone and supply cut, beside its row. What
// arrives at step t was shipped at t - 1 against the orders of t - 1: received / ordered
// is the share of those orders filled, and
//   received / baseline received = (ordered / baseline ordered) x (filled / baseline filled),
// so 1 - denial_effectiveness = (1 - order_shortfall) x (1 - orders_unfilled_share) by
// construction. When the buyers ordered nothing, nothing was refused: the unfilled share
// is 0 and the shortfall, 1, carries the whole denial.
void MetricRecorder::record_denial_split(int step, std::uint32_t state, std::uint32_t item, double received,
                                         double received_base, double ordered, double ordered_base) {
  const double kept = received_base > 0 ? received / received_base : 1.0;  // 1 - denial_effectiveness
  const double orders_kept = 1.0 - loss(ordered, ordered_base);           // 1 - order_shortfall
  add(step, state, item, Metric::order_shortfall, 1.0 - orders_kept, ordered_base);
  // Beside the share, what the baseline itself left unfilled (0 at its equilibrium, up to round-off).
  add(step, state, item, Metric::orders_unfilled_share, orders_kept > 0 ? 1.0 - kept / orders_kept : 0.0,
      loss(received_base, ordered_base));
}

void MetricRecorder::record(int step, const StepAggregates& sc, const StepAggregates& bl) {
  staged_next_ = staged_.data();  // what a step that threw had staged is not its rows
  const auto S = static_cast<std::uint32_t>(sc.states), I = static_cast<std::uint32_t>(sc.items);
  world_item_.assign(I, 0.0);
  world_item_base_.assign(I, 0.0);
  std::vector<double>&world_item = world_item_, &world_item_base = world_item_base_;
  for (std::uint32_t s = 0; s < S; ++s)
    for (std::uint32_t i = 0; i < I; ++i) {
      world_item[i] += sc.output[sc.at(s, i)];
      world_item_base[i] += bl.output[bl.at(s, i)];
    }
  auto price_index = [](const StepAggregates& a, std::size_t k) {
    return a.ordered[k] > 0 ? a.ordered_value[k] / a.ordered[k] : 1.0;
  };
  double world_out = 0, world_base = 0, world_blocked = 0, world_blocked_exports = 0;
  for (std::uint32_t s = 0; s < S; ++s) {
    double state_out = 0, state_base = 0, state_blocked = 0, state_blocked_exports = 0;
    for (std::uint32_t i = 0; i < I; ++i) {
      const std::size_t k = sc.at(s, i);
      const double out = sc.output[k], base = bl.output[k];
      state_out += out;
      state_base += base;
      state_blocked += sc.blocked_imports[k];
      state_blocked_exports += sc.blocked_exports[k];
      if (base > 0) {  // the state makes this item
        add(step, s, i, Metric::gross_output, out, base);
        add(step, s, i, Metric::output_loss, loss(out, base), base);
        if (world_item[i] > 0) {  // a share of nothing is undefined, not zero
          const double share = out / world_item[i], base_share = base / world_item_base[i];
          add(step, s, i, Metric::market_share, share, base_share);
          add(step, s, i, Metric::market_share_shift, share - base_share, base_share);
        }
        add(step, s, i, Metric::blocked_exports, sc.blocked_exports[k], bl.blocked_exports[k]);
      }
      if (bl.purchases[k] > 0) {  // the state buys this item
        add(step, s, i, Metric::price_index, price_index(sc, k), price_index(bl, k));
        add(step, s, i, Metric::blocked_trade, sc.blocked_imports[k], bl.blocked_imports[k]);
      }
      if (bl.final_delivered[k] > 0)
        add(step, s, i, Metric::final_demand_shortfall, loss(sc.final_delivered[k], bl.final_delivered[k]),
            bl.final_delivered[k]);
    }
    add(step, s, kAllItems, Metric::gross_output, state_out, state_base);
    add(step, s, kAllItems, Metric::output_loss, loss(state_out, state_base), state_base);
    add(step, s, kAllItems, Metric::blocked_trade, state_blocked);
    add(step, s, kAllItems, Metric::blocked_exports, state_blocked_exports);
    cumulative_output_[s] += state_out;
    cumulative_baseline_[s] += state_base;
    world_out += state_out;
    world_base += state_base;
    world_blocked += state_blocked;
    world_blocked_exports += state_blocked_exports;
  }
  for (std::uint32_t i = 0; i < I; ++i) {
    if (world_item_base[i] <= 0) continue;
    add(step, kWorld, i, Metric::gross_output, world_item[i], world_item_base[i]);
    add(step, kWorld, i, Metric::output_loss, loss(world_item[i], world_item_base[i]), world_item_base[i]);
  }
  cumulative_output_[S] += world_out;
  cumulative_baseline_[S] += world_base;
  add(step, kWorld, kAllItems, Metric::gross_output, world_out, world_base);
  add(step, kWorld, kAllItems, Metric::output_loss, loss(world_out, world_base), world_base);
  add(step, kWorld, kAllItems, Metric::blocked_trade, world_blocked);
  add(step, kWorld, kAllItems, Metric::blocked_exports, world_blocked_exports);
  if (!orders_noted_) {
    // Step 0's arrivals were shipped before the run, in the equilibrium, which fills
    // every order: they are the orders they answer.
    if (step != 0 && roles_) throw std::logic_error("MetricRecorder: the orders before a resumed step were not noted");
    ordered_before_ = {sc.target_received, sc.control_received, sc.firm_received};
    ordered_before_base_ = {bl.target_received, bl.control_received, bl.firm_received};
  }
  if (roles_) record_control_metrics(step, sc, bl);
  if (!sc.firms.empty()) record_firms(step, sc, bl);
  append_staged();
  note_orders(sc, bl);
}

// A named firm's own rows, beside the same rows of the baseline run: what it made,
// and per input what arrived, what the controls kept from it, the prices it was
// asked, and what came from suppliers it moved to.
void MetricRecorder::record_firms(int step, const StepAggregates& sc, const StepAggregates& bl) {
  auto price = [](const StepAggregates& a, std::size_t j) {
    return a.firm_ordered[j] > 0 ? a.firm_ordered_value[j] / a.firm_ordered[j] : 1.0;
  };
  for (std::uint32_t r = 0; r < sc.firms.size(); ++r) {
    const std::uint32_t group = kFirmGroup + r;
    const ItemId made = world_.firms[sc.firms[r]].item;
    const double out = sc.firm_output[r], base = bl.firm_output[r];
    add(step, group, made, Metric::gross_output, out, base);
    add(step, group, made, Metric::output_loss, loss(out, base), base);
    double blocked = 0, target = 0, target_base = 0, target_asked = 0, target_asked_base = 0;
    for (std::size_t j = sc.firm_slot_begin[r]; j < sc.firm_slot_begin[r + 1]; ++j) {
      const ItemId input = sc.firm_slot_item[j];
      add(step, group, input, Metric::input_received, sc.firm_received[j], bl.firm_received[j]);
      add(step, group, input, Metric::blocked_trade, sc.firm_blocked[j], bl.firm_blocked[j]);
      add(step, group, input, Metric::price_index, price(sc, j), price(bl, j));
      add(step, group, input, Metric::resourced_receipts, sc.firm_resourced[j], bl.firm_resourced[j]);
      const double asked = ordered_before_.by_firm_slot[j], asked_base = ordered_before_base_.by_firm_slot[j];
      if (sc.firm_slot_target[j] && bl.firm_received[j] > 0) {
        add(step, group, input, Metric::denial_effectiveness, loss(sc.firm_received[j], bl.firm_received[j]),
            bl.firm_received[j]);
        record_denial_split(step, group, input, sc.firm_received[j], bl.firm_received[j], asked, asked_base);
      }
      blocked += sc.firm_blocked[j];
      if (sc.firm_slot_target[j]) {
        target += sc.firm_received[j], target_base += bl.firm_received[j];
        target_asked += asked, target_asked_base += asked_base;
      }
    }
    add(step, group, kAllItems, Metric::blocked_trade, blocked);
    if (target_base > 0) {
      add(step, group, kAllItems, Metric::denial_effectiveness, loss(target, target_base), target_base);
      record_denial_split(step, group, kAllItems, target, target_base, target_asked, target_asked_base);
    }
  }
}

void MetricRecorder::record_control_metrics(int step, const StepAggregates& sc, const StepAggregates& bl) {
  const auto S = static_cast<std::uint32_t>(sc.states), I = static_cast<std::uint32_t>(sc.items);
  const policy::StepRoles now = roles_->at(step);  // the controllers are those applying a control at this step
  auto share = [](double part, double whole) { return whole > 0 ? part / whole : 0.0; };
  double world_other = 0, world_home = 0, world_other_base = 0, world_home_base = 0;
  double world_target = 0, world_target_base = 0, world_wmd = 0, world_wmd_base = 0;
  double world_collateral = 0, developing_collateral = 0;
  double world_cost = 0, world_apps = 0, world_delayed = 0, controllers_exports = 0, controllers_exports_base = 0;
  double world_leakage = 0, world_diverted = 0, world_listed = 0, world_switching = 0, world_built = 0;
  double world_substituted = 0;
  double world_expansion = 0, world_expansion_base = 0;
  const std::vector<double>&asked_before = ordered_before_.by_state_item, &asked_before_base = ordered_before_base_.by_state_item;
  double world_asked = 0, world_asked_base = 0;
  for (std::uint32_t s = 0; s < S; ++s) {
    double target = 0, target_base = 0, wmd = 0, wmd_base = 0, leaked = 0, built = 0, substituted = 0;
    double asked = 0, asked_base = 0;
    for (std::uint32_t i = 0; i < I; ++i) {
      const std::size_t k = sc.at(s, i);
      target += sc.target_received[k];
      asked += asked_before[k];
      asked_base += asked_before_base[k];
      world_other += sc.target_received_other[k];
      world_home += sc.target_received_home[k];
      world_other_base += bl.target_received_other[k];
      world_home_base += bl.target_received_home[k];
      target_base += bl.target_received[k];
      wmd += sc.wmd_risk_received[k];
      wmd_base += bl.wmd_risk_received[k];
      if (bl.target_received[k] > 0) {
        add(step, s, i, Metric::denial_effectiveness, loss(sc.target_received[k], bl.target_received[k]),
            bl.target_received[k]);
        record_denial_split(step, s, i, sc.target_received[k], bl.target_received[k], asked_before[k],
                            asked_before_base[k]);
      }
      if (sc.target_received[k] > 0) {
        add(step, s, i, Metric::substitution_share, share(sc.target_received_other[k], sc.target_received[k]),
            share(bl.target_received_other[k], bl.target_received[k]));
        add(step, s, i, Metric::target_indigenous_share, share(sc.target_received_home[k], sc.target_received[k]),
            share(bl.target_received_home[k], bl.target_received[k]));
      }
      if (sc.wmd_risk_received[k] > 0 || bl.wmd_risk_received[k] > 0)
        add(step, s, i, Metric::wmd_leakage, sc.wmd_risk_received[k], bl.wmd_risk_received[k]);
      if (sc.leakage[k] > 0) add(step, s, i, Metric::leakage, sc.leakage[k]);
      if (sc.capacity_built[k] > 0) add(step, s, i, Metric::capacity_built, sc.capacity_built[k]);
      if (sc.tier_substitution[k] > 0) add(step, s, i, Metric::tier_substitution, sc.tier_substitution[k]);
      leaked += sc.leakage[k];
      built += sc.capacity_built[k];
      substituted += sc.tier_substitution[k];
    }
    // The answers' rows appear where something happened; the world rows always do.
    if (leaked > 0) add(step, s, kAllItems, Metric::leakage, leaked);
    if (built > 0) add(step, s, kAllItems, Metric::capacity_built, built);
    if (substituted > 0) add(step, s, kAllItems, Metric::tier_substitution, substituted);
    world_substituted += substituted;
    if (sc.diverted_trade[s] > 0) add(step, s, kAllItems, Metric::diverted_trade, sc.diverted_trade[s]);
    if (sc.fronts_listed[s] > 0) add(step, s, kAllItems, Metric::entities_listed, sc.fronts_listed[s]);
    if (sc.switching_cost[s] > 0) add(step, s, kAllItems, Metric::switching_cost, sc.switching_cost[s]);
    if (sc.expansion_cost[s] > 0 || bl.expansion_cost[s] > 0)
      add(step, s, kAllItems, Metric::expansion_cost, sc.expansion_cost[s], bl.expansion_cost[s]);
    world_expansion += sc.expansion_cost[s];
    world_expansion_base += bl.expansion_cost[s];
    world_leakage += leaked;
    world_built += built;
    world_diverted += sc.diverted_trade[s];
    world_listed += sc.fronts_listed[s];
    world_switching += sc.switching_cost[s];
    if (target_base > 0) {
      add(step, s, kAllItems, Metric::denial_effectiveness, loss(target, target_base), target_base);
      record_denial_split(step, s, kAllItems, target, target_base, asked, asked_base);
    }
    if (wmd > 0 || wmd_base > 0) add(step, s, kAllItems, Metric::wmd_leakage, wmd, wmd_base);
    add(step, s, kAllItems, Metric::collateral_denial, sc.collateral[s], bl.collateral[s]);
    if (sc.licence_applications[s] > 0 || bl.licence_applications[s] > 0 || sc.delayed[s] > 0) {
      add(step, s, kAllItems, Metric::compliance_cost, sc.licence_cost[s], bl.licence_cost[s]);
      add(step, s, kAllItems, Metric::licence_applications, sc.licence_applications[s], bl.licence_applications[s]);
      add(step, s, kAllItems, Metric::delayed_trade, sc.delayed[s], bl.delayed[s]);
    }
    if (now.controller[s]) {
      add(step, s, kAllItems, Metric::controller_revenue_loss, loss(sc.exports[s], bl.exports[s]), bl.exports[s]);
      controllers_exports += sc.exports[s];
      controllers_exports_base += bl.exports[s];
    }
    world_target += target;
    world_target_base += target_base;
    world_asked += asked;
    world_asked_base += asked_base;
    world_wmd += wmd;
    world_wmd_base += wmd_base;
    world_collateral += sc.collateral[s];
    if (world_.states[s].status != DevelopmentStatus::developed) developing_collateral += sc.collateral[s];
    world_cost += sc.licence_cost[s];
    world_apps += sc.licence_applications[s];
    world_delayed += sc.delayed[s];
  }
  // A control and its counter-control aim in opposite directions: a world row would
  // pool the two, so what they aim at is read per control only (below).
  if (!roles_->opposed) {
    if (world_target_base > 0) {
      add(step, kWorld, kAllItems, Metric::denial_effectiveness, loss(world_target, world_target_base), world_target_base);
      record_denial_split(step, kWorld, kAllItems, world_target, world_target_base, world_asked, world_asked_base);
    }
    if (world_target > 0) {
      add(step, kWorld, kAllItems, Metric::substitution_share, share(world_other, world_target),
          share(world_other_base, world_target_base));
      add(step, kWorld, kAllItems, Metric::target_indigenous_share, share(world_home, world_target),
          share(world_home_base, world_target_base));
    }
    add(step, kWorld, kAllItems, Metric::controller_revenue_loss, loss(controllers_exports, controllers_exports_base),
        controllers_exports_base);
  }
  add(step, kWorld, kAllItems, Metric::wmd_leakage, world_wmd, world_wmd_base);
  add(step, kWorld, kAllItems, Metric::collateral_denial, world_collateral);
  add(step, kDeveloping, kAllItems, Metric::collateral_denial, developing_collateral);
  add(step, kWorld, kAllItems, Metric::compliance_cost, world_cost);
  add(step, kWorld, kAllItems, Metric::licence_applications, world_apps);
  add(step, kWorld, kAllItems, Metric::delayed_trade, world_delayed);
  add(step, kWorld, kAllItems, Metric::leakage, world_leakage);
  add(step, kWorld, kAllItems, Metric::diverted_trade, world_diverted);
  add(step, kWorld, kAllItems, Metric::entities_listed, world_listed);
  add(step, kWorld, kAllItems, Metric::switching_cost, world_switching);
  add(step, kWorld, kAllItems, Metric::capacity_built, world_built);
  add(step, kWorld, kAllItems, Metric::tier_substitution, world_substituted);
  // Capacity expansion is off by default: its world row appears once some maker has invested.
  if (world_expansion > 0 || world_expansion_base > 0)
    add(step, kWorld, kAllItems, Metric::expansion_cost, world_expansion, world_expansion_base);
  if (sc.controls > 1) record_per_control(step, sc, bl, now);
}

void MetricRecorder::record_per_control(int step, const StepAggregates& sc, const StepAggregates& bl,
                                        const policy::StepRoles& now) {
  auto share = [](double part, double whole) { return whole > 0 ? part / whole : 0.0; };
  for (std::uint32_t c = 0; c < sc.controls; ++c) {
    const std::uint32_t group = kControlGroup + c;
    const double got = sc.control_received[c], base = bl.control_received[c];
    if (base > 0) {
      add(step, group, kAllItems, Metric::denial_effectiveness, loss(got, base), base);
      record_denial_split(step, group, kAllItems, got, base, ordered_before_.by_control[c],
                          ordered_before_base_.by_control[c]);
    }
    if (got > 0) {
      add(step, group, kAllItems, Metric::substitution_share, share(sc.control_received_other[c], got),
          share(bl.control_received_other[c], base));
      add(step, group, kAllItems, Metric::target_indigenous_share, share(sc.control_received_home[c], got),
          share(bl.control_received_home[c], base));
    }
    // The exports of the states applying the control at this step: what applying it cost them.
    double exports = 0, exports_base = 0;
    for (std::size_t s = 0; s < sc.states; ++s)
      if (now.control_member[c][s]) exports += sc.exports[s], exports_base += bl.exports[s];
    add(step, group, kAllItems, Metric::controller_revenue_loss, loss(exports, exports_base), exports_base);
  }
}

}  // namespace regimesim::output
