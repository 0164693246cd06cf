#include "assessment/world_fidelity.hpp"

#include <algorithm>
#include <cmath>

namespace regimesim::assessment {

WorldFidelity measure_fidelity(const World& w, const std::vector<double>& output) {
  const std::size_t S = w.states.size();
  std::vector<double> made(S * w.items.size(), 0.0), item_total(w.items.size(), 0.0);
  for (FirmId f = 0; f < w.firms.size() && f < output.size(); ++f) {
    made[w.firms[f].state * w.items.size() + w.firms[f].item] += output[f];
    item_total[w.firms[f].item] += output[f];
  }
  WorldFidelity fid;
  std::vector<double> relative;
  for (const auto& p : w.production)
    for (const auto& [state, share] : p.shares) {
      if (share <= 0) continue;
      const double total = item_total[p.item];
      const double world = total > 0 ? made[state * w.items.size() + p.item] / total : 0.0;
      fid.shares.push_back({p.item, state, share, world});
      fid.max_abs_error = std::max(fid.max_abs_error, std::abs(world - share));
      if (share >= WorldFidelity::kLargeShare) relative.push_back(std::abs(world - share) / share);
    }
  std::stable_sort(fid.shares.begin(), fid.shares.end(), [](const ShareFidelity& a, const ShareFidelity& b) {
    return std::abs(a.error()) > std::abs(b.error());
  });
  for (const auto& fig : w.import_shares) {
    std::vector<double> from(S, 0.0);
    double imports = 0;
    for (const auto& l : w.links) {
      const Firm& seller = w.firms[l.supplier];
      if (seller.item != fig.item || w.firms[l.buyer].state != fig.buyer || seller.state == fig.buyer) continue;
      from[seller.state] += l.volume;
      imports += l.volume;
    }
    for (const auto& [state, share] : fig.from)
      fid.import_shares.push_back({fig.buyer, state, fig.item, share, imports > 0 ? from[state] / imports : 0.0});
  }
  fid.large_shares = static_cast<int>(relative.size());
  if (!relative.empty()) {
    std::sort(relative.begin(), relative.end());
    const std::size_t n = relative.size();
    fid.median_relative_error = n % 2 ? relative[n / 2] : 0.5 * (relative[n / 2 - 1] + relative[n / 2]);
  }
  return fid;
}

}  // namespace regimesim::assessment
