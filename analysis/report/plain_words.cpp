#include "report/plain_words.hpp"

#include <fmt/format.h>

#include <cmath>
#include <map>

#include "output/metric_dictionary.hpp"

namespace regimesim::report {
namespace {
using json = nlohmann::json;

std::string join_words(const json& list) {
  if (!list.is_array()) return list.is_string() ? list.get<std::string>() : list.dump();
  std::vector<std::string> words;
  for (const auto& x : list) words.push_back(x.is_string() ? x.get<std::string>() : x.dump());
  if (words.empty()) return "nothing";
  if (words.size() == 1) return words[0];
  std::string s;
  for (std::size_t i = 0; i + 1 < words.size(); ++i) s += (i ? ", " : "") + words[i];
  return s + " and " + words.back();
}

std::string issuer_words(const json& c) {
  if (c.contains("issuers")) return join_words(c["issuers"]);
  return c.contains("issuer") ? join_words(c["issuer"]) : std::string("an unnamed issuer");
}

std::string destination_words(const json& d) {
  if (d.is_array() || d.is_string()) return "buyers in " + join_words(d);
  if (!d.is_object()) return d.dump();
  if (d.contains("entities")) return "the listed firms " + join_words(d["entities"]);
  std::string who = d.contains("end_uses") && !d["end_uses"].empty() ? join_words(d["end_uses"]) + " buyers" : "all buyers";
  return who + (d.contains("states") ? " in " + join_words(d["states"]) : std::string(" everywhere"));
}

// What an issuer does under each instrument: {one issuer, several}.
const std::map<std::string, std::pair<std::string, std::string>>& instrument_verbs() {
  static const std::map<std::string, std::pair<std::string, std::string>> v{
      {"embargo", {"embargoes", "embargo"}},
      {"prohibition", {"prohibits exports of", "prohibit exports of"}},
      {"presumption_of_denial", {"requires licences, presumed denied, for", "require licences, presumed denied, for"}},
      {"licence_requirement", {"requires licences for", "require licences for"}}};
  return v;
}

}  // namespace

std::string html_escape(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string percent(double share) {
  const double p = 100 * share;
  if (p != 0 && std::abs(p) < 0.1) return fmt::format("{:.2g}%", p);
  return fmt::format("{:.1f}%", p);
}

std::string amount(double v) { return fmt::format("{:.4g}", v); }

// The metrics' kinds and definitions live in sim's metric dictionary, which also
// writes metrics.csv and labels the terminal tables: one source for every reader.
bool is_share_metric(const std::string& m) {
  const output::MetricEntry* e = output::find_metric(m);
  return e && e->kind == output::MetricKind::share;
}

std::string metric_meaning(const std::string& m) {
  const output::MetricEntry* e = output::find_metric(m);
  return e ? e->definition : "see docs/METRICS.md";
}

std::optional<Spread> spread_from_json(const json& j) {
  if (!j.is_object() || !j.contains("mean")) return std::nullopt;
  Spread s;
  auto get = [&](const char* k) { return j.contains(k) && j[k].is_number() ? j[k].get<double>() : 0.0; };
  s.mean = get("mean"), s.sd = get("sd"), s.q05 = get("q05"), s.q50 = get("q50"), s.q95 = get("q95");
  s.ci95_low = get("ci95_low"), s.ci95_high = get("ci95_high");
  s.runs = j.contains("runs") && j["runs"].is_number() ? j["runs"].get<int>() : 0;
  return s;
}

std::string spread_sentence(const std::string& metric, const Spread& s) {
  auto f = [&](double v) { return is_share_metric(metric) ? percent(v) : amount(v); };
  return fmt::format("Mean of {} runs: {} (95% confidence interval of the mean: {} to {}); 90% of runs lay between {} and {}.",
                     s.runs, f(s.mean), f(s.ci95_low), f(s.ci95_high), f(s.q05), f(s.q95));
}

std::string headline_sentence(const std::string& metric, const std::string& group, const std::string& when,
                              double value, const std::optional<Spread>& spread, const std::optional<double>& baseline) {
  const double v = spread ? spread->mean : value;
  const std::string p = percent(v), a = amount(v);
  const bool end = when.find("horizon") != std::string::npos;
  const std::string at = end ? "At the end" : "Over the whole run";
  // A per-control headline ("control:ID") says which control it reads.
  const std::string of_control = group.rfind("control:", 0) == 0 ? " (control " + group.substr(8) + ")" : "";
  auto base = [&](const char* words) {
    return baseline ? fmt::format(" ({} {})", words, is_share_metric(metric) && metric != "denial_effectiveness" &&
                                                             metric != "order_shortfall" &&
                                                             metric != "controller_revenue_loss"
                                                         ? percent(*baseline)
                                                         : amount(*baseline))
                    : std::string();
  };
  std::string s;
  if (metric == "denial_effectiveness")
    s = fmt::format("{}{}, {} of the controlled items the targets received before the controls{} no longer reached them "
                    "(100% = nothing gets through).", at, of_control, p, base("a month's worth at baseline:"));
  else if (metric == "order_shortfall")
    s = fmt::format("{}{}, the targets ordered {} less of the controlled items than without the controls (demand gone: "
                    "they make or need less; below 0 they order more){}.", at, of_control, p,
                    base("a month's orders at baseline:"));
  else if (metric == "orders_unfilled_share")
    s = fmt::format("{}{}, {} of what the targets ordered the month before did not arrive (the supply cut: refused, "
                    "held for a licence, cut by a quota or left unfilled){}.", at, of_control, p,
                    base("against, without the controls,"));
  else if (metric == "substitution_share")
    s = fmt::format("{}{}, {} of what the targets still received came from states that apply no control to them{}.", at,
                    of_control, p, base("against, without the controls,"));
  else if (metric == "target_indigenous_share")
    s = fmt::format("{}{}, {} of what the targets still received came from makers in their own states{}; new capacity "
                    "built at home is counted apart.", at, of_control, p, base("against, without the controls,"));
  else if (metric == "wmd_leakage")
    s = fmt::format("{}, WMD-relevant items worth {} at baseline prices reached WMD-risk buyers in the last month{}.", at,
                    a, base("against, without the controls,"));
  else if (metric == "collateral_denial")
    s = fmt::format("{}, trade worth {} at baseline prices of buyers that no control aims at{} was blocked or held.", at,
                    a, group == "DEVELOPING" ? " in developing states" : "");
  else if (metric == "compliance_cost")
    s = fmt::format("{}, licence applications cost exporters {}.", at, a);
  else if (metric == "delayed_trade")
    s = fmt::format("{}, trade worth {} at baseline prices waited for a licence decision.", at, a);
  else if (metric == "controller_revenue_loss")
    s = v >= 0 ? fmt::format("{}{}, the controlling states together exported {} less, in volume, than without "
                             "controls{}.", at, of_control, p, base("of a baseline month's"))
               : fmt::format("{}{}, the controlling states together exported {} more, in volume, than without "
                             "controls{}.", at, of_control, percent(-v), base("of a baseline month's"));
  else if (metric == "leakage")
    s = fmt::format("{}, controlled items worth {} reached their targets through fronts in third states.", at, a);
  else if (metric == "entities_listed")
    s = fmt::format("{}, {} fronts were caught and entity-listed.", at, a);
  else if (metric == "switching_cost")
    s = fmt::format("{}, moving to new suppliers cost buyers {}.", at, a);
  else if (metric == "capacity_built")
    s = fmt::format("{}, states had built new capacity of {} a month at home, answering the controls.", at, a);
  else if (metric == "output_loss")
    s = fmt::format("{}, world output was {} below the baseline (below 0 is a gain).", at, p);
  else
    s = fmt::format("{} ({}, {}): {}.", metric, group, when, is_share_metric(metric) ? p : a);
  return spread ? s + " " + spread_sentence(metric, *spread) : s;
}

std::string world_in_words(const json& sc) {
  if (!sc.is_object() || !sc.contains("world") || !sc["world"].is_object()) return "";
  const json& w = sc["world"];
  std::vector<std::string> parts;
  if (w.contains("states") && w["states"].is_array()) {
    std::vector<std::string> codes;
    for (const auto& s : w["states"])
      codes.push_back(s.is_object() && s.contains("code") && s["code"].is_string() ? s["code"].get<std::string>() : "?");
    parts.push_back(codes.size() <= 12 ? fmt::format("{} states ({})", codes.size(), fmt::join(codes, ", "))
                                       : fmt::format("{} states", codes.size()));
  }
  if (w.contains("items") && w["items"].is_array()) parts.push_back(fmt::format("{} item{}", w["items"].size(), w["items"].size() == 1 ? "" : "s"));
  if (w.contains("firms") && w["firms"].is_array()) parts.push_back(fmt::format("{} listed firms", w["firms"].size()));
  if (w.contains("links") && w["links"].is_array()) parts.push_back(fmt::format("{} listed supply links", w["links"].size()));
  if (w.contains("generate") && w["generate"].is_object()) {
    const json& g = w["generate"];
    auto number = [&](const char* key, const char* otherwise) { return g.contains(key) ? g[key].dump() : std::string(otherwise); };
    parts.push_back(fmt::format("firms generated from production shares ({} per producing state and item, {} suppliers per input)",
                                number("firms_per_state", "1"), number("links_per_input", "2")));
  }
  return fmt::format("{}", fmt::join(parts, ", "));
}

std::vector<std::string> controls_in_words(const json& sc) {
  std::vector<std::string> lines;
  if (!sc.is_object() || !sc.contains("controls") || !sc["controls"].is_array()) return lines;
  int k = 0;
  for (const auto& c : sc["controls"]) {
    if (!c.is_object()) {
      lines.push_back(c.dump());
      continue;
    }
    auto text = [&](const char* key, const std::string& otherwise) {
      return c.contains(key) && c[key].is_string() ? c[key].get<std::string>() : otherwise;
    };
    const std::string id = text("id", fmt::format("control-{}", k));
    const std::string instrument = text("instrument", "?");
    auto verb = instrument_verbs().find(instrument);
    const bool several = c.contains("issuers") && c["issuers"].is_array() && c["issuers"].size() > 1;
    std::string s = fmt::format("{}: {} {} {} to {}", id, issuer_words(c),
                                verb == instrument_verbs().end() ? "applies " + instrument + " to"
                                : several                        ? verb->second.second
                                                                 : verb->second.first,
                                c.contains("items") ? join_words(c["items"]) : std::string("?"),
                                c.contains("destinations") ? destination_words(c["destinations"]) : std::string("?"));
    if (c.contains("exceptions")) s += ", except buyers in " + join_words(c["exceptions"]);
    if (c.contains("licence") && c["licence"].is_object()) {
      const json& l = c["licence"];
      if (l.contains("approval_probability") && l["approval_probability"].is_number())
        s += fmt::format(", approving {} of licences", percent(l["approval_probability"].get<double>()));
      if (l.contains("delay_steps")) s += fmt::format(" after {} month(s)", l["delay_steps"].dump());
    }
    if (c.contains("reach")) s += ", reaching foreign firms (" + c["reach"].dump() + ")";
    if (c.contains("consensus") && c["consensus"] == true) s += ", items agreed by consensus";
    s += fmt::format(", from step {}", c.contains("start") ? c["start"].dump() : std::string("0"));
    if (c.contains("end") && !c["end"].is_null()) s += fmt::format(" until step {}", c["end"].dump());
    if (c.contains("after")) s += ", triggered after " + c["after"].dump();
    lines.push_back(s + ".");
    ++k;
  }
  return lines;
}

}  // namespace regimesim::report
