#include "discovery/box.hpp"

namespace regimesim::analysis::discovery {

Box whole_box(const CaseTable& table) {
  Box b;
  for (const auto& c : table.inputs) {
    InputLimits l;
    if (c.categorical) l.allowed.assign(c.labels.size(), 1);
    b.limits.push_back(std::move(l));
  }
  return b;
}

bool in_limits(const InputColumn& c, const InputLimits& l, std::size_t i) {
  if (c.categorical) return l.allowed[static_cast<std::size_t>(c.codes[i])] != 0;
  return c.numbers[i] >= l.low && c.numbers[i] <= l.high;
}

bool in_box(const CaseTable& table, const Box& box, std::size_t i) {
  for (std::size_t j = 0; j < table.inputs.size(); ++j)
    if (!in_limits(table.inputs[j], box.limits[j], i)) return false;
  return true;
}

bool restricts(const CaseTable& table, const Box& box, std::size_t j, const std::vector<std::uint8_t>& among) {
  const auto& c = table.inputs[j];
  for (std::size_t i = 0; i < table.cases(); ++i)
    if (among[i] && !in_limits(c, box.limits[j], i)) return true;
  return false;
}

BoxStatistics box_statistics(const CaseTable& table, const Box& box, const std::vector<std::uint8_t>& among,
                             std::size_t holds_total, std::size_t cases_total) {
  BoxStatistics s;
  for (std::size_t i = 0; i < table.cases(); ++i) {
    if (!among[i] || !in_box(table, box, i)) continue;
    ++s.cases_in;
    s.holds_in += table.holds[i];
  }
  s.coverage = holds_total ? static_cast<double>(s.holds_in) / static_cast<double>(holds_total) : 0;
  s.density = s.cases_in ? static_cast<double>(s.holds_in) / static_cast<double>(s.cases_in) : 0;
  s.support = cases_total ? static_cast<double>(s.cases_in) / static_cast<double>(cases_total) : 0;
  return s;
}

}  // namespace regimesim::analysis::discovery
