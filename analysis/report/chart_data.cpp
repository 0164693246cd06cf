#include "report/chart_data.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <map>
#include <tuple>

#include "report/csv_table.hpp"

namespace regimesim::report {

const std::set<std::string>& charted_metrics() {
  static const std::set<std::string> m{"denial_effectiveness", "output_loss",        "price_index",
                                       "market_share",         "market_share_shift", "collateral_denial",
                                       "controller_revenue_loss", "substitution_share", "leakage", "wmd_leakage"};
  return m;
}

namespace {

using Key = std::tuple<std::string, std::vector<std::string>, std::string, std::string>;  // scenario, sweep, state, item
Key key_of(const SeriesRow& r) { return {r.scenario, r.sweep, r.state, r.item}; }

bool several_scenarios(const SeriesTable& t) {
  for (const auto& r : t.rows)
    if (r.scenario != t.rows.front().scenario) return true;
  return false;
}

std::string label_of(const SeriesTable& t, const Key& k, bool many_scenarios) {
  std::vector<std::string> parts;
  if (many_scenarios) parts.push_back(std::get<0>(k));
  if (!t.sweep_keys.empty()) parts.push_back(sweep_label(t.sweep_keys, std::get<1>(k)));
  parts.push_back(std::get<2>(k) == "WORLD" ? std::string("world") : std::get<2>(k));
  if (std::get<3>(k) != "all") parts.push_back(std::get<3>(k));
  return fmt::format("{}", fmt::join(parts, " · "));
}

void put_band(nlohmann::json& rec, const std::optional<Band>& b) {
  if (!b) return;
  rec["q05"] = b->q05;
  rec["q95"] = b->q95;
  rec["ci95_low"] = b->ci95_low;
  rec["ci95_high"] = b->ci95_high;
}

// How one series is chosen for a chart.
struct Selection {
  std::string metric;       // drawn
  std::string rank_metric;  // what "moved most" is measured on
  double reference = 0;     // the baseline value of rank_metric
  bool per_item = false;    // (state, item) series, else (state, all)
  std::size_t count = 6;
};

std::optional<Chart> series_chart(const SeriesTable& t, const Selection& sel, Chart chart) {
  auto fits = [&](const SeriesRow& r) {
    // A named firm's own rows (firm:ID) have a table of their own, not lines among the states'.
    return (sel.per_item ? r.item != "all" : r.item == "all") && r.state != "DEVELOPING" && r.state.rfind("firm:", 0) != 0;
  };
  std::map<Key, double> score;
  for (const auto& r : t.rows)
    if (r.metric == sel.metric && fits(r)) score.try_emplace(key_of(r), 0.0);
  if (score.empty()) return std::nullopt;
  for (const auto& r : t.rows)
    if (r.metric == sel.rank_metric && fits(r)) {
      auto it = score.find(key_of(r));
      if (it != score.end()) it->second = std::max(it->second, std::abs(r.mean - sel.reference));
    }
  std::set<Key> chosen;
  const bool sweep = !t.sweep_keys.empty();
  if (!sel.per_item) {
    // The world always; states that moved most, except in a sweep, where each point is one line.
    std::vector<std::pair<double, Key>> states;
    for (const auto& [k, s] : score)
      if (std::get<2>(k) == "WORLD") chosen.insert(k);
      else if (!sweep && s > 0) states.push_back({s, k});
    std::stable_sort(states.begin(), states.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
    for (std::size_t i = 0; i < states.size() && i < sel.count - 1; ++i) chosen.insert(states[i].second);
    if (chosen.empty())  // no world row: the states themselves
      for (std::size_t i = 0; i < states.size() && i < sel.count; ++i) chosen.insert(states[i].second);
  } else {
    // Rank (state, item) pairs by how far they moved at any point; a sweep shows the top pair at every point.
    std::map<std::pair<std::string, std::string>, double> pair_score;
    for (const auto& [k, s] : score) {
      auto& p = pair_score[{std::get<2>(k), std::get<3>(k)}];
      p = std::max(p, s);
    }
    std::vector<std::pair<double, std::pair<std::string, std::string>>> ranked;
    for (const auto& [p, s] : pair_score) ranked.push_back({s, p});
    std::stable_sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
    const std::size_t n = sweep ? 1 : sel.count;
    std::set<std::pair<std::string, std::string>> pairs;
    for (std::size_t i = 0; i < ranked.size() && i < n; ++i) pairs.insert(ranked[i].second);
    for (const auto& [k, s] : score)
      if (pairs.count({std::get<2>(k), std::get<3>(k)})) chosen.insert(k);
  }
  std::vector<const SeriesRow*> drawn;
  for (const auto& r : t.rows)
    if (r.metric == sel.metric && fits(r) && chosen.count(key_of(r))) drawn.push_back(&r);
  std::stable_sort(drawn.begin(), drawn.end(), [](const SeriesRow* a, const SeriesRow* b) {
    return std::tie(a->scenario, a->sweep, a->state, a->item, a->step) <
           std::tie(b->scenario, b->sweep, b->state, b->item, b->step);
  });
  const bool many = several_scenarios(t);
  for (const SeriesRow* r : drawn) {
    nlohmann::json rec{{"series", label_of(t, key_of(*r), many)}, {"step", r->step}, {"value", r->mean}};
    put_band(rec, r->band);
    chart.values.push_back(std::move(rec));
  }
  chart.kind = ChartKind::time_series;
  chart.x_title = "step (month)";
  chart.last_step = t.last_step();
  return chart;
}

bool is_number(const std::string& s) {
  char* end = nullptr;
  std::strtod(s.c_str(), &end);
  return !s.empty() && end == s.c_str() + s.size();
}

}  // namespace

std::optional<Chart> denial_chart(const SeriesTable& t) {
  Chart c;
  c.title = "Controlled items kept from their targets";
  c.caption = "denial_effectiveness: the share of the listed items that aimed-at buyers received in the baseline "
              "and no longer receive. 1 = nothing gets through, 0 = as without controls, below 0 = they receive more.";
  c.y_title = "share denied";
  c.share = true;
  return series_chart(t, {"denial_effectiveness", "denial_effectiveness", 0, false, 6}, c);
}

std::optional<Chart> output_loss_chart(const SeriesTable& t) {
  Chart c;
  c.title = "Output lost against the baseline";
  c.caption = "output_loss: the share of baseline gross output not made; below 0 is a gain. "
              "The world and the states whose output moved most.";
  c.y_title = "share of baseline output";
  c.share = true;
  return series_chart(t, {"output_loss", "output_loss", 0, false, 6}, c);
}

std::optional<Chart> price_chart(const SeriesTable& t) {
  Chart c;
  c.title = "Prices buyers face";
  c.caption = "price_index: the price buyers in a state are asked for an item, as a multiple of the baseline price "
              "(1 = unchanged). The state-item pairs whose price moved most.";
  c.y_title = "price (baseline = 1)";
  return series_chart(t, {"price_index", "price_index", 1, true, 6}, c);
}

std::optional<Chart> market_share_chart(const SeriesTable& t) {
  Chart c;
  c.title = "Market shares";
  c.caption = "market_share: a state's share of world output of an item. The state-item pairs whose share "
              "moved most against the baseline (market_share_shift). A line stops where the world makes none of the item: "
              "a share of nothing is undefined.";
  c.y_title = "share of world output";
  c.share = true;
  bool has_shift = false;
  for (const auto& r : t.rows) has_shift = has_shift || r.metric == "market_share_shift";
  return series_chart(t, {"market_share", has_shift ? "market_share_shift" : "market_share", 0, true, 6}, c);
}

std::vector<Chart> response_curves(const SeriesTable& t) {
  std::vector<Chart> charts;
  if (t.sweep_keys.empty()) return charts;
  const int last = t.last_step();
  const std::vector<std::pair<std::string, bool>> metrics{
      {"denial_effectiveness", true}, {"output_loss", true},   {"collateral_denial", false},
      {"controller_revenue_loss", true}, {"substitution_share", true}, {"leakage", false}, {"wmd_leakage", false}};
  const bool many = several_scenarios(t);
  const std::vector<std::string> rest_keys(t.sweep_keys.begin() + 1, t.sweep_keys.end());
  for (const auto& [metric, share] : metrics) {
    std::vector<const SeriesRow*> rows;
    for (const auto& r : t.rows)
      if (r.metric == metric && r.state == "WORLD" && r.item == "all" && r.step == last) rows.push_back(&r);
    if (rows.empty()) continue;
    Chart c;
    c.kind = ChartKind::response_curve;
    c.title = fmt::format("{} at the last step, across the sweep", metric);
    c.caption = fmt::format("Each point is the world's {} at step {}, for one value of {}.", metric, last,
                            t.sweep_keys.front());
    c.x_title = t.sweep_keys.front();
    c.y_title = metric;
    c.share = share;
    c.numeric_x = std::all_of(rows.begin(), rows.end(), [](const SeriesRow* r) { return is_number(r->sweep.front()); });
    for (const SeriesRow* r : rows) {
      std::vector<std::string> rest(r->sweep.begin() + 1, r->sweep.end());
      std::string series = rest.empty() ? std::string("world") : sweep_label(rest_keys, rest);
      if (many) series = r->scenario + " · " + series;
      nlohmann::json rec{{"series", series}, {"value", r->mean}};
      if (c.numeric_x) rec["x"] = std::strtod(r->sweep.front().c_str(), nullptr);
      else rec["x"] = r->sweep.front();
      put_band(rec, r->band);
      c.values.push_back(std::move(rec));
    }
    charts.push_back(std::move(c));
  }
  return charts;
}

std::optional<Chart> state_output_loss_chart(const SeriesTable& t, std::size_t per_side) {
  if (!t.sweep_keys.empty() || t.rows.empty()) return std::nullopt;
  const int last = t.last_step();
  const std::string& scenario = t.rows.front().scenario;
  std::vector<const SeriesRow*> rows;
  for (const auto& r : t.rows)
    if (r.metric == "output_loss" && r.item == "all" && r.step == last && r.scenario == scenario &&
        r.state != "WORLD" && r.state != "DEVELOPING")
      rows.push_back(&r);
  if (rows.empty()) return std::nullopt;
  std::stable_sort(rows.begin(), rows.end(), [](const SeriesRow* a, const SeriesRow* b) { return a->mean > b->mean; });
  Chart c;
  c.kind = ChartKind::state_bars;
  c.title = fmt::format("Output lost or gained by each state at the last step (step {})", last);
  c.caption = "Each state's output loss against the baseline at the last step. Bars to the right lost output; "
              "bars to the left gained.";
  if (rows.size() > 2 * per_side) {
    c.caption += fmt::format(" Of {} states, the {} that lost most and the {} that lost least (or gained most); "
                             "the table below lists them all.", rows.size(), per_side, per_side);
    rows.erase(rows.begin() + static_cast<long>(per_side), rows.end() - static_cast<long>(per_side));
  }
  c.x_title = "output loss (share of baseline output)";
  c.y_title = "state";
  c.share = true;
  for (const SeriesRow* r : rows) {
    nlohmann::json rec{{"state", r->state}, {"value", r->mean}};
    if (r->band) rec["ci95_low"] = r->band->ci95_low, rec["ci95_high"] = r->band->ci95_high;
    c.values.push_back(std::move(rec));
  }
  return c;
}

std::vector<ShareChange> largest_share_changes(const SeriesTable& t, std::size_t per_side) {
  std::vector<ShareChange> all;
  if (!t.sweep_keys.empty() || t.rows.empty()) return all;
  const int last = t.last_step();
  const std::string& scenario = t.rows.front().scenario;
  std::map<std::pair<std::string, std::string>, double> share;
  for (const auto& r : t.rows)
    if (r.metric == "market_share" && r.step == last && r.scenario == scenario) share[{r.state, r.item}] = r.mean;
  for (const auto& r : t.rows)
    if (r.metric == "market_share_shift" && r.step == last && r.scenario == scenario && r.mean != 0)
      all.push_back({r.state, r.item, share[{r.state, r.item}], r.mean, r.band});
  std::stable_sort(all.begin(), all.end(), [](const auto& a, const auto& b) { return a.shift > b.shift; });
  std::vector<ShareChange> out;
  for (std::size_t i = 0; i < all.size() && i < per_side && all[i].shift > 0; ++i) out.push_back(all[i]);
  std::vector<ShareChange> losses;
  for (std::size_t i = all.size(); i-- > 0 && losses.size() < per_side && all[i].shift < 0;) losses.push_back(all[i]);
  out.insert(out.end(), losses.rbegin(), losses.rend());
  return out;
}

std::vector<ComparisonRow> read_comparison(const std::string& text, const std::string& name) {
  std::vector<ComparisonRow> rows;
  std::vector<std::size_t> col;
  std::optional<std::size_t> lo, hi, base;
  const char* wanted[] = {"scenario", "metric", "group", "when", "value"};
  bool header = true;
  scan_csv(text, name, [&](const std::vector<std::string>& f, int line) {
    if (header) {
      for (const char* w : wanted) col.push_back(column_index(f, w, name));
      for (std::size_t i = 0; i < f.size(); ++i) {
        if (f[i] == "ci95_low") lo = i;
        if (f[i] == "ci95_high") hi = i;
        if (f[i] == "baseline") base = i;
      }
      header = false;
      return;
    }
    ComparisonRow r{f[col[0]], f[col[1]], f[col[2]], f[col[3]], csv_number(f[col[4]], name, line, "value"), {}, {}, {}};
    if (base && !f[*base].empty()) r.baseline = csv_number(f[*base], name, line, "baseline");
    if (lo && hi && !f[*lo].empty() && !f[*hi].empty()) {
      r.ci95_low = csv_number(f[*lo], name, line, "ci95_low");
      r.ci95_high = csv_number(f[*hi], name, line, "ci95_high");
    }
    rows.push_back(std::move(r));
  });
  return rows;
}

std::string comparison_label(const ComparisonRow& r) {
  std::string label = r.metric;
  if (r.group != "WORLD") label += " (" + r.group + ")";
  // compare writes output_loss's "when" as its formula; both read as "over the whole run".
  const bool end = r.when.find("horizon") != std::string::npos;
  return label + (end ? ", at the end" : ", over the whole run");
}

std::optional<Chart> comparison_chart(const std::vector<ComparisonRow>& rows) {
  if (rows.empty()) return std::nullopt;
  Chart c;
  c.kind = ChartKind::comparison_bars;
  c.title = "Headline results per scenario";
  c.caption = "One panel per headline metric (world, against each scenario's own baseline); one bar per scenario. "
              "Each panel has its own scale.";
  c.y_title = "value";
  std::map<std::string, int> order;  // panels in the order the file lists them
  for (const auto& r : rows) {
    const std::string label = comparison_label(r);
    order.try_emplace(label, static_cast<int>(order.size()));
    nlohmann::json rec{{"scenario", r.scenario}, {"label", label}, {"order", order[label]}, {"value", r.value}};
    if (r.ci95_low && r.ci95_high) rec["ci95_low"] = *r.ci95_low, rec["ci95_high"] = *r.ci95_high;
    c.values.push_back(std::move(rec));
  }
  return c;
}

}  // namespace regimesim::report
