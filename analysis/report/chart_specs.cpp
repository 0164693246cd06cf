#include "report/chart_specs.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <set>

namespace regimesim::report {
namespace {

using json = nlohmann::json;

bool has_field(const Chart& c, const char* field) {
  for (const auto& v : c.values)
    if (v.contains(field)) return true;
  return false;
}

// Percent axes say "%" without a precision: Vega then picks the digits from the tick
// step, so that ticks over 93.0%-93.5% read 93.0%, 93.1%, ... rather than 93% five times.
json axis(const Chart& c) { return c.share ? json{{"format", "%"}} : json::object(); }

// A flat line (every value and band the same, to within rounding) gets a y domain
// of +-0.5% (of 1, or of its level) around it: left to itself, Vega's scale has a
// zero-width domain, no tick step, and labels of six decimals ("100.000000%").
std::optional<std::pair<double, double>> flat_domain(const Chart& c) {
  double lo = std::numeric_limits<double>::infinity(), hi = -lo;
  for (const auto& v : c.values)
    for (const char* f : {"value", "q05", "q95", "ci95_low", "ci95_high"})
      if (v.contains(f) && v[f].is_number()) lo = std::min(lo, v[f].get<double>()), hi = std::max(hi, v[f].get<double>());
  if (!(lo <= hi)) return std::nullopt;
  const double mid = (lo + hi) / 2, level = std::max(1.0, std::abs(mid));
  if (hi - lo >= 1e-4 * level) return std::nullopt;
  return std::pair{mid - 0.005 * level, mid + 0.005 * level};
}

json y_scale(const Chart& c) {
  json scale{{"zero", false}};
  if (const auto d = flat_domain(c)) scale["domain"] = {d->first, d->second};
  return scale;
}

const char* value_format(const Chart& c) { return c.share ? ".3~%" : ".4~g"; }

// Lines told apart by colour and by dash (and, with points, by shape), so that they
// stay apart in grey print and for readers who do not see every colour. One legend
// for all of them, in the chart's order, titled by what tells them apart.
json series_scale(const Chart& c) {
  json order = json::array();
  for (const auto& s : c.series_order) order.push_back(s);
  return order;
}

json series_legend(const Chart& c) {
  if (c.series_order.size() <= 1) return nullptr;
  json legend{{"orient", "bottom"}, {"direction", "horizontal"}, {"labelLimit", 420}, {"symbolType", "stroke"},
              {"symbolOpacity", 1}, {"symbolStrokeWidth", 2.5}, {"symbolSize", 500}, {"labelFontSize", 12},
              {"titleFontSize", 12}, {"columns", c.series_order.size() > 3 ? 3 : static_cast<int>(c.series_order.size())}};
  legend["title"] = c.legend_title.empty() ? json(nullptr) : json(c.legend_title);
  if (c.series_order.size() > 6) legend["columns"] = 2;
  return legend;
}

// The order is the scale's domain, not a `sort`: Vega-Lite merges the colour, dash and
// shape legends into one only when their scales agree, and a sort keeps them apart.
json series_channel(const Chart& c) {
  json ch{{"field", "series"}, {"type", "nominal"}, {"scale", {{"domain", series_scale(c)}}}};
  ch["legend"] = series_legend(c);
  if (!c.legend_title.empty()) ch["title"] = c.legend_title;
  return ch;
}

// Eight dash patterns, so that up to eight lines differ in dash as well as colour.
json dashes(json channel) {
  channel["scale"]["range"] = json::array({{1, 0}, {6, 3}, {2, 2}, {10, 3, 2, 3}, {1, 4}, {12, 4}, {6, 2, 1, 2, 1, 2}, {3, 5}});
  return channel;
}

json tooltip(const Chart& c, const std::string& x, const std::string& x_type) {
  json t = json::array({{{"field", "series"}, {"type", "nominal"}, {"title", c.legend_title.empty() ? "line" : c.legend_title}},
                        {{"field", x}, {"type", x_type}, {"title", c.x_title}},
                        {{"field", "value"}, {"type", "quantitative"}, {"format", value_format(c)}, {"title", c.y_title}}});
  const char* words[][2] = {{"q05", "5% of runs below"}, {"q95", "95% of runs below"},
                            {"ci95_low", "mean: 95% interval from"}, {"ci95_high", "mean: 95% interval to"}};
  for (const auto& w : words)
    if (has_field(c, w[0]))
      t.push_back({{"field", w[0]}, {"type", "quantitative"}, {"format", value_format(c)}, {"title", w[1]}});
  return t;
}

}  // namespace

bool runs_band_drawn(const Chart& c) { return c.series_order.size() <= 2; }

namespace {

// Many sweep points' lines: one line each (detail), shaded on a sequential scale by the
// first swept key, dashed by the others; no bands, which would pile up into a smear.
json shaded_lines(const Chart& c, const json& xenc) {
  const json legend{{"orient", "bottom"}, {"direction", "horizontal"}, {"titleFontSize", 12}, {"labelFontSize", 12}};
  json shade{{"field", "shade"}, {"type", "quantitative"}, {"title", c.shade_title}, {"scale", {{"scheme", {{"name", "viridis"}, {"extent", {0, 0.85}}}}}}};  // no pale yellow on white
  shade["legend"] = legend;
  shade["legend"]["gradientLength"] = 320;
  json enc{{"x", xenc},
           {"y", {{"field", "value"}, {"type", "quantitative"}, {"title", c.y_title}, {"axis", axis(c)}, {"scale", y_scale(c)}}},
           {"color", shade},
           {"detail", {{"field", "series"}, {"type", "nominal"}}},
           {"tooltip", tooltip(c, "step", "quantitative")}};
  if (!c.dash_title.empty()) {
    json dash = dashes(json{{"field", "dash"}, {"type", "nominal"}, {"title", c.dash_title}});
    dash["legend"] = legend;
    dash["legend"]["symbolType"] = "stroke";
    enc["strokeDash"] = dash;
  }
  json layers = json::array({{{"mark", {{"type", "line"}, {"strokeWidth", 1.8}}}, {"encoding", enc}}});
  return {{"width", 720}, {"height", 280}, {"layer", layers}};
}

// Line (or line and points) with the two bands beneath it, coloured by series.
json banded_lines(const Chart& c, const std::string& x, const std::string& x_type, bool points) {
  json xenc{{"field", x}, {"type", x_type}, {"title", c.x_title}};
  if (c.last_step >= 0) {  // steps are whole months
    xenc["scale"] = {{"domain", {0, c.last_step}}};
    xenc["axis"] = {{"tickMinStep", 1}, {"format", "d"}};
  } else if (x_type == "quantitative") {
    xenc["axis"] = {{"tickCount", 8}};
    xenc["scale"] = {{"padding", 12}};  // room for the first and last points, which would be cut in half
  }
  if (!c.shade_title.empty() && !points) return shaded_lines(c, xenc);
  // Every layer states the same colour channel, legend included: a layer without it
  // would disable the merged legend's colours (Vega-Lite resolves the conflict to "off").
  json color = series_channel(c);
  // With points, the legend shows each line's shape at the size drawn (a stroke's 500 would be a blob).
  if (points && color["legend"].is_object()) color["legend"]["symbolSize"] = 90;
  json layers = json::array();
  if (has_field(c, "q05") && runs_band_drawn(c))
    layers.push_back({{"mark", {{"type", "area"}, {"opacity", 0.15}}},
                      {"encoding", {{"x", xenc}, {"y", {{"field", "q05"}, {"type", "quantitative"}}}, {"y2", {{"field", "q95"}}},
                                    {"color", color}}}});
  if (has_field(c, "ci95_low"))
    layers.push_back({{"mark", {{"type", "area"}, {"opacity", 0.35}}},
                      {"encoding", {{"x", xenc}, {"y", {{"field", "ci95_low"}, {"type", "quantitative"}}},
                                    {"y2", {{"field", "ci95_high"}}}, {"color", color}}}});
  // Colour and dash (and shape) of the same field: Vega-Lite merges them into one legend.
  const json& legend_color = color;
  json line_enc{{"x", xenc},
                {"y", {{"field", "value"}, {"type", "quantitative"}, {"title", c.y_title}, {"axis", axis(c)},
                       {"scale", y_scale(c)}}},
                {"color", legend_color},
                {"strokeDash", dashes(legend_color)},
                {"tooltip", tooltip(c, x, x_type)}};
  json line_mark{{"type", "line"}, {"strokeWidth", 2.5}};
  if (points) {
    line_enc["shape"] = legend_color;
    line_mark["point"] = {{"filled", true}, {"size", 60}};
  }
  layers.push_back({{"mark", line_mark}, {"encoding", line_enc}});
  return {{"width", 720}, {"height", 280}, {"layer", layers}};
}

json state_bars(const Chart& c) {
  const json y{{"field", "state"}, {"type", "nominal"}, {"sort", nullptr}, {"title", c.y_title}};
  json layers = json::array();
  layers.push_back(
      {{"mark", {{"type", "bar"}}},
       {"encoding", {{"y", y},
                     {"x", {{"field", "value"}, {"type", "quantitative"}, {"title", c.x_title}, {"axis", axis(c)}}},
                     {"color", {{"condition", {{"test", "datum.value > 0"}, {"value", "#c0392b"}}}, {"value", "#2e86c1"}}},
                     {"tooltip", json::array({{{"field", "state"}},
                                              {{"field", "value"}, {"format", value_format(c)}, {"title", c.x_title}}})}}}});
  if (has_field(c, "ci95_low"))
    layers.push_back({{"mark", {{"type", "rule"}, {"color", "black"}}},
                      {"encoding", {{"y", y}, {"x", {{"field", "ci95_low"}, {"type", "quantitative"}}}, {"x2", {{"field", "ci95_high"}}}}}});
  const std::size_t n = c.values.size();
  return {{"width", 600}, {"height", std::max<std::size_t>(80, 22 * n)}, {"layer", layers}};
}

json comparison_bars(const Chart& c) {
  json layers = json::array();
  const json x{{"field", "scenario"}, {"type", "nominal"}, {"title", nullptr}, {"sort", series_scale(c)},
               {"axis", {{"labelAngle", -30}, {"labelLimit", 160}}}};
  layers.push_back({{"mark", "bar"},
                    {"encoding", {{"x", x},
                                  {"y", {{"field", "value"}, {"type", "quantitative"}, {"title", nullptr}}},
                                  {"color", {{"field", "scenario"}, {"type", "nominal"}, {"legend", nullptr}, {"sort", series_scale(c)}}},
                                  {"tooltip", json::array({{{"field", "scenario"}}, {{"field", "value"}, {"format", ".4~g"}}})}}}});
  if (has_field(c, "ci95_low"))
    layers.push_back({{"mark", {{"type", "rule"}, {"color", "black"}, {"strokeWidth", 1.5}}},
                      {"encoding", {{"x", x}, {"y", {{"field", "ci95_low"}, {"type", "quantitative"}}}, {"y2", {{"field", "ci95_high"}}}}}});
  return {{"facet", {{"field", "label"}, {"type", "nominal"}, {"title", nullptr}, {"sort", {{"field", "order"}, {"op", "min"}}},
                     {"header", {{"labelLimit", 0}, {"labelFontSize", 12}, {"labelLineHeight", 15}}}}},
          {"columns", 3},
          {"spacing", {{"row", 24}, {"column", 36}}},
          {"spec", {{"width", 220}, {"height", 150}, {"layer", layers}}},
          {"resolve", {{"scale", {{"y", "independent"}}}, {"axis", {{"x", "independent"}}}}}};
}

// Scenario discovery's peeling trajectory: density against coverage, one point a step,
// joined in step order, the chosen step ringed and named.
json trajectory(const Chart& c) {
  // Both are shares of at most 100%: the axes end there, and the points on that edge are drawn whole.
  const json scale{{"zero", false}, {"nice", true}, {"domainMax", 1}};
  const json x{{"field", "coverage"}, {"type", "quantitative"}, {"title", c.x_title}, {"axis", axis(c)}, {"scale", scale}};
  const json y{{"field", "density"}, {"type", "quantitative"}, {"title", c.y_title}, {"axis", axis(c)}, {"scale", scale}};
  const json tip = json::array({{{"field", "step"}, {"type", "quantitative"}, {"title", "step"}},
                                {{"field", "coverage"}, {"type", "quantitative"}, {"format", ".1%"}, {"title", "coverage"}},
                                {{"field", "density"}, {"type", "quantitative"}, {"format", ".1%"}, {"title", "density"}},
                                {{"field", "support"}, {"type", "quantitative"}, {"format", ".1%"}, {"title", "support"}},
                                {{"field", "peeled"}, {"type", "nominal"}, {"title", "peeled"}}});
  const json chosen{{"filter", "datum.chosen === 'chosen box'"}};
  json layers = json::array();
  layers.push_back({{"mark", {{"type", "line"}, {"color", "#4c78a8"}, {"strokeWidth", 2},
                              {"point", {{"filled", true}, {"size", 50}, {"color", "#4c78a8"}}}}},
                    {"encoding", {{"x", x}, {"y", y}, {"order", {{"field", "step"}, {"type", "quantitative"}}}, {"tooltip", tip}}}});
  layers.push_back({{"transform", json::array({chosen})},
                    {"mark", {{"type", "point"}, {"size", 320}, {"strokeWidth", 2.5}, {"color", "#c0392b"}}},
                    {"encoding", {{"x", x}, {"y", y}, {"tooltip", tip}}}});
  json label = json::object();
  label["calculate"] = "'chosen: step ' + datum.step";
  label["as"] = "label";
  layers.push_back({{"transform", json::array({chosen, label})},
                    {"mark", {{"type", "text"}, {"align", "left"}, {"dx", 12}, {"dy", -10}, {"fontSize", 12}, {"color", "#c0392b"}}},
                    {"encoding", {{"x", x}, {"y", y}, {"text", {{"field", "label"}}}}}});
  return {{"width", 460}, {"height", 300}, {"layer", layers}};
}

// A box over the cases, on two numeric inputs: the box shaded beneath, the cases on
// top, told apart by colour and shape (one legend) by whether the outcome holds.
json box_scatter(const Chart& c) {
  const json box{{"filter", "datum.kind === 'box'"}}, cases{{"filter", "datum.kind === 'case'"}};
  // Padding, so that the points on the first and last grid values are drawn whole.
  const json xs{{"zero", false}, {"nice", false}, {"padding", 14}}, ys{{"zero", false}, {"nice", false}, {"padding", 14}};
  json layers = json::array();
  layers.push_back({{"transform", json::array({box})},
                    {"mark", {{"type", "rect"}, {"fill", "#f5b041"}, {"fillOpacity", 0.25}, {"stroke", "#b9770e"},
                              {"strokeWidth", 1.5}}},
                    {"encoding", {{"x", {{"field", "x"}, {"type", "quantitative"}, {"title", c.x_title}, {"scale", xs},
                                         {"axis", {{"tickCount", 6}}}}},
                                  {"x2", {{"field", "x2"}}},
                                  {"y", {{"field", "y"}, {"type", "quantitative"}, {"title", c.y_title}, {"scale", ys},
                                         {"axis", {{"tickCount", 6}}}}},
                                  {"y2", {{"field", "y2"}}}}}});
  json outcome{{"field", "outcome"}, {"type", "nominal"}, {"title", c.legend_title},
               {"scale", {{"domain", series_scale(c)}, {"range", {"#1f4e79", "#a6a6a6"}}}},
               {"legend", {{"orient", "bottom"}, {"direction", "horizontal"}, {"labelFontSize", 12}, {"titleFontSize", 12}}}};
  json shape = outcome;
  shape["scale"]["range"] = {"circle", "cross"};
  layers.push_back({{"transform", json::array({cases})},
                    {"mark", {{"type", "point"}, {"filled", true}, {"size", 90}, {"opacity", 0.9}}},
                    {"encoding", {{"x", {{"field", "x"}, {"type", "quantitative"}}},
                                  {"y", {{"field", "y"}, {"type", "quantitative"}}},
                                  {"color", outcome},
                                  {"shape", shape},
                                  {"tooltip", json::array({{{"field", "x"}, {"type", "quantitative"}, {"title", c.x_title}},
                                                           {{"field", "y"}, {"type", "quantitative"}, {"title", c.y_title}},
                                                           {{"field", "outcome"}, {"type", "nominal"}, {"title", "outcome"}}})}}}});
  return {{"width", 460}, {"height", 320}, {"layer", layers}};
}

}  // namespace

nlohmann::json vega_lite_spec(const Chart& c) {
  json spec;
  switch (c.kind) {
    case ChartKind::time_series: spec = banded_lines(c, "step", "quantitative", false); break;
    case ChartKind::response_curve: spec = banded_lines(c, "x", c.numeric_x ? "quantitative" : "ordinal", true); break;
    case ChartKind::state_bars: spec = state_bars(c); break;
    case ChartKind::comparison_bars: spec = comparison_bars(c); break;
    case ChartKind::peeling_trajectory: spec = trajectory(c); break;
    case ChartKind::box_scatter: spec = box_scatter(c); break;
  }
  // The title is part of the drawing, so that an exported PNG or SVG says what it shows.
  spec["title"] = {{"text", c.title}, {"anchor", "start"}, {"fontSize", 15}, {"offset", 12}};
  spec["data"] = {{"values", c.values}};
  spec["padding"] = 8;
  // Text breaks at "\n" (the comparison's panel titles); a white background, so that an
  // exported PNG reads on a dark slide too.
  spec["config"] = {{"font", "system-ui, sans-serif"}, {"view", {{"stroke", nullptr}}}, {"lineBreak", "\n"},
                    {"background", "white"}, {"axis", {{"labelFontSize", 11}, {"titleFontSize", 12}}}};
  return spec;
}

}  // namespace regimesim::report
