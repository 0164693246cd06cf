// Scenario discovery in the report: the boxes PRIM found over a sweep's points
// (discovery.json, docs/DISCOVERY.md), drawn as each box's peeling trajectory
// (coverage against density, step by step) and as the box over the cases, on the
// two inputs it restricts (or the first two numeric ones).
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "report/chart_data.hpp"

namespace regimesim::report {

// discovery.json's text, checked for what the report reads (outcome, cases, holds,
// inputs, boxes with their limits and trajectories, points). Throws ReportInputError
// naming `name` and the key that is missing or of the wrong kind.
nlohmann::json read_discovery(const std::string& text, const std::string& name);

// What the outcome is, in words for a title: "Where controlled items kept from their
// targets is above 90%" (a share metric's threshold in percent).
std::string discovery_title(const nlohmann::json& discovery);

// Box b's (0-based) peeling trajectory: records {step, coverage, density, support,
// peeled, chosen}, named "discovery-trajectory" (box 1) or "discovery-trajectory-B".
Chart trajectory_chart(const nlohmann::json& discovery, std::size_t b);

// The two inputs box b is drawn on: the numeric inputs it restricts, then the other
// numeric inputs, in the order of `inputs`. Empty when there are fewer than two.
std::vector<std::size_t> scatter_inputs(const nlohmann::json& discovery, std::size_t b);

// Box b over the cases on two numeric inputs: records {kind: "case", x, y, outcome}
// and one {kind: "box", x, x2, y, y2} (an unbounded side at the cases' extreme).
// Named "discovery-box" (box 1) or "discovery-box-B". None with fewer than two
// numeric inputs.
std::optional<Chart> box_chart(const nlohmann::json& discovery, std::size_t b);

}  // namespace regimesim::report
