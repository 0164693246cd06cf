// Which slots' links have changed supplier or share, and at which step. Three readers
// keep a copy of the suppliers (and the content tracker of the shares) to find what
// changed since they last looked: the content tracker of recomputed reach
// (policy/controlled_content.hpp), the verdict refresh (engine/verdict_refresh.hpp) and
// starvation's grace (behaviour/resourcing.cpp). Comparing every link costs a pass over
// them all at every look, though few change; with the stamps each compares only the
// slots stamped since, and a stamp that changed nothing costs a compare, not a result.
// Shares move in a few percent of the slots at every step (wherever a price or a delivery
// moved), suppliers in a few hundred links: the two are stamped apart, so that a reader
// of suppliers alone does not visit (and miss the cache on) the slots whose shares moved.
//
// So every write that can change a link's supplier or share stamps its slot: the share
// rule where a share moves (Simulation::ship_and_adapt) and every answer that hands a
// link to another supplier (behaviour/link_takeover.hpp, ResourcingRule::bring_home).
// A write that forgot to stamp would leave a reader behind the run:
// tests/sim/engine/verdict_refresh_test.cpp and tests/sim/policy/controlled_content_test.cpp
// run the readers beside a full comparison.
//
// Not memory: a restored run stamps every slot at the restored step, so each reader
// compares everything once.
#pragma once

#include <algorithm>
#include <cstdint>
#include <vector>

namespace regimesim::engine {

class SlotChanges {
 public:
  // Every slot changed at `step` (a run's start, a restore).
  void reset(std::size_t slots, int step) {
    at_.assign(slots, step);
    moved_at_.assign(slots, step);
    moved_block_at_.assign((slots + kMovedBlock - 1) / kMovedBlock, step);
  }
  void note_move(std::uint32_t slot, int step) {  // a link's supplier (by the answers, one thread)
    at_[slot] = moved_at_[slot] = moved_block_at_[slot / kMovedBlock] = step;
  }
  void note_shares(std::uint32_t slot, int step) { at_[slot] = step; }

  // Calls visit(slot) for each slot in [first, last) some link of which changed supplier
  // (for_each_moved_since) or supplier or share (for_each_changed_since) at `step` or
  // later, in slot order. Few slots are, so the stamps are read sixteen at a time (a loop
  // the compiler turns into vector compares) and a block with none is passed over.
  // Moves are fewer still: the slots are passed over a block of kMovedBlock at a time,
  // by the block's last move.
  template <class Visit>
  void for_each_moved_since(int step, std::uint32_t first, std::uint32_t last, Visit&& visit) const {
    for (std::uint32_t block = first / kMovedBlock; block * kMovedBlock < last; ++block) {
      if (moved_block_at_[block] < step) continue;
      const std::uint32_t end = std::min<std::uint32_t>(last, (block + 1) * kMovedBlock);
      for (std::uint32_t k = std::max(first, block * kMovedBlock); k < end; ++k)
        if (moved_at_[k] >= step) visit(k);
    }
  }
  // Did some link change supplier at `step` or later?
  bool moved_since(int step) const {
    return std::any_of(moved_block_at_.begin(), moved_block_at_.end(), [&](std::int32_t at) { return at >= step; });
  }
  template <class Visit>
  void for_each_changed_since(int step, std::uint32_t first, std::uint32_t last, Visit&& visit) const {
    scan(at_.data(), step, first, last, visit);
  }

 private:
  template <class Visit>
  static void scan(const std::int32_t* at, int step, std::uint32_t first, std::uint32_t last, Visit& visit) {
    constexpr std::uint32_t kBlock = 16;
    std::uint32_t k = first;
    for (; k + kBlock <= last; k += kBlock) {
      bool any = false;
      for (std::uint32_t j = 0; j < kBlock; ++j) any |= at[k + j] >= step;
      if (!any) continue;
      for (std::uint32_t j = 0; j < kBlock; ++j)
        if (at[k + j] >= step) visit(k + j);
    }
    for (; k < last; ++k)
      if (at[k] >= step) visit(k);
  }
  static constexpr std::uint32_t kMovedBlock = 64;
  // per slot, the last step some link of it changed supplier or share; and supplier;
  // per block of kMovedBlock slots, the last step some link of one changed supplier
  std::vector<std::int32_t> at_, moved_at_, moved_block_at_;
};

}  // namespace regimesim::engine
