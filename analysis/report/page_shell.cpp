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
td.num { white-space: nowrap; }
td.loss { color: #c0392b; } td.gain { color: #2e86c1; }
figure { margin: 16px 0 28px; }
figcaption { color: #4a5866; font-size: 0.92em; margin-top: 4px; }
.note { background: #f4f7fa; border-left: 4px solid #8aa4bd; padding: 8px 12px; font-size: 0.93em; }
#report-errors { display: none; background: #fdecea; border-left: 4px solid #c0392b; padding: 8px 12px; }
code { background: #f1f3f5; padding: 0 3px; border-radius: 3px; }
details > summary { cursor: pointer; color: #2e5d8a; margin: 8px 0; }
footer { margin-top: 3em; color: #6b7785; font-size: 0.85em; }
.export { font-size: 0.85em; color: #6b7785; margin-top: 2px; }
.export button { font: inherit; padding: 1px 8px; margin-right: 2px; border: 1px solid #b8c4d0; border-radius: 3px;
                 background: #f4f7fa; color: #2e5d8a; cursor: pointer; }
.export button:hover { background: #e3ebf3; }
.chart-name code { font-size: 0.95em; }
@media print { .export { display: none; } }
)css";

// Collects script errors from the start, the chart library's own included, and
// whatever is written to the console as an error.
constexpr const char* kErrorTrap = R"js(
window.reportErrors = [];
window.reportErrorSeen = function () {};
window.addEventListener('error', function (e) { window.reportErrors.push(String(e.message)); window.reportErrorSeen(); });
window.addEventListener('unhandledrejection', function (e) { window.reportErrors.push(String(e.reason)); window.reportErrorSeen(); });
document.addEventListener('securitypolicyviolation', function (e) {
  window.reportErrors.push('blocked a network fetch of ' + e.blockedURI); window.reportErrorSeen(); });
(function () {  // the chart library reports its own errors on the console
  var error = console.error.bind(console);
  console.error = function () {
    window.reportErrors.push('console: ' + Array.prototype.map.call(arguments, String).join(' ')); window.reportErrorSeen();
    error.apply(null, arguments);
  };
})();
)js";

// The page may fetch nothing: everything it needs is inline. Vega compiles its
// expressions with Function(), hence 'unsafe-eval'. A fetch attempt is blocked and
// counted as an error by the trap above.
constexpr const char* kPolicy =
    "default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval'; style-src 'unsafe-inline'; img-src data:";

// Draws every chart, then marks the page. Errors are also shown to a reader. Each
// chart's PNG and SVG buttons save the chart as drawn (Vega's own export, offline:
// the image is made in the page and handed over as a data URL). Opened with
// #self-test, the page also exports every chart once, without saving, and records
// on each button what it made (data-exported: the data URL's start; its length), so
// a headless browser can check the export too.
constexpr const char* kDriver = R"js(
(function () {
  var body = document.body, errors = window.reportErrors, views = {};
  var selfTest = window.location.hash === '#self-test';
  function mark() {
    body.setAttribute('data-script-errors', String(errors.length));
    var box = document.getElementById('report-errors');
    if (errors.length) { box.style.display = 'block'; box.textContent = 'Some charts could not be drawn: ' + errors.join(' | '); }
  }
  window.reportErrorSeen = mark;
  var charts = JSON.parse(document.getElementById('report-charts').textContent);
  var names = {};
  charts.forEach(function (c) { names[c.id] = c.name; });
  body.setAttribute('data-charts-expected', String(charts.length));
  body.setAttribute('data-report-status', 'drawing');
  mark();
  if (typeof vegaEmbed !== 'function') { errors.push('the chart library did not load'); mark(); body.setAttribute('data-report-status', 'done'); return; }
  // PNG at twice the drawn size, sharp on a slide; SVG as drawn.
  function exportURL(id, format) {
    var view = views[id];
    if (!view) return Promise.reject(new Error(id + ' was not drawn'));
    if (format === 'svg') return view.toSVG().then(function (svg) { return 'data:image/svg+xml;charset=utf-8,' + encodeURIComponent(svg); });
    return view.toImageURL('png', 2);
  }
  function exportButton(button, save) {
    var id = button.getAttribute('data-chart'), format = button.getAttribute('data-format');
    return exportURL(id, format).then(function (url) {
      button.setAttribute('data-exported', url.slice(0, 48));
      button.setAttribute('data-exported-length', String(url.length));
      if (!save) return;
      var a = document.createElement('a');
      a.href = url; a.download = 'regimesim-' + (names[id] || id) + '.' + format;
      document.body.appendChild(a); a.click(); a.remove();
    }).catch(function (e) { errors.push(id + ': export as ' + format + ' failed: ' + e); mark(); });
  }
  document.addEventListener('click', function (e) {
    var b = e.target.closest && e.target.closest('button[data-chart]');
    if (b) exportButton(b, true);
  });
  var drawn = 0;
  Promise.all(charts.map(function (c) {
    return vegaEmbed('#' + c.id, c.spec, { mode: 'vega-lite', renderer: 'svg', actions: false })
      .then(function (result) {
        views[c.id] = result.view;
        if (document.querySelector('#' + c.id + ' svg')) drawn += 1; else errors.push(c.id + ': no drawing');
      })
      .catch(function (e) { errors.push(c.id + ': ' + e); });
  })).then(function () {
    body.setAttribute('data-charts-drawn', String(drawn));
    mark();
    if (!selfTest) return;
    var buttons = Array.prototype.slice.call(document.querySelectorAll('button[data-chart]'));
    return Promise.all(buttons.map(function (b) { return exportButton(b, false); }));
  }).then(function () { body.setAttribute('data-report-status', 'done'); });
})();
)js";

// The page `regimesim plot` has headless Chromium draw: one chart, exported as the
// page's buttons do, its bytes base64-encoded into #plot-out, or the error into
// #plot-error. The library's scripts are removed once done, so that the DOM Chromium
// prints is small.
constexpr const char* kPlotDriver = R"js(
(function () {
  var out = document.getElementById('plot-out'), err = document.getElementById('plot-error');
  var job = JSON.parse(document.getElementById('plot-job').textContent);
  function done() { document.querySelectorAll('script').forEach(function (s) { s.remove(); }); }
  function fail(e) { err.textContent = String(e && e.message || e); done(); }
  window.reportErrorSeen = function () { fail(window.reportErrors.join(' | ')); };
  if (typeof vegaEmbed !== 'function') { fail('the chart library did not load'); return; }
  vegaEmbed('#plot', job.spec, { mode: 'vega-lite', renderer: 'svg', actions: false }).then(function (result) {
    if (job.format === 'svg')
      return result.view.toSVG().then(function (svg) { return btoa(unescape(encodeURIComponent(svg))); });
    return result.view.toImageURL('png', job.scale).then(function (url) { return url.slice(url.indexOf(',') + 1); });
  }).then(function (b64) { out.textContent = b64; done(); }, fail);
})();
)js";

// The head of a page and the chart library, inline.
std::string head(const std::string& title) {
  return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n" +
         std::string("<meta http-equiv=\"Content-Security-Policy\" content=\"") + kPolicy + "\">\n" +
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>" + html_escape(title) +
         "</title>\n<style>" + kStyle + "</style>\n<script>" + kErrorTrap + "</script>\n</head>\n<body>\n";
}

void append_library(std::string& page) {
  const ChartLibrary& lib = chart_library();
  page += "<script>/* vega, BSD-3-Clause */\n";
  page += lib.vega;
  page += "\n</script>\n<script>/* vega-lite, BSD-3-Clause */\n";
  page += lib.vega_lite;
  page += "\n</script>\n<script>/* vega-embed, BSD-3-Clause */\n";
  page += lib.vega_embed;
  page += "\n</script>\n";
}

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
  page += head(title);
  page += "<div id=\"report-errors\" role=\"alert\"></div>\n";
  page += body;
  page += "<script type=\"application/json\" id=\"report-charts\">" + script_safe_json(specs) + "</script>\n";
  append_library(page);
  page += "<script>";
  page += kDriver;
  page += "</script>\n</body>\n</html>\n";
  return page;
}

std::string plot_page(const nlohmann::json& spec, const std::string& format, int scale) {
  std::string page = head("regimesim plot");
  page += "<div id=\"plot\"></div>\n<pre id=\"plot-out\"></pre>\n<pre id=\"plot-error\"></pre>\n";
  page += "<script type=\"application/json\" id=\"plot-job\">" +
          script_safe_json({{"spec", spec}, {"format", format}, {"scale", scale}}) + "</script>\n";
  append_library(page);
  page += "<script>";
  page += kPlotDriver;
  page += "</script>\n</body>\n</html>\n";
  return page;
}

}  // namespace regimesim::report
