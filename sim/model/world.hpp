// The world a scenario describes: states, items, firms and supply links, as plain
// immutable data indexed by dense ids. Built once by load/, shared by every run.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "model/origin.hpp"

namespace regimesim {

using StateId = std::uint32_t;
using ItemId = std::uint32_t;
using FirmId = std::uint32_t;
// Where a firm or link was written: an index into World::origins. A million generated
// firms and ten million links share the few places their generator was written, so
// each keeps four bytes instead of two strings of its own (issue 15).
using OriginId = std::uint32_t;
inline constexpr OriginId kNoOrigin = 0xffffffff;  // built in code: no place to point at

enum class DevelopmentStatus { developed, developing, least_developed };
// The World Bank's income groups (GNI per capita, Atlas method), kept apart from the UN
// development status above: the two classifications disagree for e.g. KOR, SGP and SAU.
enum class IncomeGroup { high, upper_middle, lower_middle, low };
enum class WmdRelevance { none, nuclear, chemical, biological, missile };
enum class EndUse { civilian, military, wmd_risk };

const char* to_string(DevelopmentStatus s);
const char* to_string(WmdRelevance w);
const char* to_string(EndUse e);

// Where a figure comes from: cited by id from the entries that use it.
struct Source {
  std::string id;
  std::string title;
  std::string publisher;
  int year = 0;
  std::string url;
};

// How other states' controls see a state's buyers: as those of another state. US
// rules have treated Hong Kong as China since 2020, so a US control on China also
// covers a US firm's exports to Hong Kong, and a Hong Kong front is no way round it.
struct TreatedAs {
  StateId as;                        // the state whose destination it counts as
  std::vector<StateId> by;           // the exporting states whose controls treat it so
  std::vector<std::string> sources;  // ids in World::sources
};

struct State {
  std::string code;  // ISO 3166 alpha-3
  std::string name;
  DevelopmentStatus status = DevelopmentStatus::developing;
  std::optional<IncomeGroup> income_group;  // absent when the data do not give it
  std::vector<std::pair<ItemId, double>> final_demand;  // per step, in baseline-price units
  std::optional<double> gdp_usd_bn;
  std::optional<double> population_m;
  std::vector<std::string> sources;  // ids in World::sources
  // How much weight the state gives to security against its exports at stake when it
  // votes on a regime's list or decides to join a coalition (policy/control_plan.hpp).
  double security_concern = 0.5;
  // How hard its export authorities look for diversion, and how readily it helps
  // another state's enforcement when a front sits on its territory (model/responses.hpp).
  double enforcement_effort = 0.5;
  double cooperation = 0.5;
  // How closely it sides with other states (0 to 1; world.alignment): in a vote on
  // listing items against a target it is aligned with, the alignment weighs against
  // listing beside its exports at stake.
  std::vector<std::pair<StateId, double>> alignment;
  std::vector<TreatedAs> treated_as;
  Origin origin;

  double alignment_with(StateId other) const {
    for (const auto& [s, a] : alignment)
      if (s == other) return a;
    return 0.0;
  }
};

// A control list entry such as wassenaar:3B or nsg:part1; an empty list means uncontrolled.
struct ControlClassification {
  std::string list;
  std::string category;
  bool controlled() const { return !list.empty(); }
  std::string label() const { return controlled() ? list + ":" + category : "none"; }
};

struct RecipeInput {
  ItemId item;
  double coefficient;  // units of input per unit of output
};

// A lower-tier item a buyer can fall back on when it is cut off from this one. Each
// unit of the substitute does the work of (1 - penalty) units of the item, so a buyer
// needs 1 / (1 - penalty) units of it: the productivity penalty of the lower tier.
struct TierSubstitute {
  ItemId item;
  double penalty;  // in [0, 1)
};

// Where makers in one state use another recipe: China's advanced-node fabs print with
// immersion DUV, since no EUV scanner has been shipped there. The whole recipe, the
// item's own with the written changes applied.
struct StateRecipe {
  StateId state;
  std::vector<RecipeInput> recipe;
};

struct Item {
  std::string id;
  std::string name;
  ControlClassification classification;
  WmdRelevance wmd = WmdRelevance::none;
  int technology_tier = 1;        // 1 = commodity ... 5 = frontier
  double substitutability = 2.0;  // elasticity with which buyers move between suppliers on price
  std::vector<RecipeInput> recipe;
  std::vector<StateRecipe> recipe_in;  // a few states' own recipes, by state
  std::vector<TierSubstitute> substitutes;  // lower tiers only, in the order a buyer tries them
  std::vector<std::string> sources;
  Origin origin;

  // The recipe a maker in `state` follows.
  const std::vector<RecipeInput>& recipe_for(StateId state) const {
    for (const auto& r : recipe_in)
      if (r.state == state) return r.recipe;
    return recipe;
  }
};

struct Firm {
  std::string id;
  StateId state;
  ItemId item;
  // Absent for generated firms: their capacity is the baseline output times
  // (1 + capacity_headroom), so a generated world always starts in equilibrium.
  std::optional<double> capacity;
  EndUse end_use = EndUse::civilian;
  double market_weight = 1.0;  // how final demand splits among the makers of an item
  OriginId origin = kNoOrigin;  // World::origin_of
};

struct Link {
  FirmId supplier;
  FirmId buyer;
  double volume;  // baseline weight of this supplier among the buyer's suppliers of that item
  OriginId origin = kNoOrigin;  // World::origin_of
};

// A state's final demand for an item buys from these firms, in proportion to weight.
struct FinalDemandLink {
  FirmId supplier;
  StateId consumer;
  double weight;
};

struct Regime {
  std::string id;  // wassenaar, nsg, mtcr, australia_group, or any named regime
  std::string name;
  std::vector<StateId> members;
  std::string as_of;  // the date the membership list was checked, YYYY-MM
  std::vector<std::string> sources;
  Origin origin;
};

// A state joining or leaving a coalition at a step of the run.
struct MembershipChange {
  int step;
  StateId state;
  bool joins;
};

// A candidate's rule for joining during the run (`join_when:`, behaviour/coalition_joining.hpp):
// it joins a control of the coalition once, for `steps` steps in a row, the leakage
// through it (its makers' shipments of the control's items to the targets, as a share
// of all the targets receive of them) less `stake_weight` x its exports at stake (the
// share of its own exports of those items that go to the targets) is at least `leakage`.
struct JoinTrigger {
  double leakage = 0.1;
  double stake_weight = 0.0;
  int steps = 1;
};

// A small circle: states agreeing a control among themselves, outside the regimes.
struct Coalition {
  std::string id;
  std::string name;
  std::vector<StateId> members;         // at the start
  std::vector<MembershipChange> changes;  // later, by timeline event, in step order
  // States left to decide for themselves: at step decide_at each weighs its security
  // concern against its exports at stake, and joins a control of the coalition when it
  // would support every item on it (policy/control_plan.hpp, the consensus rule).
  std::vector<StateId> candidates;
  int decide_at = 0;
  // With join_when, candidates decide during the run instead, from what it measures.
  std::optional<JoinTrigger> join_when;
  Origin origin;
};

// One item's world production shares by state (they sum to 1), as the world's
// generator reads them: the figures the generated world must reproduce.
struct ProductionShares {
  ItemId item;
  std::vector<std::pair<StateId, double>> shares;
  Origin origin;
};

// A public bilateral figure for a generated item: of what `buyer`'s firms import of
// `item` (their purchases from other states), these shares come from these states; the
// rest from the other producing states. Home purchases and final demand are left as
// the generator's rule makes them (load/state_flows.hpp).
struct ImportShares {
  StateId buyer;
  ItemId item;
  std::vector<std::pair<StateId, double>> from;
  std::vector<std::string> sources;
  Origin origin;
};

struct World {
  std::vector<State> states;
  std::vector<Item> items;
  std::vector<Firm> firms;
  std::vector<Link> links;
  std::vector<FinalDemandLink> final_demand_links;
  std::vector<Regime> regimes;
  std::vector<Coalition> coalitions;
  std::vector<Source> sources;
  std::vector<std::pair<ItemId, std::vector<std::string>>> production_sources;
  std::vector<ProductionShares> production;  // of the generated items; empty when nothing is generated
  std::vector<ImportShares> import_shares;   // bilateral figures the generated links honour
  std::uint64_t generation_seed = 1;         // world.generate.seed: the draw of firms and links
  double capacity_headroom = 0.25;
  // Where firms and links were written, shared: a generated firm and its links point
  // at their production entry's.
  std::vector<Origin> origins;

  // Adds a place firms or links may point at; the same place twice in a row is kept once.
  OriginId add_origin(Origin where);
  // Where a firm or link was written; an unknown place (empty) for kNoOrigin.
  const Origin& origin_of(const Firm& f) const { return origin_at(f.origin); }
  const Origin& origin_of(const Link& l) const { return origin_at(l.origin); }
  const Origin& origin_at(OriginId id) const;

  std::optional<StateId> find_state(const std::string& code) const;
  std::optional<ItemId> find_item(const std::string& id) const;
  std::optional<FirmId> find_firm(const std::string& id) const;
  const Regime* find_regime(const std::string& id) const;
  const Coalition* find_coalition(const std::string& id) const;
};

}  // namespace regimesim
