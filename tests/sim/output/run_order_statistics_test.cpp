// statistics.csv folded in run order from a file of the runs' values: the same rows,
// bit for bit, as step_statistics over every run's rows held in memory, whatever the
// order the runs finish in and however small the slices read back.
#include <catch2/catch.hpp>

#include <algorithm>
#include <bit>
#include <cmath>
#include <random>
#include <thread>

#include <unistd.h>

#include "output/run_order_statistics.hpp"

using namespace regimesim;
using namespace regimesim::output;

namespace {

MetricRow row(int step, Metric m, double v) { return MetricRow{step, kWorld, kAllItems, m, v}; }

std::filesystem::path values_file(const std::string& name) {
  return std::filesystem::temp_directory_path() / ("regimesim-" + name + "-" + std::to_string(::getpid()));
}

std::vector<RowStatistics> described(const RunOrderStatistics& s, std::size_t point, std::size_t slice_bytes) {
  std::vector<RowStatistics> all;
  s.describe_point(point, 2, [&](const std::vector<RowStatistics>& rows) { all.insert(all.end(), rows.begin(), rows.end()); },
                   slice_bytes);
  return all;
}

bool same_bits(double a, double b) { return std::bit_cast<std::uint64_t>(a) == std::bit_cast<std::uint64_t>(b); }

bool identical(const std::vector<RowStatistics>& a, const std::vector<RowStatistics>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t k = 0; k < a.size(); ++k) {
    const auto &x = a[k].stats, &y = b[k].stats;
    if (a[k].step != b[k].step || a[k].state != b[k].state || a[k].item != b[k].item || a[k].metric != b[k].metric ||
        x.n != y.n || !same_bits(x.mean, y.mean) || !same_bits(x.sd, y.sd) || !same_bits(x.q05, y.q05) ||
        !same_bits(x.q50, y.q50) || !same_bits(x.q95, y.q95) || !same_bits(x.ci95_low, y.ci95_low) ||
        !same_bits(x.ci95_high, y.ci95_high))
      return false;
  }
  return true;
}

}  // namespace

TEST_CASE("Runs folded in run order: a row some runs lack is a zero for a flow, left out where undefined",
          "[output][statistics][streamed]") {
  const auto path = values_file("fold");
  {
    RunOrderStatistics s(path, 1, 3);
    // Added out of order (run 2 first): folded in run order all the same.
    s.add(2, {row(0, Metric::output_loss, 0.2), row(1, Metric::output_loss, 7)});
    s.add(0, {row(0, Metric::output_loss, 0.1), row(1, Metric::output_loss, 3)});
    // Run 1 also lists 5 fronts and has a substitution share of 0.4; runs 0 and 2 have neither.
    s.add(1, {row(0, Metric::output_loss, 0.3), row(0, Metric::entities_listed, 5),
              row(0, Metric::substitution_share, 0.4), row(1, Metric::output_loss, 5)});
    const auto r = described(s, 0, 1 << 20);
    REQUIRE(r.size() == 4);  // in the order rows first appear, run by run
    CHECK(r[0].metric == Metric::output_loss);
    CHECK(r[0].stats.n == 3);
    CHECK(r[0].stats.mean == Approx(0.2));
    CHECK(r[0].stats.sd == Approx(0.1));
    CHECK(r[0].stats.q50 == Approx(0.2));
    CHECK(r[1].step == 1);
    CHECK(r[1].stats.mean == Approx(5.0));  // 3, 5, 7
    CHECK(r[2].metric == Metric::entities_listed);
    CHECK(r[2].stats.n == 3);               // 0, 5, 0: no front listed is a zero
    CHECK(r[2].stats.mean == Approx(5.0 / 3));
    CHECK(r[3].metric == Metric::substitution_share);
    CHECK(r[3].stats.n == 1);               // undefined where there were no receipts
    CHECK(r[3].stats.mean == Approx(0.4));
    CHECK(std::filesystem::exists(path));
  }
  CHECK_FALSE(std::filesystem::exists(path));  // the file of values goes with the statistics
}

TEST_CASE("Streamed statistics equal those of every run held in memory, bit for bit", "[output][statistics][streamed]") {
  // Two points of 40 runs each; every run records most of 300 rows, some of them
  // only in some runs (as leakage and fronts listed are recorded only where they
  // happen), with values drawn so that sums depend on their order.
  const std::size_t points = 2, runs = 40;
  std::mt19937_64 draw(7);
  std::vector<std::vector<MetricRow>> rows(points * runs);
  const Metric metrics[] = {Metric::output_loss, Metric::leakage, Metric::substitution_share, Metric::price_index};
  for (auto& run : rows)
    for (int step = 0; step < 25; ++step)
      for (std::uint32_t state = 0; state < 3; ++state)
        for (Metric m : metrics) {
          const bool sometimes = m == Metric::leakage || m == Metric::substitution_share;
          if (sometimes && draw() % 3 == 0) continue;
          run.push_back(MetricRow{step, state, kAllItems, m, std::ldexp(static_cast<double>(draw() % 100000), -7) - 0.3});
        }
  const auto path = values_file("equal");
  RunOrderStatistics s(path, points, runs);
  std::vector<std::size_t> order(points * runs);
  for (std::size_t k = 0; k < order.size(); ++k) order[k] = k;
  std::shuffle(order.begin(), order.end(), draw);  // finished in any order, on two threads
  std::thread other([&] {
    for (std::size_t i = 1; i < order.size(); i += 2) s.add(order[i], rows[order[i]]);
  });
  for (std::size_t i = 0; i < order.size(); i += 2) s.add(order[i], rows[order[i]]);
  other.join();
  for (std::size_t p = 0; p < points; ++p) {
    std::vector<const std::vector<MetricRow>*> in_memory;
    for (std::size_t r = 0; r < runs; ++r) in_memory.push_back(&rows[p * runs + r]);
    const auto expected = step_statistics(in_memory, 1);
    CHECK(expected.size() > 200);
    CHECK(identical(described(s, p, std::size_t{1} << 20), expected));
    CHECK(identical(described(s, p, (runs * 9 + sizeof(RowStatistics)) * 7), expected));  // slices of 7 rows
    CHECK(identical(described(s, p, 1), expected));             // one row at a time
  }
}

TEST_CASE("A single run's statistics come in slices no larger than an ensemble's", "[output][statistics][streamed]") {
  // One run of 600 rows: a slice holds the values read back and the statistics
  // described, so a budget of 25 rows' worth gives slices of at most 25 rows (counting
  // the values alone, one run's 9 bytes a row, it would be all 600 at once).
  std::vector<MetricRow> rows;
  for (int step = 0; step < 200; ++step)
    for (std::uint32_t state = 0; state < 3; ++state)
      rows.push_back(MetricRow{step, state, kAllItems, Metric::output_loss, 0.5 * step});
  const auto path = values_file("single");
  RunOrderStatistics s(path, 1, 1);
  s.add(0, rows);
  const std::size_t per_row = sizeof(double) + 1 + sizeof(RowStatistics);
  std::size_t largest = 0, total = 0, slices = 0;
  s.describe_point(
      0, 1,
      [&](const std::vector<RowStatistics>& slice) {
        largest = std::max(largest, slice.size());
        total += slice.size();
        ++slices;
      },
      per_row * 25);
  CHECK(total == rows.size());
  CHECK(largest == 25);
  CHECK(slices == 24);
}
