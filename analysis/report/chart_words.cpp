#include "report/chart_words.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>
#include <vector>

namespace regimesim::report {

MetricWords metric_words(const std::string& m) {
  static const std::map<std::string, MetricWords> words{
      {"denial_effectiveness", {"Controlled items kept from their targets", "share denied", "share"}},
      {"output_loss", {"Output lost against the baseline", "output lost (share of baseline output)", "share"}},
      {"price_index", {"Prices buyers face", "price (baseline price = 1)", "multiple of the baseline price"}},
      {"market_share", {"Market shares", "share of world output", "share"}},
      {"market_share_shift", {"Change of market shares", "change of share of world output", "share"}},
      {"collateral_denial", {"Bystanders' baseline trade blocked", "trade blocked a month (baseline prices)", "volume at baseline prices"}},
      {"controller_revenue_loss", {"Controllers' export volume lost", "share of baseline export volume", "share"}},
      {"substitution_share", {"Of what still reaches the targets: share from non-controllers", "share of receipts", "share"}},
      {"target_indigenous_share", {"Of what still reaches the targets: share from home makers", "share of receipts", "share"}},
      {"leakage", {"Controlled goods leaked through fronts", "volume a month (baseline prices)", "volume at baseline prices"}},
      {"wmd_leakage", {"WMD items reaching WMD-risk buyers", "volume a month (baseline prices)", "volume at baseline prices"}},
      {"entities_listed", {"Fronts caught and entity-listed", "fronts", "count"}},
      {"compliance_cost", {"Licence application costs", "cost a month", "cost in baseline-price units"}},
      {"delayed_trade", {"Baseline exports held for a licence", "volume a month (baseline prices)", "volume at baseline prices"}},
      {"switching_cost", {"Buyers' cost of switching suppliers", "cost a month", "cost in baseline-price units"}},
      {"capacity_built", {"New capacity built at home since the start", "capacity a month", "volume at baseline prices"}},
      {"expansion_cost", {"Makers' cost of expanding capacity", "cost a month", "cost in baseline-price units"}},
      {"blocked_trade", {"Inputs blocked", "volume a month (baseline prices)", "volume at baseline prices"}},
      {"tier_substitution", {"Lower-tier substitutes' work", "volume a month (baseline prices)", "volume at baseline prices"}}};
  auto it = words.find(m);
  return it == words.end() ? MetricWords{m, m, ""} : it->second;
}

std::string group_words(const std::string& group) {
  if (group == "WORLD") return "";
  if (group == "DEVELOPING") return "in developing states";
  if (group.rfind("firm:", 0) == 0) return "firm " + group.substr(5);
  if (group.rfind("control:", 0) == 0) return "control " + group.substr(8);
  return group;
}

std::string key_in_words(const std::string& key) {
  // The containers (world, states, items...) and list indices say where the value lives,
  // not what it is: what remains is an id and a field, e.g. USA and enforcement_effort.
  static const std::set<std::string> containers{"world", "states", "items", "coalitions", "regimes", "controls",
                                                "responses", "generate", "firms", "links", "sources"};
  std::vector<std::string> parts;
  std::size_t from = 0;
  while (from <= key.size()) {
    const auto dot = std::min(key.find('.', from), key.size());
    const std::string part = key.substr(from, dot - from);
    const bool index = !part.empty() && part.find_first_not_of("0123456789") == std::string::npos;
    if (!part.empty() && !index && !containers.count(part)) parts.push_back(part);
    from = dot + 1;
  }
  if (parts.empty()) return key;
  std::string field = parts.back();
  std::replace(field.begin(), field.end(), '_', ' ');
  parts.back() = field;
  if (parts.size() > 2) parts.erase(parts.begin(), parts.end() - 2);
  return fmt::format("{}", fmt::join(parts, " "));
}

}  // namespace regimesim::report
