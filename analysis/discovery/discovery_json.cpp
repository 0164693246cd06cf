#include "discovery/discovery_json.hpp"

#include <algorithm>
#include <cmath>

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
  return out;
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
              {"boxes", std::move(boxes)}};
}

}  // namespace regimesim::analysis::discovery
