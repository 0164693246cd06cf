#include "load/state_flows.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "model/scenario_error.hpp"

namespace regimesim::load {

StateFlows state_flows(const World& w, ItemId item, const std::vector<double>& need, const std::vector<double>& output,
                       const std::vector<const ImportShares*>& figures) {
  const std::size_t n = need.size();
  double total = 0;
  for (double x : need) total += x;
  StateFlows f;
  f.states = n;
  f.flow.assign(n * n, 0.0);
  if (!(total > 0)) return f;
  // Proportional sourcing: what the line gives without figures, and where RAS starts.
  for (std::size_t b = 0; b < n; ++b)
    for (std::size_t s = 0; s < n; ++s) f.flow[b * n + s] = need[b] * output[s] / total;

  std::vector<bool> fixed(n * n, false);
  std::vector<const ImportShares*> fixed_by(n, nullptr);  // a figure fixing a cell of this producer's column
  for (const ImportShares* fig : figures) {
    const std::size_t b = fig->buyer;
    const double imports = need[b] - f.flow[b * n + b];
    fixed[b * n + b] = true;
    double listed = 0;
    for (const auto& [s, share] : fig->from) {
      f.flow[b * n + s] = share * imports;
      fixed[b * n + s] = true;
      fixed_by[s] = fig;
      listed += share;
    }
    if (listed >= 1 - 1e-12)  // the figures name every source: the other cells are empty
      for (std::size_t s = 0; s < n; ++s)
        if (!fixed[b * n + s]) {
          f.flow[b * n + s] = 0;
          fixed[b * n + s] = true;
        }
  }

  // What the free cells must add up to in each row and column.
  std::vector<double> row(need), column(output);
  for (std::size_t b = 0; b < n; ++b)
    for (std::size_t s = 0; s < n; ++s)
      if (fixed[b * n + s]) {
        row[b] -= f.flow[b * n + s];
        column[s] -= f.flow[b * n + s];
      }
  const double tiny = 1e-12 * total;
  for (std::size_t s = 0; s < n; ++s)
    if (column[s] < -tiny && fixed_by[s])
      throw ScenarioError(fixed_by[s]->origin,
                          fmt::format("these import shares take more '{}' from {} than {} makes for firms "
                                      "({:.4g} against {:.4g}); lower the shares or check the production shares",
                                      w.items[item].id, w.states[s].code, w.states[s].code, output[s] - column[s],
                                      output[s]));

  const auto free_sum_row = [&](std::size_t b) {
    double x = 0;
    for (std::size_t s = 0; s < n; ++s) x += fixed[b * n + s] ? 0.0 : f.flow[b * n + s];
    return x;
  };
  const auto free_sum_column = [&](std::size_t s) {
    double x = 0;
    for (std::size_t b = 0; b < n; ++b) x += fixed[b * n + s] ? 0.0 : f.flow[b * n + s];
    return x;
  };
  double gap = 0;
  for (int round = 0; round < 10000; ++round) {
    for (std::size_t s = 0; s < n; ++s) {
      const double x = free_sum_column(s);
      if (x > 0)
        for (std::size_t b = 0; b < n; ++b)
          if (!fixed[b * n + s]) f.flow[b * n + s] *= std::max(0.0, column[s]) / x;
    }
    // Rows last, so that every buyer gets exactly its need; the columns then agree to
    // within the gap.
    for (std::size_t b = 0; b < n; ++b) {
      const double x = free_sum_row(b);
      if (x > 0)
        for (std::size_t s = 0; s < n; ++s)
          if (!fixed[b * n + s]) f.flow[b * n + s] *= row[b] / x;
    }
    gap = 0;
    for (std::size_t b = 0; b < n; ++b) gap = std::max(gap, std::abs(free_sum_row(b) - row[b]));
    for (std::size_t s = 0; s < n; ++s) gap = std::max(gap, std::abs(free_sum_column(s) - std::max(0.0, column[s])));
    if (gap <= tiny) return f;
  }
  const ImportShares* where = figures.empty() ? nullptr : figures.front();
  throw ScenarioError(where ? where->origin : Origin{},
                      fmt::format("the import shares of '{}' cannot hold together with its production shares (the "
                                  "flows between states still miss by {:.3g} of {:.4g}); some state's buyers would "
                                  "have to buy more than the others can sell them",
                                  w.items[item].id, gap, total));
}

}  // namespace regimesim::load
