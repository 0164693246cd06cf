#include "behaviour/resourcing.hpp"

#include <algorithm>

#include "behaviour/link_takeover.hpp"
#include "policy/supplier_screen.hpp"
#include "random/counter_draw.hpp"

namespace regimesim::behaviour {
void ResourcingRule::note_denial(engine::RunState& s, std::uint32_t b, std::uint32_t k, std::uint32_t l) {
  if (!(s.order[l] > 0)) return;
  const int delay = rule_.search_delay;
  if (delay <= 0) return;
  if (s.denied_steps[l] < 0xffff) ++s.denied_steps[l];
  if (s.denied_steps[l] >= delay) searching_.push_back({b, k, l});
}

// Starvation: a supplier that cannot deliver (short of its own inputs, or rationing
// its output among too many orders) is, for its buyer, as good as cut off. Read
// after the shipments, from each link's availability (shipped / ordered); links a
// control denies or holds are counted by note_denial instead. The count itself is
// count_starved (resourcing.hpp), run by the slot sweep.
void ResourcingRule::begin_starvation_count(const engine::RunState& s, std::size_t pieces) {
  if (starved_steps_.empty()) starved_steps_.assign(net_.link_count(), 0);
  if (slot_counting_.size() != net_.slot_count()) {  // the first count, or the first after a restore
    slot_counting_.assign(net_.slot_count(), 0);
    for (std::uint32_t k = 0; k < net_.slot_count(); ++k)
      for (auto l = net_.slot_link_begin[k]; l < net_.slot_link_begin[k + 1]; ++l)
        if (starved_steps_[l] != 0) slot_counting_[k] = 1;
  }
  note_moves(s);  // no answer moves a link between here and the count
  starved_found_.resize(pieces);
  for (auto& found : starved_found_) found.clear();
}

// Allowed orders only: a quota's cut is the control's (a refusal in full is noted as a
// denial), and a buyer refilling its stock asks a rationed quota for more than its
// share, so counting the cut would make every buyer leave a quota as if embargoed.
// A supplier still qualifying ships only its part by the buyer's choice: not starved.
// Nor is one chosen in the last starved_grace steps: it may hold none of its own
// inputs yet, and needs a step to order them and another to receive them.
void ResourcingRule::count_starved_slot(const engine::RunState& s, const QualificationRule& qualification,
                                        std::size_t piece, std::uint32_t k, const double* availability) {
  std::uint16_t* starved = starved_steps_.data();
  bool counting = false;
  for (auto l = net_.slot_link_begin[k]; l < net_.slot_link_begin[k + 1]; ++l) {
    if (availability[l - net_.slot_link_begin[k]] >= rule_.starved_below || !(s.order[l] > 0) || s.verdict[l] != policy::Verdict::allowed ||
        s.via[l] != engine::kDirect || qualification.qualifying(l) || in_grace(s, l)) {
      starved[l] = 0;
      continue;
    }
    if (starved[l] < 0xffff) ++starved[l];
    if (starved[l] >= rule_.starved_delay) {
      starved[l] = 0;
      starved_found_[piece].push_back({0, k, l, true});  // its buyer is found at the end
    }
    counting |= starved[l] != 0;
  }
  slot_counting_[k] = counting;
}

// The searches queue in buyer order (link_key), as a pass over every buyer's links would
// queue them, after the denials the decision point queued: first come, first served on a
// supplier's room, whatever the layout of the slots.
void ResourcingRule::end_starvation_count() {
  const std::size_t first = searching_.size();
  for (const auto& found : starved_found_)
    for (Search q : found) {
      q.buyer = net_.slot_buyer[q.slot];
      searching_.push_back(q);
    }
  std::sort(searching_.begin() + static_cast<std::ptrdiff_t>(first), searching_.end(),
            [&](const Search& a, const Search& b) { return net_.link_key[a.link] < net_.link_key[b.link]; });
}

// Whoever moved the link (a search, bringing home, design-out), it did so after an
// earlier step's shipments, since this count is the first answer to read them: a
// supplier new since the last count was chosen at the step before this one. The count
// runs at every step, so only the slots stamped since the last step can hold a move
// (engine/slot_changes.hpp; after a restore every slot is).
void ResourcingRule::note_moves(const engine::RunState& s) {
  if (rule_.starved_grace <= 0) return;
  if (supplier_seen_.empty()) {
    supplier_seen_ = s.supplier;
    chosen_at_.assign(net_.link_count(), kNeverMoved);
    return;
  }
  changes_.for_each_moved_since(s.step - 1, 0, net_.slot_count(), [&](std::uint32_t k) {
    for (auto l = net_.slot_link_begin[k]; l < net_.slot_link_begin[k + 1]; ++l)
      if (supplier_seen_[l] != s.supplier[l]) {
        supplier_seen_[l] = s.supplier[l];
        chosen_at_[l] = s.step - 1;
      }
  });
}

// A grace that has run out is forgotten when the link is next judged (a link not judged
// keeps its old step, which no longer counts).
bool ResourcingRule::in_grace(const engine::RunState& s, std::uint32_t l) {
  if (rule_.starved_grace <= 0 || chosen_at_[l] == kNeverMoved) return false;
  if (s.step - chosen_at_[l] <= rule_.starved_grace) return true;
  chosen_at_[l] = kNeverMoved;  // judged like any supplier from now on
  return false;
}

// A maker's input is short when its suppliers shipped, this step, less than starved_below
// of what it ordered of it: the test a starved buyer applies to its own supplier, applied
// one tier up. A maker that ordered none of it (an idle one holds no stock) is short when
// a control denies, or an exporter declines, every link it has for it: what it would
// order could not come. Only inputs that limit output count (dynamics.critical_input_share).
bool ResourcingRule::input_short(const engine::RunState& s, FirmId f) const {
  for (const std::uint32_t k : net_.slots_of(f)) {
    if (net_.slot_coefficient[k] < critical_input_share_) continue;
    double ordered = 0, shipped = 0;
    bool open = false;
    for (auto l = net_.slot_link_begin[k]; l < net_.slot_link_begin[k + 1]; ++l) {
      ordered += s.order[l];
      shipped += s.in_transit[l];
      open |= s.verdict[l] != policy::Verdict::denied && s.verdict[l] != policy::Verdict::declined;
    }
    if (ordered > 0 ? shipped < rule_.starved_below * ordered : !open) return true;
  }
  return false;
}

// Idle capacity is room only if the maker could fill more orders: one that made less
// than it was asked, below its capacity, was held back by its inputs (production takes
// the least of capacity, orders and what each input allows), and one whose input is
// short will be. A maker idle for want of orders, with its inputs open to it, has room.
// Read once per step, before any search of the step moves a link, over every maker: one
// pass over the links, and every starved search of the step weighs the same figures.
void ResourcingRule::read_usable_room(const engine::RunState& s) {
  usable_room_.resize(net_.firm_count);
  room_read_at_ = s.step;
  for (FirmId f = 0; f < net_.firm_count; ++f)
    usable_room_[f] = s.output[f] < std::min(s.capacity[f], s.orders_accepted[f]) || input_short(s, f)
                          ? 0.0
                          : std::max(0.0, s.capacity[f] - s.output[f]);
}

// A buyer cut off for search_delay steps first considers a front (with the
// diversion propensity, where a front could evade every control in the way), and
// otherwise looks for a maker no control covers. Found nothing: it tries again
// after another search_delay.
void ResourcingRule::search_suppliers(engine::RunState& s, const DiversionRule& diversion,
                                      const OverComplianceRule& over_compliance, QualificationRule& qualification) {
  if (std::any_of(searching_.begin(), searching_.end(), [](const Search& q) { return q.starved; }))
    read_usable_room(s);
  for (const Search& q : searching_) {
    s.denied_steps[q.link] = 0;
    if (!q.starved && diversion.tries_front(s, q.buyer, q.link) && diversion.divert(s, q.buyer, q.link)) continue;
    if (resource(s, over_compliance, q.buyer, q.slot, q.link, q.starved)) qualification.start(s, q.link);
  }
  searching_.clear();
}

// The new supplier is drawn among the makers of the item that no control covers for
// this buyer, that do not decline it, and that it does not already buy from; in
// proportion to their spare capacity (or capacity, if none has any to spare). When
// no maker of the item qualifies, the buyer falls back on the item's lower-tier
// substitutes, in the order the item lists them, and needs 1 / (1 - penalty) units
// of the substitute per unit of the item. A starved buyer weighs only the room a
// maker can use (read_usable_room), and draws nothing when no maker has any. The new supplier takes over the link: its
// baseline share, with the share the buyer left on it, which the buyer rebuilds as
// the new supplier delivers.
void ResourcingRule::find_suppliers(const engine::RunState& s, const OverComplianceRule& over_compliance,
                                    std::uint32_t b, std::uint32_t k, std::uint32_t l, ItemId item, bool starved,
                                    std::vector<FirmId>& candidates, std::vector<double>& weight) const {
  candidates.clear();
  weight.clear();
  // The slot's current suppliers, sorted once per search: a buyer with many
  // suppliers is then O((makers + links) log links), not makers x links, per search.
  // A few links are cheaper to scan than to sort.
  const auto first = net_.slot_link_begin[k], last = net_.slot_link_begin[k + 1];
  constexpr std::uint32_t kScanUpTo = 8;
  std::vector<FirmId> current;
  if (last - first > kScanUpTo) {
    current.assign(s.supplier.begin() + first, s.supplier.begin() + last);
    std::sort(current.begin(), current.end());
  }
  auto supplies_already = [&](FirmId f) {
    if (last - first > kScanUpTo) return std::binary_search(current.begin(), current.end(), f);
    for (auto j = first; j < last; ++j)
      if (s.supplier[j] == f) return true;
    return false;
  };
  double spare_total = 0;
  const policy::SupplierScreen screen(policy_.plan(), s.step, net_, b, item, &s.caught_by_reach);
  for (auto m = net_.item_maker_begin[item]; m < net_.item_maker_begin[item + 1]; ++m) {
    const FirmId f = net_.item_makers[m];
    if (f == b || !(s.capacity[f] > 0)) continue;
    if (supplies_already(f) || !screen.free_to_ship(f) || over_compliance.declines(b, l, f))
      continue;
    candidates.push_back(f);
    weight.push_back(starved ? usable_room_[f] : std::max(0.0, s.capacity[f] - s.output[f]));
    spare_total += weight.back();
  }
  if (!(spare_total > 0) && !starved)
    for (std::size_t c = 0; c < candidates.size(); ++c) weight[c] = s.capacity[candidates[c]];
}

bool ResourcingRule::resource(engine::RunState& s, const OverComplianceRule& over_compliance, std::uint32_t b,
                              std::uint32_t k, std::uint32_t l, bool starved) {
  const Item& needed = items_[net_.slot_item[k]];
  std::vector<FirmId> candidates;
  std::vector<double> weight;
  double yield = 1.0;
  find_suppliers(s, over_compliance, b, k, l, net_.slot_item[k], starved, candidates, weight);
  for (std::size_t option = 0; candidates.empty() && option < needed.substitutes.size(); ++option) {
    find_suppliers(s, over_compliance, b, k, l, needed.substitutes[option].item, starved, candidates, weight);
    yield = 1.0 - needed.substitutes[option].penalty;
  }
  if (candidates.empty()) return false;
  double total = 0;
  for (double w : weight) total += w;
  // A starved buyer leaves only for room a maker can use: one that would ration it too,
  // or is starved of its own inputs, is no better, and moving to it would repeat every
  // starved_delay steps.
  if (starved && !(total > 0)) return false;
  double pick = random::uniform(seed_, random::kSupplierSearch, net_.link_key[l], static_cast<std::uint64_t>(s.step)) * total;
  std::size_t chosen = candidates.size() - 1;
  for (std::size_t c = 0; c < candidates.size(); ++c) {
    if (pick < weight[c]) {
      chosen = c;
      break;
    }
    pick -= weight[c];
  }
  const FirmId left = s.supplier[l];
  take_over_link(s, changes_, k, l, candidates[chosen], yield);
  if (starved && yield == 1.0 && net_.buyer_item[left] == net_.slot_item[k])
    remember_left(l, left, s.supplier[l]);  // it may come back (return_to_recovered.cpp)
  else if (!left_.empty())
    left_[l] = kNoSupplier;  // a move for a control, or to a substitute: the buyer's choice stands
  if (net_.buyer_item[candidates[chosen]] != net_.slot_item[k]) s.substituted[k] = 1;  // a lower tier, whatever its penalty
  s.switching_cost[net_.buyer_state[b]] += rule_.switching_cost * eq_.link_flow[l];
  return true;
}

// The programme was built to replace what the control denied: the buyers that left a
// foreign supplier for another foreign one come home once there is capacity at home. A
// buyer already buying from a home maker, or whose link was never moved, is left to its
// share rule. The home maker is the one with the most room (capacity - output), the first
// in maker order on a tie: the rule draws nothing. The room each move takes is the link's
// order, so that the next buyer sees what is left.
void ResourcingRule::bring_home(engine::RunState& s, const std::vector<std::uint32_t>& cells, std::size_t items,
                                const OverComplianceRule& over_compliance, QualificationRule& qualification) {
  std::vector<std::pair<FirmId, double>> taken;  // room taken by earlier moves of this step
  auto taken_from = [&](FirmId f) -> double& {
    for (auto& [firm, amount] : taken)
      if (firm == f) return amount;
    return taken.emplace_back(f, 0.0).second;
  };
  for (std::uint32_t cell : cells) {
    const auto state = static_cast<StateId>(cell / items);
    const auto item = static_cast<ItemId>(cell % items);
    for (std::uint32_t b = 0; b < net_.buyer_count(); ++b) {
      if (net_.buyer_state[b] != state) continue;
      for (const std::uint32_t k : net_.slots_of(b)) {
        if (net_.slot_item[k] != item) continue;
        const auto first = net_.slot_link_begin[k], last = net_.slot_link_begin[k + 1];
        bool home_already = false;
        for (auto l = first; l < last; ++l) home_already |= net_.buyer_state[s.supplier[l]] == state;
        if (home_already) continue;
        for (auto l = first; l < last; ++l) {
          const FirmId now = s.supplier[l];
          if (now == net_.link_supplier[l] || net_.buyer_item[now] != item) continue;  // never moved, or a substitute
          FirmId best = now;
          double room = 0;
          for (auto m = net_.item_maker_begin[item]; m < net_.item_maker_begin[item + 1]; ++m) {
            const FirmId f = net_.item_makers[m];
            if (f == b || net_.buyer_state[f] != state) continue;
            const double spare = s.capacity[f] - s.output[f] - taken_from(f);
            if (spare > room && policy_.free_to_ship(s.step, net_, b, f) && !over_compliance.declines(b, l, f)) {
              best = f;
              room = spare;
            }
          }
          if (best == now) continue;
          // A sale at home meets no control: the link is allowed, whatever a decision since the
          // move abroad made of the foreign supplier (a state that joined the control since).
          take_over_link(s, changes_, k, l, best, 1.0);
          s.denied_steps[l] = 0;
          s.via[l] = engine::kDirect;
          if (!left_.empty()) left_[l] = kNoSupplier;  // brought home: it stays home
          taken_from(best) += std::min(room, s.order[l]);  // its room taken, for the next buyer's choice
          s.switching_cost[state] += rule_.switching_cost * eq_.link_flow[l];
          qualification.start(s, l);
          break;  // one link home per slot: the share rule does the rest
        }
      }
    }
  }
}

}  // namespace regimesim::behaviour
