#include "cli/sweep_effect.hpp"

#include <map>

namespace regimesim::cli {
namespace {

bool same_rows(const std::vector<output::MetricRow>& a, const std::vector<output::MetricRow>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t k = 0; k < a.size(); ++k)
    if (a[k].step != b[k].step || a[k].state != b[k].state || a[k].item != b[k].item || a[k].metric != b[k].metric ||
        a[k].value != b[k].value || a[k].baseline != b[k].baseline)
      return false;
  return true;
}

}  // namespace

std::vector<std::string> keys_without_effect(const std::vector<std::string>& keys,
                                             const std::vector<std::vector<std::string>>& cells,
                                             const std::vector<const std::vector<output::MetricRow>*>& rows) {
  std::vector<std::string> out;
  for (std::size_t k = 0; k < keys.size(); ++k) {
    // Points grouped by the values of every other key: the first of each group is
    // compared with the others.
    std::map<std::vector<std::string>, std::size_t> first_of;
    bool differs = false, compared = false;
    for (std::size_t p = 0; p < cells.size() && !differs; ++p) {
      std::vector<std::string> others = cells[p];
      others.erase(others.begin() + static_cast<long>(k));
      auto [it, added] = first_of.emplace(others, p);
      if (added) continue;
      compared = true;
      differs = !same_rows(*rows[it->second], *rows[p]);
    }
    if (compared && !differs) out.push_back(keys[k]);
  }
  return out;
}

}  // namespace regimesim::cli
