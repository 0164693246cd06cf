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
  const char* words;    // what a person reads: what the row counts
  Kind kind;
  Kind baseline_kind;   // a loss's baseline is the quantity it is a share of
  const char* unit;     // the unit column: the value's unit, the baseline's, and when both are read
};

// docs/FLAGSHIP.md explains each row in plain words; docs/METRICS.md gives its formula.
// Every amount is a volume at baseline prices: a shortage price never turns a loss into a gain.
const RowSpec kRows[] = {
    {"Against what the controls aim at", "denial_effectiveness", "Denied: share of the target's baseline receipts cut",
     Kind::share, Kind::value, "share; baseline: receipts/month; at the end"},
    {nullptr, "substitution_share", "Of what still arrives: share from non-controllers", Kind::share, Kind::share,
     "share of receipts; at the end"},
    {nullptr, "target_indigenous_share", "Of what still arrives: share from home makers", Kind::share, Kind::share,
     "share of receipts; at the end"},
    {nullptr, "leakage", "Controlled goods leaked through fronts", Kind::value, Kind::value, "units, run total"},
    {nullptr, "entities_listed", "Fronts caught and entity-listed", Kind::count, Kind::count, "count, run total"},
    {"Non-proliferation", "wmd_leakage", "WMD items reaching WMD-risk buyers", Kind::value, Kind::value,
     "units/month, at the end"},
    {"Who else pays", "collateral_denial", "Bystanders' baseline trade blocked", Kind::value, Kind::value,
     "units, run total"},
    {nullptr, "collateral_denial (DEVELOPING)", "  of which in developing states", Kind::value, Kind::value,
     "units, run total"},
    {nullptr, "compliance_cost", "Licence application costs", Kind::value, Kind::value, "value, run total"},
    {nullptr, "delayed_trade", "Baseline exports held for a licence", Kind::value, Kind::value, "units, run total"},
    {nullptr, "controller_revenue_loss", "Controllers' export volume lost", Kind::share, Kind::value,
     "share; baseline: units/month; at the end"},
    {nullptr, "switching_cost", "Buyers' cost of switching suppliers", Kind::value, Kind::value, "value, run total"},
    {nullptr, "capacity_built", "New capacity built at home since start", Kind::value, Kind::value,
     "units/month, at the end"},
    {nullptr, "tier_substitution", "Lower-tier substitutes' work", Kind::value, Kind::value, "units/month, at the end"},
    {nullptr, "output_loss", "World output lost over the run", Kind::share, Kind::value,
     "share; baseline: units; run total"},
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
    std::string section, words, label, unit;
    Kind kind, baseline_kind;
  };
  std::vector<Line> lines;
  std::vector<std::string> labels;  // every label of every column, in first-seen order
  for (const auto& c : columns)
    for (const auto& [label, v] : c.values)
      if (std::find(labels.begin(), labels.end(), label) == labels.end()) labels.push_back(label);
  auto present = [&](const std::string& label) {
    return std::find(labels.begin(), labels.end(), label) != labels.end();
  };
  std::vector<std::string> placed;
  std::string section;
  for (const auto& r : kRows) {
    if (r.section) section = r.section;
    if (present(r.label)) lines.push_back({section, r.words, r.label, r.unit, r.kind, r.baseline_kind}), placed.push_back(r.label);
    // A metric read per control (a control and its counter-control are never pooled).
    const std::string per_control = std::string(r.label) + " (control:";
    for (const auto& label : labels)
      if (label.rfind(per_control, 0) == 0) {
        const std::string id = label.substr(per_control.size(), label.size() - per_control.size() - 1);
        lines.push_back({section, fmt::format("{} [{}]", r.words, id), label, r.unit, r.kind, r.baseline_kind});
        placed.push_back(label);
      }
  }
  // The named firms, each under its own id: what it lost of its output, and what the
  // controls blocked of its inputs.
  const struct {
    const char* prefix;
    const char* words;
    Kind kind, baseline_kind;
    const char* unit;
  } kFirmRows[] = {{"output_loss (firm:", "Output lost over the run", Kind::share, Kind::value, "share; baseline: units; run total"},
                   {"blocked_trade (firm:", "Inputs blocked", Kind::value, Kind::value, "units, run total"}};
  std::vector<std::string> firm_ids;  // in first-seen order, each firm's rows together
  for (const auto& label : labels)
    for (const auto& r : kFirmRows)
      if (label.rfind(r.prefix, 0) == 0) {
        const std::string id = label.substr(std::string(r.prefix).size(), label.size() - std::string(r.prefix).size() - 1);
        if (std::find(firm_ids.begin(), firm_ids.end(), id) == firm_ids.end()) firm_ids.push_back(id);
      }
  for (const auto& id : firm_ids)
    for (const auto& r : kFirmRows) {
      const std::string label = fmt::format("{}{})", r.prefix, id);
      if (!present(label)) continue;
      lines.push_back({"The named firms", fmt::format("{} [{}]", r.words, id), label, r.unit, r.kind, r.baseline_kind});
      placed.push_back(label);
    }
  // Labels a newer engine adds that this table does not know yet: shown as they are.
  for (const auto& label : labels)
    if (std::find(placed.begin(), placed.end(), label) == placed.end())
      lines.push_back({"Other", label, label, "", Kind::value, Kind::value});

  std::size_t label_width = 0, unit_width = 0;
  for (const auto& l : lines) {
    label_width = std::max(label_width, l.words.size() + 2);
    unit_width = std::max(unit_width, l.unit.size());
  }
  std::vector<std::size_t> width;
  for (const auto& c : columns) width.push_back(std::max<std::size_t>(c.scenario.size(), 9));
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
      auto it = columns[k].values.find(l.label);
      auto base = columns[k].baselines.find(l.label);
      const bool has = it != columns[k].values.end();
      out += fmt::format("  {:>{}}", has ? format_value(it->second, l.kind) : "-", width[k]);
      out += fmt::format("  {:>{}}", has && base != columns[k].baselines.end() ? format_value(base->second, l.baseline_kind)
                                     : has ? "0" : "-", base_width);
    }
    out += fmt::format("  {}\n", l.unit);
  }
  out += "\nEach scenario is measured against its own baseline (the same world without its controls); the\n"
         "'baseline' column beside it is the level to read it against: for a share lost, the baseline quantity\n"
         "it is a share of; otherwise the same metric without the controls. Amounts are volumes at baseline\n"
         "prices (USD bn in the default world of scenarios/data/); '-' means the metric does not apply.\n"
         "Rows in plain words: docs/FLAGSHIP.md; formulas: docs/METRICS.md.\n";
  return out;
}

}  // namespace regimesim::cli
