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

// Links [begin, end) of one slot; supplier[l] indexes supplier_weight (the
// price_weight of each firm). Returns false (and leaves the shares alone) when no
// supplier is available at all: a buyer cut off from every supplier keeps asking
// the same ones. `moved`, when given, is set where some share changed (engine/slot_changes.hpp).
inline bool adapt_supplier_shares(std::uint32_t begin, std::uint32_t end, const double* base,
                                  const double* availability, const std::uint32_t* supplier,
                                  const double* supplier_weight, double adjustment, double* share,
                                  bool* moved = nullptr) {
  // Each link's pull, kept from the first pass for the second where the slot is small
  // (nearly all are): one gather by supplier per link instead of two. The same products.
  constexpr std::uint32_t kKept = 16;
  double pull[kKept];
  const bool keep = end - begin <= kKept;
  double total = 0;
  for (auto l = begin; l < end; ++l) {
    const double p = base[l] * availability[l] * supplier_weight[supplier[l]];
    if (keep) pull[l - begin] = p;
    total += p;
  }
  if (!(total > 0)) return false;
  bool any = false;
  for (auto l = begin; l < end; ++l) {
    const double p = keep ? pull[l - begin] : base[l] * availability[l] * supplier_weight[supplier[l]];
    const double preferred = p / total;
    const double before = share[l];
    share[l] += adjustment * (preferred - share[l]);
    any |= share[l] != before;
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
    failed |= availability[l] < 1.0;
  }
  if (!failed || !(asked > 0))
    return adapt_supplier_shares(begin, end, base, availability, supplier, supplier_weight, adjustment, share, moved);
  auto weight = [&](std::uint32_t l) {
    const std::uint32_t f = supplier[l];
    const double room = std::min(1.0, std::max(0.0, capacity[f] - output[f]) / asked);
    return std::max(base[l], room) * availability[l] * supplier_weight[f];
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
