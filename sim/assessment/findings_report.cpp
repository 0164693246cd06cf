#include "assessment/findings_report.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>
#include <map>
#include <numeric>

#include "output/metrics.hpp"
#include "output/tidy_table.hpp"

namespace regimesim::assessment {

namespace {

// Round-off below the printed precision shows as 0, not -0.0000.
double shown(double x) { return std::abs(x) < 5e-9 ? 0.0 : x; }

std::string state_code(const World& w, std::size_t s) { return s == output::kWorld ? "WORLD" : w.states[s].code; }

std::string firm_label(const World& w, FirmId f) {
  return fmt::format("{} ({} {})", w.firms[f].id, w.states[w.firms[f].state].code, w.items[w.firms[f].item].id);
}

// The states ranked by a value, largest first, at most `top` with a nonzero value.
std::vector<std::size_t> ranked(const std::vector<double>& v, int top) {
  std::vector<std::size_t> order(v.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return v[a] > v[b]; });
  std::size_t keep = 0;
  while (keep < order.size() && keep < static_cast<std::size_t>(top) && v[order[keep]] > 0) ++keep;
  order.resize(keep);
  return order;
}

std::string members(const World& w, const std::vector<StateId>& m) {
  std::string s;
  for (StateId x : m) s += (s.empty() ? "" : ",") + w.states[x].code;
  return s;
}

std::string threshold_text(const Findings& f) { return fmt::format("{:g}", f.threshold); }

}  // namespace

void print_findings(std::ostream& out, const World& w, const Findings& f, int top) {
  out << fmt::format("Analysis of {}: {} states, {} items, {} sectors making something, {} firms, {} links\n",
                     f.scenario, w.states.size(), w.items.size(), f.sectors, f.firms, f.links);
  out << fmt::format("\nOutput multipliers (top {} sectors): world gross output per unit of the sector's final demand\n", top);
  out << fmt::format("  {:<36} {:>10}\n", "sector", "multiplier");
  for (std::size_t k = 0; k < f.top_multipliers.size(); ++k)
    out << fmt::format("  {:<36} {:>10.4f}\n", f.sector_labels[k], f.top_multipliers[k].second);

  for (const auto& x : f.issuers) {
    out << fmt::format("\nExposure to {}'s controlled items (members {}; from step {}): controlled input per unit of output\n",
                       x.issuer, members(w, x.members), x.start_step);
    out << fmt::format("  {:<8} {:>10} {:>10}\n", "state", "direct", "total");
    for (std::size_t s : ranked(x.total_exposure, top))
      out << fmt::format("  {:<8} {:>10.4f} {:>10.4f}\n", w.states[s].code, x.direct_exposure[s], x.total_exposure[s]);
    out << fmt::format("Hypothetical extraction of {}'s controls: output lost, share of the state's output "
                       "(first-order after {} rounds, to the horizon)\n", x.issuer, x.rounds);
    out << fmt::format("  {:<8} {:>10} {:>14} {:>12} {:>12}\n", "state", "impact", "demand-driven", "first-order", "limit");
    std::vector<double> key(x.first_order_loss.size());
    for (std::size_t s = 0; s < key.size(); ++s) key[s] = std::max({x.first_order_loss[s], x.extraction_loss[s], x.impact_loss[s]});
    for (std::size_t s : ranked(key, top))
      out << fmt::format("  {:<8} {:>10.4f} {:>14.4f} {:>12.4f} {:>12.4f}\n", w.states[s].code, x.impact_loss[s],
                         x.extraction_loss[s], x.first_order_loss[s], x.first_order_limit_loss[s]);
  }

  out << fmt::format("\nConcentration of supply (top {} items by HHI across states; HHI 1 = one supplier)\n", top);
  out << fmt::format("  {:<28} {:>7} {:>11} {:>10} {:>10} {:>7}\n", "item", "makers", "HHI states", "HHI firms", "top state", "share");
  std::vector<double> hhi;
  for (const auto& c : f.concentration) hhi.push_back(c.hhi_states);
  for (std::size_t i : ranked(hhi, top)) {
    const auto& c = f.concentration[i];
    out << fmt::format("  {:<28} {:>7} {:>11.4f} {:>10.4f} {:>10} {:>7.3f}\n", w.items[c.item].id, c.makers, c.hhi_states,
                       c.hhi_firms, c.top_state >= 0 ? w.states[static_cast<std::size_t>(c.top_state)].code : "-", c.top_share);
  }
  // the largest shares first, up to `top` rows per holder kind (states; each coalition)
  std::vector<std::size_t> held(f.held.size());
  std::iota(held.begin(), held.end(), 0);
  std::stable_sort(held.begin(), held.end(), [&](std::size_t a, std::size_t b) {
    const auto &x = f.held[a], &y = f.held[b];
    if (x.coalition != y.coalition) return !x.coalition;
    if (x.coalition && x.holder != y.holder) return a < b;  // coalitions in the order they were named
    return x.share > y.share;
  });
  out << fmt::format("\nItems held above {} of world supply by one state, then by each coalition ({} rows in all)\n",
                     threshold_text(f), f.held.size());
  out << fmt::format("  {:<32} {:<28} {:>7}\n", "holder", "item", "share");
  std::map<std::string, int> rows_of;
  for (const std::size_t k : held) {
    const auto& h = f.held[k];
    if (rows_of[h.coalition ? h.holder : ""]++ >= top) continue;
    out << fmt::format("  {:<32} {:<28} {:>7.3f}\n", h.holder, w.items[h.item].id, h.share);
  }

  out << fmt::format("\nSingle points of failure: firms whose loss starves the most downstream output{}\n",
                     f.failure_candidates > 0 ? fmt::format(" (the {} largest suppliers tried)", f.failure_candidates) : "");
  out << fmt::format("  {:<36} {:>14} {:>13}\n", "firm", "starved output", "starved firms");
  for (const auto& p : f.failure_points)
    out << fmt::format("  {:<36} {:>14.4g} {:>13}\n", firm_label(w, p.firm), p.starved_output, p.starved_firms);
  if (f.failure_points.empty()) out << "  (none: every input of every firm tried has another supplier)\n";

  out << "\nBetweenness centrality of states in the trade graph (exact)\n";
  for (std::size_t s : ranked(f.state_betweenness, top))
    out << fmt::format("  {:<8} {:>10.4g}\n", w.states[s].code, f.state_betweenness[s]);
  if (ranked(f.state_betweenness, top).empty()) out << "  (all 0: every pair of states that trades does so directly)\n";
  out << (f.firm_betweenness_sampled
              ? fmt::format("Betweenness of firms (estimated from {} pivots)\n", f.firm_betweenness_pivots)
              : std::string("Betweenness of firms (exact)\n"));
  for (const auto& r : f.firm_betweenness)
    out << fmt::format("  {:<36} {:>10.4g}\n", firm_label(w, static_cast<FirmId>(r.node)), r.score);

  if (f.compared) {
    out << fmt::format("\nAnalysis beside simulation: output loss, share of baseline (control from step {}, horizon step {})\n",
                       f.first_step, f.horizon);
    out << fmt::format("  {:<8} {:>16} {:>16} {:>20} {:>16} {:>15}\n", "state", "analytic impact", "simulated first",
                       "analytic first-order", "simulated horizon", "analytic limit");
    for (const auto& c : f.comparison)
      out << fmt::format("  {:<8} {:>16.4f} {:>16.4f} {:>20.4f} {:>16.4f} {:>15.4f}\n", state_code(w, c.state),
                         shown(c.analytic_impact), shown(c.simulated_first_step), shown(c.analytic_first_order),
                         shown(c.simulated_horizon), shown(c.analytic_limit));
    out << "The gap: stocks delay the loss, re-sourcing, diversion and building at home shrink it\n"
           "(see docs/ANALYSIS.md).\n";
  }
}

std::vector<std::pair<std::string, std::string>> findings_files(const World& w, const Findings& f) {
  using output::csv_field;
  std::vector<std::pair<std::string, std::string>> files;
  nlohmann::ordered_json j{{"scenario", f.scenario}, {"sectors", f.sectors}, {"firms", f.firms}, {"links", f.links},
                           {"threshold", f.threshold}};

  std::string mult = "state,item,metric,value\n";
  for (std::size_t k = 0; k < f.top_multipliers.size(); ++k) {
    const auto slash = f.sector_labels[k].find('/');
    mult += fmt::format("{},{},output_multiplier,{}\n", f.sector_labels[k].substr(0, slash),
                        csv_field(f.sector_labels[k].substr(slash + 1)), f.top_multipliers[k].second);
    j["top_multipliers"][f.sector_labels[k]] = f.top_multipliers[k].second;
  }
  files.emplace_back("multipliers.csv", mult);

  std::string exposure = "issuer,state,metric,value\n", extraction = "issuer,state,metric,value\n";
  j["issuers"] = nlohmann::ordered_json::array();
  for (const auto& x : f.issuers) {
    nlohmann::ordered_json ij{{"issuer", x.issuer}, {"members", nlohmann::ordered_json::array()},
                              {"start_step", x.start_step}, {"rounds", x.rounds}};
    for (StateId m : x.members) ij["members"].push_back(w.states[m].code);
    for (std::size_t s = 0; s < w.states.size(); ++s) {
      const std::string issuer = csv_field(x.issuer), code = w.states[s].code;
      exposure += fmt::format("{},{},direct_exposure,{}\n{},{},total_exposure,{}\n", issuer, code, x.direct_exposure[s],
                              issuer, code, x.total_exposure[s]);
      extraction += fmt::format("{},{},impact_loss,{}\n{},{},extraction_loss,{}\n{},{},first_order_loss,{}\n", issuer, code,
                                x.impact_loss[s], issuer, code, x.extraction_loss[s], issuer, code, x.first_order_loss[s]);
      extraction += fmt::format("{},{},first_order_limit_loss,{}\n", issuer, code, x.first_order_limit_loss[s]);
      ij["states"][code] = {{"direct_exposure", x.direct_exposure[s]}, {"total_exposure", x.total_exposure[s]},
                            {"impact_loss", x.impact_loss[s]}, {"extraction_loss", x.extraction_loss[s]},
                            {"first_order_loss", x.first_order_loss[s]},
                            {"first_order_limit_loss", x.first_order_limit_loss[s]}};
    }
    j["issuers"].push_back(std::move(ij));
  }
  files.emplace_back("exposure.csv", exposure);
  files.emplace_back("extraction.csv", extraction);

  std::string conc = "item,metric,value\n";
  for (const auto& c : f.concentration) {
    const std::string item = csv_field(w.items[c.item].id);
    conc += fmt::format("{},makers,{}\n{},hhi_states,{}\n{},hhi_firms,{}\n{},top_state_share,{}\n", item, c.makers, item,
                        c.hhi_states, item, c.hhi_firms, item, c.top_share);
    j["concentration"][w.items[c.item].id] = {
        {"makers", c.makers}, {"hhi_states", c.hhi_states}, {"hhi_firms", c.hhi_firms},
        {"top_state", c.top_state >= 0 ? w.states[static_cast<std::size_t>(c.top_state)].code : ""}, {"top_state_share", c.top_share}};
  }
  files.emplace_back("concentration.csv", conc);

  std::string held = "holder,holder_kind,item,share\n";
  j["held_items"] = nlohmann::ordered_json::array();
  for (const auto& h : f.held) {
    const char* kind = h.coalition ? "coalition" : "state";
    held += fmt::format("{},{},{},{}\n", csv_field(h.holder), kind, csv_field(w.items[h.item].id), h.share);
    j["held_items"].push_back({{"holder", h.holder}, {"holder_kind", kind}, {"item", w.items[h.item].id}, {"share", h.share}});
  }
  files.emplace_back("held_items.csv", held);

  std::string spof = "firm,state,item,metric,value\n";
  j["failure_points"] = nlohmann::ordered_json::array();
  j["failure_candidates"] = f.failure_candidates;
  for (const auto& p : f.failure_points) {
    const Firm& firm = w.firms[p.firm];
    const std::string prefix = fmt::format("{},{},{}", csv_field(firm.id), w.states[firm.state].code, csv_field(w.items[firm.item].id));
    spof += fmt::format("{},starved_output,{}\n{},starved_firms,{}\n", prefix, p.starved_output, prefix, p.starved_firms);
    j["failure_points"].push_back({{"firm", firm.id}, {"starved_output", p.starved_output}, {"starved_firms", p.starved_firms}});
  }
  files.emplace_back("failure_points.csv", spof);

  std::string between = "level,node,metric,value\n";
  for (std::size_t s = 0; s < f.state_betweenness.size(); ++s) {
    between += fmt::format("state,{},betweenness,{}\n", w.states[s].code, f.state_betweenness[s]);
    j["betweenness"]["states"][w.states[s].code] = f.state_betweenness[s];
  }
  j["betweenness"]["firms_sampled"] = f.firm_betweenness_sampled;
  j["betweenness"]["firm_pivots"] = f.firm_betweenness_pivots;
  for (const auto& r : f.firm_betweenness) {
    const std::string& id = w.firms[r.node].id;
    between += fmt::format("firm,{},{},{}\n", csv_field(id), f.firm_betweenness_sampled ? "betweenness_estimate" : "betweenness", r.score);
    j["betweenness"]["top_firms"][id] = r.score;
  }
  files.emplace_back("betweenness.csv", between);

  if (f.compared) {
    std::string beside = "state,metric,step,value\n";
    j["simulation_beside"] = {{"first_step", f.first_step}, {"horizon", f.horizon}};
    for (const auto& c : f.comparison) {
      const std::string code = state_code(w, c.state);
      beside += fmt::format("{},analytic_impact_loss,{},{}\n{},simulated_output_loss,{},{}\n", code, f.first_step,
                            c.analytic_impact, code, f.first_step, c.simulated_first_step);
      beside += fmt::format("{},analytic_first_order_loss,{},{}\n{},simulated_output_loss,{},{}\n", code, f.horizon,
                            c.analytic_first_order, code, f.horizon, c.simulated_horizon);
      beside += fmt::format("{},analytic_first_order_limit_loss,,{}\n", code, c.analytic_limit);
      j["simulation_beside"]["states"][code] = {{"analytic_impact_loss", c.analytic_impact},
                                                {"simulated_first_step_loss", c.simulated_first_step},
                                                {"analytic_first_order_loss", c.analytic_first_order},
                                                {"analytic_first_order_limit_loss", c.analytic_limit},
                                                {"simulated_horizon_loss", c.simulated_horizon}};
    }
    files.emplace_back("simulation_beside.csv", beside);
  }
  files.emplace_back("analysis.json", j.dump(2) + "\n");
  return files;
}

}  // namespace regimesim::assessment
