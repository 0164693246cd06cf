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
      for (auto k = net.buyer_slot_begin[f]; k < net.buyer_slot_begin[f + 1]; ++k) {
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

std::vector<bool> above_de_minimis(const std::vector<bool>& controlled, double threshold,
                                   const engine::SupplyNetwork& net, const ReachGraph& g, std::vector<double>& warm) {
  const FirmId F = net.firm_count;
  std::vector<std::uint8_t> direct(F);  // bytes, not bits: read once per link below
  for (FirmId f = 0; f < F; ++f) direct[f] = g.member[net.buyer_state[f]] && controlled[net.buyer_item[f]];
  auto exact = [&] {
    const auto u = controlled_content_share(controlled, net, g);
    std::vector<bool> above(F, false);
    for (FirmId f = 0; f < F; ++f) above[f] = !g.member[net.buyer_state[f]] && u[f] > threshold;
    warm = u;
    return above;
  };
  if (warm.size() != F) warm.assign(F, 0.0);
  std::vector<double> next(F), carried(F);  // carried[s]: what one unit bought from s brings, d_s or u_s
  for (int iteration = 0; iteration < 10000; ++iteration) {
    for (FirmId f = 0; f < F; ++f) carried[f] = direct[f] ? 1.0 : warm[f];
    double change = 0;
    double rho = 0;  // the largest row sum of M, a bound on the contraction factor: summed in the same pass
    for (FirmId f = 0; f < F; ++f) {
      double content = 0, row = 0;
      for (auto k = net.buyer_slot_begin[f]; k < net.buyer_slot_begin[f + 1]; ++k) {
        double per_unit = 0, shares = 0;
        for (auto l = net.slot_link_begin[k]; l < net.slot_link_begin[k + 1]; ++l) {
          per_unit += g.share[l] * carried[g.supplier[l]];
          shares += g.share[l];
        }
        content += net.slot_coefficient[k] * per_unit;
        row += net.slot_coefficient[k] * shares;
      }
      next[f] = content;
      rho = std::max(rho, row);
      change = std::max(change, std::abs(content - warm[f]));
    }
    warm.swap(next);
    if (!(rho < 0.99)) return exact();
    // Far enough from the threshold that the fixed point's own tolerance (1e-13 a step)
    // cannot put it on the other side.
    const double bound = rho / (1 - rho) * change + 1e-11 / (1 - rho);
    bool settled = true;
    for (FirmId f = 0; f < F && settled; ++f)
      settled = g.member[net.buyer_state[f]] || std::abs(warm[f] - threshold) > bound;
    if (settled) {
      std::vector<bool> above(F, false);
      for (FirmId f = 0; f < F; ++f) above[f] = !g.member[net.buyer_state[f]] && warm[f] > threshold;
      return above;
    }
    if (change < 1e-13) break;  // a firm sits on the threshold: decide as the fixed point does
  }
  return exact();
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
      for (auto k = net.buyer_slot_begin[f]; !r && k < net.buyer_slot_begin[f + 1]; ++k) {
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
                                   const ReachGraph& g, std::vector<double>* warm) {
  std::vector<bool> subject(net.firm_count, false);
  if (r.de_minimis_threshold && warm) {
    subject = above_de_minimis(controlled, *r.de_minimis_threshold, net, g, *warm);
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
