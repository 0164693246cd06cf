#include "report/report_page.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <set>
#include <unistd.h>

#include "report/chart_library.hpp"
#include "report/chart_specs.hpp"
#include "report/csv_table.hpp"
#include "report/discovery_charts.hpp"
#include "report/page_shell.hpp"
#include "report/chart_words.hpp"
#include "report/plain_words.hpp"
#include "report/report_charts.hpp"

namespace regimesim::report {
namespace {
using json = nlohmann::json;

// The body of the page, built section by section, and the charts it places.
struct Page {
  std::string html;
  json specs = json::array();

  // A chart in its figure: the drawing (its title inside it, so that an export carries
  // it), buttons that save it as PNG or SVG, and how to read it.
  void chart(const Chart& c) {
    const std::string id = "chart-" + c.name;
    std::string caption = c.caption;
    const bool runs_band = std::any_of(c.values.begin(), c.values.end(), [](const json& v) { return v.contains("q05"); });
    if (runs_band && !runs_band_drawn(c))
      caption += std::string(!caption.empty() && caption.back() == '.' ? "" : ".") + " With this many lines only each mean's 95% confidence band is drawn; where 90% of runs lay is in "
                 "statistics.csv (q05, q95).";
    specs.push_back({{"id", id}, {"name", c.name}, {"spec", vega_lite_spec(c)}});
    html += fmt::format("<figure aria-label=\"{0}\"><div class=\"chart\" id=\"{1}\"></div>"
                        "<div class=\"export\">Save this chart: <button type=\"button\" data-chart=\"{1}\" data-format=\"png\">PNG</button> "
                        "<button type=\"button\" data-chart=\"{1}\" data-format=\"svg\">SVG</button> "
                        "<span class=\"chart-name\">(or <code>regimesim plot DIR --chart {2}</code>)</span></div>"
                        "<figcaption>{3}</figcaption></figure>\n",
                        html_escape(c.title), id, html_escape(c.name), html_escape(caption));
  }
};

std::string text_of(const json& j, const char* key) {
  if (!j.is_object() || !j.contains(key)) return "";
  return j[key].is_string() ? j[key].get<std::string>() : j[key].dump();
}

void row(std::string& html, const std::string& what, const std::string& value) {
  if (!value.empty()) html += fmt::format("<tr><th>{}</th><td>{}</td></tr>\n", html_escape(what), value);
}

void what_was_run(Page& p, const ResultFiles& f) {
  p.html += "<h2 id=\"run\">What was run</h2>\n<table>\n";
  const json m = f.manifest.value_or(json::object());
  const json s = f.summary.value_or(json::object());
  const json sc = m.contains("resolved_scenario") ? m["resolved_scenario"] : json::object();
  // The manifest first, summary.json where the manifest is silent.
  auto either = [&](const char* key) { return html_escape(text_of(m, key).empty() ? text_of(s, key) : text_of(m, key)); };
  row(p.html, "Scenario", either("scenario"));
  row(p.html, "What it asks", html_escape(text_of(sc, "description")));
  row(p.html, "Scenario file", html_escape(text_of(m, "scenario_file")));
  row(p.html, "World", html_escape(world_in_words(sc)));
  if (sc.contains("controls")) {
    const auto lines = controls_in_words(sc);
    std::string list = lines.empty() ? "none: the world should stay at its baseline" : "<ul>";
    for (const auto& l : lines) list += "<li>" + html_escape(l) + "</li>";
    row(p.html, "Controls", lines.empty() ? list : list + "</ul>");
  }
  row(p.html, "Steps (months)", either("steps"));
  row(p.html, "Seed", either("seed"));
  row(p.html, "Runs", either("runs"));
  row(p.html, "Threads", either("threads"));
  if (f.series && !f.series->sweep_keys.empty()) {
    std::set<std::string> points;
    for (const auto& r : f.series->rows) points.insert(sweep_label(f.series->sweep_keys, r.sweep));
    std::vector<std::string> keys;
    for (const auto& k : f.series->sweep_keys) keys.push_back(fmt::format("{} ({})", key_in_words(k), k));
    row(p.html, "Sweep", html_escape(fmt::format("{} point{} over {}", points.size(), points.size() == 1 ? "" : "s",
                                                 fmt::join(keys, ", "))));
  }
  if (!f.comparison.empty()) {
    std::vector<std::string> names;
    for (const auto& r : f.comparison)
      if (names.empty() || names.back() != r.scenario) names.push_back(r.scenario);
    row(p.html, "Scenarios compared", html_escape(fmt::format("{}", fmt::join(names, ", "))));
  }
  const std::string version = text_of(m, "regimesim_version");
  if (!version.empty()) row(p.html, "Program", html_escape(fmt::format("regimesim {} (commit {})", version, text_of(m, "git_commit"))));
  row(p.html, "Command", m.contains("command_line") ? "<code>" + html_escape(text_of(m, "command_line")) + "</code>" : "");
  row(p.html, "Made", html_escape(text_of(m, "created_utc")));
  p.html += "</table>\n";
}

// The ensemble's spread of a headline: summary.json's `statistics` lists, per sweep
// point, each headline's statistics over the runs; the headlines themselves are the
// first point's first run, so their spread is the first point's. One run has none.
std::optional<Spread> headline_spread(const json& summary, const std::string& metric, const std::string& group,
                                      const std::string& when) {
  if (!summary.contains("statistics") || !summary["statistics"].is_array() || summary["statistics"].empty()) return std::nullopt;
  const json& first = summary["statistics"][0];
  if (!first.is_object() || !first.contains("metrics") || !first["metrics"].is_array()) return std::nullopt;
  for (const auto& m : first["metrics"])
    if (text_of(m, "metric") == metric && text_of(m, "group") == group && text_of(m, "when") == when) {
      auto s = spread_from_json(m);
      return s && s->runs > 1 ? s : std::nullopt;
    }
  return std::nullopt;
}

void headlines(Page& p, const ResultFiles& f) {
  if (!f.summary || !f.summary->is_object()) return;
  const json& s = *f.summary;
  p.html += "<h2 id=\"headlines\">What the controls did</h2>\n<p class=\"lead\">Every figure is this scenario against its baseline: "
            "the same world, stepped side by side, without any controls.</p>\n<ul>\n";
  if (s.contains("world") && s["world"].is_object() && s["world"].contains("output_loss")) {
    const json& ol = s["world"]["output_loss"];
    if (ol.is_object() && ol.contains("horizon") && ol["horizon"].is_number() && ol.contains("cumulative") &&
        ol["cumulative"].is_number()) {
      // An ensemble's mean where it has one (its first run otherwise stands for all).
      const auto end = headline_spread(s, "output_loss", "WORLD", "at the horizon");
      const auto whole = headline_spread(s, "output_loss", "WORLD", "over the run");
      std::string line = fmt::format("At the end, world output was {} below the baseline; over the whole run, {} "
                                     "(below 0 is a gain).", percent(end ? end->mean : ol["horizon"].get<double>()),
                                     percent(whole ? whole->mean : ol["cumulative"].get<double>()));
      if (end) line += " " + spread_sentence("output_loss", *end);
      p.html += "<li>" + html_escape(line) + "</li>\n";
    }
  }
  bool any_spread = false;
  std::vector<std::string> zeros;  // named together: a list of "worth 0" sentences hides what moved
  if (s.contains("headlines") && s["headlines"].is_array())
    for (const auto& h : s["headlines"]) {
      const std::string metric = text_of(h, "metric"), group = text_of(h, "group");
      if (!h.contains("value") || !h["value"].is_number()) continue;
      const auto spread = headline_spread(s, metric, group, text_of(h, "when"));
      any_spread = any_spread || spread.has_value();
      if (h["value"].get<double>() == 0 && (!spread || (spread->q05 == 0 && spread->q95 == 0))) {
        zeros.push_back(metric_words(metric).title + (group == "WORLD" ? "" : " (" + group_words(group) + ")"));
        continue;
      }
      const std::optional<double> baseline =
          h.contains("baseline") && h["baseline"].is_number() ? std::optional<double>(h["baseline"].get<double>()) : std::nullopt;
      p.html += "<li>" + html_escape(headline_sentence(metric, group, text_of(h, "when"), h["value"].get<double>(), spread,
                                                       baseline)) +
                " <small>(<code>" + html_escape(metric) + "</code>)</small></li>\n";
    }
  if (!zeros.empty())
    p.html += "<li>Zero in this result: " + html_escape(fmt::format("{}", fmt::join(zeros, ", "))) + ".</li>\n";
  p.html += "</ul>\n";
  const bool sweep = s.contains("sweep") && s["sweep"].is_object() && s["sweep"].contains("points") &&
                     s["sweep"]["points"].is_array() && s["sweep"]["points"].size() > 1;
  if (sweep) {
    // The point in words ("USA enforcement effort = 0"), as the charts' legends name it.
    std::vector<std::string> at;
    const json& first = s["sweep"]["points"][0];
    if (first.is_object())
      for (const auto& [key, value] : first.items())
        at.push_back(key_in_words(key) + " = " + (value.is_string() ? value.get<std::string>() : value.dump()));
    p.html += "<p class=\"note\">These sentences read the first sweep point (" +
              html_escape(at.empty() ? first.dump() : fmt::format("{}", fmt::join(at, ", "))) +
              "); the response curves below show every point.</p>\n";
  }
  p.html += any_spread ? "<p class=\"note\">A 95% confidence interval says where the mean of many more runs would likely "
                         "fall; the 5%–95% range says where a single run is likely to land.</p>\n"
                       : "<p class=\"note\">These numbers come from one run, so they carry no measured uncertainty. "
                         "Run an ensemble (several runs) to see how much they vary.</p>\n";
  p.html += "<p class=\"note\">Amounts are in baseline-price units: every item costs 1 in the baseline, so an "
            "amount is a quantity valued at baseline prices.</p>\n";
}

void over_time(Page& p, const ResultFiles& f, const ReportCharts& charts) {
  if (!f.series) return;
  const SeriesTable& t = *f.series;
  p.html += "<h2 id=\"over-time\">Over time</h2>\n";
  p.html += t.has_bands()
                ? fmt::format("<p class=\"note\">Lines are the mean of {} runs. The light band is where 90% of runs lay "
                              "(5th to 95th percentile); the darker band the 95% confidence interval of the mean.</p>\n",
                              t.max_runs())
            : t.max_runs() > 1
                ? fmt::format("<p class=\"note\">Lines are the mean of {} runs; this directory has no statistics.csv, "
                              "so no bands are drawn.</p>\n", t.max_runs())
                : "<p class=\"note\">One run: each line is that run. No bands, because one run measures no spread.</p>\n";
  for (const auto& c : charts.over_time) p.chart(c);
  if (!charts.response.empty()) {
    p.html += "<h2 id=\"sweep\">Response to the sweep</h2>\n<p class=\"lead\">How each world-level result in the last month "
              "changes with the swept value.</p>\n";
    for (const auto& c : charts.response) p.chart(c);
  }
  if (!charts.zero_response.empty()) {
    std::vector<std::string> names;
    for (const auto& m : charts.zero_response) names.push_back(metric_words(m).title);
    p.html += "<p class=\"note\">Zero at every sweep point, so not drawn: " +
              html_escape(fmt::format("{}", fmt::join(names, ", "))) + ".</p>\n";
  }
}

// Scenario discovery: per box PRIM found, its statistics in words, the range it keeps
// of each input beside the range the points span, and its two charts.
void discovery(Page& p, const ResultFiles& f, const ReportCharts& charts) {
  if (!f.discovery) return;
  const json& d = *f.discovery;
  const json& o = d["outcome"];
  const std::size_t cases = d["cases"].get<std::size_t>(), holds = d["holds"].get<std::size_t>();
  p.html += "<h2 id=\"discovery\">Where the outcome holds</h2>\n<p class=\"lead\">Scenario discovery (PRIM, docs/DISCOVERY.md) "
            "looks for the ranges of the swept inputs in which this outcome holds: <strong>" + html_escape(discovery_title(d)) +
            "</strong>.</p>\n";
  p.html += fmt::format("<p class=\"discovery-outcome\">Outcome: <code>{}</code>. It holds at {} of the {} points ({}).</p>\n",
                        html_escape(o.value("words", "")), holds, cases,
                        percent(cases ? static_cast<double>(holds) / static_cast<double>(cases) : 0.0));
  if (d["boxes"].empty()) p.html += "<p class=\"note\">No box: the outcome holds at no point.</p>\n";
  for (std::size_t b = 0; b < d["boxes"].size(); ++b) {
    const json& box = d["boxes"][b];
    p.html += fmt::format("<h3>Box {}</h3>\n<p class=\"discovery-box\" data-box=\"{}\">Coverage <strong class=\"coverage\">{}</strong> "
                          "(of the points where it holds, the share inside the box), density <strong class=\"density\">{}</strong> "
                          "(of the box's points, the share where it holds), support {} ({} of {} points{}).</p>\n",
                          b + 1, b + 1, percent(box["coverage"].get<double>()), percent(box["density"].get<double>()),
                          percent(box["support"].get<double>()), box.value("cases", json(0)).dump(),
                          b == 0 ? std::to_string(cases) : std::string("the"), b == 0 ? "" : " left by the boxes before it");
    p.html += "<table class=\"discovery-limits\"><tr><th>input</th><th>the box keeps</th><th>the points span</th></tr>\n";
    for (std::size_t j = 0; j < box["limits"].size(); ++j) {
      const json& l = box["limits"][j];
      const std::string key = d["inputs"][j]["name"];
      const bool restricted = l.value("restricted", false);
      p.html += fmt::format("<tr data-input=\"{0}\"><td>{1} <small>(<code>{0}</code>)</small></td><td class=\"{2}\">{3}</td><td>{4}</td></tr>\n",
                            html_escape(key), html_escape(key_in_words(key)), restricted ? "kept" : "free",
                            restricted ? html_escape(l.value("words", "")) : "not restricted", html_escape(l.value("span", "")));
    }
    p.html += "</table>\n";
    for (const auto& c : charts.discovery)
      if (c.name == "discovery-trajectory" + (b ? fmt::format("-{}", b + 1) : "") ||
          c.name == "discovery-box" + (b ? fmt::format("-{}", b + 1) : ""))
        p.chart(c);
  }
  if (!d["boxes"].empty() && scatter_inputs(d, 0).empty())
    p.html += "<p class=\"note\">The box is not drawn over the points: it needs two numeric inputs.</p>\n";
  p.html += "<p class=\"note\">A point is a sweep point, and its outcome a statistic over the point's runs: density counts "
            "points, not runs. The box describes the points run, not the model beyond them.</p>\n";
}

void gains_and_losses(Page& p, const ResultFiles& f, const ReportCharts& charts) {
  const bool has_states = f.summary && f.summary->contains("states") && (*f.summary)["states"].is_object();
  const auto& bars = charts.by_state;
  const auto shares = f.series ? largest_share_changes(*f.series, 6) : std::vector<ShareChange>{};
  if (!has_states && !bars && shares.empty()) return;
  p.html += "<h2 id=\"gains\">Who gains and who loses</h2>\n";
  if (bars) p.chart(*bars);
  if (has_states) {
    // Largest loss at the end first; a long list folds away behind a summary line.
    auto num = [](const json& v) { return v.is_number() ? v.get<double>() : 0.0; };
    auto loss = [&](const json& st, const char* when) {
      return st.is_object() && st.contains("output_loss") && st["output_loss"].is_object()
                 ? num(st["output_loss"].value(when, json(0))) : 0.0;
    };
    std::vector<std::pair<std::string, json>> states;
    for (const auto& [code, st] : (*f.summary)["states"].items()) states.push_back({code, st});
    std::stable_sort(states.begin(), states.end(),
                     [&](const auto& a, const auto& b) { return loss(a.second, "horizon") > loss(b.second, "horizon"); });
    const bool fold = states.size() > 20;
    if (fold) p.html += fmt::format("<details><summary>All {} states, largest loss first</summary>\n", states.size());
    p.html += "<table><tr><th>state</th><th class=\"num\">output lost at the end</th><th class=\"num\">over the whole run</th>"
              "<th class=\"num\">imports blocked</th><th class=\"num\">exports blocked</th></tr>\n";
    for (const auto& [code, st] : states) {
      const double end = loss(st, "horizon"), whole = loss(st, "cumulative");
      if (!st.is_object()) continue;
      p.html += fmt::format("<tr><td>{}</td><td class=\"num {}\">{}</td><td class=\"num {}\">{}</td><td class=\"num\">{}</td>"
                            "<td class=\"num\">{}</td></tr>\n", html_escape(code), end > 0 ? "loss" : end < 0 ? "gain" : "",
                            percent(end), whole > 0 ? "loss" : whole < 0 ? "gain" : "", percent(whole),
                            amount(num(st.value("blocked_trade_total", json(0)))),
                            amount(num(st.value("blocked_exports_total", json(0)))));
    }
    p.html += fold ? "</table></details>\n" : "</table>\n";
    p.html += "<p class=\"note\">Output lost is a share of the state's baseline output (negative: it made more). "
              "Blocked trade is orders denied or held for a licence, summed over the run, in baseline-price units.</p>\n";
    // summary.json's states are its first run's: beside the bars' means they can differ a lot.
    const json& rj = f.summary->contains("runs") ? (*f.summary)["runs"] : json();
    const long runs = rj.is_number_integer() ? rj.get<long>() : 1;
    if (runs > 1)
      p.html += fmt::format("<p class=\"note runs-note\">The table is the first run's (seed {}), as summary.json holds it; "
                            "{}the mean of the {} runs is in statistics.csv, and one run of an ensemble can differ from "
                            "it by much.</p>\n", html_escape(text_of(*f.summary, "seed")),
                            bars ? "the bars above are the mean of the runs; " : "", runs);
  }
  if (!shares.empty()) {
    p.html += "<h3>Largest market-share changes at the end</h3>\n<table><tr><th>state</th><th>item</th>"
              "<th class=\"num\">share of world output</th><th class=\"num\">change against baseline</th></tr>\n";
    for (const auto& s : shares)
      p.html += fmt::format("<tr><td>{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num {}\">{:+.1f} points{}</td></tr>\n",
                            html_escape(s.state), html_escape(s.item), percent(s.share), s.shift > 0 ? "gain" : "loss",
                            100 * s.shift,
                            s.shift_band ? fmt::format(" (95% CI {:+.1f} to {:+.1f})", 100 * s.shift_band->ci95_low,
                                                       100 * s.shift_band->ci95_high)
                                         : std::string());
    p.html += "</table>\n";
  }
}

// The firms the scenario names (entity lists, listed end users, report_firms), from
// summary.json's `firms`: what each made and what reached it, against the baseline.
void named_firms(Page& p, const ResultFiles& f) {
  if (!f.summary || !f.summary->contains("firms") || !(*f.summary)["firms"].is_object()) return;
  const json& firms = (*f.summary)["firms"];
  if (firms.empty()) return;
  auto num = [](const json& o, const char* key) { return o.is_object() && o.contains(key) && o[key].is_number() ? o[key].get<double>() : 0.0; };
  p.html += "<h2 id=\"firms\">The named firms</h2>\n<p class=\"lead\">The firms this scenario names (in an entity list, as a "
            "listed end user, or in <code>report_firms</code>), each against its own baseline.</p>\n";
  p.html += "<table><tr><th>firm</th><th>state</th><th>makes</th><th class=\"num\">output lost at the end</th>"
            "<th class=\"num\">over the whole run</th><th class=\"num\">inputs blocked</th></tr>\n";
  std::string inputs;
  for (const auto& [id, x] : firms.items()) {
    if (!x.is_object()) continue;
    const json ol = x.value("output_loss", json::object());
    const double end = num(ol, "horizon"), whole = num(ol, "cumulative");
    p.html += fmt::format("<tr><td>{}</td><td>{}</td><td>{}</td><td class=\"num {}\">{}</td><td class=\"num {}\">{}</td>"
                          "<td class=\"num\">{}</td></tr>\n", html_escape(id), html_escape(text_of(x, "state")),
                          html_escape(text_of(x, "item")), end > 0 ? "loss" : end < 0 ? "gain" : "", percent(end),
                          whole > 0 ? "loss" : whole < 0 ? "gain" : "", percent(whole), amount(num(x, "blocked_trade_total")));
    if (!x.contains("inputs") || !x["inputs"].is_object()) continue;
    for (const auto& [item, in] : x["inputs"].items())
      inputs += fmt::format("<tr><td>{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>"
                            "<td class=\"num\">{}</td></tr>\n", html_escape(id), html_escape(item),
                            amount(num(in, "received_horizon")), amount(num(in, "baseline_received_horizon")),
                            amount(num(in, "blocked_trade_total")), amount(num(in, "resourced_receipts_total")));
  }
  p.html += "</table>\n";
  if (!inputs.empty())
    p.html += "<h3>What reached them, input by input</h3>\n<table><tr><th>firm</th><th>input</th><th class=\"num\">received "
              "at the end</th><th class=\"num\">baseline</th><th class=\"num\">blocked over the run</th><th class=\"num\">from "
              "new suppliers over the run</th></tr>\n" + inputs + "</table>\n";
  p.html += "<p class=\"note\">Amounts a month at the end, or summed over the run, in baseline-price units. From whom each "
            "firm buys, state by state, is in <code>flows.csv</code> (importer <code>firm:ID</code>).</p>\n";
}

void comparison(Page& p, const ResultFiles& f, const ReportCharts& charts) {
  if (f.comparison.empty()) return;
  p.html += "<h2 id=\"comparison\">The scenarios side by side</h2>\n<p class=\"lead\">Each scenario ran beside its own baseline; these are "
            "the world-level headline results of each.</p>\n";
  // Metrics that are zero in every scenario say nothing apart; they are named, not drawn.
  const std::vector<ComparisonRow> drawn = rows_that_move(f.comparison);
  std::set<std::string> still;
  for (const auto& r : f.comparison)
    if (std::none_of(drawn.begin(), drawn.end(), [&](const ComparisonRow& d) { return d.metric == r.metric && d.group == r.group; }))
      still.insert(metric_words(r.metric).title + (r.group == "WORLD" ? "" : " (" + group_words(r.group) + ")"));
  if (charts.comparison) p.chart(*charts.comparison);
  // The same numbers as a table: one row per metric, one column per scenario.
  std::vector<std::string> names, labels;
  std::map<std::pair<std::string, std::string>, const ComparisonRow*> cell;
  for (const auto& r : drawn) {
    const std::string label = comparison_label(r);
    if (std::find(names.begin(), names.end(), r.scenario) == names.end()) names.push_back(r.scenario);
    if (std::find(labels.begin(), labels.end(), label) == labels.end()) labels.push_back(label);
    cell[{label, r.scenario}] = &r;
  }
  if (!labels.empty()) {
    p.html += "<table><tr><th>metric</th>";
    for (const auto& n : names) p.html += "<th class=\"num\">" + html_escape(n) + "</th>";
    p.html += "</tr>\n";
    for (const auto& l : labels) {
      p.html += "<tr><td>" + html_escape(l) + "</td>";
      for (const auto& n : names) {
        auto it = cell.find({l, n});
        if (it == cell.end()) { p.html += "<td class=\"num\">–</td>"; continue; }
        const ComparisonRow& r = *it->second;
        auto f = [&](double v) { return is_share_metric(r.metric) ? percent(v) : amount(v); };
        std::string v = f(r.value);
        // One run's interval is the value itself: "(87.5% to 87.5%)" would only widen the table.
        if (r.ci95_low && r.ci95_high && *r.ci95_low != *r.ci95_high)
          v += " (" + f(*r.ci95_low) + " to " + f(*r.ci95_high) + ")";
        // The level the value is read against (a loss's is the quantity it is a share of).
        if (r.baseline) {
          const bool share_baseline = r.metric == "substitution_share" || r.metric == "target_indigenous_share";
          v += "; baseline " + (share_baseline ? percent(*r.baseline) : amount(*r.baseline));
        }
        p.html += "<td class=\"num\">" + html_escape(v) + "</td>";
      }
      p.html += "</tr>\n";
    }
    p.html += "</table>\n<p class=\"note\">Shares in percent; amounts are volumes at baseline prices. Beside each value, its "
              "baseline: for a share lost, the baseline quantity it is a share of; otherwise the same metric without the "
              "controls. A dash: the metric does not apply to that scenario.</p>\n<dl>\n";
    std::set<std::string> explained;
    for (const auto& r : drawn)
      if (explained.insert(r.metric).second)
        p.html += "<dt><code>" + html_escape(r.metric) + "</code></dt><dd>" + html_escape(metric_meaning(r.metric)) + "</dd>\n";
    p.html += "</dl>\n";
  }
  if (!still.empty())
    p.html += "<p class=\"note\">Zero in every scenario: " + html_escape(fmt::format("{}", fmt::join(still, ", "))) + ".</p>\n";
}

}  // namespace

std::string render_report(const ResultFiles& f) {
  Page p;
  std::string name = f.manifest ? text_of(*f.manifest, "scenario") : "";
  if (name.empty() && f.summary) name = text_of(*f.summary, "scenario");
  const std::string title = f.comparison.empty() ? fmt::format("regimesim report: {}", name.empty() ? f.dir.filename().string() : name)
                                                 : "regimesim report: a comparison of scenarios";
  p.html += "<h1>" + html_escape(title) + "</h1>\n";
  p.html += "<p class=\"lead\">An agent-based simulation of export controls: states and firms make and trade goods along a "
            "supply network, and controls filter what may be shipped. This page reads the files in <code>" +
            html_escape(f.dir.string()) + "</code>.</p>\n";
  const ReportCharts charts = report_charts(f);
  what_was_run(p, f);
  headlines(p, f);
  comparison(p, f, charts);
  over_time(p, f, charts);
  discovery(p, f, charts);
  gains_and_losses(p, f, charts);
  named_firms(p, f);
  p.html += "<footer>Made by <code>regimesim report</code> from " + html_escape(fmt::format("{}", fmt::join(f.read, ", "))) +
            ". Charts drawn with " + html_escape(std::string(chart_library().versions)) +
            ", embedded in this file: it needs no network. See docs/REPORT.md for how to read each section.</footer>\n";
  return page_shell(title, p.html, p.specs);
}

std::filesystem::path write_report(const std::filesystem::path& dir, const std::optional<nlohmann::json>& discovery,
                                   const std::string& discovery_source) {
  ResultFiles files = read_result_files(dir);
  if (discovery) {
    files.read.erase(std::remove(files.read.begin(), files.read.end(), "discovery.json"), files.read.end());
    files.discovery = discovery;
    files.read.push_back(discovery_source.empty() ? "discovery.json" : discovery_source);
  }
  const std::string page = render_report(files);
  const auto target = dir / "report.html";
  const auto partial = dir / fmt::format(".report.html.partial-{}", ::getpid());
  {
    std::ofstream out(partial, std::ios::binary);
    out << page;
    if (!out) {
      std::error_code ec;
      std::filesystem::remove(partial, ec);
      throw ReportInputError(fmt::format("{}: cannot write the report here", partial.string()));
    }
  }
  std::filesystem::rename(partial, target);
  return target;
}

}  // namespace regimesim::report
