#include "policy/jurisdiction.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace regimesim::policy {
namespace {

std::vector<bool> mask_of(const std::vector<std::uint32_t>& ids, std::size_t n) {
  std::vector<bool> m(n, false);
  for (auto i : ids) m[i] = true;
  return m;
}

}  // namespace

std::vector<double> controlled_content_share(const Control& c, const World& w, const engine::SupplyNetwork& net) {
  return controlled_content_share(c, c.items, w, net);
}

std::vector<double> controlled_content_share(const Control& c, const std::vector<ItemId>& items, const World& w,
                                             const engine::SupplyNetwork& net) {
  const auto member = mask_of(c.issuer.members, w.states.size());
  const auto controlled = mask_of(items, w.items.size());
  std::vector<bool> direct(net.firm_count);  // an issuer's firm making a controlled item
  for (FirmId f = 0; f < net.firm_count; ++f) direct[f] = member[net.buyer_state[f]] && controlled[net.buyer_item[f]];
  std::vector<double> u(net.firm_count, 0.0), next(net.firm_count, 0.0);
  for (int iteration = 0; iteration < 100000; ++iteration) {
    double change = 0;
    for (FirmId f = 0; f < net.firm_count; ++f) {
      double content = 0;
      for (auto k = net.buyer_slot_begin[f]; k < net.buyer_slot_begin[f + 1]; ++k) {
        double per_unit = 0;
        for (auto l = net.slot_link_begin[k]; l < net.slot_link_begin[k + 1]; ++l) {
          const FirmId s = net.link_supplier[l];
          per_unit += net.link_base_share[l] * (direct[s] ? 1.0 : u[s]);
        }
        content += net.slot_coefficient[k] * per_unit;
      }
      next[f] = content;
      change = std::max(change, std::abs(content - u[f]));
    }
    u.swap(next);
    if (change < 1e-13) return u;
  }
  throw std::runtime_error("controlled content did not converge: is the recipe matrix productive?");
}

std::vector<bool> subject_by_reach(const Control& c, const std::vector<ItemId>& items, const World& w,
                                   const engine::SupplyNetwork& net) {
  std::vector<bool> subject(net.firm_count, false);
  if (!c.reach.any()) return subject;
  const auto member = mask_of(c.issuer.members, w.states.size());
  if (c.reach.de_minimis_threshold) {
    const auto u = controlled_content_share(c, items, w, net);
    for (FirmId f = 0; f < net.firm_count; ++f)
      if (!member[net.buyer_state[f]] && u[f] > *c.reach.de_minimis_threshold) subject[f] = true;
  }
  if (!c.reach.direct_product_equipment.empty()) {
    const auto equipment = mask_of(c.reach.direct_product_equipment, w.items.size());
    for (FirmId f = 0; f < net.firm_count; ++f) {
      if (member[net.buyer_state[f]]) continue;
      for (auto k = net.buyer_slot_begin[f]; k < net.buyer_slot_begin[f + 1]; ++k) {
        if (!equipment[net.slot_item[k]]) continue;
        for (auto l = net.slot_link_begin[k]; l < net.slot_link_begin[k + 1]; ++l)
          if (net.link_base_share[l] > 0 && member[net.buyer_state[net.link_supplier[l]]]) subject[f] = true;
      }
    }
  }
  return subject;
}

}  // namespace regimesim::policy
