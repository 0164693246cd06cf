#include "load/world_checks.hpp"

#include <fmt/format.h>

#include <vector>

#include "input_output/leontief.hpp"
#include "model/scenario_error.hpp"

namespace regimesim::load {

void check_generation_against_listed_firms(const World& w, const GenerationSpec& spec) {
  std::vector<bool> listed(w.items.size(), false);
  for (const auto& f : w.firms) listed[f.item] = true;
  for (const auto& p : spec.production)
    if (listed[p.item])
      throw ScenarioError(p.origin, fmt::format("item '{}' has firms listed under world.firms and is also generated; "
                                                "choose one way for each item",
                                                w.items[p.item].id));
}

void check_every_input_supplied(const World& w) {
  // The items each buyer's links supply, buyer by buyer in one flat list (counted, then
  // placed): a list per firm would be a million small allocations in a large world.
  std::vector<std::uint32_t> begin(w.firms.size() + 1, 0);
  for (const auto& l : w.links)
    if (l.volume > 0) ++begin[l.buyer + 1];
  for (std::size_t f = 0; f < w.firms.size(); ++f) begin[f + 1] += begin[f];
  std::vector<ItemId> supplied(begin.back());
  std::vector<std::uint32_t> next(begin.begin(), begin.end() - 1);
  for (const auto& l : w.links)
    if (l.volume > 0) supplied[next[l.buyer]++] = w.firms[l.supplier].item;
  for (FirmId f = 0; f < w.firms.size(); ++f) {
    const Item& item = w.items[w.firms[f].item];
    for (const auto& in : item.recipe_for(w.firms[f].state)) {
      if (in.coefficient <= 0) continue;
      bool found = false;
      for (auto k = begin[f]; k < begin[f + 1]; ++k) found |= supplied[k] == in.item;
      if (!found)
        throw ScenarioError(w.origin_of(w.firms[f]),
                            fmt::format("firm '{}' makes '{}', whose recipe needs '{}', but no link with a positive "
                                        "volume supplies it; add a link from a firm that makes '{}'",
                                        w.firms[f].id, item.id, w.items[in.item].id, w.items[in.item].id));
    }
  }
}

void check_final_demand_has_makers(const World& w) {
  std::vector<bool> made(w.items.size(), false);
  for (const auto& f : w.firms) made[f.item] = true;
  for (const auto& s : w.states)
    for (const auto& [item, q] : s.final_demand)
      if (!made[item]) {
        Origin o = s.origin;
        o.key_path += ".final_demand." + w.items[item].id;
        throw ScenarioError(o, fmt::format("no firm makes '{}', so this demand could never be met", w.items[item].id));
      }
}

void check_recipes_productive(const World& w, const Origin& items_origin) {
  const auto n = static_cast<Eigen::Index>(w.items.size());
  Eigen::MatrixXd A = Eigen::MatrixXd::Zero(n, n);
  // A state's own recipe (recipe_in) counts by its largest coefficients: the world's
  // mix of makers then uses no more of any input than this matrix says.
  for (Eigen::Index j = 0; j < n; ++j) {
    for (const auto& in : w.items[j].recipe) A(in.item, j) += in.coefficient;
    for (const auto& variant : w.items[j].recipe_in) {
      Eigen::VectorXd column = Eigen::VectorXd::Zero(n);
      for (const auto& in : variant.recipe) column(in.item) += in.coefficient;
      A.col(j) = A.col(j).cwiseMax(column);
    }
  }
  // Only which side of 1 matters, so the bounds stop as soon as they tell.
  const auto rho = analysis::spectral_radius_bounds(A, 1e-6, 100000, 1.0);
  if (rho.upper >= 1.0)
    throw ScenarioError(items_origin,
                        fmt::format("these recipes cannot be produced: the spectral radius of the input-coefficient "
                                    "matrix is {:.4g}, and it must be below 1 (some loop of inputs uses up at least "
                                    "as much as it makes); lower the recipe coefficients on that loop",
                                    rho.lower >= 1.0 ? analysis::spectral_radius(A) : rho.upper));
}

}  // namespace regimesim::load
