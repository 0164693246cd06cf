#include "policy/controlled_content.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace regimesim::policy {
namespace {

// The links of the firms (buyers 0 .. firm_count - 1) come first; a consumer's links
// carry no content anyone reads.
std::uint32_t firm_link_count(const engine::SupplyNetwork& net) {
  return net.slot_link_begin[net.buyer_slot_begin[net.firm_count]];
}

constexpr double kFirstTolerance = 1e-6;  // a residual below it is left where it is
constexpr double kLastTolerance = 1e-13;  // past it, the full fixed point decides
constexpr double kRounding = 1e-11;       // for the rounding of the sums, well above the full fixed point's own (1e-13)

}  // namespace

std::vector<bool> ControlledContent::above(const std::vector<bool>& controlled, double threshold,
                                           const engine::SupplyNetwork& net, const ReachGraph& g) {
  net_ = &net;
  share_now_ = g.share.data();  // what evaluate reads: the copy equals it wherever it is kept
  const FirmId F = net.firm_count;
  std::vector<std::uint8_t> direct(F), member(F);  // bytes, not bits: read in every pass below
  for (FirmId f = 0; f < F; ++f) {
    member[f] = g.member[net.buyer_state[f]];
    direct[f] = member[f] && controlled[net.buyer_item[f]];
  }
  if (content_.size() != F) {
    direct_ = std::move(direct);
    start(net, g, std::vector<double>(F, 0.0));
  } else {
    note_changes(net, g, direct);
  }
  read_at_ = changes_ ? step_ : -1;  // the copy is now the graph of this step (start below too)
  std::vector<bool> out(F, false);
  for (double tolerance = kFirstTolerance;; tolerance *= 1e-2) {
    settle(net, tolerance);
    double rho = 0, largest = 0;
    for (FirmId f = 0; f < F; ++f) {
      rho = std::max(rho, row_[f]);
      largest = std::max(largest, std::abs(residual_[f]));
    }
    if (!(rho < 0.99)) break;
    const double bound = (largest + kRounding) / (1 - rho);
    bool settled = true;
    for (FirmId f = 0; f < F; ++f) {
      if (member[f]) continue;
      settled &= std::abs(content_[f] - threshold) > bound;
      if (content_[f] > threshold) out[f] = true;  // kept only if every firm settled
    }
    if (settled) return out;
    std::fill(out.begin(), out.end(), false);
    if (tolerance * 1e-2 < kLastTolerance) break;
    for (FirmId f = 0; f < F; ++f)  // a firm sits near the threshold: push every residual lower
      if (std::abs(residual_[f]) > tolerance * 1e-2) queue(f);
  }
  // Too close to call from the tracker: the fixed point itself, from 0.
  auto u = controlled_content_share(controlled, net, g);
  for (FirmId f = 0; f < F; ++f) out[f] = !member[f] && u[f] > threshold;
  start(net, g, std::move(u));
  settle(net, kFirstTolerance);
  return out;
}

// Every firm is evaluated from `content`; which firm buys on each link is built once.
void ControlledContent::start(const engine::SupplyNetwork& net, const ReachGraph& g, std::vector<double> content) {
  const FirmId F = net.firm_count;
  const std::uint32_t L = firm_link_count(net);
  supplier_.assign(g.supplier.begin(), g.supplier.begin() + L);
  share_.assign(g.share.begin(), g.share.begin() + L);
  shares_kept_ = true;
  content_ = std::move(content);
  residual_.assign(F, 0.0);
  row_.assign(F, 0.0);
  moved_to_.assign(F, {});
  for (std::uint32_t l = 0; l < L; ++l)
    if (supplier_[l] != net.link_supplier[l]) moved_to_[supplier_[l]].push_back(l);
  if (link_buyer_.size() != L) {
    link_buyer_.resize(L);
    for (FirmId b = 0; b < F; ++b) engine::for_each_link_of(net, b, [&](std::uint32_t, std::uint32_t l) { link_buyer_[l] = b; });
  }
  queued_.assign(F, 1);
  pending_ = F;
}

// What moved since the last call: each firm whose links changed supplier or share, and
// the buyers of each firm that became, or stopped being, a member's maker of a
// controlled item. Compared a block at a time, as most blocks have not changed.
void ControlledContent::note_changes(const engine::SupplyNetwork& net, const ReachGraph& g,
                                     const std::vector<std::uint8_t>& direct) {
  // The copy takes the link's new supplier, and the supplier lists the link it took over
  // (moved_to_, for queue_buyers).
  auto take_supplier = [&](std::uint32_t l) {
    supplier_[l] = g.supplier[l];
    auto& m = moved_to_[supplier_[l]];
    if (supplier_[l] != net.link_supplier[l] && std::find(m.begin(), m.end(), l) == m.end()) m.push_back(l);
  };
  if (changes_ && read_at_ >= 0) {
    // Only the firms' slots stamped since the last call can have changed: those whose
    // supplier moved are compared with the copy (moved_to_ follows it); the buyer of every
    // stamped slot is evaluated again, with the shares read from the graph (evaluate), so
    // the copy of the shares is not kept. A stamp is written only where a share moved.
    const std::uint32_t K = net.buyer_slot_begin[net.firm_count];
    changes_->for_each_moved_since(read_at_, 0, K, [&](std::uint32_t k) {
      for (auto l = net.slot_link_begin[k]; l < net.slot_link_begin[k + 1]; ++l)
        if (supplier_[l] != g.supplier[l]) take_supplier(l);
    });
    changes_->for_each_changed_since(read_at_, 0, K, [&](std::uint32_t k) {
      if (net.slot_link_begin[k] < net.slot_link_begin[k + 1]) queue(link_buyer_[net.slot_link_begin[k]]);
    });
    shares_kept_ = false;
  } else {
    if (!shares_kept_) {  // told by stamps before: the copy of the shares is old everywhere
      share_.assign(g.share.begin(), g.share.begin() + firm_link_count(net));
      for (FirmId f = 0; f < net.firm_count; ++f) queue(f);
      shares_kept_ = true;
    }
    const std::uint32_t L = firm_link_count(net);
    constexpr std::uint32_t kBlock = 256;
    for (std::uint32_t first = 0; first < L; first += kBlock) {
      const std::uint32_t n = std::min(kBlock, L - first);
      if (std::memcmp(&supplier_[first], &g.supplier[first], n * sizeof(FirmId)) == 0 &&
          std::memcmp(&share_[first], &g.share[first], n * sizeof(double)) == 0)
        continue;
      for (std::uint32_t l = first; l < first + n; ++l) {
        const bool moved = supplier_[l] != g.supplier[l];
        if (!moved && share_[l] == g.share[l]) continue;
        if (moved) take_supplier(l);
        share_[l] = g.share[l];
        queue(link_buyer_[l]);
      }
    }
  }
  for (FirmId s = 0; s < net.firm_count; ++s)
    if (direct[s] != direct_[s]) {
      direct_[s] = direct[s];
      queue_buyers(s);
    }
}

// Works the list down, in firm order (the rows are read as they lie in memory, and on a
// network whose firms come after their suppliers one sweep reaches the fixed point): a
// firm whose content moves by more than `tolerance` takes the new value and puts its
// buyers on the list (those before it wait for the next sweep); otherwise it keeps its
// content and notes the residual. When most firms are on the list, the sweeps take every
// firm without the list, until one sweep moves none: the last sweep read every row after
// the values it reads had settled, so every residual is current.
void ControlledContent::settle(const engine::SupplyNetwork& net, double tolerance) {
  const FirmId F = net.firm_count;
  auto visit = [&](FirmId f) {
    double row = 0;
    const double v = evaluate(net, f, row);
    ++evaluations_;
    row_[f] = row;
    const double r = v - content_[f];
    if (!(std::abs(r) > tolerance)) {
      residual_[f] = r;
      return false;
    }
    content_[f] = v;
    residual_[f] = 0;  // unless it supplies itself, and is then on the list again
    return true;
  };
  if (pending_ > F / 4) {
    std::fill(queued_.begin(), queued_.end(), 0);
    pending_ = 0;
    for (bool moved = true; moved;) {
      moved = false;
      for (FirmId f = 0; f < F; ++f) moved = visit(f) || moved;
    }
    return;
  }
  while (pending_ > 0)
    for (FirmId f = 0; f < F && pending_ > 0; ++f) {
      if (!queued_[f]) continue;
      queued_[f] = 0;
      --pending_;
      if (visit(f) && !direct_[f]) queue_buyers(f);  // a member's maker passes on 1, whatever its content
    }
}

double ControlledContent::evaluate(const engine::SupplyNetwork& net, FirmId f, double& row) const {
  double content = 0;
  row = 0;
  for (const std::uint32_t k : net.slots_of(f)) {
    double per_unit = 0, shares = 0;
    for (auto l = net.slot_link_begin[k]; l < net.slot_link_begin[k + 1]; ++l) {
      const FirmId s = supplier_[l];
      per_unit += share_now_[l] * (direct_[s] ? 1.0 : content_[s]);
      shares += share_now_[l];
    }
    content += net.slot_coefficient[k] * per_unit;
    row += net.slot_coefficient[k] * shares;
  }
  return content;
}

void ControlledContent::queue(FirmId f) {
  pending_ += !queued_[f];
  queued_[f] = 1;
}

void ControlledContent::queue_buyers(FirmId s) {
  // The network's links of s (SupplyNetwork::supplier_links) that it still supplies, and a
  // firm's come before the consumers'.
  const std::uint32_t L = static_cast<std::uint32_t>(link_buyer_.size());
  for (auto i = net_->supplier_link_begin[s]; i < net_->supplier_link_begin[s + 1]; ++i) {
    const std::uint32_t l = net_->supplier_links[i];
    if (l >= L) break;
    if (supplier_[l] == s) queue(link_buyer_[l]);
  }
  auto& m = moved_to_[s];  // those it has taken over since, dropping the ones it has lost again
  std::size_t kept = 0;
  for (std::uint32_t l : m)
    if (supplier_[l] == s) {
      m[kept++] = l;
      queue(link_buyer_[l]);
    }
  m.resize(kept);
}

}  // namespace regimesim::policy
