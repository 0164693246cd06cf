// regimesim check SCENARIO: validate without running, and say what the world holds.
#include <fmt/format.h>

#include <algorithm>

#include <iostream>
#include <map>

#include "cli/commands.hpp"
#include "assessment/world_fidelity.hpp"
#include "ensemble/paired_run.hpp"
#include "load/scenario_loader.hpp"

namespace regimesim::cli {
namespace {

struct CheckOptions {
  std::string scenario;
  std::vector<std::string> overrides;
};

int check(const CheckOptions& o) {
  const auto prepared = ensemble::prepare(load::load_scenario(o.scenario, o.overrides));
  const Scenario& sc = prepared->scenario;
  const World& w = sc.world;
  const auto& net = prepared->network;
  const auto& eq = prepared->equilibrium;
  std::cout << fmt::format("{}: valid. Scenario '{}', {} monthly steps, seed {}\n", o.scenario, sc.name, sc.steps, sc.seed);
  if (!sc.description.empty()) std::cout << "  " << sc.description << "\n";
  std::cout << fmt::format("World: {} states, {} items, {} firms, {} supply links, {} final-demand links\n",
                           w.states.size(), w.items.size(), w.firms.size(), w.links.size(), w.final_demand_links.size());

  std::vector<std::string> memberships(w.states.size());
  for (const auto& g : w.regimes)
    for (StateId m : g.members) memberships[m] += (memberships[m].empty() ? "" : ", ") + g.id;
  std::vector<double> state_output(w.states.size(), 0.0), item_output(w.items.size(), 0.0);
  std::vector<int> state_firms(w.states.size(), 0), item_firms(w.items.size(), 0);
  for (FirmId f = 0; f < w.firms.size(); ++f) {
    state_output[w.firms[f].state] += eq.output[f];
    item_output[w.firms[f].item] += eq.output[f];
    ++state_firms[w.firms[f].state];
    ++item_firms[w.firms[f].item];
  }
  std::cout << "\nStates (baseline gross output per step):\n";
  for (StateId s = 0; s < w.states.size(); ++s)
    std::cout << fmt::format("  {} {:<28} {:<16} firms {:>6}  output {:>12.4g}  regimes: {}\n", w.states[s].code,
                             w.states[s].name, to_string(w.states[s].status), state_firms[s], state_output[s],
                             memberships[s].empty() ? "-" : memberships[s]);
  std::cout << "\nItems:\n";
  for (ItemId i = 0; i < w.items.size(); ++i) {
    const Item& it = w.items[i];
    const auto text = [&](const std::vector<RecipeInput>& r) {
      std::string t;
      for (const auto& in : r) t += fmt::format("{}{} {}", t.empty() ? "" : ", ", in.coefficient, w.items[in.item].id);
      return t.empty() ? std::string("-") : t;
    };
    std::cout << fmt::format("  {:<20} control {:<14} wmd {:<10} tier {}  firms {:>6}  output {:>12.4g}  recipe: {}\n", it.id,
                             it.classification.label(), to_string(it.wmd), it.technology_tier, item_firms[i], item_output[i],
                             text(it.recipe));
    for (const auto& variant : it.recipe_in)
      std::cout << fmt::format("  {:<20} recipe in {}: {}\n", "", w.states[variant.state].code, text(variant.recipe));
  }
  double tightest = 1e300;
  std::string tightest_firm;
  for (FirmId f = 0; f < w.firms.size(); ++f)
    if (eq.output[f] > 0 && eq.capacity[f] / eq.output[f] < tightest) {
      tightest = eq.capacity[f] / eq.output[f];
      tightest_firm = w.firms[f].id;
    }
  std::cout << fmt::format("\nEquilibrium: Leontief residual {:.2e}; {} buyers, {} input slots, {} links",
                           eq.relative_residual, net.buyer_count(), net.slot_count(), net.link_count());
  if (!tightest_firm.empty())
    std::cout << fmt::format("; least spare capacity: {} at {:.0f}% of capacity", tightest_firm, 100.0 / tightest);
  std::cout << "\n";
  if (!w.production.empty()) {
    const auto fid = assessment::measure_fidelity(w, eq.output);
    std::cout << fmt::format(
        "\nFidelity to the production shares (world output at baseline against world.generate.production):\n"
        "  median relative error {:.2f}% over the {} shares of {:.0f}% or more; largest gap {:.2f} percentage points\n",
        100 * fid.median_relative_error, fid.large_shares, 100 * assessment::WorldFidelity::kLargeShare,
        100 * fid.max_abs_error);
    for (std::size_t k = 0; k < std::min<std::size_t>(5, fid.shares.size()); ++k) {
      const auto& f = fid.shares[k];
      std::cout << fmt::format("  {:<28} {}  data {:7.3f}%  world {:7.3f}%\n", w.items[f.item].id, w.states[f.state].code,
                               100 * f.data_share, 100 * f.world_share);
    }
    if (!fid.import_shares.empty())
      std::cout << "Import shares (of the buying state's firms' imports at baseline, against world.generate.import_shares):\n";
    for (const auto& f : fid.import_shares)
      std::cout << fmt::format("  {:<28} {} from {}  data {:7.3f}%  world {:7.3f}%\n", w.items[f.item].id,
                               w.states[f.buyer].code, w.states[f.from].code, 100 * f.data_share, 100 * f.world_share);
  }
  // What weighs against listing, as a vote prints it: "exports at stake 0.333 + alignment 0.200".
  const auto against = [](const policy::Vote& v) {
    return fmt::format("exports at stake {:.3f}{}", v.exports_at_stake,
                       v.alignment > 0 ? fmt::format(" + alignment {:.3f}", v.alignment) : "");
  };
  std::cout << "\nControls:\n";
  if (sc.controls.empty()) std::cout << "  none\n";
  for (const auto& c : prepared->plan.controls()) {
    std::cout << "  " << describe(*c.control, w) << "\n";
    const auto caught = std::count(c.reach.begin(), c.reach.end(), true);
    if (c.control->reach.any()) std::cout << fmt::format("    reach: {} foreign firms' output falls under it\n", caught);
    for (const auto& v : c.votes)
      if (!v.supports)
        std::cout << fmt::format("    consensus: {} vetoes {} ({} > concern {:.3f})\n", w.states[v.member].code,
                                 w.items[v.item].id, against(v), v.concern);
    if (const auto& join = c.control->issuer.join_when)
      for (StateId candidate : c.control->issuer.candidates)
        std::cout << fmt::format(
            "    candidate {}: decides during the run; joins the step after leakage through it - {:g} x its exports "
            "at stake has been at least {:g} for {} step(s) in a row\n",
            w.states[candidate].code, join->stake_weight, join->leakage, join->steps);
    for (StateId candidate : c.control->issuer.candidates) {
      if (c.control->issuer.join_when) break;
      std::string refused;
      for (const auto& v : c.join_votes)
        if (v.member == candidate && !v.supports)
          refused += fmt::format("{}{} ({} > concern {:.3f})", refused.empty() ? "" : ", ", w.items[v.item].id,
                                 against(v), v.concern);
      std::cout << fmt::format("    candidate {}: {} at step {}{}\n", w.states[candidate].code,
                               refused.empty() ? "joins" : "stays out", c.control->issuer.decide_at,
                               refused.empty() ? "" : "; too much at stake in " + refused);
    }
    if (c.control->dominance)
      std::cout << fmt::format("    dominance: {} of {} listed items are ones its issuers make more than {:.0f}% of\n",
                               c.proposed.size(), c.control->items.size(), 100 * *c.control->dominance);
    if (c.control->consensus) {
      std::cout << fmt::format("    consensus: {} of {} proposed items adopted\n", c.items.size(), c.control->items.size());
      // How far the adopted list is from losing an item: the supporting vote nearest to
      // a veto, and the largest stake any member had.
      const policy::Vote *closest = nullptr, *largest = nullptr;
      for (const auto& v : c.votes) {
        if (v.supports && (!closest || v.margin() < closest->margin())) closest = &v;
        if (!largest || v.exports_at_stake > largest->exports_at_stake) largest = &v;
      }
      const auto said = [&](const policy::Vote& v) {
        return fmt::format("{} on {} ({}, concern {:.3f})", w.states[v.member].code, w.items[v.item].id, against(v),
                           v.concern);
      };
      if (closest) std::cout << "    closest support: " << said(*closest) << "\n";
      if (largest) std::cout << "    largest stake: " << said(*largest) << "\n";
    }
  }

  return kExitOk;
}

}  // namespace

void add_check_command(CLI::App& app, Action& action) {
  auto opts = std::make_shared<CheckOptions>();
  CLI::App* cmd = app.add_subcommand("check", "Validate a scenario without running it; print what the world holds");
  cmd->add_option("scenario", opts->scenario, "Scenario YAML file")->required()->check(CLI::ExistingFile);
  cmd->add_option("--set", opts->overrides, "Override any value: key.path=value (repeatable)");
  cmd->callback([opts, &action] { action = [opts] { return check(*opts); }; });
}

}  // namespace regimesim::cli
