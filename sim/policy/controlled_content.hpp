// Controlled content kept up to date as the supply graph changes, for a control whose
// de minimis reach a run recomputes (policy/recomputed_reach.hpp).
//
// Content is the fixed point u = T(u) of controlled_content_share (jurisdiction.hpp):
//   T(u)_f = sum over f's inputs k of a_k * sum over k's suppliers s of w_ks * (d_s ? 1 : u_s).
// Between two recomputes only some links change (a few buyers' shares drift, a caught firm
// moves an input), so instead of passes over every link the tracker evaluates again only
// the firms whose inputs changed and, when a firm's content moves by more than a
// tolerance, the firms that buy from it: a worklist that runs downstream (swept in firm
// order; when most firms are on it, plain sweeps over every firm). It keeps for
// every firm the residual r_f = T(u)_f - u_f of its last evaluation; nothing that firm's
// row reads has changed since (or the firm would be on the worklist), so r_f is its
// residual now. T is a contraction with factor rho, the largest row sum of M, hence
//   |u*_f - u_f| <= max_g |r_g| / (1 - rho)   for every firm f,
// and a firm farther than that (and a rounding margin) from the threshold is on the
// fixed point's side. While some firm is not, the residuals are pushed lower; past a
// floor, or if rho >= 0.99, the decisions are controlled_content_share's own, from 0, as
// the full iteration decides them. So the decisions are the fixed point's whatever the
// tracker holds: it is not memory (a checkpoint does not carry it; a restored run starts
// it afresh, from 0). What changed since the last recompute is read from the slots the
// run stamped (engine/slot_changes.hpp) when it follows a run's graph, else by comparing
// every link with the copy the tracker keeps.
#pragma once

#include <cstdint>
#include <vector>

#include "engine/slot_changes.hpp"
#include "engine/supply_network.hpp"
#include "policy/jurisdiction.hpp"

namespace regimesim::policy {

class ControlledContent {
 public:
  // Which firms outside the members carry content strictly above `threshold` on `g`:
  // the decisions of controlled_content_share's fixed point. `controlled`: per item.
  std::vector<bool> above(const std::vector<bool>& controlled, double threshold, const engine::SupplyNetwork& net,
                          const ReachGraph& g);

  // For a run's graph: the slots whose links changed since, stamped (engine/slot_changes.hpp),
  // and the step of the next call to `above`. The next call compares only the slots
  // stamped since the last one; without stamps it compares every link.
  void follow(const engine::SlotChanges* changes, int step) {
    changes_ = changes;
    step_ = step;
  }

  // How many firm evaluations the tracker has done (what a recompute costs, for tests
  // and benchmarks: a full pass is one per firm).
  std::uint64_t evaluations() const { return evaluations_; }

 private:
  void start(const engine::SupplyNetwork& net, const ReachGraph& g, std::vector<double> content);
  void note_changes(const engine::SupplyNetwork& net, const ReachGraph& g, const std::vector<std::uint8_t>& direct);
  void settle(const engine::SupplyNetwork& net, double tolerance);
  double evaluate(const engine::SupplyNetwork& net, FirmId f, double& row) const;
  void queue(FirmId f);
  void queue_buyers(FirmId s);

  // The graph the content was kept on: per firm link its supplier and share (the shares
  // only while no stamps tell what changed), per firm whether it is a member's maker of a
  // controlled item.
  std::vector<FirmId> supplier_;
  std::vector<double> share_;  // kept only while no stamps tell what changed (shares_kept_)
  bool shares_kept_ = true;
  const double* share_now_ = nullptr;  // the graph's shares, per firm link, in this call
  std::vector<std::uint8_t> direct_;
  std::vector<double> content_, residual_, row_;  // per firm
  // Downstream: per firm, the links the network gives it as supplier (its supplier_links)
  // and those it has taken over since (moved_to_); a link there is read only while the
  // firm still supplies it.
  const engine::SupplyNetwork* net_ = nullptr;
  std::vector<std::vector<std::uint32_t>> moved_to_;
  std::vector<FirmId> link_buyer_;  // per firm link
  std::vector<std::uint8_t> queued_;  // per firm: on the worklist
  std::size_t pending_ = 0;           // how many are
  const engine::SlotChanges* changes_ = nullptr;
  int step_ = 0;                       // of this call to above
  int read_at_ = -1;                   // of the last, when stamps told what changed since (else -1)
  std::uint64_t evaluations_ = 0;
};

}  // namespace regimesim::policy
