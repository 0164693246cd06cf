// When reach is recomputed as the graph changes (policy/recomputed_reach.hpp) and some
// firm is caught or released, the verdicts must be redone. Deciding every link afresh,
// as at a control's start, costs a pass over all of them (and the licence and
// over-compliance passes after it) for the few that can change. Between two decisions
// with no control starting, ending or changing members, a link's decision depends only
// on its buyer, its supplier and that supplier's caught status, so the links that can
// be decided differently are
//   - those whose supplier's caught status changed (under any control), for a buyer
//     some active control aims at (no control covers the others' links), and
//   - those an answer re-sourced since (re-sourcing, design-out, building at home set
//     the new link's verdict themselves, and leave its diversion and denial count), and
//   - those an exporter declined (over-compliance): a decision finds them allowed, so it
//     clears their diversion and denial count before the exporter declines them again.
// VerdictRefresh remembers each link's supplier and verdict, and the caught sets, as
// the last decision left them, and finds exactly those links: a link whose supplier or
// verdict differs from what it remembers (only an answer that hands a link to another
// supplier sets a verdict between decisions, and it stamps the slot: only stamped slots
// are compared), or whose supplier's status changed. Deciding
// them alone gives the bytes of deciding every link afresh
// (tests/sim/engine/verdict_refresh_test.cpp runs the two side by side).
#pragma once

#include <cstdint>
#include <vector>

#include "engine/run_state.hpp"
#include "engine/slot_changes.hpp"
#include "engine/supply_network.hpp"

namespace regimesim::engine {

class VerdictRefresh {
 public:
  // After every link was decided afresh (over-compliance included): what the next
  // refresh compares with. `aimed`: per buyer, some active control aims at it.
  void remember(const SupplyNetwork& net, const RunState& s, const std::vector<std::uint8_t>& aimed);
  // Nothing remembered (before the first decision, or after a restore, which does not
  // carry it): the caller decides every link instead.
  bool ready() const { return ready_; }
  void forget() { ready_ = false; }

  // Calls decide(buyer, link) for every link that can be decided differently from the
  // last decision (see above), then remembers the new state. A link may be decided
  // twice (deciding is idempotent); links are independent, so the order does not
  // matter. Returns how many decisions it made.
  // `changes`: the slots whose suppliers changed since, stamped (engine/slot_changes.hpp).
  template <class Decide>
  std::size_t refresh(const SupplyNetwork& net, RunState& s, const SlotChanges& changes, Decide&& decide) {
    find_links(net, s, changes);
    for (const auto& [b, l] : links_) decide(b, l);
    after(s);
    return links_.size();
  }

 private:
  void find_links(const SupplyNetwork& net, const RunState& s, const SlotChanges& changes);  // links_: what refresh decides
  void after(const RunState& s);  // remember what the decided links now hold
  std::uint32_t buyer_of(std::uint32_t link) const;

  bool ready_ = false;
  int decided_at_ = 0;                    // the step of the last decision: a change since is stamped at it or later
  std::vector<FirmId> supplier_;          // per link, at the last decision
  std::vector<policy::Verdict> verdict_;  // per link, at the last decision (over-compliance applied)
  std::vector<std::uint8_t> caught_;      // per control and firm, at the last decision
  std::vector<std::uint8_t> aimed_;       // per buyer: some control active at the last full decision aims at it
  // (buyer, link) whose supplier is not the network's, as far as the last decision knew (a
  // link moved back to its network's supplier may stay: each reader checks)
  std::vector<std::pair<std::uint32_t, std::uint32_t>> moved_;
  const SupplyNetwork* net_ = nullptr;  // the network remember() was given, for buyer_of
  std::vector<std::pair<std::uint32_t, std::uint32_t>> declined_;  // (buyer, link) declined at the last decision
  std::vector<std::pair<std::uint32_t, std::uint32_t>> links_;     // (buyer, link) to decide again (scratch)
  std::vector<std::uint8_t> changed_;     // per firm: caught or released since (scratch)
};

}  // namespace regimesim::engine
