#include "discovery/peeling.hpp"

#include <algorithm>
#include <cmath>

namespace regimesim::analysis::discovery {
namespace {

struct Candidate {
  std::size_t input = 0;
  InputLimits limits;
  std::string label;
  std::size_t kept = 0, holds = 0;
};

// The cases inside `box` except for input j, which is read with `limits` instead.
void count_with(const CaseTable& t, const std::vector<std::uint8_t>& inside, std::size_t j, const InputLimits& limits,
                Candidate& c) {
  c.kept = c.holds = 0;
  for (std::size_t i = 0; i < t.cases(); ++i) {
    if (!inside[i] || !in_limits(t.inputs[j], limits, i)) continue;
    ++c.kept;
    c.holds += t.holds[i];
  }
}

// Both ends of a numeric input: the alpha quantile of the values in the box, or the
// next distinct value when ties put the quantile at the end itself.
void numeric_slices(const CaseTable& t, const Box& box, const std::vector<std::uint8_t>& inside, std::size_t j,
                    double alpha, std::vector<Candidate>& out) {
  std::vector<double> v;
  for (std::size_t i = 0; i < t.cases(); ++i)
    if (inside[i]) v.push_back(t.inputs[j].numbers[i]);
  if (v.size() < 2) return;
  std::sort(v.begin(), v.end());
  if (v.front() == v.back()) return;
  const auto k = std::max<std::size_t>(1, static_cast<std::size_t>(std::floor(alpha * static_cast<double>(v.size()))));
  double low = v[std::min(k, v.size() - 1)];
  if (low == v.front()) low = *std::upper_bound(v.begin(), v.end(), v.front());
  double high = v[v.size() - 1 - std::min(k, v.size() - 1)];
  if (high == v.back()) high = *(std::lower_bound(v.begin(), v.end(), v.back()) - 1);
  Candidate lo{j, box.limits[j], t.inputs[j].name + " low", 0, 0};
  lo.limits.low = low;
  out.push_back(lo);
  Candidate hi{j, box.limits[j], t.inputs[j].name + " high", 0, 0};
  hi.limits.high = high;
  out.push_back(hi);
}

void category_slices(const CaseTable& t, const Box& box, const std::vector<std::uint8_t>& inside, std::size_t j,
                     std::vector<Candidate>& out) {
  const auto& c = t.inputs[j];
  std::vector<std::uint8_t> present(c.labels.size(), 0);
  for (std::size_t i = 0; i < t.cases(); ++i)
    if (inside[i]) present[static_cast<std::size_t>(c.codes[i])] = 1;
  if (std::count(present.begin(), present.end(), 1) < 2) return;
  for (std::size_t k = 0; k < c.labels.size(); ++k) {
    if (!present[k]) continue;
    Candidate cand{j, box.limits[j], c.name + " " + c.labels[k], 0, 0};
    cand.limits.allowed[k] = 0;
    out.push_back(cand);
  }
}

}  // namespace

std::vector<TrajectoryStep> peel(const CaseTable& t, const Box& start, const std::vector<std::uint8_t>& among,
                                 const PeelingCounts& counts, double alpha, double min_support) {
  std::vector<TrajectoryStep> steps;
  Box box = start;
  steps.push_back({box, box_statistics(t, box, among, counts.holds_total, counts.cases_total), ""});
  const double min_cases = min_support * static_cast<double>(counts.cases_total);
  std::vector<std::uint8_t> inside(t.cases());
  for (;;) {
    for (std::size_t i = 0; i < t.cases(); ++i) inside[i] = among[i] && in_box(t, box, i);
    std::vector<Candidate> slices;
    for (std::size_t j = 0; j < t.inputs.size(); ++j) {
      if (t.inputs[j].categorical)
        category_slices(t, box, inside, j, slices);
      else
        numeric_slices(t, box, inside, j, alpha, slices);
    }
    const Candidate* best = nullptr;
    double best_density = -1;
    for (auto& c : slices) {
      count_with(t, inside, c.input, c.limits, c);
      if (c.kept == 0 || static_cast<double>(c.kept) < min_cases) continue;
      const double density = static_cast<double>(c.holds) / static_cast<double>(c.kept);
      if (!best || density > best_density || (density == best_density && c.kept > best->kept)) {
        best = &c;
        best_density = density;
      }
    }
    if (!best) break;
    box.limits[best->input] = best->limits;
    steps.push_back({box, box_statistics(t, box, among, counts.holds_total, counts.cases_total), best->label});
  }
  return steps;
}

}  // namespace regimesim::analysis::discovery
