// A run's seed draws what the plain seed draws, and every copy of it reports a draw
// to the one record the run reads (has_drawn).
#include <catch2/catch.hpp>

#include "random/run_seed.hpp"

using namespace regimesim;

TEST_CASE("A run's seed draws the plain seed's numbers and notes that it was drawn on", "[random][run-seed]") {
  const random::RunSeed seed(12345);
  const random::RunSeed copy = seed;  // as a rule keeps it
  const random::RunSeed other(12345);  // another run's, with the same value
  CHECK_FALSE(seed.drawn());
  CHECK(copy.value() == 12345);
  const double u = random::uniform(copy, random::kDetection, 7, 3);
  CHECK(u == random::uniform(std::uint64_t{12345}, random::kDetection, 7, 3));
  CHECK(seed.drawn());   // drawn on through the copy
  CHECK(copy.drawn());
  CHECK_FALSE(other.drawn());  // a record per run, not per value
}
