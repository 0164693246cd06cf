// The pages: each embedded asset at its URL, and the report's chart library (Vega,
// Vega-Lite, vega-embed) at /assets/, from the one copy the binary holds.
#include "classroom/api_routes.hpp"
#include "classroom/page_assets.hpp"
#include "report/chart_library.hpp"

namespace regimesim::classroom {

void add_page_routes(httplib::Server& server) {
  for (const PageAsset& a : page_assets())
    server.Get(std::string(a.url), [a](const httplib::Request&, httplib::Response& res) {
      res.set_content(a.body.data(), a.body.size(), std::string(a.content_type).c_str());
    });
  const report::ChartLibrary& charts = report::chart_library();
  for (const auto& [url, js] : {std::pair{"/assets/vega.min.js", charts.vega}, std::pair{"/assets/vega-lite.min.js", charts.vega_lite},
                                std::pair{"/assets/vega-embed.min.js", charts.vega_embed}})
    server.Get(url, [js = js](const httplib::Request&, httplib::Response& res) {
      res.set_header("Cache-Control", "max-age=3600");
      res.set_content(js.data(), js.size(), "text/javascript; charset=utf-8");
    });
}

}  // namespace regimesim::classroom
