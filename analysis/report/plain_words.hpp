// The report's words: numbers as a person reads them, headline metrics as
// sentences, and a scenario's world and controls described from its resolved JSON
// (manifest.json), without sim's types.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace regimesim::report {

std::string html_escape(const std::string& s);
std::string percent(double share);  // 0.1234 -> "12.3%"
std::string amount(double value);   // 4 significant digits

// Is the metric a share (0-1), so that it reads in percent?
bool is_share_metric(const std::string& metric);

// What a metric measures, in one plain sentence (docs/METRICS.md has the formulas).
std::string metric_meaning(const std::string& metric);

// An ensemble's spread of one number.
struct Spread {
  double mean = 0, sd = 0, q05 = 0, q50 = 0, q95 = 0, ci95_low = 0, ci95_high = 0;
  int runs = 0;
};
std::optional<Spread> spread_from_json(const nlohmann::json& j);

// "At the end, 87.5% of the controlled items ... no longer reached them." Plain words
// for one headline entry of summary.json; with a spread, its uncertainty too.
// `baseline` (summary.json's `baseline`) is the level the value is read against: the
// sentence names it, so that a share comes with the quantity it is a share of.
std::string headline_sentence(const std::string& metric, const std::string& group, const std::string& when,
                              double value, const std::optional<Spread>& spread,
                              const std::optional<double>& baseline = std::nullopt);
std::string spread_sentence(const std::string& metric, const Spread& s);

// "4 states (AUS, KOR, JPN, USA), 3 items, 3 listed firms, 2 links."
std::string world_in_words(const nlohmann::json& resolved_scenario);
// One line per control: "ore-embargo: AUS embargoes ore to KOR, from step 6."
std::vector<std::string> controls_in_words(const nlohmann::json& resolved_scenario);

}  // namespace regimesim::report
