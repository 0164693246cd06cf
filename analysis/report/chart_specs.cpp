#include "report/chart_specs.hpp"

#include <set>

namespace regimesim::report {
namespace {

using json = nlohmann::json;

bool has_field(const Chart& c, const char* field) {
  for (const auto& v : c.values)
    if (v.contains(field)) return true;
  return false;
}

json axis(const Chart& c) { return c.share ? json{{"format", ".0%"}} : json::object(); }

std::size_t distinct(const Chart& c, const char* field) {
  std::set<std::string> seen;
  for (const auto& v : c.values) seen.insert(v.value(field, std::string()));
  return seen.size();
}

// One legend for the lines and their bands (layers share it): drawn as solid strokes,
// so it shows the lines' colours, not the pale bands'.
json series_color(const Chart& c) {
  json legend{{"orient", "bottom"}, {"title", nullptr}, {"labelLimit", 360}, {"symbolType", "stroke"},
              {"symbolOpacity", 1}, {"symbolStrokeWidth", 3}};
  if (distinct(c, "series") > 4) legend["columns"] = 2;
  return {{"field", "series"}, {"type", "nominal"}, {"legend", distinct(c, "series") > 1 ? legend : json(nullptr)}};
}

json tooltip(const Chart& c, const std::string& x, const std::string& x_type) {
  json t = json::array({{{"field", "series"}, {"type", "nominal"}}, {{"field", x}, {"type", x_type}, {"title", c.x_title}},
                        {{"field", "value"}, {"type", "quantitative"}, {"format", c.share ? ".2%" : ".4g"}, {"title", c.y_title}}});
  for (const char* f : {"q05", "q95", "ci95_low", "ci95_high"})
    if (has_field(c, f)) t.push_back({{"field", f}, {"type", "quantitative"}, {"format", c.share ? ".2%" : ".4g"}});
  return t;
}

// Line (or line and points) with the two bands beneath it, coloured by series.
json banded_lines(const Chart& c, const std::string& x, const std::string& x_type, bool points) {
  json xenc{{"field", x}, {"type", x_type}, {"title", c.x_title}};
  if (c.last_step >= 0) {  // steps are whole months
    xenc["scale"] = {{"domain", {0, c.last_step}}};
    xenc["axis"] = {{"tickMinStep", 1}, {"format", "d"}};
  } else if (x_type == "quantitative") {
    xenc["axis"] = {{"tickCount", 8}};
  }
  json layers = json::array();
  if (has_field(c, "q05"))
    layers.push_back({{"mark", {{"type", "area"}, {"opacity", 0.15}}},
                      {"encoding", {{"x", xenc}, {"y", {{"field", "q05"}, {"type", "quantitative"}}}, {"y2", {{"field", "q95"}}},
                                    {"color", series_color(c)}}}});
  if (has_field(c, "ci95_low"))
    layers.push_back({{"mark", {{"type", "area"}, {"opacity", 0.35}}},
                      {"encoding", {{"x", xenc}, {"y", {{"field", "ci95_low"}, {"type", "quantitative"}}},
                                    {"y2", {{"field", "ci95_high"}}}, {"color", series_color(c)}}}});
  layers.push_back({{"mark", {{"type", "line"}, {"point", points}, {"strokeWidth", 2}}},
                    {"encoding", {{"x", xenc},
                                  {"y", {{"field", "value"}, {"type", "quantitative"}, {"title", c.y_title}, {"axis", axis(c)},
                                         {"scale", {{"zero", false}}}}},
                                  {"color", series_color(c)},
                                  {"tooltip", tooltip(c, x, x_type)}}}});
  return {{"width", 720}, {"height", 260}, {"layer", layers}};
}

json state_bars(const Chart& c) {
  const json y{{"field", "state"}, {"type", "nominal"}, {"sort", nullptr}, {"title", c.y_title}};
  json layers = json::array();
  layers.push_back(
      {{"mark", {{"type", "bar"}}},
       {"encoding", {{"y", y},
                     {"x", {{"field", "value"}, {"type", "quantitative"}, {"title", c.x_title}, {"axis", axis(c)}}},
                     {"color", {{"condition", {{"test", "datum.value > 0"}, {"value", "#c0392b"}}}, {"value", "#2e86c1"}}},
                     {"tooltip", json::array({{{"field", "state"}}, {{"field", "value"}, {"format", ".2%"}}})}}}});
  if (has_field(c, "ci95_low"))
    layers.push_back({{"mark", {{"type", "rule"}, {"color", "black"}}},
                      {"encoding", {{"y", y}, {"x", {{"field", "ci95_low"}, {"type", "quantitative"}}}, {"x2", {{"field", "ci95_high"}}}}}});
  const std::size_t n = c.values.size();
  return {{"width", 600}, {"height", std::max<std::size_t>(80, 22 * n)}, {"layer", layers}};
}

json comparison_bars(const Chart& c) {
  json layers = json::array();
  const json x{{"field", "scenario"}, {"type", "nominal"}, {"title", nullptr}, {"sort", nullptr}, {"axis", {{"labelAngle", -30}}}};
  layers.push_back({{"mark", "bar"},
                    {"encoding", {{"x", x},
                                  {"y", {{"field", "value"}, {"type", "quantitative"}, {"title", nullptr}, {"axis", {{"format", ".3~g"}}}}},
                                  {"color", {{"field", "scenario"}, {"type", "nominal"}, {"legend", nullptr}, {"sort", nullptr}}},
                                  {"tooltip", json::array({{{"field", "scenario"}}, {{"field", "label"}}, {{"field", "value"}, {"format", ".4g"}}})}}}});
  if (has_field(c, "ci95_low"))
    layers.push_back({{"mark", {{"type", "rule"}, {"color", "black"}}},
                      {"encoding", {{"x", x}, {"y", {{"field", "ci95_low"}, {"type", "quantitative"}}}, {"y2", {{"field", "ci95_high"}}}}}});
  return {{"facet", {{"field", "label"}, {"type", "nominal"}, {"title", nullptr}, {"sort", {{"field", "order"}, {"op", "min"}}},
                     {"header", {{"labelLimit", 260}, {"labelFontSize", 12}}}}},
          {"columns", 3},
          {"spec", {{"width", 200}, {"height", 160}, {"layer", layers}}},
          {"resolve", {{"scale", {{"y", "independent"}}}, {"axis", {{"x", "independent"}}}}}};
}

}  // namespace

nlohmann::json vega_lite_spec(const Chart& c) {
  json spec;
  switch (c.kind) {
    case ChartKind::time_series: spec = banded_lines(c, "step", "quantitative", false); break;
    case ChartKind::response_curve: spec = banded_lines(c, "x", c.numeric_x ? "quantitative" : "ordinal", true); break;
    case ChartKind::state_bars: spec = state_bars(c); break;
    case ChartKind::comparison_bars: spec = comparison_bars(c); break;
  }
  spec["data"] = {{"values", c.values}};
  spec["config"] = {{"font", "system-ui, sans-serif"}, {"view", {{"stroke", nullptr}}}};
  return spec;
}

}  // namespace regimesim::report
