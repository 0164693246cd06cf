#include "discovery/prim.hpp"

#include <stdexcept>

#include "discovery/pasting.hpp"

namespace regimesim::analysis::discovery {

std::size_t choose_step(const std::vector<TrajectoryStep>& trajectory, double min_coverage) {
  std::size_t best = 0;
  for (std::size_t k = 1; k < trajectory.size(); ++k) {
    const auto& s = trajectory[k].stats;
    if (s.coverage < min_coverage) continue;
    const auto& b = trajectory[best].stats;
    if (s.density > b.density || (s.density == b.density && s.coverage > b.coverage)) best = k;
  }
  return best;
}

Discovery discover(const CaseTable& table, const PrimOptions& o) {
  check_table(table);
  if (!(o.alpha > 0 && o.alpha < 0.5)) throw std::invalid_argument("alpha must lie between 0 and 0.5");
  if (!(o.min_support >= 0 && o.min_support < 1)) throw std::invalid_argument("min_support must lie in [0, 1)");
  if (!(o.min_coverage >= 0 && o.min_coverage <= 1)) throw std::invalid_argument("min_coverage must lie in [0, 1]");
  if (o.boxes < 1) throw std::invalid_argument("boxes must be at least 1");
  Discovery d;
  d.cases = table.cases();
  for (auto h : table.holds) d.holds += h;
  const PeelingCounts counts{d.holds, d.cases};
  std::vector<std::uint8_t> among(table.cases(), 1);
  for (int b = 0; b < o.boxes; ++b) {
    std::size_t left_holds = 0;
    for (std::size_t i = 0; i < table.cases(); ++i) left_holds += among[i] && table.holds[i];
    if (left_holds == 0) break;
    FoundBox found;
    found.among = among;
    found.trajectory = peel(table, whole_box(table), among, counts, o.alpha, o.min_support);
    // A later box's coverage is a share of every case where the outcome holds; it is
    // chosen by the share it covers of those left for it.
    found.chosen = choose_step(found.trajectory, o.min_coverage * static_cast<double>(left_holds) /
                                                     static_cast<double>(d.holds));
    if (b == 0 && o.step) {
      if (*o.step >= found.trajectory.size())
        throw std::invalid_argument("the trajectory has steps 0 to " + std::to_string(found.trajectory.size() - 1) +
                                    ", not " + std::to_string(*o.step));
      found.chosen = *o.step;
    }
    found.box = paste(table, found.trajectory[found.chosen].box, among, o.alpha);
    found.stats = box_statistics(table, found.box, among, counts.holds_total, counts.cases_total);
    for (std::size_t i = 0; i < table.cases(); ++i)
      if (among[i] && in_box(table, found.box, i)) among[i] = 0;
    d.boxes.push_back(std::move(found));
  }
  return d;
}

}  // namespace regimesim::analysis::discovery
