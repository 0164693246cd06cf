#include "load/world_generator.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <exception>
#include <numeric>
#include <tuple>

#include <tbb/parallel_for.h>

#ifdef __GLIBC__
#include <malloc.h>
#endif

#include <Eigen/Dense>

#include "load/sourcing_line.hpp"
#include "load/state_flows.hpp"
#include "model/scenario_error.hpp"
#include "random/counter_draw.hpp"

namespace regimesim::load {
namespace {

// The makers of one item, with cumulative market weights for sampling.
struct Makers {
  std::vector<FirmId> firms;
  std::vector<double> cumulative;
};

std::vector<Makers> makers_by_item(const World& w) {
  std::vector<Makers> m(w.items.size());
  for (FirmId f = 0; f < w.firms.size(); ++f) {
    auto& mk = m[w.firms[f].item];
    const double prev = mk.cumulative.empty() ? 0.0 : mk.cumulative.back();
    mk.firms.push_back(f);
    mk.cumulative.push_back(prev + w.firms[f].market_weight);
  }
  return m;
}

// Draws up to k distinct firms in proportion to weight (with replacement, then
// rejecting repeats; k is small next to the number of makers). Deterministic in
// (seed, purpose, who, what).
std::vector<FirmId> sample(const Makers& mk, std::size_t k, std::uint64_t seed, random::Purpose purpose,
                           std::uint64_t who, std::uint64_t what) {
  std::vector<FirmId> chosen;
  if (mk.firms.empty() || mk.cumulative.back() <= 0) return chosen;
  k = std::min(k, mk.firms.size());
  if (k == mk.firms.size()) return mk.firms;
  const double total = mk.cumulative.back();
  for (std::uint64_t attempt = 0; chosen.size() < k && attempt < 64 * k; ++attempt) {
    const double u = random::uniform(seed, purpose, who, what, attempt) * total;
    auto it = std::upper_bound(mk.cumulative.begin(), mk.cumulative.end(), u);
    const FirmId f = mk.firms[std::min<std::size_t>(it - mk.cumulative.begin(), mk.firms.size() - 1)];
    if (std::find(chosen.begin(), chosen.end(), f) == chosen.end()) chosen.push_back(f);
  }
  std::sort(chosen.begin(), chosen.end());
  return chosen;
}

// Item-level totals. Every maker of an item makes the same share of it wherever the
// links fall, so the item's coefficient for an input is its makers' recipes averaged
// by market weight (a state's own recipe, recipe_in, counts with its makers' weight),
// and the world makes x = A x + d of each item: the Leontief solution at the level of
// items (only items someone makes; a world demanding an item nobody makes fails its
// checks later, with a located error).
std::vector<double> item_totals(const World& w, const std::vector<Makers>& makers) {
  const auto n = static_cast<Eigen::Index>(w.items.size());
  Eigen::MatrixXd m = Eigen::MatrixXd::Identity(n, n);
  Eigen::VectorXd d = Eigen::VectorXd::Zero(n);
  auto made = [&](ItemId i) { return !makers[i].firms.empty(); };
  for (ItemId i = 0; i < w.items.size(); ++i) {
    if (!made(i)) continue;
    const Makers& mk = makers[i];
    if (!(mk.cumulative.back() > 0)) continue;
    for (FirmId f : mk.firms) {
      const double weight = w.firms[f].market_weight / mk.cumulative.back();
      for (const auto& in : w.items[i].recipe_for(w.firms[f].state))
        if (in.coefficient > 0 && made(in.item)) m(in.item, i) -= weight * in.coefficient;
    }
  }
  for (const auto& state : w.states)
    for (const auto& [item, q] : state.final_demand)
      if (made(item)) d(item) += q;
  const Eigen::VectorXd x = m.partialPivLu().solve(d);
  return std::vector<double>(x.data(), x.data() + n);
}

// Cuts each buyer's need into `tranches` equal pieces, ordered by buying state and,
// within each state, at random (a draw on seed, buyer, item, piece): a buyer's pieces
// fall at random places along its state's stretch of demand.
struct Tranche {
  StateId state;
  double draw;      // order within the state
  double position;  // how far along its state's demand the piece's middle sits, in [0, 1]
  LinePiece piece;
};

std::vector<Tranche> tranches_by_state(const World& w, const std::vector<LinePiece>& needs, int tranches,
                                       std::uint64_t seed, ItemId item) {
  std::vector<Tranche> keyed;
  keyed.reserve(needs.size() * tranches);
  std::vector<double> state_total(w.states.size(), 0.0);
  for (const auto& n : needs) {
    state_total[w.firms[n.who].state] += n.amount;
    for (int t = 0; t < tranches; ++t)
      keyed.push_back({w.firms[n.who].state, random::uniform(seed, random::kSourcingOrder, n.who, item, t), 0.0,
                       {n.who, n.amount / tranches}});
  }
  std::sort(keyed.begin(), keyed.end(), [](const Tranche& a, const Tranche& b) {
    return std::tie(a.state, a.draw, a.piece.who) < std::tie(b.state, b.draw, b.piece.who);
  });
  double along = 0;
  for (std::size_t k = 0; k < keyed.size(); ++k) {
    if (k > 0 && keyed[k].state != keyed[k - 1].state) along = 0;
    const double total = state_total[keyed[k].state];
    keyed[k].position = total > 0 ? (along + 0.5 * keyed[k].piece.amount) / total : 0.0;
    along += keyed[k].piece.amount;
  }
  return keyed;
}

// Proportional sourcing: the states' sequences of pieces are interleaved by how far
// along their own demand each piece sits, so every state's pieces are spread evenly
// over the makers' line, and each state's buyers together source from each producing
// state in proportion to its share, to within a piece at each end of that state's stretch.
std::vector<LinePiece> interleaved(std::vector<Tranche> keyed) {
  std::stable_sort(keyed.begin(), keyed.end(), [](const Tranche& a, const Tranche& b) {
    return std::tie(a.position, a.state) < std::tie(b.position, b.state);
  });
  std::vector<LinePiece> out;
  out.reserve(keyed.size());
  for (const auto& k : keyed) out.push_back(k.piece);
  return out;
}

// Sourcing along a table of flows between states (load/state_flows.hpp): each buying
// state's pieces, in their order, are cut where its row moves from one producing
// state to the next; each producing state's share of pieces, interleaved by where they
// sit in their cell, is laid along its own makers' segments. Every cell, every buyer's
// need and every maker's segment come out exact.
std::vector<LineOverlap> along_state_flows(const World& w, const std::vector<Tranche>& keyed,
                                           const std::vector<LinePiece>& segments, const StateFlows& flows) {
  const std::size_t S = w.states.size();
  struct Part {
    double position;
    StateId buyer_state;
    LinePiece piece;
  };
  std::vector<std::vector<Part>> parts(S);  // by producing state
  for (std::size_t first = 0; first < keyed.size();) {
    const StateId b = keyed[first].state;
    std::size_t last = first;
    std::vector<LinePiece> pieces;
    for (; last < keyed.size() && keyed[last].state == b; ++last) pieces.push_back(keyed[last].piece);
    first = last;
    std::vector<LinePiece> cells;
    for (StateId s = 0; s < S; ++s) cells.push_back({s, flows.at(b, s)});
    std::vector<double> along(S, 0.0);
    for (const auto& o : overlap_along_line(pieces, cells)) {
      const double cell = flows.at(b, o.supplier);
      parts[o.supplier].push_back({cell > 0 ? (along[o.supplier] + 0.5 * o.amount) / cell : 0.0, b, {o.buyer, o.amount}});
      along[o.supplier] += o.amount;
    }
  }
  std::vector<LineOverlap> out;
  for (std::size_t first = 0; first < segments.size();) {
    const StateId s = w.firms[segments[first].who].state;
    std::size_t last = first;
    std::vector<LinePiece> own;
    for (; last < segments.size() && w.firms[segments[last].who].state == s; ++last) own.push_back(segments[last]);
    first = last;
    auto& p = parts[s];
    std::stable_sort(p.begin(), p.end(), [](const Part& a, const Part& b) {
      return std::tie(a.position, a.buyer_state) < std::tie(b.position, b.buyer_state);
    });
    std::vector<LinePiece> pieces;
    for (const auto& x : p) pieces.push_back(x.piece);
    for (const auto& o : overlap_along_line(pieces, own)) out.push_back(o);
  }
  return out;
}

void create_firms(World& w, const GenerationSpec& spec) {
  for (const auto& p : spec.production) {
    const OriginId where = w.add_origin(p.origin);  // every firm of the entry, and the links it buys on
    for (const auto& [state, share] : p.shares) {
      if (share <= 0) continue;
      // Firm sizes within a state: log-normal around equal shares, normalised so the
      // state's firms together hold exactly its world share.
      std::vector<double> size(spec.firms_per_state, 1.0);
      if (spec.firm_size_spread > 0) {
        for (int k = 0; k < spec.firms_per_state; ++k) {
          const double u1 = random::uniform(spec.seed, random::kFirmSize, p.item, state, 2 * k);
          const double u2 = random::uniform(spec.seed, random::kFirmSize, p.item, state, 2 * k + 1);
          const double z = std::sqrt(-2.0 * std::log1p(-u1)) * std::cos(2.0 * M_PI * u2);
          size[k] = std::exp(spec.firm_size_spread * z);
        }
      }
      const double total = std::accumulate(size.begin(), size.end(), 0.0);
      for (int k = 0; k < spec.firms_per_state; ++k) {
        Firm f;
        f.id = fmt::format("{}@{}#{}", w.items[p.item].id, w.states[state].code, k);
        f.state = state;
        f.item = p.item;
        f.market_weight = share * size[k] / total;
        f.origin = where;
        w.firms.push_back(std::move(f));
      }
    }
  }
}

// What one generated item's makers sell: the links to its buyers and to final demand.
struct ItemLinks {
  std::vector<Link> links;
  std::vector<FinalDemandLink> final_demand;
  std::exception_ptr error;  // what its sourcing refused, rethrown in item order
};

void link_item(const World& w, const GenerationSpec& spec, const ProductionShares& p, const Makers& mk,
               const std::vector<double>& totals, const std::vector<double>& target,
               const std::vector<LinePiece>& item_needs, const std::vector<double>& final_demand, ItemLinks& out) {
  const ItemId j = p.item;
  const double final_part = totals[j] > 0 ? std::min(1.0, final_demand[j] / totals[j]) : 0.0;
  std::vector<LinePiece> segments;
  for (FirmId f : mk.firms) segments.push_back({f, target[f] * (1.0 - final_part)});
  auto keyed = tranches_by_state(w, item_needs, spec.links_per_input, spec.seed, j);
  std::vector<const ImportShares*> figures;
  for (const auto& fig : spec.import_shares)
    if (fig.item == j) figures.push_back(&fig);
  std::vector<LineOverlap> overlaps;
  if (figures.empty()) {
    overlaps = overlap_along_line(interleaved(std::move(keyed)), segments);
  } else {
    std::vector<double> need(w.states.size(), 0.0), output(w.states.size(), 0.0);
    for (const auto& n : item_needs) need[w.firms[n.who].state] += n.amount;
    for (const auto& seg : segments) output[w.firms[seg.who].state] += seg.amount;
    overlaps = along_state_flows(w, keyed, segments, state_flows(w, j, need, output, figures));
  }
  for (const auto& o : overlaps) out.links.push_back(Link{o.supplier, o.buyer, o.amount, w.firms[o.buyer].origin});

  // Final demand: every consuming state buys from every producing state in
  // proportion to its share, through the makers its slice of that state's line covers.
  for (std::size_t first = 0; first < mk.firms.size();) {
    const StateId producer = w.firms[mk.firms[first]].state;
    std::size_t last = first;
    double producer_output = 0;
    std::vector<LinePiece> producer_segments;
    for (; last < mk.firms.size() && w.firms[mk.firms[last]].state == producer; ++last) {
      producer_output += target[mk.firms[last]];
      producer_segments.push_back({mk.firms[last], target[mk.firms[last]] * final_part});
    }
    first = last;
    if (!(final_part > 0) || !(totals[j] > 0)) continue;
    std::vector<std::pair<double, LinePiece>> consumers;
    for (StateId c = 0; c < w.states.size(); ++c)
      for (const auto& [item, q] : w.states[c].final_demand)
        if (item == j && q > 0)
          consumers.push_back({random::uniform(spec.seed, random::kFinalDemandSupplier, c, j, producer),
                               {c, q * producer_output / totals[j]}});
    std::sort(consumers.begin(), consumers.end(), [](const auto& a, const auto& b) {
      return a.first != b.first ? a.first < b.first : a.second.who < b.second.who;
    });
    std::vector<LinePiece> pieces;
    for (const auto& c : consumers) pieces.push_back(c.second);
    for (const auto& o : overlap_along_line(pieces, producer_segments))
      out.final_demand.push_back(FinalDemandLink{o.supplier, o.buyer, o.amount});
  }
}

}  // namespace

void generate_firms_and_links(World& w, const GenerationSpec& spec) {
  const FirmId first_generated = static_cast<FirmId>(w.firms.size());
  create_firms(w, spec);
  w.production = spec.production;
  w.import_shares = spec.import_shares;
  const auto makers = makers_by_item(w);
  const std::size_t I = w.items.size();
  std::vector<bool> generated(I, false);
  for (const auto& p : spec.production) generated[p.item] = true;

  // What each firm makes at baseline: its item's total split by market weight. For a
  // generated item that is exactly its share of the data; for a listed item with
  // several makers it is an estimate (their own links decide), and only their demand
  // for generated inputs reads it.
  const auto totals = item_totals(w, makers);
  std::vector<double> target(w.firms.size(), 0.0);
  for (FirmId f = 0; f < w.firms.size(); ++f) {
    const double item_weight = makers[w.firms[f].item].cumulative.back();
    if (item_weight > 0) target[f] = std::max(0.0, totals[w.firms[f].item]) * w.firms[f].market_weight / item_weight;
  }

  // A listed firm cannot name generated suppliers (they do not exist when links are
  // read), so an input of a listed firm that no listed link supplies is sourced like a
  // generated firm's: a WMD-risk buyer listed in a generated world buys from its makers.
  std::vector<std::vector<ItemId>> linked(first_generated);
  for (const auto& l : w.links)
    if (l.buyer < first_generated && l.volume > 0) linked[l.buyer].push_back(w.firms[l.supplier].item);

  std::vector<std::vector<LinePiece>> needs(I);
  for (FirmId b = 0; b < w.firms.size(); ++b) {
    const Item& item = w.items[w.firms[b].item];
    for (const auto& in : item.recipe_for(w.firms[b].state)) {
      if (in.coefficient <= 0) continue;
      if (b < first_generated && std::count(linked[b].begin(), linked[b].end(), in.item)) continue;
      if (makers[in.item].firms.empty())
        throw ScenarioError(item.origin, fmt::format("no firm makes '{}', an input of '{}'; give '{}' a production "
                                                     "share or list its firms",
                                                     w.items[in.item].id, item.id, w.items[in.item].id));
      const double need = in.coefficient * target[b];
      if (generated[in.item] && need > 0) {
        needs[in.item].push_back({b, need});
        continue;
      }
      // A listed input, or a buyer that makes nothing at baseline: drawn by market
      // weight. Such links carry no flow at baseline, or the listed makers' own.
      for (FirmId s : sample(makers[in.item], spec.links_per_input, spec.seed, random::kSupplierChoice, b, in.item))
        w.links.push_back(Link{s, b, w.firms[s].market_weight, w.firms[b].origin});
    }
  }

  // Each generated item's output goes to final demand and to its buyers in the same
  // proportion at every maker, so each maker's sales of both add up to its share.
  std::vector<double> final_demand(I, 0.0);
  for (const auto& state : w.states)
    for (const auto& [item, q] : state.final_demand) final_demand[item] += q;
  // Each item's links depend on nothing another item's do: the items are linked side
  // by side and their links joined in item order, so the world is the same on any
  // number of threads (and a refusal is the first item's, as one by one).
  std::vector<ItemLinks> made(spec.production.size());
  tbb::parallel_for(std::size_t{0}, spec.production.size(), [&](std::size_t n) {
    const ProductionShares& p = spec.production[n];
    try {
      link_item(w, spec, p, makers[p.item], totals, target, needs[p.item], final_demand, made[n]);
    } catch (...) {
      made[n].error = std::current_exception();
    }
  });
  for (const ItemLinks& m : made)
    if (m.error) std::rethrow_exception(m.error);
  std::size_t links = w.links.size(), final_links = w.final_demand_links.size();
  for (const ItemLinks& m : made) {
    links += m.links.size();
    final_links += m.final_demand.size();
  }
  w.links.reserve(links);
  w.final_demand_links.reserve(final_links);
  for (ItemLinks& m : made) {
    w.links.insert(w.links.end(), m.links.begin(), m.links.end());
    w.final_demand_links.insert(w.final_demand_links.end(), m.final_demand.begin(), m.final_demand.end());
    std::vector<Link>().swap(m.links);  // freed as they are joined: the peak is the links once and one item's
    std::vector<FinalDemandLink>().swap(m.final_demand);
  }
#ifdef __GLIBC__
  // The items' lists were made on the pool's threads, in their own malloc arenas, which
  // keep what was freed mapped: handed back, so that the run's peak is its own (50 MB
  // of the 10.8M-link world otherwise).
  malloc_trim(0);
#endif
  // The world is kept for the whole run: drop what growth by doubling left spare
  // (up to as much again as the links themselves).
  w.firms.shrink_to_fit();
  w.links.shrink_to_fit();
  w.final_demand_links.shrink_to_fit();
}

void link_final_demand(World& w, int per_state, std::uint64_t seed) {
  std::vector<bool> generated(w.items.size(), false);  // their final demand is linked with their firms
  for (const auto& p : w.production) generated[p.item] = true;
  // makers[item][state]
  std::vector<std::vector<Makers>> makers(w.items.size(), std::vector<Makers>(w.states.size()));
  for (FirmId f = 0; f < w.firms.size(); ++f) {
    auto& mk = makers[w.firms[f].item][w.firms[f].state];
    const double prev = mk.cumulative.empty() ? 0.0 : mk.cumulative.back();
    mk.firms.push_back(f);
    mk.cumulative.push_back(prev + w.firms[f].market_weight);
  }
  for (StateId c = 0; c < w.states.size(); ++c) {
    for (const auto& [item, q] : w.states[c].final_demand) {
      if (generated[item]) continue;
      for (StateId p = 0; p < w.states.size(); ++p) {
        const Makers& mk = makers[item][p];
        if (mk.firms.empty()) continue;
        const std::size_t k = per_state > 0 ? static_cast<std::size_t>(per_state) : mk.firms.size();
        const auto chosen = sample(mk, k, seed, random::kFinalDemandSupplier, (std::uint64_t(c) << 32) | p, item);
        // Each chosen firm stands for its state's makers: the state's weight is split
        // over the chosen in proportion to their own weights.
        double chosen_weight = 0;
        for (FirmId f : chosen) chosen_weight += w.firms[f].market_weight;
        if (chosen_weight <= 0) continue;
        for (FirmId f : chosen)
          w.final_demand_links.push_back(
              FinalDemandLink{f, c, mk.cumulative.back() * w.firms[f].market_weight / chosen_weight});
      }
    }
  }
}

}  // namespace regimesim::load
