#include "load/world_generator.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numeric>

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

}  // namespace

void generate_firms_and_links(World& w, const GenerationSpec& spec) {
  const FirmId first_generated = static_cast<FirmId>(w.firms.size());
  for (const auto& p : spec.production) {
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
        f.origin = p.origin;
        w.firms.push_back(std::move(f));
      }
    }
  }
  const auto makers = makers_by_item(w);
  for (FirmId b = first_generated; b < w.firms.size(); ++b) {
    const Item& item = w.items[w.firms[b].item];
    for (const auto& in : item.recipe) {
      if (in.coefficient <= 0) continue;
      const auto chosen = sample(makers[in.item], spec.links_per_input, spec.seed, random::kSupplierChoice, b, in.item);
      if (chosen.empty())
        throw ScenarioError(item.origin, fmt::format("no firm makes '{}', an input of '{}'; give '{}' a production "
                                                     "share or list its firms",
                                                     w.items[in.item].id, item.id, w.items[in.item].id));
      for (FirmId s : chosen) w.links.push_back(Link{s, b, w.firms[s].market_weight, w.firms[b].origin});
    }
  }
  // A listed firm cannot name generated suppliers (they do not exist when links are
  // read), so an input of a listed firm that no listed link supplies is drawn like a
  // generated firm's: a WMD-risk buyer listed in a generated world buys from its makers.
  std::vector<std::vector<ItemId>> linked(first_generated);
  for (const auto& l : w.links)
    if (l.buyer < first_generated && l.volume > 0) linked[l.buyer].push_back(w.firms[l.supplier].item);
  for (FirmId b = 0; b < first_generated; ++b)
    for (const auto& in : w.items[w.firms[b].item].recipe) {
      if (in.coefficient <= 0 || std::count(linked[b].begin(), linked[b].end(), in.item)) continue;
      for (FirmId s : sample(makers[in.item], spec.links_per_input, spec.seed, random::kSupplierChoice, b, in.item))
        w.links.push_back(Link{s, b, w.firms[s].market_weight, w.firms[b].origin});
    }
}

void link_final_demand(World& w, int per_state, std::uint64_t seed) {
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
