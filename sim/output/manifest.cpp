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
  j["files"] = {{"timeseries.csv", "tidy long table: scenario, run, seed, step, state, item, metric, value"},
                {"summary.json", "headline metrics per state and world"}};
  j["resolved_scenario"] = nlohmann::ordered_json::parse(sc.resolved_json);
  return j.dump(2) + "\n";
}

}  // namespace regimesim::output
