#include "discovery/box_words.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace regimesim::analysis::discovery {

std::string limits_words(const InputColumn& c, const InputLimits& l) {
  if (c.categorical) {
    std::string kept;
    for (std::size_t k = 0; k < c.labels.size(); ++k)
      if (l.allowed[k]) kept += (kept.empty() ? "" : "; ") + c.labels[k];
    return "one of " + kept;
  }
  const bool low = std::isfinite(l.low), high = std::isfinite(l.high);
  if (low && high) return fmt::format("from {:g} to {:g}", l.low, l.high);
  if (low) return fmt::format("at least {:g}", l.low);
  if (high) return fmt::format("at most {:g}", l.high);
  return "any value";
}

std::string span_words(const InputColumn& c, const std::vector<std::uint8_t>& among) {
  if (c.categorical) return fmt::format("{} values", c.labels.size());
  double lo = INFINITY, hi = -INFINITY;
  for (std::size_t i = 0; i < c.numbers.size(); ++i)
    if (among[i]) lo = std::min(lo, c.numbers[i]), hi = std::max(hi, c.numbers[i]);
  return fmt::format("{:g} to {:g}", lo, hi);
}

std::string trajectory_table(const FoundBox& b) {
  std::string out = "  step  coverage  density  support  peeled\n";
  for (std::size_t k = 0; k < b.trajectory.size(); ++k) {
    const auto& s = b.trajectory[k];
    out += fmt::format("  {:>4}  {:>8.3f}  {:>7.3f}  {:>7.3f}  {}{}\n", k, s.stats.coverage, s.stats.density,
                       s.stats.support, s.peeled.empty() ? "(all cases)" : s.peeled, k == b.chosen ? "   <- chosen" : "");
  }
  return out;
}

std::string describe_discovery(const CaseTable& t, const Discovery& d, const std::string& outcome) {
  std::string out = fmt::format("{} holds in {} of {} cases.\n", outcome, d.holds, d.cases);
  if (d.boxes.empty()) return out + "No box: the outcome holds in no case.\n";
  for (std::size_t b = 0; b < d.boxes.size(); ++b) {
    const auto& f = d.boxes[b];
    const auto& s = f.stats;
    out += fmt::format(
        "\nBox {}{}: coverage {:.3f} ({} of the {} cases where it holds lie in the box), density {:.3f} (it holds in {} of "
        "the box's {} cases), support {:.3f}.\n",
        b + 1, b ? " (on the cases the boxes before left)" : "", s.coverage, s.holds_in, d.holds, s.density, s.holds_in,
        s.cases_in, s.support);
    std::string free;
    for (std::size_t j = 0; j < t.inputs.size(); ++j) {
      const auto& c = t.inputs[j];
      if (!restricts(t, f.box, j, f.among)) {
        free += (free.empty() ? "" : ", ") + c.name;
        continue;
      }
      out += fmt::format("  {}: {} (the cases span {})\n", c.name, limits_words(c, f.box.limits[j]), span_words(c, f.among));
    }
    if (free.size()) out += "  not restricted: " + free + "\n";
    if (f.stats.cases_in == 0) out += "  (the box holds no case)\n";
  }
  return out;
}

}  // namespace regimesim::analysis::discovery
