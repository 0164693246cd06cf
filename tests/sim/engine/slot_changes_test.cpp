// The stamps the readers of suppliers and shares go by (engine/slot_changes.hpp), worked
// by hand: which slots each scan visits, across the scans' block boundaries.
#include <catch2/catch.hpp>

#include <vector>

#include "engine/slot_changes.hpp"

using namespace regimesim;

namespace {

std::vector<std::uint32_t> moved(const engine::SlotChanges& c, int since, std::uint32_t first, std::uint32_t last) {
  std::vector<std::uint32_t> out;
  c.for_each_moved_since(since, first, last, [&](std::uint32_t k) { out.push_back(k); });
  return out;
}

std::vector<std::uint32_t> changed(const engine::SlotChanges& c, int since, std::uint32_t first, std::uint32_t last) {
  std::vector<std::uint32_t> out;
  c.for_each_changed_since(since, first, last, [&](std::uint32_t k) { out.push_back(k); });
  return out;
}

using Slots = std::vector<std::uint32_t>;

}  // namespace

TEST_CASE("Slot stamps: a scan visits the slots changed at or after its step, in slot order", "[engine][stamps]") {
  engine::SlotChanges c;
  c.reset(200, 0);  // 200 slots: twelve blocks of sixteen and a tail of eight; three blocks of 64 and a tail
  // At the start every slot counts as changed at step 0.
  CHECK(moved(c, 0, 0, 200).size() == 200);
  CHECK(changed(c, 0, 0, 200).size() == 200);
  CHECK(moved(c, 1, 0, 200).empty());
  CHECK(changed(c, 1, 0, 200).empty());

  c.note_move(15, 3);    // the last slot of the first sixteen
  c.note_move(64, 3);    // the first of the second block of 64
  c.note_shares(16, 3);  // shares only: not a move
  c.note_shares(199, 5); // in the tail
  c.note_move(130, 6);
  CHECK(moved(c, 3, 0, 200) == Slots{15, 64, 130});
  CHECK(changed(c, 3, 0, 200) == Slots{15, 16, 64, 130, 199});
  CHECK(moved(c, 4, 0, 200) == Slots{130});
  CHECK(changed(c, 4, 0, 200) == Slots{130, 199});
  CHECK(changed(c, 6, 0, 200) == Slots{130});
  CHECK(moved(c, 7, 0, 200).empty());

  // A range that starts and ends inside blocks sees only its own slots.
  CHECK(moved(c, 3, 16, 130) == Slots{64});
  CHECK(moved(c, 3, 15, 131) == Slots{15, 64, 130});
  CHECK(changed(c, 3, 17, 199).size() == 2);  // 64 and 130, not 16 or 199

  // A later stamp overrides an earlier one; a shares stamp after a move keeps the move.
  c.note_move(15, 9);
  c.note_shares(64, 9);
  CHECK(moved(c, 7, 0, 200) == Slots{15});
  CHECK(changed(c, 7, 0, 200) == Slots{15, 64});
  CHECK(moved(c, 3, 0, 200) == Slots{15, 64, 130});

  // A restore stamps every slot at its step.
  c.reset(200, 12);
  CHECK(moved(c, 12, 0, 200).size() == 200);
  CHECK(changed(c, 13, 0, 200).empty());
}
