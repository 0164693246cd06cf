// The share rule tells whether it moved a share (behaviour/supplier_choice.hpp): what the
// run stamps a slot by for the readers of the shares (engine/slot_changes.hpp). By hand.
#include <catch2/catch.hpp>

#include "behaviour/supplier_choice.hpp"

using namespace regimesim;

TEST_CASE("The share rule says when it moved a share, and only then", "[behaviour][shares]") {
  const double base[] = {0.5, 0.5};
  const std::uint32_t supplier[] = {0, 1};
  const double weight[] = {1.0, 1.0};
  const double order[] = {5.0, 5.0}, capacity[] = {20.0, 20.0}, output[] = {10.0, 10.0};

  // Every order filled at baseline prices: the preferred shares are the shares, nothing moves.
  double share[] = {0.5, 0.5};
  const double full[] = {1.0, 1.0};
  bool moved = true;
  REQUIRE(behaviour::adapt_supplier_shares(0, 2, base, full, supplier, weight, 0.5, share, &moved));
  CHECK_FALSE(moved);
  CHECK(share[0] == 0.5);

  // The second supplier ships half: preferred 2/3 and 1/3, half the gap closed.
  const double half[] = {1.0, 0.5};
  REQUIRE(behaviour::adapt_supplier_shares(0, 2, base, half, supplier, weight, 0.5, share, &moved));
  CHECK(moved);
  CHECK(share[0] == Approx(0.5 + 0.5 * (2.0 / 3 - 0.5)));

  // Nobody ships: the shares stay, and the rule says it did nothing.
  const double none[] = {0.0, 0.0};
  double kept[] = {0.4, 0.6};
  moved = true;
  CHECK_FALSE(behaviour::adapt_supplier_shares(0, 2, base, none, supplier, weight, 0.5, kept, &moved));
  CHECK(kept[0] == 0.4);

  // Toward spare capacity, with every order filled, is the plain rule: nothing moves.
  double spare_share[] = {0.5, 0.5};
  moved = true;
  REQUIRE(behaviour::adapt_supplier_shares_toward_spare(0, 2, base, full, supplier, weight, order, capacity, output,
                                                        0.5, spare_share, &moved));
  CHECK_FALSE(moved);
  // A failed supplier: the weights are max(base, room) = max(0.5, 10 / 10) = 1 for both, times
  // availability: preferred 2/3 and 1/3 again.
  REQUIRE(behaviour::adapt_supplier_shares_toward_spare(0, 2, base, half, supplier, weight, order, capacity, output,
                                                        0.5, spare_share, &moved));
  CHECK(moved);
  CHECK(spare_share[1] == Approx(0.5 + 0.5 * (1.0 / 3 - 0.5)));
}
