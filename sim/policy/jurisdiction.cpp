#include "policy/jurisdiction.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "policy/controlled_content.hpp"

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
  return controlled_content_share(mask_of(items, w.items.size()), net,
                                  ReachGraph{net.link_supplier, net.link_base_share, member});
}

std::vector<double> controlled_content_share(const std::vector<bool>& controlled, const engine::SupplyNetwork& net,
                                             const ReachGraph& g) {
  std::vector<bool> direct(net.firm_count);  // an issuer's firm making a controlled item
  for (FirmId f = 0; f < net.firm_count; ++f) direct[f] = g.member[net.buyer_state[f]] && controlled[net.buyer_item[f]];
  std::vector<double> u(net.firm_count, 0.0), next(net.firm_count, 0.0);
  for (int iteration = 0; iteration < 100000; ++iteration) {
    double change = 0;
    for (FirmId f = 0; f < net.firm_count; ++f) {
      double content = 0;
      for (const std::uint32_t k : net.slots_of(f)) {
        double per_unit = 0;
        for (auto l = net.slot_link_begin[k]; l < net.slot_link_begin[k + 1]; ++l) {
          const FirmId s = g.supplier[l];
          per_unit += g.share[l] * (direct[s] ? 1.0 : u[s]);
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

std::vector<bool> direct_product_reach(const std::vector<bool>& equipment, int stages,
                                       const engine::SupplyNetwork& net, const ReachGraph& g) {
  // reached: a member's firm, or a firm within the rounds done so far of one.
  std::vector<bool> reached(net.firm_count), next(net.firm_count);
  for (FirmId f = 0; f < net.firm_count; ++f) reached[f] = g.member[net.buyer_state[f]];
  for (int round = 0; round < stages; ++round) {
    bool grew = false;
    for (FirmId f = 0; f < net.firm_count; ++f) {
      bool r = reached[f];
      for (const std::uint32_t k : net.slots_of(f)) {
        if (r) break;
        if (!equipment[net.slot_item[k]]) continue;
        for (auto l = net.slot_link_begin[k]; l < net.slot_link_begin[k + 1]; ++l)
          if (g.share[l] > 0 && reached[g.supplier[l]]) r = true;
      }
      grew = grew || (r && !reached[f]);
      next[f] = r;
    }
    reached.swap(next);
    if (!grew) break;  // no chain is longer than the ones found: later rounds add nobody
  }
  for (FirmId f = 0; f < net.firm_count; ++f)
    if (g.member[net.buyer_state[f]]) reached[f] = false;  // the issuer's own firm is not "reached"
  return reached;
}

std::vector<bool> subject_by_reach(const ExtraterritorialReach& r, const std::vector<bool>& controlled,
                                   const std::vector<bool>& equipment, const engine::SupplyNetwork& net,
                                   const ReachGraph& g, ControlledContent* content) {
  std::vector<bool> subject(net.firm_count, false);
  if (r.de_minimis_threshold && content) {
    subject = content->above(controlled, *r.de_minimis_threshold, net, g);
  } else if (r.de_minimis_threshold) {
    const auto u = controlled_content_share(controlled, net, g);
    for (FirmId f = 0; f < net.firm_count; ++f)
      if (!g.member[net.buyer_state[f]] && u[f] > *r.de_minimis_threshold) subject[f] = true;
  }
  if (!r.direct_product_equipment.empty()) {
    const auto caught = direct_product_reach(equipment, r.direct_product_stages, net, g);
    for (FirmId f = 0; f < net.firm_count; ++f)
      if (caught[f]) subject[f] = true;
  }
  return subject;
}

std::vector<bool> subject_by_reach(const Control& c, const std::vector<ItemId>& items, const std::vector<bool>& member,
                                   const World& w, const engine::SupplyNetwork& net) {
  if (!c.reach.any()) return std::vector<bool>(net.firm_count, false);
  return subject_by_reach(c.reach, mask_of(items, w.items.size()),
                          mask_of(c.reach.direct_product_equipment, w.items.size()), net,
                          ReachGraph{net.link_supplier, net.link_base_share, member});
}

}  // namespace regimesim::policy
