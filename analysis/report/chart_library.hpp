// The chart library report.html embeds: Vega, Vega-Lite and vega-embed, pinned in
// analysis/report/web/package.json and compiled into the binary by the build, so a
// report needs no network and the binary no file beside it.
#pragma once

#include <string_view>

namespace regimesim::report {

struct ChartLibrary {
  std::string_view vega;        // build/vega.min.js
  std::string_view vega_lite;   // build/vega-lite.min.js
  std::string_view vega_embed;  // build/vega-embed.min.js
  std::string_view versions;    // "vega 6.4.0, vega-lite 6.4.1, vega-embed 7.3.0"
};

const ChartLibrary& chart_library();

}  // namespace regimesim::report
