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

enum class DevelopmentStatus { developed, developing, least_developed };
enum class WmdRelevance { none, nuclear, chemical, biological, missile };
enum class EndUse { civilian, military, wmd_risk };

const char* to_string(DevelopmentStatus s);
const char* to_string(WmdRelevance w);
const char* to_string(EndUse e);

struct State {
  std::string code;  // ISO 3166 alpha-3
  std::string name;
  DevelopmentStatus status = DevelopmentStatus::developing;
  std::vector<std::pair<ItemId, double>> final_demand;  // per step, in baseline-price units
  Origin origin;
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

struct Item {
  std::string id;
  std::string name;
  ControlClassification classification;
  WmdRelevance wmd = WmdRelevance::none;
  int technology_tier = 1;        // 1 = commodity ... 5 = frontier
  double substitutability = 2.0;  // elasticity with which buyers move between suppliers on price
  std::vector<RecipeInput> recipe;
  Origin origin;
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
  Origin origin;
};

struct Link {
  FirmId supplier;
  FirmId buyer;
  double volume;  // baseline weight of this supplier among the buyer's suppliers of that item
  Origin origin;
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
  Origin origin;
};

struct World {
  std::vector<State> states;
  std::vector<Item> items;
  std::vector<Firm> firms;
  std::vector<Link> links;
  std::vector<FinalDemandLink> final_demand_links;
  std::vector<Regime> regimes;
  double capacity_headroom = 0.25;

  std::optional<StateId> find_state(const std::string& code) const;
  std::optional<ItemId> find_item(const std::string& id) const;
};

}  // namespace regimesim
