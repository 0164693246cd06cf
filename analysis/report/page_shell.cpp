#include "report/page_shell.hpp"

#include "report/chart_library.hpp"
#include "report/plain_words.hpp"

namespace regimesim::report {
namespace {

constexpr const char* kStyle = R"css(
body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; color: #1d2733; max-width: 980px;
       margin: 0 auto; padding: 24px 32px 64px; line-height: 1.5; }
h1 { font-size: 1.7em; margin-bottom: 0.2em; }
h2 { border-bottom: 2px solid #dde3ea; padding-bottom: 4px; margin-top: 2em; }
.lead { color: #4a5866; font-size: 1.05em; }
table { border-collapse: collapse; margin: 8px 0 16px; font-size: 0.93em; }
th { white-space: nowrap; }
th, td { text-align: left; padding: 4px 12px 4px 0; border-bottom: 1px solid #e6eaef; vertical-align: top; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.loss { color: #c0392b; } td.gain { color: #2e86c1; }
figure { margin: 16px 0 28px; }
figcaption { color: #4a5866; font-size: 0.92em; margin-top: 4px; }
.note { background: #f4f7fa; border-left: 4px solid #8aa4bd; padding: 8px 12px; font-size: 0.93em; }
#report-errors { display: none; background: #fdecea; border-left: 4px solid #c0392b; padding: 8px 12px; }
code { background: #f1f3f5; padding: 0 3px; border-radius: 3px; }
details > summary { cursor: pointer; color: #2e5d8a; margin: 8px 0; }
footer { margin-top: 3em; color: #6b7785; font-size: 0.85em; }
)css";

// Collects script errors from the start, the chart library's own included.
constexpr const char* kErrorTrap = R"js(
window.reportErrors = [];
window.reportErrorSeen = function () {};
window.addEventListener('error', function (e) { window.reportErrors.push(String(e.message)); window.reportErrorSeen(); });
window.addEventListener('unhandledrejection', function (e) { window.reportErrors.push(String(e.reason)); window.reportErrorSeen(); });
document.addEventListener('securitypolicyviolation', function (e) {
  window.reportErrors.push('blocked a network fetch of ' + e.blockedURI); window.reportErrorSeen(); });
)js";

// The page may fetch nothing: everything it needs is inline. Vega compiles its
// expressions with Function(), hence 'unsafe-eval'. A fetch attempt is blocked and
// counted as an error by the trap above.
constexpr const char* kPolicy =
    "default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval'; style-src 'unsafe-inline'; img-src data:";

// Draws every chart, then marks the page. Errors are also shown to a reader.
constexpr const char* kDriver = R"js(
(function () {
  var body = document.body, errors = window.reportErrors;
  function mark() {
    body.setAttribute('data-script-errors', String(errors.length));
    var box = document.getElementById('report-errors');
    if (errors.length) { box.style.display = 'block'; box.textContent = 'Some charts could not be drawn: ' + errors.join(' | '); }
  }
  window.reportErrorSeen = mark;
  var charts = JSON.parse(document.getElementById('report-charts').textContent);
  body.setAttribute('data-charts-expected', String(charts.length));
  body.setAttribute('data-report-status', 'drawing');
  mark();
  if (typeof vegaEmbed !== 'function') { errors.push('the chart library did not load'); mark(); body.setAttribute('data-report-status', 'done'); return; }
  var drawn = 0;
  Promise.all(charts.map(function (c) {
    return vegaEmbed('#' + c.id, c.spec, { mode: 'vega-lite', renderer: 'svg', actions: false })
      .then(function () { if (document.querySelector('#' + c.id + ' svg')) drawn += 1; else errors.push(c.id + ': no drawing'); })
      .catch(function (e) { errors.push(c.id + ': ' + e); });
  })).then(function () {
    body.setAttribute('data-charts-drawn', String(drawn));
    mark();
    body.setAttribute('data-report-status', 'done');
  });
})();
)js";

}  // namespace

std::string script_safe_json(const nlohmann::json& j) {
  const std::string s = j.dump();
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    if (c == '<') out += "\\u003c";
    else out += c;
  }
  return out;
}

std::string page_shell(const std::string& title, const std::string& body, const nlohmann::json& specs) {
  const ChartLibrary& lib = chart_library();
  std::string page;
  page.reserve(lib.vega.size() + lib.vega_lite.size() + lib.vega_embed.size() + body.size() + 4096);
  page += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
  page += std::string("<meta http-equiv=\"Content-Security-Policy\" content=\"") + kPolicy + "\">\n";
  page += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  page += "<title>" + html_escape(title) + "</title>\n<style>" + kStyle + "</style>\n<script>" + kErrorTrap + "</script>\n</head>\n<body>\n";
  page += "<div id=\"report-errors\" role=\"alert\"></div>\n";
  page += body;
  page += "<script type=\"application/json\" id=\"report-charts\">" + script_safe_json(specs) + "</script>\n";
  page += "<script>/* vega, BSD-3-Clause */\n";
  page += lib.vega;
  page += "\n</script>\n<script>/* vega-lite, BSD-3-Clause */\n";
  page += lib.vega_lite;
  page += "\n</script>\n<script>/* vega-embed, BSD-3-Clause */\n";
  page += lib.vega_embed;
  page += "\n</script>\n<script>";
  page += kDriver;
  page += "</script>\n</body>\n</html>\n";
  return page;
}

}  // namespace regimesim::report
