#include "discovery/sweep_cases.hpp"

#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <stdexcept>

namespace regimesim::analysis::discovery {
namespace {

using Json = nlohmann::json;

std::string flow_text(const Json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_array()) {
    std::string out = "[";
    for (std::size_t k = 0; k < v.size(); ++k) out += (k ? ", " : "") + flow_text(v[k]);
    return out + "]";
  }
  if (v.is_object()) {
    std::string out = "{";
    bool first = true;
    for (const auto& [key, value] : v.items()) out += (first ? "" : ", ") + key + ": " + flow_text(value), first = false;
    return out + "}";
  }
  return v.dump();
}

Json read_summary(const std::string& dir) {
  const auto path = (std::filesystem::path(dir) / "summary.json").string();
  std::ifstream in(path);
  if (!in)
    throw std::invalid_argument(path + ": not found; discover reads the result directory of a sweep or design "
                                       "(regimesim run SCENARIO --sweep key=values --out DIR)");
  try {
    return Json::parse(in);
  } catch (const Json::exception& e) {
    throw std::invalid_argument(path + ": not JSON (" + e.what() + ")");
  }
}

}  // namespace

std::string value_text(const std::string& json_text) { return flow_text(Json::parse(json_text)); }

SweepCases read_sweep_cases(const std::string& dir, const OutcomeChoice& choice) {
  const std::string path = (std::filesystem::path(dir) / "summary.json").string();
  const Json summary = read_summary(dir);
  const Json keys = summary.contains("sweep") ? summary["sweep"].value("keys", Json::array()) : Json::array();
  if (!summary.contains("statistics") || !summary["statistics"].is_array())
    throw std::invalid_argument(path + ": has no `statistics` list; it is not an ensemble's summary");
  if (keys.empty())
    throw std::invalid_argument(path + ": the result has one design point (no sweep); discovery needs a sweep or a "
                                       "design whose inputs vary");
  const Json& points = summary["statistics"];
  // Which `when` the metric is read at, among those the result has.
  std::set<std::string> whens, metrics;
  for (const auto& p : points)
    for (const auto& m : p.value("metrics", Json::array())) {
      metrics.insert(m.value("metric", "") + (m.value("group", "") == "WORLD" ? "" : " (" + m.value("group", "") + ")"));
      if (m.value("metric", "") == choice.metric && m.value("group", "") == choice.group) whens.insert(m.value("when", ""));
    }
  if (whens.empty()) {
    std::string known;
    for (const auto& m : metrics) known += (known.empty() ? "" : ", ") + m;
    throw std::invalid_argument(fmt::format("{}: no headline statistic {} for group {}; the result has: {}", path,
                                            choice.metric, choice.group, known));
  }
  std::string when = choice.when;
  if (when.empty()) {
    if (whens.size() > 1) {
      std::string w;
      for (const auto& x : whens) w += (w.empty() ? "'" : ", '") + x + "'";
      throw std::invalid_argument(fmt::format("{}: {} is read {} ways; choose one with --when: {}", path, choice.metric,
                                              whens.size(), w));
    }
    when = *whens.begin();
  } else if (!whens.count(when)) {
    throw std::invalid_argument(fmt::format("{}: {} is never read '{}'", path, choice.metric, when));
  }
  static const std::set<std::string> statistics{"mean", "sd", "q05", "q50", "q95", "ci95_low", "ci95_high"};
  if (!statistics.count(choice.statistic))
    throw std::invalid_argument("--statistic " + choice.statistic +
                                ": not a statistic of summary.json; use mean, sd, q05, q50, q95, ci95_low or ci95_high");

  SweepCases out;
  out.when = when;
  std::vector<std::vector<std::string>> columns(keys.size());
  for (const auto& p : points) {
    const Json* found = nullptr;
    static const Json none = Json::array();
    const Json& listed = p.contains("metrics") ? p["metrics"] : none;  // a reference: `found` points into it
    for (const auto& m : listed)
      if (m.value("metric", "") == choice.metric && m.value("group", "") == choice.group && m.value("when", "") == when)
        found = &m;
    if (!found || !(*found).contains(choice.statistic) || !(*found)[choice.statistic].is_number()) {
      ++out.points_without;
      continue;
    }
    const Json sweep = p.value("sweep", Json::object());
    for (std::size_t k = 0; k < keys.size(); ++k) {
      const auto key = keys[k].get<std::string>();
      if (!sweep.contains(key)) throw std::invalid_argument(fmt::format("{}: point {} has no value for {}", path, p.value("point", 0), key));
      columns[k].push_back(flow_text(sweep[key]));
    }
    const double v = (*found)[choice.statistic].get<double>();
    out.values.push_back(v);
    out.table.holds.push_back(choice.threshold.holds(v) ? 1 : 0);
  }
  for (std::size_t k = 0; k < keys.size(); ++k)
    out.table.inputs.push_back(column_from_text(keys[k].get<std::string>(), columns[k]));
  const int runs = summary.value("runs", 1);
  out.outcome_words = fmt::format("{} ({} over {} run{} per point, {}, {}) {}", choice.metric, choice.statistic, runs,
                                  runs == 1 ? "" : "s", choice.group, when, choice.threshold.words());
  return out;
}

}  // namespace regimesim::analysis::discovery
