#include "report/chart_data.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdlib>
#include <map>
#include <tuple>

#include "report/csv_table.hpp"
#include "report/chart_words.hpp"
#include "report/plain_words.hpp"

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

bool is_number(const std::string& s) {
  char* end = nullptr;
  std::strtod(s.c_str(), &end);
  return !s.empty() && end == s.c_str() + s.size();
}

// Sweep values in order: numerically where both are numbers ("2" before "10").
bool sweep_less(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  for (std::size_t i = 0; i < a.size() && i < b.size(); ++i) {
    if (a[i] == b[i]) continue;
    if (is_number(a[i]) && is_number(b[i])) return std::strtod(a[i].c_str(), nullptr) < std::strtod(b[i].c_str(), nullptr);
    return a[i] < b[i];
  }
  return a.size() < b.size();
}

// How many lines colour and dash tell apart (chart_specs: eight dash patterns).
constexpr std::size_t kLinesTold = 8;

std::string place_of(const std::string& state) { return state == "WORLD" ? std::string("world") : state; }

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

// Labels the chosen lines by the parts of their key that differ between them
// (scenario, sweep point, state, item); the parts they share name the chart.
struct Labels {
  std::map<Key, std::string> of;
  std::string legend_title, shared;
};

Labels label_lines(const SeriesTable& t, const std::set<Key>& chosen) {
  std::array<std::set<std::string>, 4> seen;
  for (const auto& k : chosen) {
    seen[0].insert(std::get<0>(k));
    seen[1].insert(fmt::format("{}", fmt::join(std::get<1>(k), "\x1f")));
    seen[2].insert(std::get<2>(k));
    seen[3].insert(std::get<3>(k));
  }
  const bool varies[4] = {seen[0].size() > 1, seen[1].size() > 1, seen[2].size() > 1, seen[3].size() > 1};
  Labels l;
  for (const auto& k : chosen) {
    std::vector<std::string> parts;
    if (varies[0]) parts.push_back(std::get<0>(k));
    if (varies[1]) parts.push_back(sweep_label(t.sweep_keys, std::get<1>(k)));
    if (varies[2]) parts.push_back(place_of(std::get<2>(k)));
    if (varies[3]) parts.push_back(std::get<3>(k));
    if (parts.empty()) parts.push_back(place_of(std::get<2>(k)));
    l.of[k] = fmt::format("{}", fmt::join(parts, " · "));
  }
  const int varying = varies[0] + varies[1] + varies[2] + varies[3];
  if (varying == 1 && varies[0]) l.legend_title = "scenario";
  if (varying == 1 && varies[1]) l.legend_title = t.sweep_keys.size() == 1 ? key_in_words(t.sweep_keys[0]) : "sweep point";
  if (varying == 1 && varies[3]) l.legend_title = "item";
  if (!chosen.empty()) {
    const Key& k = *chosen.begin();
    std::vector<std::string> shared;
    if (!varies[2]) shared.push_back(place_of(std::get<2>(k)));
    if (!varies[3] && std::get<3>(k) != "all") shared.push_back(std::get<3>(k));
    l.shared = fmt::format("{}", fmt::join(shared, ", "));
  }
  return l;
}

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
  // Over sweep points or scenarios, each of them is a line: of one place only, or the lines would tangle.
  const bool one_place = !t.sweep_keys.empty() || several_scenarios(t);
  if (!sel.per_item) {
    // The world always; states that moved most, except where each point or scenario is one line.
    std::vector<std::pair<double, Key>> states;
    for (const auto& [k, s] : score)
      if (std::get<2>(k) == "WORLD") chosen.insert(k);
      else if (!one_place && s > 0) states.push_back({s, k});
    std::stable_sort(states.begin(), states.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
    for (std::size_t i = 0; i < states.size() && i < sel.count - 1; ++i) chosen.insert(states[i].second);
    if (chosen.empty())  // no world row: the states themselves
      for (std::size_t i = 0; i < states.size() && i < sel.count; ++i) chosen.insert(states[i].second);
  } else {
    // Rank (state, item) pairs by how far they moved at any point; over points or scenarios, the top pair only.
    std::map<std::pair<std::string, std::string>, double> pair_score;
    for (const auto& [k, s] : score) {
      auto& p = pair_score[{std::get<2>(k), std::get<3>(k)}];
      p = std::max(p, s);
    }
    std::vector<std::pair<double, std::pair<std::string, std::string>>> ranked;
    for (const auto& [p, s] : pair_score) ranked.push_back({s, p});
    std::stable_sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
    const std::size_t n = one_place ? 1 : sel.count;
    std::set<std::pair<std::string, std::string>> pairs;
    for (std::size_t i = 0; i < ranked.size() && i < n; ++i) pairs.insert(ranked[i].second);
    for (const auto& [k, s] : score)
      if (pairs.count({std::get<2>(k), std::get<3>(k)})) chosen.insert(k);
  }
  // A state whose line is the world's, step for step (the only target of a control),
  // would hide under it: drawn once, as the world's, and named in the caption.
  std::vector<std::string> same_as_world;
  if (!sel.per_item) {
    std::map<Key, std::map<int, double>> path;
    for (const auto& r : t.rows)
      if (r.metric == sel.metric && fits(r) && chosen.count(key_of(r))) path[key_of(r)][r.step] = r.mean;
    auto same = [](const std::map<int, double>& a, const std::map<int, double>& b) {
      if (a.size() != b.size()) return false;
      for (auto i = a.begin(), j = b.begin(); i != a.end(); ++i, ++j)
        if (i->first != j->first || std::abs(i->second - j->second) > 1e-12 * std::max(1.0, std::abs(j->second))) return false;
      return true;
    };
    for (auto it = chosen.begin(); it != chosen.end();) {
      Key world = *it;
      std::get<2>(world) = "WORLD";
      if (std::get<2>(*it) != "WORLD" && chosen.count(world) && same(path[*it], path[world])) {
        same_as_world.push_back(std::get<2>(*it));
        it = chosen.erase(it);
      } else {
        ++it;
      }
    }
  }
  if (!same_as_world.empty())
    chart.caption += fmt::format(" {}: the same as the world's, month by month, so drawn once, as the world's.",
                                 fmt::join(same_as_world, ", "));
  // Lines in the order a reader looks for them: scenarios as the file lists them, sweep
  // points by value, the world first, then the places that moved most.
  std::map<std::string, std::size_t> scenario_rank;
  for (const auto& r : t.rows) scenario_rank.try_emplace(r.scenario, scenario_rank.size());
  std::vector<Key> order(chosen.begin(), chosen.end());
  std::stable_sort(order.begin(), order.end(), [&](const Key& a, const Key& b) {
    if (std::get<0>(a) != std::get<0>(b)) return scenario_rank[std::get<0>(a)] < scenario_rank[std::get<0>(b)];
    if (std::get<1>(a) != std::get<1>(b)) return sweep_less(std::get<1>(a), std::get<1>(b));
    const bool wa = std::get<2>(a) == "WORLD", wb = std::get<2>(b) == "WORLD";
    if (wa != wb) return wa;
    return score.at(a) > score.at(b);
  });
  const Labels labels = label_lines(t, chosen);
  for (const Key& k : order) chart.series_order.push_back(labels.of.at(k));
  chart.legend_title = labels.legend_title;
  // Past eight lines, colours and dashes repeat and a legend of 25 entries cannot be
  // matched to its lines. Where the lines are sweep points of one place (all that
  // varies is the point) and the first swept key is a number, shade each line by it.
  bool shaded = order.size() > kLinesTold && !t.sweep_keys.empty();
  for (const Key& k : order)
    shaded = shaded && std::get<0>(k) == std::get<0>(order.front()) && std::get<2>(k) == std::get<2>(order.front()) &&
             std::get<3>(k) == std::get<3>(order.front()) && is_number(std::get<1>(k).front());
  const std::vector<std::string> rest_keys(t.sweep_keys.empty() ? t.sweep_keys.end() : t.sweep_keys.begin() + 1,
                                           t.sweep_keys.end());
  if (shaded) {
    chart.shade_title = key_in_words(t.sweep_keys.front());
    if (!rest_keys.empty())
      chart.dash_title = rest_keys.size() == 1 ? key_in_words(rest_keys.front()) : std::string("other swept keys");
    chart.caption += fmt::format(" The {} sweep points are {} lines, each shaded by its {} (the scale below the chart){}; "
                                 "their intervals are in the tooltip.",
                                 order.size(), order.size(), chart.shade_title,
                                 rest_keys.empty() ? "" : " and dashed by the " + chart.dash_title);
  }
  if (!labels.shared.empty()) chart.title += " (" + labels.shared + ")";
  std::map<Key, std::vector<const SeriesRow*>> drawn;
  for (const auto& r : t.rows)
    if (r.metric == sel.metric && fits(r) && chosen.count(key_of(r))) drawn[key_of(r)].push_back(&r);
  for (const Key& k : order) {
    auto& rows = drawn[k];
    std::stable_sort(rows.begin(), rows.end(), [](const SeriesRow* a, const SeriesRow* b) { return a->step < b->step; });
    for (const SeriesRow* r : rows) {
      nlohmann::json rec{{"series", labels.of.at(k)}, {"step", r->step}, {"value", r->mean}};
      if (shaded) {
        rec["shade"] = std::strtod(std::get<1>(k).front().c_str(), nullptr);
        if (!rest_keys.empty())
          rec["dash"] = sweep_label(rest_keys, std::vector<std::string>(std::get<1>(k).begin() + 1, std::get<1>(k).end()));
      }
      put_band(rec, r->band);
      chart.values.push_back(std::move(rec));
    }
  }
  chart.kind = ChartKind::time_series;
  chart.x_title = "month";
  chart.last_step = t.last_step();
  return chart;
}

}  // namespace

namespace {
// A chart of one metric named and labelled in plain words (metric_words).
Chart chart_of(const std::string& name, const std::string& metric, bool share, const std::string& caption) {
  Chart c;
  c.name = name;
  c.title = metric_words(metric).title;
  c.y_title = metric_words(metric).axis;
  c.share = share;
  c.caption = caption + " (metric " + metric + ")";
  return c;
}
}  // namespace

std::optional<Chart> denial_chart(const SeriesTable& t) {
  return series_chart(t, {"denial_effectiveness", "denial_effectiveness", 0, false, 6},
                      chart_of("denial", "denial_effectiveness", true,
                               "The share of the listed items that aimed-at buyers received in the baseline and no longer "
                               "receive. 100% = nothing gets through, 0 = as without controls, below 0 = they receive more."));
}

std::optional<Chart> output_loss_chart(const SeriesTable& t) {
  return series_chart(t, {"output_loss", "output_loss", 0, false, 6},
                      chart_of("output-loss", "output_loss", true,
                               "The share of baseline gross output not made; below 0 is a gain. The world and the states "
                               "whose output moved most."));
}

std::optional<Chart> price_chart(const SeriesTable& t) {
  return series_chart(t, {"price_index", "price_index", 1, true, 6},
                      chart_of("prices", "price_index", false,
                               "The price buyers in a state are asked for an item, as a multiple of the baseline price "
                               "(1 = unchanged). The state-item pairs whose price moved most."));
}

std::optional<Chart> market_share_chart(const SeriesTable& t) {
  bool has_shift = false;
  for (const auto& r : t.rows) has_shift = has_shift || r.metric == "market_share_shift";
  return series_chart(t, {"market_share", has_shift ? "market_share_shift" : "market_share", 0, true, 6},
                      chart_of("market-shares", "market_share", true,
                               "A state's share of world output of an item. The state-item pairs whose share moved most "
                               "against the baseline. A line stops where the world makes none of the item: a share of "
                               "nothing is undefined."));
}

std::vector<Chart> response_curves(const SeriesTable& t, std::vector<std::string>* zero) {
  std::vector<Chart> charts;
  if (t.sweep_keys.empty()) return charts;
  const int last = t.last_step();
  const std::vector<std::pair<std::string, bool>> metrics{
      {"denial_effectiveness", true}, {"output_loss", true},   {"collateral_denial", false},
      {"controller_revenue_loss", true}, {"substitution_share", true}, {"leakage", false}, {"wmd_leakage", false}};
  const bool many = several_scenarios(t);
  const std::vector<std::string> rest_keys(t.sweep_keys.begin() + 1, t.sweep_keys.end());
  const std::string swept = key_in_words(t.sweep_keys.front());
  for (const auto& [metric, share] : metrics) {
    std::vector<const SeriesRow*> rows;
    for (const auto& r : t.rows)
      if (r.metric == metric && r.state == "WORLD" && r.item == "all" && r.step == last) rows.push_back(&r);
    if (rows.empty()) continue;
    const bool all_zero = std::all_of(rows.begin(), rows.end(), [](const SeriesRow* r) {
      return r->mean == 0 && (!r->band || (r->band->q05 == 0 && r->band->q95 == 0));
    });
    if (all_zero) {
      if (zero) zero->push_back(metric);
      continue;
    }
    Chart c = chart_of("response-" + metric, metric, share,
                       fmt::format("Each point is the world's value in the last month (step {}), for one value of {}; "
                                   "the swept key is {}", last, swept, t.sweep_keys.front()));
    c.kind = ChartKind::response_curve;
    c.title = fmt::format("{}, by {} (world, last month)", c.title, swept);
    std::replace(c.name.begin(), c.name.end(), '_', '-');
    c.x_title = swept;
    c.numeric_x = std::all_of(rows.begin(), rows.end(), [](const SeriesRow* r) { return is_number(r->sweep.front()); });
    std::stable_sort(rows.begin(), rows.end(), [](const SeriesRow* a, const SeriesRow* b) {
      return sweep_less({a->sweep.begin() + 1, a->sweep.end()}, {b->sweep.begin() + 1, b->sweep.end()});
    });
    for (const SeriesRow* r : rows) {
      std::vector<std::string> rest(r->sweep.begin() + 1, r->sweep.end());
      std::string series = rest.empty() ? std::string("world") : sweep_label(rest_keys, rest);
      if (many) series = r->scenario + " · " + series;
      if (std::find(c.series_order.begin(), c.series_order.end(), series) == c.series_order.end())
        c.series_order.push_back(series);
      nlohmann::json rec{{"series", series}, {"value", r->mean}};
      if (c.numeric_x) rec["x"] = std::strtod(r->sweep.front().c_str(), nullptr);
      else rec["x"] = r->sweep.front();
      put_band(rec, r->band);
      c.values.push_back(std::move(rec));
    }
    if (!many && rest_keys.size() == 1) c.legend_title = key_in_words(rest_keys.front());
    charts.push_back(std::move(c));
  }
  return charts;
}

std::optional<Chart> state_output_loss_chart(const SeriesTable& t, std::size_t per_side) {
  if (!t.sweep_keys.empty() || t.rows.empty() || several_scenarios(t)) return std::nullopt;
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
  c.name = "output-loss-by-state";
  c.title = fmt::format("Output lost or gained by each state in the last month (step {})", last);
  c.caption = "Each state's output loss against the baseline in the last month. Red bars to the right lost output; "
              "blue bars to the left gained.";
  if (rows.size() > 2 * per_side) {
    c.caption += fmt::format(" Of {} states, the {} that lost most and the {} that lost least (or gained most); "
                             "the table below lists them all.", rows.size(), per_side, per_side);
    rows.erase(rows.begin() + static_cast<long>(per_side), rows.end() - static_cast<long>(per_side));
  }
  c.x_title = "output lost (share of baseline output)";
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
  if (!t.sweep_keys.empty() || t.rows.empty() || several_scenarios(t)) return all;
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

namespace {
// Lines of at most `width` characters, broken between words with "\n" (a panel's
// title must not be wider than its panel; a single longer word stays whole).
std::string wrap_words(const std::string& text, std::size_t width) {
  std::string out, line;
  std::size_t from = 0;
  while (from < text.size()) {
    const auto space = std::min(text.find(' ', from), text.size());
    const std::string word = text.substr(from, space - from);
    if (!line.empty() && line.size() + 1 + word.size() > width) out += line + "\n", line.clear();
    line += (line.empty() ? "" : " ") + word;
    // A long title breaks after its colon first: "Of what still reaches the targets:" / "share from ...".
    if (text.size() > width && word.back() == ':') out += line + "\n", line.clear();
    from = space + 1;
  }
  return out + line;
}
// compare writes output_loss's "when" as its formula; both read as "over the whole run".
std::string when_words(const std::string& when) {
  return when.find("horizon") != std::string::npos ? "at the end" : "over the whole run";
}
}  // namespace

std::string comparison_label(const ComparisonRow& r) {
  const std::string group = group_words(r.group);
  return metric_words(r.metric).title + (group.empty() ? "" : " (" + group + ")") + ", " + when_words(r.when);
}

std::vector<ComparisonRow> rows_that_move(const std::vector<ComparisonRow>& rows) {
  std::set<std::pair<std::string, std::string>> moving;
  for (const auto& r : rows)
    if (r.value != 0) moving.insert({r.metric, r.group});
  std::vector<ComparisonRow> out;
  for (const auto& r : rows)
    if (moving.count({r.metric, r.group})) out.push_back(r);
  return out;
}

std::optional<Chart> comparison_chart(const std::vector<ComparisonRow>& rows) {
  if (rows.empty()) return std::nullopt;
  Chart c;
  c.kind = ChartKind::comparison_bars;
  c.name = "comparison";
  c.title = "Headline results per scenario";
  c.caption = "One panel per headline metric (world, against each scenario's own baseline); one bar per scenario. "
              "Each panel has its own scale; its title says when the value is read and in what unit.";
  c.y_title = "value";
  std::map<std::string, int> order;  // panels in the order the file lists them
  for (const auto& r : rows) {
    // A panel's title in lines (the chart breaks them at \n): what, for whom, when and in what unit.
    // Shares are drawn in percent, so that the axis of each panel reads in the panel's unit.
    const MetricWords w = metric_words(r.metric);
    const bool share = is_share_metric(r.metric);
    const std::string group = group_words(r.group);
    const std::string label = wrap_words(w.title, 40) + (group.empty() ? "" : "\n" + group) + "\n" + when_words(r.when) +
                              ", " + (share ? std::string("in %") : w.unit.empty() ? std::string("value") : w.unit);
    const double scale = share ? 100 : 1;
    order.try_emplace(label, static_cast<int>(order.size()));
    if (std::find(c.series_order.begin(), c.series_order.end(), r.scenario) == c.series_order.end())
      c.series_order.push_back(r.scenario);
    nlohmann::json rec{{"scenario", r.scenario}, {"label", label}, {"order", order[label]}, {"value", scale * r.value}};
    if (r.ci95_low && r.ci95_high) rec["ci95_low"] = scale * *r.ci95_low, rec["ci95_high"] = scale * *r.ci95_high;
    c.values.push_back(std::move(rec));
  }
  return c;
}

}  // namespace regimesim::report
