// The frame of report.html: style, the embedded chart library, and the script that
// draws every chart and records on <body> how many drew and which errors occurred
// (data-charts-expected, data-charts-drawn, data-script-errors, data-report-status),
// so a headless browser can check the page without looking at it.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace regimesim::report {

// `body` is the page's HTML; `specs` a list of {"id", "spec"} for the chart divs in it.
std::string page_shell(const std::string& title, const std::string& body, const nlohmann::json& specs);

// A page that draws one chart and leaves its PNG (at `scale` times its size) or SVG,
// base64-encoded, in <pre id="plot-out"> (or the error in <pre id="plot-error">):
// what `regimesim plot` has headless Chromium load.
std::string plot_page(const nlohmann::json& spec, const std::string& format, int scale);

// JSON safe to place inside a <script> element: every '<' escaped as \u003c.
std::string script_safe_json(const nlohmann::json& j);

}  // namespace regimesim::report
