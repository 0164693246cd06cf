#include "output/ensemble_summary.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>
#include <optional>

#include "output/step_statistics.hpp"

namespace regimesim::output {
namespace {

using Json = nlohmann::ordered_json;

Json point_values(const DesignColumns& d, std::size_t p) {
  Json o = Json::object();
  for (std::size_t k = 0; k < d.keys.size(); ++k) o[d.keys[k]] = Json::parse(d.json[p][k]);
  return o;
}

Json stats_json(const analysis::SampleStatistics& s) {
  return Json{{"mean", s.mean},         {"sd", s.sd},         {"q05", s.q05},
              {"q50", s.q50},           {"q95", s.q95},       {"ci95_low", s.ci95_low},
              {"ci95_high", s.ci95_high}, {"runs", s.n}};
}

Json metrics_json(const std::vector<HeadlineStatistics>& headlines) {
  Json metrics = Json::array();
  for (const auto& h : headlines) {
    Json m{{"metric", h.metric}, {"group", h.group}, {"when", h.when}};
    m.update(stats_json(h.stats));
    metrics.push_back(m);
  }
  return metrics;
}

Json design_json(const DesignColumns& d) {
  Json points = Json::array();
  for (std::size_t p = 0; p < d.json.size(); ++p) points.push_back(point_values(d, p));
  return Json{{"keys", d.keys}, {"points", points}};
}

}  // namespace

std::vector<HeadlineStatistics> headline_statistics(const std::vector<RunSummary>& runs) {
  std::vector<std::vector<HeadlineValue>> values(runs.size());
  for (std::size_t run = 0; run < runs.size(); ++run) {
    const RunSummary& r = runs[run];
    values[run].push_back({"output_loss", "WORLD", "at the horizon", r.world.output_loss_horizon});
    values[run].push_back({"output_loss", "WORLD", "over the run", r.world.output_loss_cumulative});
    for (const auto& h : r.headlines) values[run].push_back({to_string(h.metric), h.group, h.when, h.value});
  }
  return describe_headlines(values);
}

std::vector<HeadlineStatistics> describe_headlines(const std::vector<std::vector<HeadlineValue>>& runs) {
  std::vector<HeadlineStatistics> out;
  std::vector<bool> zero_when_absent;
  std::vector<std::vector<std::optional<double>>> by_run;  // per headline, per run
  for (std::size_t run = 0; run < runs.size(); ++run)
    for (const HeadlineValue& h : runs[run]) {
      std::size_t k = 0;
      while (k < out.size() && !(out[k].metric == h.metric && out[k].group == h.group && out[k].when == h.when)) ++k;
      if (k == out.size()) {
        out.push_back(HeadlineStatistics{h.metric, h.group, h.when, {}});
        const auto m = metric_named(h.metric);
        zero_when_absent.push_back(m && absent_means_zero(*m));
        by_run.emplace_back(runs.size());
      }
      by_run[k][run] = h.value;
    }
  for (std::size_t k = 0; k < out.size(); ++k) {
    std::vector<double> values;
    for (const auto& v : by_run[k])
      if (v || zero_when_absent[k]) values.push_back(v.value_or(0.0));
    out[k].stats = analysis::describe(values);
  }
  return out;
}

std::string ensemble_summary_json(const RunSummary& first, int runs, const DesignColumns& design,
                                  const std::vector<std::vector<HeadlineStatistics>>& per_point) {
  Json j = Json::parse(summary_json(first));
  j["runs"] = runs;
  j["sweep"] = design_json(design);
  Json stats = Json::array();
  for (std::size_t p = 0; p < per_point.size(); ++p) {
    stats.push_back(Json{{"point", p}, {"sweep", point_values(design, p)}, {"metrics", metrics_json(per_point[p])}});
  }
  j["statistics"] = stats;
  return j.dump(2) + "\n";
}

std::string restate_ensemble_summary(const std::string& summary_json, int runs,
                                     const std::vector<std::vector<HeadlineStatistics>>& per_point) {
  Json j = Json::parse(summary_json);
  j["runs"] = runs;
  Json stats = Json::array();
  for (std::size_t p = 0; p < per_point.size(); ++p) {
    stats.push_back(Json{{"point", p}, {"sweep", j.at("sweep").at("points").at(p)}, {"metrics", metrics_json(per_point[p])}});
  }
  j["statistics"] = stats;
  return j.dump(2) + "\n";
}

std::string ensemble_manifest_json(const std::string& manifest, const EnsembleProvenance& p, const DesignColumns& design) {
  Json j = Json::parse(manifest);
  j["runs"] = p.runs;
  j["run_indices"] = p.run_indices;
  j["threads"] = p.threads;
  j["seed"] = p.base_seeds.empty() ? 0 : p.base_seeds.front();
  j["seed_rule"] = "run 0 takes the base seed; run i > 0 takes splitmix64(splitmix64(base) + i)";
  j["run_seeds"] = p.run_seeds.empty() ? Json::array() : Json(p.run_seeds.front());
  bool seeds_differ = false;
  for (auto s : p.base_seeds) seeds_differ = seeds_differ || s != p.base_seeds.front();
  if (seeds_differ) j["point_run_seeds"] = p.run_seeds;  // the seed itself is swept
  if (!p.world_seeds.empty()) {
    j["vary"] = "world";
    j["world_seed_rule"] = "run 0 keeps world.generate.seed; run i > 0 takes splitmix64(splitmix64(base) + i) mod 2^63";
    j["world_seeds"] = p.world_seeds.front();
  }
  j["sweep"] = design_json(design);
  j["files"]["statistics.csv"] =
      "per sweep point, step, state, item and metric over the runs: runs, mean, sd, q05, q50, q95, ci95_low, ci95_high";
  return j.dump(2) + "\n";
}

void print_headline_statistics(std::ostream& out, int runs, const DesignColumns& design,
                               const std::vector<std::vector<HeadlineStatistics>>& per_point) {
  out << fmt::format("\nOver {} run{} (mean, 95% interval of the mean, 5-95% of runs):\n", runs, runs == 1 ? "" : "s");
  for (std::size_t p = 0; p < per_point.size(); ++p) {
    if (!design.keys.empty()) {
      std::string at;
      for (std::size_t k = 0; k < design.keys.size(); ++k)
        at += (k ? ", " : "") + design.keys[k] + " = " + design.json[p][k];
      out << "  at " << at << ":\n";
    }
    for (const auto& h : per_point[p])
      out << fmt::format("    {:<24} {:<10} {:>11.4g}  [{:.4g}, {:.4g}]  ({:.4g} to {:.4g})  {}\n", h.metric, h.group,
                         h.stats.mean, h.stats.ci95_low, h.stats.ci95_high, h.stats.q05, h.stats.q95, h.when);
  }
}

}  // namespace regimesim::output
