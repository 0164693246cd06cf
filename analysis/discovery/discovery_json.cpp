#include "discovery/discovery_json.hpp"

#include <algorithm>
#include <cmath>

#include "discovery/box_words.hpp"

namespace regimesim::analysis::discovery {
namespace {

using Json = nlohmann::ordered_json;

Json number_or_null(double x) { return std::isfinite(x) ? Json(x) : Json(nullptr); }

Json statistics_json(const BoxStatistics& s) {
  return Json{{"coverage", s.coverage}, {"density", s.density}, {"support", s.support},
              {"cases", s.cases_in},    {"holds", s.holds_in}};
}

Json input_json(const InputColumn& c) {
  Json j{{"name", c.name}, {"kind", c.categorical ? "category" : "number"}};
  if (c.categorical) {
    j["labels"] = c.labels;
  } else if (!c.numbers.empty()) {
    j["min"] = *std::min_element(c.numbers.begin(), c.numbers.end());
    j["max"] = *std::max_element(c.numbers.begin(), c.numbers.end());
  }
  return j;
}

Json limits_json(const CaseTable& t, const FoundBox& f, std::size_t j) {
  const auto& c = t.inputs[j];
  const auto& l = f.box.limits[j];
  Json out{{"input", c.name}, {"restricted", restricts(t, f.box, j, f.among)}};
  if (c.categorical) {
    Json kept = Json::array();
    for (std::size_t k = 0; k < c.labels.size(); ++k)
      if (l.allowed[k]) kept.push_back(c.labels[k]);
    out["kept"] = std::move(kept);
  } else {
    out["low"] = number_or_null(l.low);
    out["high"] = number_or_null(l.high);
  }
  // The words the terminal prints, for the report to show as they are.
  out["words"] = limits_words(c, l);
  out["span"] = span_words(c, f.among);
  return out;
}

// Every case: its inputs' values (a number, or a category's label) in the order of
// `inputs`, and whether the outcome held, so that a reader can draw the cases around a box.
Json points_json(const CaseTable& t) {
  Json points = Json::array();
  for (std::size_t i = 0; i < t.cases(); ++i) {
    Json at = Json::array();
    for (const auto& c : t.inputs) at.push_back(c.categorical ? Json(c.labels[c.codes[i]]) : Json(c.numbers[i]));
    points.push_back(Json{{"at", std::move(at)}, {"holds", t.holds[i] != 0}});
  }
  return points;
}

}  // namespace

Json discovery_json(const CaseTable& t, const Discovery& d, const PrimOptions& o, const Json& outcome) {
  Json inputs = Json::array();
  for (const auto& c : t.inputs) inputs.push_back(input_json(c));
  Json boxes = Json::array();
  for (const auto& f : d.boxes) {
    Json limits = Json::array();
    for (std::size_t j = 0; j < t.inputs.size(); ++j) limits.push_back(limits_json(t, f, j));
    Json trajectory = Json::array();
    for (std::size_t k = 0; k < f.trajectory.size(); ++k) {
      Json s = statistics_json(f.trajectory[k].stats);
      s["step"] = k;
      s["peeled"] = f.trajectory[k].peeled;
      trajectory.push_back(std::move(s));
    }
    Json b = statistics_json(f.stats);
    b["chosen_step"] = f.chosen;
    b["limits"] = std::move(limits);
    b["trajectory"] = std::move(trajectory);
    boxes.push_back(std::move(b));
  }
  return Json{{"outcome", outcome},
              {"cases", d.cases},
              {"holds", d.holds},
              {"options",
               {{"alpha", o.alpha}, {"min_support", o.min_support}, {"min_coverage", o.min_coverage}, {"boxes", o.boxes}}},
              {"inputs", std::move(inputs)},
              {"boxes", std::move(boxes)},
              {"points", points_json(t)}};
}

}  // namespace regimesim::analysis::discovery
