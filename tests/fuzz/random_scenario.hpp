// Structurally valid scenarios from a stream of choices, so that most fuzz inputs
// (and every property-test seed) reach the engine: a few states, items whose recipes
// use only earlier items (so the recipe matrix is productive), production shares
// that sum to 1, generated firms and links, and a timeline of controls and answers.
// Shared by tests/fuzz/valid_worlds_fuzzer.cpp (choices from libFuzzer's bytes) and
// tests/sim/properties/ (choices from a seeded generator).
#pragma once

#include <fmt/format.h>

#include <cmath>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace regimesim::testing {

struct Choices {
  std::function<std::uint32_t(std::uint32_t)> below;  // a whole number in [0, n)
  std::function<double()> unit;                       // a number in [0, 1]
};

struct RandomScenarioShape {
  int states = 0, items = 0, controls = 0;
  double volume_scale = 1.0;  // multiplies every final demand (metamorphic tests)
};

inline std::string random_scenario(const Choices& c, RandomScenarioShape* shape = nullptr, double volume_scale = 1.0) {
  const int states = 1 + static_cast<int>(c.below(4)), items = 1 + static_cast<int>(c.below(4));
  auto state = [](int s) { return fmt::format("XA{}", static_cast<char>('A' + s)); };  // ISO-style: 3 letters
  auto item = [](int i) { return fmt::format("i{}", i); };
  auto share = [&](double lo, double hi) { return lo + (hi - lo) * c.unit(); };
  std::string y = fmt::format("name: random\nsteps: {}\nseed: {}\n", 2 + c.below(7), c.below(1000));
  y += "world:\n  states:\n";
  for (int s = 0; s < states; ++s) {
    std::string demand;
    for (int i = 0; i < items; ++i)
      if (c.below(3) == 0 || (s == 0 && i == items - 1))
        // rounded before scaling, so a world scaled by a power of 2 is exactly that
        demand += fmt::format("{}{}: {}", demand.empty() ? "" : ", ", item(i),
                              volume_scale * (std::round(share(1, 100) * 1000) / 1000));
    y += fmt::format("    - {{code: {}, status: {}, enforcement_effort: {:.2f}, cooperation: {:.2f}{}}}\n", state(s),
                     c.below(2) ? "developed" : "developing", c.unit(), c.unit(),
                     demand.empty() ? "" : ", final_demand: {" + demand + "}");
  }
  y += "  items:\n";
  for (int i = 0; i < items; ++i) {
    std::string recipe;
    for (int j = 0; j < i; ++j)
      if (c.below(2)) recipe += fmt::format("{}{}: {:.3f}", recipe.empty() ? "" : ", ", item(j), share(0.05, 0.6 / i));
    y += fmt::format("    - {{id: {}, tier: {}, substitutability: {:.2f}{}}}\n", item(i), 1 + c.below(5), share(0, 3),
                     recipe.empty() ? "" : ", recipe: {" + recipe + "}");
  }
  y += fmt::format("  generate:\n    seed: {}\n    firms_per_state: {}\n    links_per_input: {}\n"
                   "    capacity_headroom: {:.2f}\n    production:\n",
                   c.below(100), 1 + c.below(3), 1 + c.below(3), share(0, 0.5));
  for (int i = 0; i < items; ++i) {
    std::vector<int> makers;
    for (int s = 0; s < states; ++s)
      if (c.below(2) || (makers.empty() && s == states - 1)) makers.push_back(s);
    std::string shares;
    int left = 1000;  // in thousandths, so the shares sum to exactly 1
    for (std::size_t k = 0; k < makers.size(); ++k) {
      const int part = k + 1 == makers.size() ? left : 1 + static_cast<int>(c.below(static_cast<std::uint32_t>(left - (makers.size() - k - 1))));
      left -= part;
      shares += fmt::format("{}{}: {:.3f}", k ? ", " : "", state(makers[k]), part / 1000.0);
    }
    y += fmt::format("      {}: {{{}}}\n", item(i), shares);
  }
  y += fmt::format("responses:\n  resourcing: {{search_delay: {}, switching_cost: {:.2f}}}\n"
                   "  over_compliance: {{probability: {:.2f}}}\n",
                   c.below(4), share(0, 1), c.below(2) ? 0.0 : share(0, 0.5));
  if (states >= 3 && c.below(2))
    y += fmt::format("  diversion: {{propensity: {:.2f}, intermediaries: [{}]}}\n", c.unit(), state(states - 1));
  static const char* kInstruments[] = {"embargo", "prohibition", "presumption_of_denial", "licence_requirement"};
  const int controls = static_cast<int>(c.below(4));
  if (controls > 0) y += "controls:\n";
  for (int k = 0; k < controls; ++k) {
    const char* instrument = kInstruments[c.below(4)];
    y += fmt::format("  - id: c{}\n    instrument: {}\n    issuers: [{}]\n    items: [{}]\n    destinations: [{}]\n"
                     "    start: {}\n",
                     k, instrument, state(static_cast<int>(c.below(states))), item(static_cast<int>(c.below(items))),
                     state(static_cast<int>(c.below(states))), c.below(2));
  }
  // An export quota, drawn after everything else so that the draws above (and the
  // corpus) keep their meaning. Its ceiling is a share of the baseline flow, so scaling
  // every volume scales it too.
  int quotas = 0;
  if (c.below(2)) {
    quotas = 1;
    if (controls == 0) y += "controls:\n";
    const std::string issuer = state(static_cast<int>(c.below(states))), of = item(static_cast<int>(c.below(items)));
    const std::string to = state(static_cast<int>(c.below(states)));
    const unsigned start = c.below(2);  // every random run has at least 2 steps
    const double ceiling = c.unit();
    y += fmt::format("  - id: q\n    instrument: quota\n    issuers: [{}]\n    items: [{}]\n    destinations: [{}]\n"
                     "    start: {}\n    quota: {{ceiling: {{share: {:.3f}}}, allocation: {}}}\n",
                     issuer, of, to, start, ceiling, c.below(2) ? "pro_rata" : "first_come");
  }
  // An announced prohibition with a wind-down (issue 13), drawn last for the same reason.
  int announced = 0;
  if (c.below(2)) {
    announced = 1;
    if (controls + quotas == 0) y += "controls:\n";
    y += fmt::format("  - id: a\n    instrument: prohibition\n    issuers: [{}]\n    items: [{}]\n    destinations: [{}]\n"
                     "    announced: 0\n    start: 1\n    wind_down: {}\n",
                     state(static_cast<int>(c.below(states))), item(static_cast<int>(c.below(items))),
                     state(static_cast<int>(c.below(states))), c.below(3));
  }
  if (shape) *shape = RandomScenarioShape{states, items, controls + quotas + announced, volume_scale};
  return y;
}

}  // namespace regimesim::testing
