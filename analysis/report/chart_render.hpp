// One chart drawn to a PNG or SVG file's bytes without a browser window: headless
// Chromium (Debian's `chromium`) loads a page holding the chart and the embedded
// chart library, and Vega exports the drawing as the report page's buttons do. We
// chose Chromium over Vega's command-line renderer (npm's vega-cli), whose PNG needs
// the native `canvas` module: that module fetches a prebuilt binary from outside npm
// at install time, or builds against Cairo's development packages, and neither fits
// `npm ci --ignore-scripts` offline. Chromium also measures text with real fonts, so
// the file matches the page.
#pragma once

#include <chrono>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>

namespace regimesim::report {

// The renderer is missing, failed or timed out: a failure of the system, not of the input.
struct ChartRenderError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// No Chromium to draw with: what the user must install (or name) before asking again,
// so `plot` treats it as a refusal (exit 2, nothing written), not as a failed drawing.
struct ChromiumMissing : ChartRenderError {
  using ChartRenderError::ChartRenderError;
};

// $REGIMESIM_CHROMIUM when set, else the first of chromium, chromium-browser,
// google-chrome on PATH.
std::optional<std::string> find_chromium();

enum class ImageFormat { png, svg };

// The bytes of the chart's image: a PNG at `scale` times the drawn size, or an SVG.
// Throws ChartRenderError naming what went wrong (and Chromium's last words).
std::string render_chart(const nlohmann::json& vega_lite_spec, ImageFormat format, int scale = 2,
                         std::chrono::seconds timeout = std::chrono::seconds(120));

}  // namespace regimesim::report
