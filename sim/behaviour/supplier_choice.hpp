// How a buyer splits its orders for one input among its existing suppliers: a
// closed-form rule, not an optimiser. Preferred shares are the baseline shares
// weighted by how much each supplier delivered of what was asked (availability)
// and by price to the power -substitutability (a CES/logit-style response); the
// buyer closes a fixed fraction of the gap to them each step.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace regimesim::behaviour {

// The price term of the preferred share, p^-substitutability. Computed once per
// supplier and step, not once per link: a supplier serves about ten links.
inline double price_weight(double price, double substitutability) {
  return price == 1.0 ? 1.0 : std::pow(price, -substitutability);  // skip pow at the baseline price
}

// One link's pull toward its supplier: its baseline share, the part of its order
// the supplier shipped, and the pull of the supplier's price (price_weight).
inline double supplier_pull(double base, double availability, double price_weight) {
  return base * availability * price_weight;
}

// The buyer closes `adjustment` of the gap between each link's share and its
// preferred share, pull[i] / total (total > 0), for the n links of a slot from
// `share`. Returns whether some share changed.
inline bool close_share_gap(const double* pull, double total, double adjustment, double* share, std::uint32_t n) {
  bool any = false;
  for (std::uint32_t i = 0; i < n; ++i) {
    const double preferred = pull[i] / total;
    const double before = share[i];
    share[i] += adjustment * (preferred - share[i]);
    any |= share[i] != before;
  }
  return any;
}

// The most links of a slot whose pulls a caller keeps on its stack (nearly all slots).
inline constexpr std::uint32_t kKeptPulls = 16;

// Links [begin, end) of one slot; supplier[l] indexes supplier_weight (the
// price_weight of each firm); availability[i] is link begin + i's, shipped / ordered
// this step (the slot sweep keeps it for the slot at hand only). Returns false (and leaves the shares alone) when no
// supplier is available at all: a buyer cut off from every supplier keeps asking
// the same ones. `moved`, when given, is set where some share changed (engine/slot_changes.hpp).
inline bool adapt_supplier_shares(std::uint32_t begin, std::uint32_t end, const double* base,
                                  const double* availability, const std::uint32_t* supplier,
                                  const double* supplier_weight, double adjustment, double* share,
                                  bool* moved = nullptr) {
  // Each link's pull, kept from the first pass for the second where the slot is small
  // (nearly all are): one gather by supplier per link instead of two. The same products.
  double pull[kKeptPulls];
  const bool keep = end - begin <= kKeptPulls;
  double total = 0;
  for (auto l = begin; l < end; ++l) {
    const double p = supplier_pull(base[l], availability[l - begin], supplier_weight[supplier[l]]);
    if (keep) pull[l - begin] = p;
    total += p;
  }
  if (!(total > 0)) return false;
  bool any = false;
  if (keep) {
    any = close_share_gap(pull, total, adjustment, share + begin, end - begin);
  } else {
    for (auto l = begin; l < end; ++l) {
      const double p = supplier_pull(base[l], availability[l - begin], supplier_weight[supplier[l]]);
      any |= close_share_gap(&p, total, adjustment, share + l, 1);
    }
  }
  if (moved) *moved = any;
  return true;
}

// Toward spare capacity (responses.capacity_expansion.toward_spare): a buyer that some
// supplier of the input failed this step (denied, rationed, starved: availability below 1)
// weighs each supplier by the larger of its baseline share and its room, the part of the
// slot's whole order its spare capacity (capacity - output) could take, at most 1; then as
// above. So capacity built since the baseline, at home or by expansion, draws the buyers
// that are short instead of waiting on baseline shares that knew nothing of it. With every
// order filled this is the rule above, and the buyer drifts back to its baseline shares.
inline bool adapt_supplier_shares_toward_spare(std::uint32_t begin, std::uint32_t end, const double* base,
                                               const double* availability, const std::uint32_t* supplier,
                                               const double* supplier_weight, const double* order,
                                               const double* capacity, const double* output, double adjustment,
                                               double* share, bool* moved = nullptr) {
  double asked = 0;
  bool failed = false;
  for (auto l = begin; l < end; ++l) {
    asked += order[l];
    failed |= availability[l - begin] < 1.0;
  }
  if (!failed || !(asked > 0))
    return adapt_supplier_shares(begin, end, base, availability, supplier, supplier_weight, adjustment, share, moved);
  auto weight = [&](std::uint32_t l) {
    const std::uint32_t f = supplier[l];
    const double room = std::min(1.0, std::max(0.0, capacity[f] - output[f]) / asked);
    return std::max(base[l], room) * availability[l - begin] * supplier_weight[f];
  };
  double total = 0;
  for (auto l = begin; l < end; ++l) total += weight(l);
  if (!(total > 0)) return false;
  bool any = false;
  for (auto l = begin; l < end; ++l) {
    const double before = share[l];
    share[l] += adjustment * (weight(l) / total - share[l]);
    any |= share[l] != before;
  }
  if (moved) *moved = any;
  return true;
}

}  // namespace regimesim::behaviour
