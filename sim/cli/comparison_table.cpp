#include "cli/comparison_table.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <string_view>

#include "output/metric_dictionary.hpp"

namespace regimesim::cli {
namespace {

enum class Kind { share, value, count };

// The reading order: a section heading, then its rows (metric, group). The words and
// units come from the metric dictionary; only the developing states' row and the
// named firms' rows have words of their own (they read a group, not the metric).
struct RowSpec {
  const char* section;  // printed once, before the first row of its section
  const char* metric;
  const char* group;
};
const RowSpec kRows[] = {
    {"Against what the controls aim at", "denial_effectiveness", "WORLD"},
    {nullptr, "order_shortfall", "WORLD"},
    {nullptr, "orders_unfilled_share", "WORLD"},
    {nullptr, "substitution_share", "WORLD"},
    {nullptr, "target_indigenous_share", "WORLD"},
    {nullptr, "leakage", "WORLD"},
    {nullptr, "entities_listed", "WORLD"},
    {"Non-proliferation", "wmd_leakage", "WORLD"},
    {"Who else pays", "collateral_denial", "WORLD"},
    {nullptr, "collateral_denial", "DEVELOPING"},
    {nullptr, "compliance_cost", "WORLD"},
    {nullptr, "delayed_trade", "WORLD"},
    {nullptr, "controller_revenue_loss", "WORLD"},
    {nullptr, "switching_cost", "WORLD"},
    {nullptr, "capacity_built", "WORLD"},
    {nullptr, "tier_substitution", "WORLD"},
    {nullptr, "output_loss", "WORLD"},
};

Kind kind_of(output::MetricKind k) {
  return k == output::MetricKind::share ? Kind::share : k == output::MetricKind::count ? Kind::count : Kind::value;
}
// A share lost is read against the quantity it is a share of.
Kind baseline_kind_of(const output::MetricEntry& e) {
  return std::string_view(e.baseline_unit).rfind("share", 0) == 0 ? Kind::share : kind_of(e.kind) == Kind::count ? Kind::count : Kind::value;
}

std::string format_value(double v, Kind kind) {
  if (kind == Kind::count) return fmt::format("{:.0f}", v);
  if (kind == Kind::value) return v == 0 ? "0" : fmt::format("{:.4g}", v);
  const double pct = 100 * v;
  if (pct == 0) return "0%";
  if (std::abs(pct) >= 0.1) return fmt::format("{:.1f}%", pct);
  return fmt::format("{:.2g}%", pct);  // small but not nothing: show it is there
}

}  // namespace

std::string comparison_table(const std::vector<ComparisonColumn>& columns) {
  struct Line {
    std::string section, words;
    RowKey key;
    std::string unit;
    Kind kind, baseline_kind;
  };
  std::vector<Line> lines;
  std::vector<RowKey> keys;  // every row of every column, in first-seen order
  for (const auto& c : columns)
    for (const auto& [key, cell] : c.cells)
      if (std::find(keys.begin(), keys.end(), key) == keys.end()) keys.push_back(key);
  std::vector<RowKey> placed;
  auto place = [&](const std::string& section, const std::string& words, const RowKey& key) {
    const output::MetricEntry* e = output::find_metric(key.metric);
    lines.push_back({section, words, key, e ? e->table_unit : "", e ? kind_of(e->kind) : Kind::value,
                     e ? baseline_kind_of(*e) : Kind::value});
    placed.push_back(key);
  };
  auto present = [&](const RowKey& key) { return std::find(keys.begin(), keys.end(), key) != keys.end(); };
  std::string section;
  for (const auto& r : kRows) {
    if (r.section) section = r.section;
    const output::MetricEntry* e = output::find_metric(r.metric);
    const std::string words = std::string(r.group) == "DEVELOPING" ? "  of which in developing states" : e->label;
    if (present({r.metric, r.group})) place(section, words, {r.metric, r.group});
    // A metric read per control (a control and its counter-control are never pooled).
    if (std::string(r.group) != "WORLD") continue;
    for (const auto& key : keys)
      if (key.metric == r.metric && key.group.rfind("control:", 0) == 0)
        place(section, fmt::format("{} [{}]", e->label, key.group.substr(8)), key);
  }
  // The named firms, each under its own id: what it lost of its output, and what the
  // controls blocked of its inputs.
  const struct {
    const char* metric;
    const char* words;
  } kFirmRows[] = {{"output_loss", "Output lost over the run"}, {"blocked_trade", "Inputs blocked"}};
  std::vector<std::string> firms;  // in first-seen order, each firm's rows together
  for (const auto& key : keys)
    if (key.group.rfind("firm:", 0) == 0 && std::find(firms.begin(), firms.end(), key.group) == firms.end())
      firms.push_back(key.group);
  for (const auto& firm : firms)
    for (const auto& r : kFirmRows)
      if (present({r.metric, firm})) place("The named firms", fmt::format("{} [{}]", r.words, firm.substr(5)), {r.metric, firm});
  // Rows a newer engine adds that this table does not know yet: shown as they are.
  for (const auto& key : keys)
    if (std::find(placed.begin(), placed.end(), key) == placed.end())
      place("Other", key.group == "WORLD" ? key.metric : key.metric + " [" + key.group + "]", key);
  for (auto& l : lines)
    if (l.section == "Other") l.unit = "";

  // A cell: the value (the mean, over runs) and its 95% interval when there is one.
  auto cell_text = [](const ComparisonColumn& c, const Line& l) -> std::string {
    auto it = c.cells.find(l.key);
    if (it == c.cells.end()) return "-";
    std::string s = format_value(it->second.value, l.kind);
    if (it->second.interval)
      s += fmt::format(" [{}, {}]", format_value(it->second.interval->first, l.kind),
                       format_value(it->second.interval->second, l.kind));
    return s;
  };
  auto baseline_text = [](const ComparisonColumn& c, const Line& l) -> std::string {
    auto it = c.cells.find(l.key);
    return it == c.cells.end() ? "-" : format_value(it->second.baseline, l.baseline_kind);
  };
  std::size_t label_width = 0, unit_width = 0;
  for (const auto& l : lines) {
    label_width = std::max(label_width, l.words.size() + 2);
    unit_width = std::max(unit_width, l.unit.size());
  }
  std::vector<std::size_t> width;
  bool intervals = false;
  for (const auto& c : columns) {
    std::size_t w = std::max<std::size_t>(c.scenario.size(), 9);
    for (const auto& l : lines) w = std::max(w, cell_text(c, l).size());
    for (const auto& [key, cell] : c.cells) intervals = intervals || cell.interval.has_value();
    width.push_back(w);
  }
  const std::size_t base_width = 10;

  std::string out = fmt::format("{:<{}}", "", label_width);
  for (std::size_t k = 0; k < columns.size(); ++k)
    out += fmt::format("  {:>{}}  {:>{}}", columns[k].scenario, width[k], "baseline", base_width);
  out += fmt::format("  {}\n", "unit");
  std::string last_section;
  for (const auto& l : lines) {
    if (l.section != last_section) out += l.section + "\n", last_section = l.section;
    out += fmt::format("  {:<{}}", l.words, label_width - 2);
    for (std::size_t k = 0; k < columns.size(); ++k) {
      out += fmt::format("  {:>{}}", cell_text(columns[k], l), width[k]);
      out += fmt::format("  {:>{}}", baseline_text(columns[k], l), base_width);
    }
    out += fmt::format("  {}\n", l.unit);
  }
  out += "\nEach scenario is measured against its own baseline (the same world without its controls); the\n"
         "'baseline' column beside it is the level to read it against: for a share lost, the baseline quantity\n"
         "it is a share of; otherwise the same metric without the controls. Amounts are volumes at baseline\n"
         "prices (USD bn in the default world of scenarios/data/); '-' means the metric does not apply.\n"
         "Rows in plain words: docs/FLAGSHIP.md; formulas: docs/METRICS.md.\n";
  if (intervals)
    out += "Over several runs a value is the mean over the runs, [in brackets its 95% confidence interval] where\n"
           "the runs differ, and the baseline the mean baseline; comparison.csv (--out) has the sd and quantiles too.\n";
  return out;
}

}  // namespace regimesim::cli
