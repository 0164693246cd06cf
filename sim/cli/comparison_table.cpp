#include "cli/comparison_table.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace regimesim::cli {
namespace {

enum class Kind { share, value, count };

struct RowSpec {
  const char* section;  // printed once, before the first row of its section
  const char* label;    // the metric label in the columns
  const char* words;    // what a person reads
  Kind kind;
  const char* when;     // the unit column
};

// docs/FLAGSHIP.md explains each row in plain words; docs/METRICS.md gives its formula.
const RowSpec kRows[] = {
    {"Against what the controls aim at", "denial_effectiveness", "Denied: no longer reaches the target", Kind::share, "share, at the end"},
    {nullptr, "substitution_share", "Still received: from non-controllers", Kind::share, "share, at the end"},
    {nullptr, "target_indigenous_share", "Still received: made at home", Kind::share, "share, at the end"},
    {nullptr, "leakage", "Leaked through fronts", Kind::value, "value, run total"},
    {nullptr, "entities_listed", "Fronts caught and entity-listed", Kind::count, "count, run total"},
    {"Non-proliferation", "wmd_leakage", "WMD items reaching WMD-risk buyers", Kind::value, "value/month, at the end"},
    {"Who else pays", "collateral_denial", "Bystanders' orders denied or held", Kind::value, "value, run total"},
    {nullptr, "collateral_denial (DEVELOPING)", "  of which in developing states", Kind::value, "value, run total"},
    {nullptr, "compliance_cost", "Licence application costs", Kind::value, "value, run total"},
    {nullptr, "delayed_trade", "Exports held waiting for a licence", Kind::value, "value, run total"},
    {nullptr, "controller_revenue_loss", "Controllers' export revenue lost", Kind::share, "share, at the end"},
    {nullptr, "switching_cost", "Buyers' cost of switching suppliers", Kind::value, "value, run total"},
    {nullptr, "capacity_built", "Capacity built at home in answer", Kind::value, "value/month, at the end"},
    {nullptr, "tier_substitution", "Lower-tier substitutes' work", Kind::value, "units/month, at the end"},
    {nullptr, "output_loss", "World output lost over the run", Kind::share, "share, run total"},
};

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
    std::string section, words, label, when;
    Kind kind;
  };
  std::vector<Line> lines;
  auto present = [&](const std::string& label) {
    return std::any_of(columns.begin(), columns.end(), [&](const auto& c) { return c.values.count(label) > 0; });
  };
  std::string section;
  for (const auto& r : kRows) {
    if (r.section) section = r.section;
    if (present(r.label)) lines.push_back({section, r.words, r.label, r.when, r.kind});
  }
  // Labels a newer engine adds that this table does not know yet: shown as they are.
  std::vector<std::string> unknown;
  for (const auto& c : columns)
    for (const auto& [label, v] : c.values)
      if (std::none_of(std::begin(kRows), std::end(kRows), [&](const RowSpec& r) { return label == r.label; }) &&
          std::find(unknown.begin(), unknown.end(), label) == unknown.end())
        unknown.push_back(label);
  for (const auto& u : unknown) lines.push_back({"Other", u, u, "", Kind::value});

  std::size_t label_width = 0, unit_width = 0;
  for (const auto& l : lines) {
    label_width = std::max(label_width, l.words.size() + 2);
    unit_width = std::max(unit_width, l.when.size());
  }
  std::vector<std::size_t> width;
  for (const auto& c : columns) width.push_back(std::max<std::size_t>(c.scenario.size(), 9));

  std::string out = fmt::format("{:<{}}", "", label_width);
  for (std::size_t k = 0; k < columns.size(); ++k) out += fmt::format("  {:>{}}", columns[k].scenario, width[k]);
  out += fmt::format("  {}\n", "unit");
  std::string last_section;
  for (const auto& l : lines) {
    if (l.section != last_section) out += l.section + "\n", last_section = l.section;
    out += fmt::format("  {:<{}}", l.words, label_width - 2);
    for (std::size_t k = 0; k < columns.size(); ++k) {
      auto it = columns[k].values.find(l.label);
      out += fmt::format("  {:>{}}", it == columns[k].values.end() ? "-" : format_value(it->second, l.kind), width[k]);
    }
    out += fmt::format("  {}\n", l.when);
  }
  out += "\nEach scenario is measured against its own baseline (the same world without its controls).\n"
         "Values are in baseline-price units (USD bn in the default world of scenarios/data/); '-' means\n"
         "the metric does not apply. Rows in plain words: docs/FLAGSHIP.md; formulas: docs/METRICS.md.\n";
  return out;
}

}  // namespace regimesim::cli
