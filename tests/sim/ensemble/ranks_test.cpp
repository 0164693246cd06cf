// A run sent between MPI ranks (ensemble/ranks.hpp) arrives as it left, and bytes cut
// short or left over are refused rather than read as another run.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

#include "ensemble/ranks.hpp"

using namespace regimesim;

TEST_CASE("A run packed for rank 0 unpacks to the same index, rows and outputs", "[ensemble][ranks]") {
  ensemble::RunResult run;
  run.rows = {{3, 1, 7, output::Metric{}, 0.1, 0.30000000000000004},
              {4, output::kWorld, output::kAllItems, output::Metric{}, -0.0, std::nextafter(1.0, 2.0)}};
  run.cumulative_output = {1.5, std::numeric_limits<double>::denorm_min()};
  run.cumulative_baseline_output = {2.5};
  run.steps_completed = 4;
  const std::string bytes = ensemble::pack_run(12345, run);

  ensemble::RunResult back;
  back.interrupted = true;
  CHECK(ensemble::unpack_run(bytes, back) == 12345);
  CHECK_FALSE(back.interrupted);
  CHECK(back.steps_completed == 4);
  REQUIRE(back.rows.size() == 2);
  for (std::size_t k = 0; k < 2; ++k) {
    CHECK(back.rows[k].step == run.rows[k].step);
    CHECK(back.rows[k].state == run.rows[k].state);
    CHECK(back.rows[k].item == run.rows[k].item);
    CHECK(std::signbit(back.rows[k].value) == std::signbit(run.rows[k].value));
    CHECK(back.rows[k].value == run.rows[k].value);
    CHECK(back.rows[k].baseline == run.rows[k].baseline);
  }
  CHECK(back.cumulative_output == run.cumulative_output);
  CHECK(back.cumulative_baseline_output == run.cumulative_baseline_output);
}

TEST_CASE("An interrupted run is sent as interrupted, with no rows", "[ensemble][ranks]") {
  ensemble::RunResult run;
  run.interrupted = true;
  ensemble::RunResult back;
  CHECK(ensemble::unpack_run(ensemble::pack_run(0, run), back) == 0);
  CHECK(back.interrupted);
  CHECK(back.rows.empty());
}

TEST_CASE("Bytes cut short or with bytes left over are refused", "[ensemble][ranks]") {
  ensemble::RunResult run;
  run.rows.resize(3);
  const std::string bytes = ensemble::pack_run(1, run);
  ensemble::RunResult back;
  CHECK_THROWS(ensemble::unpack_run(std::string_view(bytes).substr(0, bytes.size() - 1), back));
  CHECK_THROWS(ensemble::unpack_run(bytes + "x", back));
  CHECK_THROWS(ensemble::unpack_run("", back));
}

TEST_CASE("A process alone writes its result and its exit code is its own", "[ensemble][ranks]") {
  REQUIRE(ensemble::rank_team() == nullptr);
  CHECK(ensemble::writes_result());
  CHECK(ensemble::finish_on_every_rank(2) == 2);
}
