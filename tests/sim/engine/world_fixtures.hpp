// Small worlds shared by the engine tests, and an independent dense Leontief
// solution of a World computed straight from its links (not from the engine).
#pragma once

#include <Eigen/Dense>
#include <string>

#include "model/world.hpp"

namespace regimesim::testing {

// Five states, four items with a loop (chips need equipment, equipment needs
// chips), three firms per state and item, sizes spread, two suppliers per input.
inline std::string generated_world_yaml(const std::string& controls = "") {
  return R"(name: generated
steps: 36
seed: 3
world:
  states:
    - {code: USA, final_demand: {chips: 30, phones: 20}}
    - {code: CHN, status: developing, final_demand: {phones: 50}}
    - {code: JPN, final_demand: {phones: 15}}
    - {code: NLD}
    - {code: KOR, final_demand: {chips: 10}}
  items:
    - {id: gallium, tier: 1}
    - {id: equipment, tier: 5, recipe: {chips: 0.1}}
    - {id: chips, tier: 4, recipe: {gallium: 0.05, equipment: 0.2}}
    - {id: phones, tier: 3, recipe: {chips: 0.3}}
  generate:
    seed: 11
    firms_per_state: 3
    links_per_input: 2
    firm_size_spread: 0.5
    capacity_headroom: 0.2
    production:
      gallium: {CHN: 0.9, JPN: 0.1}
      equipment: {NLD: 0.5, USA: 0.3, JPN: 0.2}
      chips: {KOR: 0.4, USA: 0.3, CHN: 0.3}
      phones: {CHN: 0.7, KOR: 0.2, USA: 0.1}
)" + controls;
}

// x = (I - A)^-1 d with A(s, b) = recipe coefficient of s's item in b's item times
// b's baseline share of s among its suppliers of that item.
inline Eigen::VectorXd dense_leontief(const World& w) {
  const auto n = static_cast<Eigen::Index>(w.firms.size());
  Eigen::MatrixXd A = Eigen::MatrixXd::Zero(n, n);
  Eigen::VectorXd d = Eigen::VectorXd::Zero(n);
  for (const auto& l : w.links) {
    const ItemId in = w.firms[l.supplier].item;
    double total = 0;
    for (const auto& m : w.links)
      if (m.buyer == l.buyer && w.firms[m.supplier].item == in) total += m.volume;
    double coefficient = 0;
    for (const auto& r : w.items[w.firms[l.buyer].item].recipe)
      if (r.item == in) coefficient += r.coefficient;
    A(l.supplier, l.buyer) += coefficient * l.volume / total;
  }
  for (const auto& f : w.final_demand_links) {
    const ItemId item = w.firms[f.supplier].item;
    double total = 0;
    for (const auto& g : w.final_demand_links)
      if (g.consumer == f.consumer && w.firms[g.supplier].item == item) total += g.weight;
    double demand = 0;
    for (const auto& [i, q] : w.states[f.consumer].final_demand)
      if (i == item) demand += q;
    d(f.supplier) += demand * f.weight / total;
  }
  return (Eigen::MatrixXd::Identity(n, n) - A).fullPivLu().solve(d);
}

}  // namespace regimesim::testing
