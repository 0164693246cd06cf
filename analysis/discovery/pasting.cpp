#include "discovery/pasting.hpp"

#include <algorithm>
#include <cmath>
#include <optional>

namespace regimesim::analysis::discovery {
namespace {

struct Counts {
  std::size_t cases = 0, holds = 0;
  double density() const { return cases ? static_cast<double>(holds) / static_cast<double>(cases) : 0.0; }
};

struct Candidate {
  Box box;
  Counts counts;
};

Counts count(const CaseTable& t, const Box& b, const std::vector<std::uint8_t>& among) {
  Counts c;
  for (std::size_t i = 0; i < t.cases(); ++i)
    if (among[i] && in_box(t, b, i)) ++c.cases, c.holds += t.holds[i];
  return c;
}

// The cases outside the box on input j alone (inside every other input's limits):
// exactly the cases that widening input j's limits adds.
std::vector<std::size_t> outside_on(const CaseTable& t, const Box& b, const std::vector<std::uint8_t>& among,
                                    std::size_t j) {
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < t.cases(); ++i) {
    if (!among[i] || in_limits(t.inputs[j], b.limits[j], i)) continue;
    bool rest = true;
    for (std::size_t m = 0; m < t.inputs.size() && rest; ++m)
      if (m != j) rest = in_limits(t.inputs[m], b.limits[m], i);
    if (rest) out.push_back(i);
  }
  return out;
}

// One end of a numeric input: the cases beyond it, nearest first, added a distinct
// value at a time up to `slice` cases; the widest such step that keeps the density
// and adds a case where the outcome holds. A whole slice of alpha is the classic
// paste; stopping short of it lets pasting take back the part of a peel that cut
// too deep without taking the cases beyond the true edge with it.
void widen(const CaseTable& t, const Box& b, const Counts& now, std::vector<std::pair<double, std::size_t>> beyond,
           std::size_t j, bool low_end, std::size_t slice, std::vector<Candidate>& out) {
  if (beyond.empty()) return;
  std::sort(beyond.begin(), beyond.end(), [low_end](const auto& x, const auto& y) {
    return low_end ? x.first > y.first : x.first < y.first;
  });
  Counts added;
  std::optional<Candidate> best;
  for (std::size_t k = 0; k < beyond.size(); ++k) {
    ++added.cases;
    added.holds += t.holds[beyond[k].second];
    if (k + 1 < beyond.size() && beyond[k + 1].first == beyond[k].first) continue;  // ties go together
    if (added.cases > slice && best) break;
    const Counts total{now.cases + added.cases, now.holds + added.holds};
    if (added.holds > 0 && total.density() >= now.density()) {
      Box c = b;
      (low_end ? c.limits[j].low : c.limits[j].high) = beyond[k].first;
      best = Candidate{std::move(c), total};
    }
    if (added.cases >= slice) break;
  }
  if (best) out.push_back(std::move(*best));
}

}  // namespace

Box paste(const CaseTable& t, const Box& start, const std::vector<std::uint8_t>& among, double alpha) {
  Box box = start;
  Counts now = count(t, box, among);
  for (;;) {
    const auto slice =
        std::max<std::size_t>(1, static_cast<std::size_t>(std::floor(alpha * static_cast<double>(now.cases))));
    std::vector<Candidate> candidates;
    for (std::size_t j = 0; j < t.inputs.size(); ++j) {
      const auto out = outside_on(t, box, among, j);
      if (out.empty()) continue;
      const auto& c = t.inputs[j];
      if (!c.categorical) {
        std::vector<std::pair<double, std::size_t>> below, above;
        for (auto i : out) (c.numbers[i] < box.limits[j].low ? below : above).emplace_back(c.numbers[i], i);
        widen(t, box, now, std::move(below), j, true, slice, candidates);
        widen(t, box, now, std::move(above), j, false, slice, candidates);
        continue;
      }
      std::vector<std::uint8_t> seen(c.labels.size(), 0);
      for (auto i : out) seen[static_cast<std::size_t>(c.codes[i])] = 1;
      for (std::size_t k = 0; k < seen.size(); ++k) {
        if (!seen[k]) continue;
        Box wider = box;
        wider.limits[j].allowed[k] = 1;
        const Counts n = count(t, wider, among);
        if (n.holds > now.holds && n.density() >= now.density()) candidates.push_back({std::move(wider), n});
      }
    }
    const Candidate* best = nullptr;
    for (const auto& c : candidates)
      if (!best || c.counts.density() > best->counts.density() ||
          (c.counts.density() == best->counts.density() && c.counts.holds > best->counts.holds))
        best = &c;
    if (!best) return box;
    box = best->box;
    now = best->counts;
  }
}

}  // namespace regimesim::analysis::discovery
