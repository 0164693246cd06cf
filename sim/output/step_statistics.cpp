#include "output/step_statistics.hpp"

#include <fmt/format.h>

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <unordered_map>

#include "output/tidy_table.hpp"

namespace regimesim::output {
namespace {

struct Key {
  int step;
  std::uint32_t state, item;
  Metric metric;
  bool operator==(const Key& o) const {
    return step == o.step && state == o.state && item == o.item && metric == o.metric;
  }
};
struct KeyHash {
  std::size_t operator()(const Key& k) const {
    std::uint64_t h = static_cast<std::uint64_t>(static_cast<std::uint32_t>(k.step)) * 0x9e3779b97f4a7c15ULL;
    h ^= (static_cast<std::uint64_t>(k.state) << 32 | k.item) + 0xbf58476d1ce4e5b9ULL + (h << 6) + (h >> 2);
    h ^= static_cast<std::uint64_t>(k.metric) * 0x94d049bb133111ebULL;
    return static_cast<std::size_t>(h);
  }
};

bool same_layout(const std::vector<MetricRow>& a, const std::vector<MetricRow>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t k = 0; k < a.size(); ++k)
    if (a[k].step != b[k].step || a[k].state != b[k].state || a[k].item != b[k].item || a[k].metric != b[k].metric)
      return false;
  return true;
}

}  // namespace

bool absent_means_zero(Metric m) {
  switch (m) {  // the metrics output/metrics.cpp records only when they are not zero
    case Metric::wmd_leakage:
    case Metric::collateral_denial:
    case Metric::compliance_cost:
    case Metric::licence_applications:
    case Metric::delayed_trade:
    case Metric::leakage:
    case Metric::diverted_trade:
    case Metric::entities_listed:
    case Metric::switching_cost:
    case Metric::capacity_built:
    case Metric::tier_substitution:
    case Metric::expansion_cost: return true;
    // No default: a new metric must be sorted here (-Wswitch names it).
    case Metric::gross_output:
    case Metric::output_loss:
    case Metric::market_share:
    case Metric::market_share_shift:
    case Metric::price_index:
    case Metric::blocked_trade:
    case Metric::blocked_exports:
    case Metric::final_demand_shortfall:
    case Metric::denial_effectiveness:
    case Metric::order_shortfall:
    case Metric::orders_unfilled_share:
    case Metric::substitution_share:
    case Metric::target_indigenous_share:
    case Metric::controller_revenue_loss:
    case Metric::input_received:  // a named firm's rows are written every step
    case Metric::resourced_receipts: return false;
  }
  return false;
}

std::vector<RowStatistics> step_statistics(const std::vector<const std::vector<MetricRow>*>& runs, int threads) {
  std::vector<RowStatistics> out;
  if (runs.empty()) return out;
  bool aligned = true;
  for (const auto* r : runs) aligned = aligned && same_layout(*runs.front(), *r);
  tbb::task_arena arena(std::max(1, threads));
  if (aligned) {  // the usual case: every run has the same rows in the same order
    const auto& first = *runs.front();
    out.resize(first.size());
    arena.execute([&] {
      tbb::parallel_for(tbb::blocked_range<std::size_t>(0, first.size(), 4096), [&](const tbb::blocked_range<std::size_t>& r) {
        std::vector<double> values(runs.size());
        for (std::size_t k = r.begin(); k != r.end(); ++k) {
          for (std::size_t run = 0; run < runs.size(); ++run) values[run] = (*runs[run])[k].value;
          out[k] = RowStatistics{first[k].step, first[k].state, first[k].item, first[k].metric, analysis::describe(values)};
        }
      });
    });
    return out;
  }
  // Rows differ between runs (some are recorded only where something happened): key
  // them. One flat table of values, per key and run, with absent ones marked, keeps
  // this serial pass to a hash look-up per row.
  const std::size_t R = runs.size();
  std::size_t largest = 0;
  for (const auto* r : runs) largest = std::max(largest, r->size());
  std::unordered_map<Key, std::size_t, KeyHash> index;
  index.reserve(largest + largest / 4);
  out.reserve(largest + largest / 4);
  std::vector<double> value;          // key * R + run
  std::vector<std::uint8_t> present;  // the same layout
  for (std::size_t run = 0; run < R; ++run)
    for (const auto& row : *runs[run]) {
      const Key key{row.step, row.state, row.item, row.metric};
      auto [it, added] = index.try_emplace(key, out.size());
      if (added) {
        out.push_back(RowStatistics{row.step, row.state, row.item, row.metric, {}});
        value.resize(value.size() + R, 0.0);
        present.resize(present.size() + R, 0);
      }
      value[it->second * R + run] = row.value;
      present[it->second * R + run] = 1;
    }
  arena.execute([&] {
    tbb::parallel_for(tbb::blocked_range<std::size_t>(0, out.size(), 4096), [&](const tbb::blocked_range<std::size_t>& r) {
      std::vector<double> values;
      for (std::size_t k = r.begin(); k != r.end(); ++k) {
        values.clear();
        const bool zero = absent_means_zero(out[k].metric);
        for (std::size_t run = 0; run < R; ++run)
          if (present[k * R + run] || zero) values.push_back(value[k * R + run]);  // absent values are 0.0
        out[k].stats = analysis::describe(values);
      }
    });
  });
  return out;
}

std::string statistics_header(const std::vector<std::string>& sweep_keys) {
  std::string h = "scenario,";
  for (const auto& k : sweep_keys) h += csv_field(k) + ",";
  return h + "step,state,item,metric,runs,mean,sd,q05,q50,q95,ci95_low,ci95_high\n";
}

void write_statistics_block(std::ostream& out, const Scenario& sc, const std::vector<std::string>& sweep_cells,
                            const std::vector<RowStatistics>& rows, int threads) {
  std::string prefix = csv_field(sc.name) + ",";
  for (const auto& c : sweep_cells) prefix += csv_field(c) + ",";
  constexpr std::size_t kChunk = 8192;
  std::vector<std::string> chunks((rows.size() + kChunk - 1) / kChunk);
  tbb::task_arena arena(std::max(1, threads));
  arena.execute([&] {
    tbb::parallel_for(std::size_t{0}, chunks.size(), [&](std::size_t c) {
      fmt::memory_buffer buf;
      for (std::size_t k = c * kChunk; k < std::min(rows.size(), (c + 1) * kChunk); ++k) {
        const auto& r = rows[k];
        const auto& s = r.stats;
        fmt::format_to(std::back_inserter(buf), "{}{},{},{},{},{},{},{},{},{},{},{},{}\n", prefix, r.step,
                       state_label(sc, r.state), item_label(sc, r.item), to_string(r.metric), s.n, s.mean, s.sd, s.q05,
                       s.q50, s.q95, s.ci95_low, s.ci95_high);
      }
      chunks[c] = fmt::to_string(buf);
    });
  });
  for (const auto& c : chunks) out.write(c.data(), static_cast<std::streamsize>(c.size()));
}

}  // namespace regimesim::output
