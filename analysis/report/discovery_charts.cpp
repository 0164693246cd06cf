#include "report/discovery_charts.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "report/chart_words.hpp"
#include "report/csv_table.hpp"
#include "report/plain_words.hpp"

namespace regimesim::report {
namespace {

using json = nlohmann::json;

void need(bool ok, const std::string& name, const std::string& what) {
  if (!ok) throw ReportInputError(fmt::format("{}: {}; is it a file `regimesim discover --out` wrote?", name, what));
}

std::string box_suffix(std::size_t b) { return b == 0 ? "" : fmt::format("-{}", b + 1); }

std::string threshold_words(const json& outcome) {
  const std::string metric = outcome.value("metric", "");
  auto level = [&](const json& v) { return is_share_metric(metric) ? percent(v.get<double>()) : amount(v.get<double>()); };
  const json above = outcome.value("above", json()), below = outcome.value("below", json());
  if (above.is_number() && below.is_number()) return fmt::format("between {} and {}", level(above), level(below));
  if (above.is_number()) return "above " + level(above);
  if (below.is_number()) return "below " + level(below);
  return "as asked";
}

bool numeric(const json& input) { return input.value("kind", "") == "number"; }

}  // namespace

json read_discovery(const std::string& text, const std::string& name) {
  json d;
  try {
    d = json::parse(text);
  } catch (const json::exception& e) {
    throw ReportInputError(fmt::format("{}: not valid JSON: {}", name, e.what()));
  }
  need(d.is_object(), name, "expected a JSON object");
  need(d.contains("outcome") && d["outcome"].is_object(), name, "no `outcome` object");
  need(d.contains("inputs") && d["inputs"].is_array(), name, "no `inputs` list");
  need(d.contains("boxes") && d["boxes"].is_array(), name, "no `boxes` list");
  need(d.contains("points") && d["points"].is_array(), name,
       "no `points` list (written by a regimesim older than the report's discovery section: run discover again)");
  for (const char* k : {"cases", "holds"}) need(d.contains(k) && d[k].is_number_unsigned(), name, fmt::format("`{}` is not a count", k));
  const std::size_t inputs = d["inputs"].size();
  for (std::size_t i = 0; i < inputs; ++i)
    need(d["inputs"][i].is_object() && d["inputs"][i].contains("name") && d["inputs"][i]["name"].is_string(), name,
         fmt::format("inputs[{}] has no `name`", i));
  for (std::size_t b = 0; b < d["boxes"].size(); ++b) {
    const json& box = d["boxes"][b];
    const std::string at = fmt::format("boxes[{}]", b);
    need(box.is_object(), name, at + " is not an object");
    for (const char* k : {"coverage", "density", "support"})
      need(box.contains(k) && box[k].is_number(), name, fmt::format("{}.{} is not a number", at, k));
    need(box.contains("chosen_step") && box["chosen_step"].is_number_unsigned(), name, at + ".chosen_step is not a step");
    need(box.contains("limits") && box["limits"].is_array() && box["limits"].size() == inputs, name,
         at + ".limits does not list one limit per input");
    need(box.contains("trajectory") && box["trajectory"].is_array() && !box["trajectory"].empty(), name,
         at + ".trajectory is not a list of steps");
    for (const auto& s : box["trajectory"])
      need(s.is_object() && s.contains("coverage") && s["coverage"].is_number() && s.contains("density") &&
               s["density"].is_number() && s.contains("step") && s["step"].is_number(),
           name, at + ".trajectory: a step without coverage, density or step number");
  }
  for (std::size_t i = 0; i < d["points"].size(); ++i) {
    const json& p = d["points"][i];
    need(p.is_object() && p.contains("at") && p["at"].is_array() && p["at"].size() == inputs && p.contains("holds") &&
             p["holds"].is_boolean(),
         name, fmt::format("points[{}] is not {{\"at\": [one value per input], \"holds\": true or false}}", i));
  }
  return d;
}

std::string discovery_title(const json& d) {
  const json& o = d["outcome"];
  const std::string metric = o.value("metric", ""), group = o.value("group", "WORLD"), statistic = o.value("statistic", "mean");
  std::string what = metric_words(metric).title;
  if (!group_words(group).empty()) what += " (" + group_words(group) + ")";
  if (statistic != "mean") what += fmt::format(", {} of the runs,", statistic);
  return fmt::format("{} {}", what, threshold_words(o));
}

Chart trajectory_chart(const json& d, std::size_t b) {
  const json& box = d["boxes"][b];
  Chart c;
  c.kind = ChartKind::peeling_trajectory;
  c.name = "discovery-trajectory" + box_suffix(b);
  c.title = fmt::format("Box {}, peeling trajectory: {}", b + 1, discovery_title(d));
  c.x_title = "coverage (share of the points where it holds that the box keeps)";
  c.y_title = "density (share of the box's points where it holds)";
  c.share = true;
  const std::size_t chosen = box["chosen_step"].get<std::size_t>();
  for (const auto& s : box["trajectory"]) {
    const std::size_t step = s["step"].get<std::size_t>();
    c.values.push_back({{"step", step}, {"coverage", s["coverage"]}, {"density", s["density"]},
                        {"support", s.value("support", json(nullptr))}, {"peeled", s.value("peeled", "")},
                        {"chosen", step == chosen ? "chosen box" : "other steps"}});
  }
  c.caption = fmt::format(
      "Each point is a step of PRIM's peeling (docs/DISCOVERY.md): step 0 holds every point (coverage 100%); each step "
      "takes a thin slice off one input's range, trading coverage for density. The ringed point is the box chosen "
      "(step {}, before pasting); hover a point for what it peeled.", chosen);
  return c;
}

std::vector<std::size_t> scatter_inputs(const json& d, std::size_t b) {
  const json& inputs = d["inputs"];
  const json& limits = d["boxes"][b]["limits"];
  std::vector<std::size_t> order;
  for (int pass = 0; pass < 2; ++pass)
    for (std::size_t j = 0; j < inputs.size(); ++j)
      if (numeric(inputs[j]) && limits[j].value("restricted", false) == (pass == 0)) order.push_back(j);
  if (order.size() < 2) return {};
  order.resize(2);
  std::sort(order.begin(), order.end());
  return order;
}

std::optional<Chart> box_chart(const json& d, std::size_t b) {
  const auto on = scatter_inputs(d, b);
  if (on.empty()) return std::nullopt;
  const json& box = d["boxes"][b];
  const std::string xk = d["inputs"][on[0]]["name"], yk = d["inputs"][on[1]]["name"];
  Chart c;
  c.kind = ChartKind::box_scatter;
  c.name = "discovery-box" + box_suffix(b);
  c.title = fmt::format("Box {}: {}", b + 1, discovery_title(d));
  c.x_title = key_in_words(xk);
  c.y_title = key_in_words(yk);
  c.legend_title = "at this point";
  c.series_order = {"holds", "does not hold"};
  double lo[2] = {INFINITY, INFINITY}, hi[2] = {-INFINITY, -INFINITY};
  for (const auto& p : d["points"]) {
    const json& x = p["at"][on[0]];
    const json& y = p["at"][on[1]];
    if (!x.is_number() || !y.is_number()) continue;
    lo[0] = std::min(lo[0], x.get<double>()), hi[0] = std::max(hi[0], x.get<double>());
    lo[1] = std::min(lo[1], y.get<double>()), hi[1] = std::max(hi[1], y.get<double>());
    c.values.push_back({{"kind", "case"}, {"x", x}, {"y", y}, {"outcome", p["holds"].get<bool>() ? "holds" : "does not hold"}});
  }
  // The box's sides: its limits, an unbounded side at the cases' extreme; a sweep's grid
  // puts points on the sides, so the rectangle reaches a little beyond them to hold them.
  json rect{{"kind", "box"}};
  const char* fields[2][2] = {{"x", "x2"}, {"y", "y2"}};
  for (int a = 0; a < 2; ++a) {
    const json& l = box["limits"][on[a]];
    const double pad = 0.03 * (hi[a] - lo[a] > 0 ? hi[a] - lo[a] : 1.0);
    const double low = l.contains("low") && l["low"].is_number() ? std::max(l["low"].get<double>(), lo[a]) : lo[a];
    const double high = l.contains("high") && l["high"].is_number() ? std::min(l["high"].get<double>(), hi[a]) : hi[a];
    rect[fields[a][0]] = low - pad;
    rect[fields[a][1]] = high + pad;
  }
  c.values.push_back(rect);
  std::string kept;
  for (std::size_t j = 0; j < d["inputs"].size(); ++j)
    if (j != on[0] && j != on[1] && box["limits"][j].value("restricted", false))
      kept += fmt::format("; it also keeps {} {}", key_in_words(d["inputs"][j]["name"]), box["limits"][j].value("words", ""));
  c.caption = fmt::format("Each dot is a point of the sweep, filled where the outcome holds; the shaded rectangle is box {} "
                          "(after pasting), over {} and {}{}.{}", b + 1, c.x_title, c.y_title, kept,
                          d["inputs"].size() > 2 ? " Points that differ only in the other inputs lie on top of each other." : "");
  return c;
}

}  // namespace regimesim::report
