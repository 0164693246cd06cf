#include "load/sourcing_line.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace regimesim::load {

std::vector<LineOverlap> overlap_along_line(const std::vector<LinePiece>& buyers,
                                            const std::vector<LinePiece>& suppliers) {
  double buyer_total = 0, supplier_total = 0;
  for (const auto& b : buyers) buyer_total += b.amount;
  for (const auto& s : suppliers) supplier_total += s.amount;
  const double total = std::max(buyer_total, supplier_total);
  if (std::abs(buyer_total - supplier_total) > 1e-9 * total)
    throw std::logic_error("sourcing line: buyers' needs and suppliers' outputs differ");
  std::vector<LineOverlap> out;
  if (!(total > 0) || suppliers.empty()) return out;
  const double eps = 1e-12 * total;  // a stretch shorter than this is round-off, not a link
  std::size_t si = 0;
  double s_left = suppliers[0].amount;
  for (const auto& b : buyers) {
    double b_left = b.amount;
    while (b_left > eps) {
      while (s_left <= eps && si + 1 < suppliers.size()) s_left = suppliers[++si].amount;
      // Past the last supplier only round-off is left: it goes to the last one.
      const double take = si + 1 == suppliers.size() && s_left <= eps ? b_left : std::min(b_left, s_left);
      if (!out.empty() && out.back().buyer == b.who && out.back().supplier == suppliers[si].who)
        out.back().amount += take;
      else
        out.push_back({b.who, suppliers[si].who, take});
      b_left -= take;
      s_left -= take;
    }
  }
  return out;
}

}  // namespace regimesim::load
