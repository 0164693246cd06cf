#include "chokepoints/single_point_of_failure.hpp"

#include <algorithm>
#include <cstdint>
#include <numeric>
#include <stdexcept>

namespace regimesim::analysis {

namespace {

// The network prepared for many removals: each (buyer, slot) pair is one input
// slot with a count of live supplying edges; a supplier's out-edges point at the
// slots they feed. A removal decrements counts along the cascade and undoes only
// what it touched, so one query costs the size of its cascade, not of the network.
class Cascade {
 public:
  Cascade(int nodes, const std::vector<FlowEdge>& edges) : first_out_(static_cast<std::size_t>(nodes) + 1, 0) {
    std::vector<const FlowEdge*> live;
    for (const FlowEdge& e : edges)
      if (e.flow > 0) live.push_back(&e);
    std::sort(live.begin(), live.end(), [](const FlowEdge* a, const FlowEdge* b) {
      return a->buyer != b->buyer ? a->buyer < b->buyer : a->slot < b->slot;
    });
    std::vector<int> slot_of_edge(live.size());
    for (std::size_t k = 0; k < live.size(); ++k) {
      if (k == 0 || live[k]->buyer != live[k - 1]->buyer || live[k]->slot != live[k - 1]->slot) {
        slot_buyer_.push_back(live[k]->buyer);
        suppliers_.push_back(0);
      }
      slot_of_edge[k] = static_cast<int>(slot_buyer_.size()) - 1;
      ++suppliers_.back();
      ++first_out_[static_cast<std::size_t>(live[k]->supplier) + 1];
    }
    std::partial_sum(first_out_.begin(), first_out_.end(), first_out_.begin());
    out_slot_.resize(live.size());
    std::vector<int> next(first_out_.begin(), first_out_.end() - 1);
    for (std::size_t k = 0; k < live.size(); ++k)
      out_slot_[static_cast<std::size_t>(next[static_cast<std::size_t>(live[k]->supplier)]++)] = slot_of_edge[k];
    live_suppliers_ = suppliers_;
    dead_in_round_.assign(static_cast<std::size_t>(nodes), 0);
  }

  // Nodes starved by removing `removed`, in the order they starve.
  const std::vector<int>& run(const std::vector<int>& removed) {
    ++round_;
    starved_.clear();
    queue_.clear();
    for (const int v : removed) kill(v, /*starved=*/false);
    for (std::size_t head = 0; head < queue_.size(); ++head) {
      const auto x = static_cast<std::size_t>(queue_[head]);
      for (int k = first_out_[x]; k < first_out_[x + 1]; ++k) {
        const auto s = static_cast<std::size_t>(out_slot_[static_cast<std::size_t>(k)]);
        if (live_suppliers_[s] == suppliers_[s]) touched_.push_back(static_cast<int>(s));
        if (--live_suppliers_[s] == 0) kill(slot_buyer_[s], /*starved=*/true);
      }
    }
    for (const int s : touched_) live_suppliers_[static_cast<std::size_t>(s)] = suppliers_[static_cast<std::size_t>(s)];
    touched_.clear();
    return starved_;
  }

 private:
  void kill(int v, bool starved) {
    auto& mark = dead_in_round_[static_cast<std::size_t>(v)];
    if (mark == round_) return;
    mark = round_;
    queue_.push_back(v);
    if (starved) starved_.push_back(v);
  }

  std::vector<int> first_out_;       // CSR over suppliers: out_slot_[first_out_[v] .. first_out_[v+1])
  std::vector<int> out_slot_;        // the slot each out-edge feeds
  std::vector<int> slot_buyer_;      // the node each slot belongs to
  std::vector<int> suppliers_;       // live supplying edges per slot at baseline
  std::vector<int> live_suppliers_;  // the same during a cascade
  std::vector<std::uint32_t> dead_in_round_;  // round in which a node went down; no reset between rounds
  std::uint32_t round_ = 0;
  std::vector<int> queue_, starved_, touched_;
};

}  // namespace

std::vector<int> starved_nodes(int nodes, const std::vector<FlowEdge>& edges, const std::vector<int>& removed) {
  require_nodes_in_range(nodes, edges);
  for (const int v : removed)
    if (v < 0 || v >= nodes) throw std::invalid_argument("starved_nodes: removed node out of range");
  Cascade cascade(nodes, edges);
  return cascade.run(removed);
}

std::vector<FailurePoint> single_points_of_failure(int nodes, const std::vector<FlowEdge>& edges,
                                                   const std::vector<double>& output, int top_k, int candidates) {
  require_nodes_in_range(nodes, edges);
  if (output.size() != static_cast<std::size_t>(nodes))
    throw std::invalid_argument("single_points_of_failure: one output per node");
  if (top_k <= 0) return {};

  std::vector<int> tried(static_cast<std::size_t>(nodes));
  std::iota(tried.begin(), tried.end(), 0);
  if (candidates > 0 && candidates < nodes) {
    std::vector<double> out_flow(static_cast<std::size_t>(nodes), 0.0);
    for (const FlowEdge& e : edges)
      if (e.flow > 0) out_flow[static_cast<std::size_t>(e.supplier)] += e.flow;
    const auto keep = static_cast<std::size_t>(std::min(nodes, std::max(candidates, top_k)));
    std::partial_sort(tried.begin(), tried.begin() + static_cast<std::ptrdiff_t>(keep), tried.end(), [&](int a, int b) {
      const double fa = out_flow[static_cast<std::size_t>(a)], fb = out_flow[static_cast<std::size_t>(b)];
      return fa != fb ? fa > fb : a < b;
    });
    tried.resize(keep);
  }

  Cascade cascade(nodes, edges);
  std::vector<FailurePoint> points;
  std::vector<int> removed(1);
  for (const int v : tried) {
    removed[0] = v;
    const std::vector<int>& starved = cascade.run(removed);
    if (starved.empty()) continue;
    FailurePoint p{v, 0.0, static_cast<int>(starved.size())};
    for (const int u : starved) p.starved_output += output[static_cast<std::size_t>(u)];
    points.push_back(p);
  }
  const auto keep = std::min(points.size(), static_cast<std::size_t>(top_k));
  std::partial_sort(points.begin(), points.begin() + static_cast<std::ptrdiff_t>(keep), points.end(),
                    [](const FailurePoint& a, const FailurePoint& b) {
                      if (a.starved_output != b.starved_output) return a.starved_output > b.starved_output;
                      if (a.starved_nodes != b.starved_nodes) return a.starved_nodes > b.starved_nodes;
                      return a.node < b.node;
                    });
  points.resize(keep);
  return points;
}

}  // namespace regimesim::analysis
