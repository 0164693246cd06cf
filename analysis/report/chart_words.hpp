// The words a chart's titles, axes and legends use: a metric's name and unit, a
// headline's group and a swept key, as a reader says them. (The sentences of the
// page are plain_words'.)
#pragma once

#include <string>

namespace regimesim::report {

// A metric as a chart names it: a title in plain words, the y axis's label for its
// value in one month, and its unit, e.g. {"Controlled items kept from their targets",
// "share denied", "share"}. A metric it does not know reads as its id.
struct MetricWords {
  std::string title, axis, unit;
};
MetricWords metric_words(const std::string& metric);

// A headline's group as a reader says it: "in developing states", "firm cn_fab",
// "control ore-embargo", a state's code as it is, or "" for the world.
std::string group_words(const std::string& group);

// A swept key path as a reader says it: world.states.USA.enforcement_effort ->
// "USA enforcement effort"; world.coalitions.chip_circle.members -> "chip_circle members".
std::string key_in_words(const std::string& key_path);

}  // namespace regimesim::report
