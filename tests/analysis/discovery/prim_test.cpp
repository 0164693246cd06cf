// PRIM on tables whose answer is known by construction: a threshold on a line worked
// out step by step, a two-input box with a noise input, a category, pasting and covering.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>

#include "discovery/box_words.hpp"
#include "discovery/pasting.hpp"
#include "discovery/prim.hpp"

using namespace regimesim::analysis::discovery;

namespace {

// x = 1..20; the outcome holds where `rule(x)`.
template <class Rule>
CaseTable line(Rule rule) {
  CaseTable t;
  InputColumn x{"x", false, {}, {}, {}};
  for (int v = 1; v <= 20; ++v) {
    x.numbers.push_back(v);
    t.holds.push_back(rule(v) ? 1 : 0);
  }
  t.inputs.push_back(x);
  return t;
}

// A fixed uniform sequence on [0, 1) (a 64-bit LCG's top bits), so the test does not
// depend on a library's generator.
struct Uniform {
  std::uint64_t s = 88172645463325252ull;
  double operator()() {
    s = s * 6364136223846793005ull + 1442695040888963407ull;
    return static_cast<double>(s >> 11) / 9007199254740992.0;
  }
};

}  // namespace

TEST_CASE("On a line, peeling takes one value at a time from the end that raises density", "[discovery]") {
  // 6 of 20 hold (x >= 15). With alpha 0.05 a slice of 20 cases is 1 case: taking x = 1
  // leaves 6/19, taking x = 20 leaves 5/19, so the low end goes; 14 peels reach [15, 20],
  // density 1 and coverage 1, the box chosen. Peeling then goes on (down to one case:
  // min_support 0.05 of 20) at density 1 and falling coverage.
  const auto t = line([](int x) { return x >= 15; });
  PrimOptions o;
  const auto d = discover(t, o);
  REQUIRE(d.boxes.size() == 1);
  const auto& b = d.boxes[0];
  CHECK(d.holds == 6);
  CHECK(b.trajectory[1].peeled == "x low");
  CHECK(b.trajectory[1].stats.density == Approx(6.0 / 19));
  CHECK(b.chosen == 14);
  CHECK(b.box.limits[0].low == 15);
  CHECK(std::isinf(b.box.limits[0].high));
  CHECK(b.stats.coverage == 1.0);
  CHECK(b.stats.density == 1.0);
  CHECK(b.stats.support == Approx(6.0 / 20));
  CHECK(b.trajectory.back().stats.cases_in == 1);
  CHECK(limits_words(t.inputs[0], b.box.limits[0]) == "at least 15");
}

TEST_CASE("Pasting grows a box back while it adds cases where the outcome holds and keeps its density", "[discovery]") {
  // Holds for x >= 12; from the box x >= 15 pasting adds 14, 13, 12 (density stays 1,
  // more cases hold) and stops before 11, which would lower the density.
  const auto t = line([](int x) { return x >= 12; });
  Box start = whole_box(t);
  start.limits[0].low = 15;
  const std::vector<std::uint8_t> all(t.cases(), 1);
  const Box pasted = paste(t, start, all, 0.05);
  CHECK(pasted.limits[0].low == 12);
  CHECK(std::isinf(pasted.limits[0].high));
}

TEST_CASE("Known by construction: x1 > 0.6 and x2 < 0.3, with a third input that does not matter", "[discovery]") {
  Uniform u;
  CaseTable t;
  t.inputs = {InputColumn{"x1", false, {}, {}, {}}, InputColumn{"x2", false, {}, {}, {}},
              InputColumn{"x3", false, {}, {}, {}}};
  for (int i = 0; i < 2000; ++i) {
    const double x1 = u(), x2 = u(), x3 = u();
    t.inputs[0].numbers.push_back(x1);
    t.inputs[1].numbers.push_back(x2);
    t.inputs[2].numbers.push_back(x3);
    t.holds.push_back(x1 > 0.6 && x2 < 0.3 ? 1 : 0);
  }
  PrimOptions o;
  const auto d = discover(t, o);
  const auto& b = d.boxes.at(0);
  // The true box holds every case where the outcome does and nothing else.
  CHECK(b.box.limits[0].low == Approx(0.6).margin(0.02));
  CHECK(std::isinf(b.box.limits[0].high));
  CHECK(b.box.limits[1].high == Approx(0.3).margin(0.02));
  CHECK(std::isinf(b.box.limits[1].low));
  const std::vector<std::uint8_t> all(t.cases(), 1);
  CHECK_FALSE(restricts(t, b.box, 2, all));
  CHECK(b.stats.density > 0.97);
  CHECK(b.stats.coverage > 0.97);
  // Coverage and density as defined, counted here directly.
  std::size_t in = 0, hold_in = 0;
  for (std::size_t i = 0; i < t.cases(); ++i)
    if (in_box(t, b.box, i)) ++in, hold_in += t.holds[i];
  CHECK(b.stats.density == Approx(static_cast<double>(hold_in) / static_cast<double>(in)));
  CHECK(b.stats.coverage == Approx(static_cast<double>(hold_in) / static_cast<double>(d.holds)));
}

TEST_CASE("A categorical input is peeled one category at a time", "[discovery]") {
  // c cycles A, B, C; x climbs; holds where c is B and x > 0.5.
  CaseTable t;
  std::vector<std::string> c;
  InputColumn x{"x", false, {}, {}, {}};
  for (int i = 0; i < 600; ++i) {
    c.push_back(std::string(1, static_cast<char>('A' + i % 3)));
    x.numbers.push_back(i / 600.0);
    t.holds.push_back(i % 3 == 1 && i / 600.0 > 0.5 ? 1 : 0);
  }
  t.inputs = {column_from_text("coalition", c), x};
  REQUIRE(t.inputs[0].categorical);
  const auto d = discover(t, PrimOptions{});
  const auto& b = d.boxes.at(0);
  CHECK(b.box.limits[0].allowed == std::vector<std::uint8_t>{0, 1, 0});
  CHECK(b.box.limits[1].low == Approx(0.5).margin(0.01));
  CHECK(b.stats.density == 1.0);
  CHECK(b.stats.coverage == 1.0);
  CHECK(limits_words(t.inputs[0], b.box.limits[0]) == "one of B");
}

TEST_CASE("Covering: the second box is found on the cases the first leaves", "[discovery]") {
  // Holds at both ends (x <= 3 or x >= 18): one box per end, their coverages adding to 1.
  const auto t = line([](int x) { return x <= 3 || x >= 18; });
  PrimOptions o;
  o.boxes = 3;
  const auto d = discover(t, o);
  REQUIRE(d.boxes.size() == 2);  // no case where it holds is left for a third
  const auto& first = d.boxes[0].box.limits[0];
  const auto& second = d.boxes[1].box.limits[0];
  const bool low_first = std::isinf(first.low);
  CHECK((low_first ? first.high : first.low) == (low_first ? 3 : 18));
  CHECK((low_first ? second.low : second.high) == (low_first ? 18 : 3));
  CHECK(d.boxes[0].stats.coverage + d.boxes[1].stats.coverage == Approx(1.0));
}

TEST_CASE("Text reads as numbers when every value does, else as categories", "[discovery]") {
  CHECK_FALSE(column_from_text("a", {"0", "0.25", "1e-3"}).categorical);
  const auto lists = column_from_text("m", {"[USA, NLD]", "[USA, NLD, JPN]", "[USA, NLD]"});
  CHECK(lists.categorical);
  CHECK(lists.labels.size() == 2);
  CHECK(lists.codes == std::vector<int>{0, 1, 0});
  CHECK_THROWS_AS(discover(CaseTable{{InputColumn{"x", false, {1, 2}, {}, {}}}, {1}}, PrimOptions{}),
                  std::invalid_argument);
}
