#include "output/manifest.hpp"

#include <chrono>
#include <ctime>
#include <nlohmann/json.hpp>

#include "version.hpp"

namespace regimesim::output {

std::string manifest_json(const Scenario& sc, const std::string& command_line, double wall_seconds) {
  nlohmann::ordered_json j;
  j["regimesim_version"] = kVersion;
  j["git_commit"] = kGitCommit;
  j["scenario"] = sc.name;
  j["scenario_file"] = sc.source_file;
  j["seed"] = sc.seed;
  j["steps"] = sc.steps;
  j["command_line"] = command_line;
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  char stamp[32];
  std::strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&now));
  j["created_utc"] = stamp;
  j["wall_time_seconds"] = wall_seconds;
  j["files"] = {{"timeseries.csv", "tidy long table: scenario, run, seed (0x and 16 hex digits), step, state, item, metric, value"},
                {"summary.json", "headline metrics per state and world"},
                {"metrics.csv", "the data dictionary: per metric its kind, unit, baseline unit, how it is read, its headline, label and definition"}};
  j["resolved_scenario"] = nlohmann::ordered_json::parse(sc.resolved_json);
  return j.dump(2) + "\n";
}

}  // namespace regimesim::output

namespace regimesim::output {

std::string with_output_choice(const std::string& manifest, const OutputChoice& c) {
  auto j = nlohmann::ordered_json::parse(manifest);
  nlohmann::ordered_json o;
  if (!c.statistics_detail.empty()) o["statistics"] = c.statistics_detail;
  o["per_run"] = c.per_run_detail;
  o["metrics"] = c.metrics;
  o["states"] = c.states;
  o["items"] = c.items;
  j["output"] = std::move(o);
  if (c.per_run_detail == "none") j["files"].erase("timeseries.csv");
  return j.dump(2) + "\n";
}

}  // namespace regimesim::output
