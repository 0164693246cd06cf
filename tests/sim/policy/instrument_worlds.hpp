// Small listed worlds for the instrument tests, each worked out by hand.
#pragma once

#include <string>

namespace regimesim::testing {

// A US chip maker sells to a Japanese module maker (0.3 chips per module, so 30%
// of a module's value is US-origin controlled content at baseline prices of 1),
// whose modules go to a Chinese phone maker (0.5 modules per phone: 15% content).
// A Taiwanese fab makes chips2 with US lithography tools (0.1 per unit).
inline std::string content_chain_yaml(const std::string& controls) {
  return R"(name: content-chain
steps: 12
world:
  states:
    - {code: USA}
    - {code: JPN}
    - {code: TWN}
    - {code: CHN, final_demand: {phones: 100, chips2: 10}}
  items:
    - {id: litho, tier: 5, control: "national:semiconductor_equipment"}
    - {id: chips, tier: 4, control: "wassenaar:3A"}
    - {id: chips2, tier: 4, recipe: {litho: 0.1}}
    - {id: modules, tier: 3, recipe: {chips: 0.3}}
    - {id: phones, tier: 2, recipe: {modules: 0.5}}
  firms:
    - {id: us_tools, state: USA, item: litho, capacity: 10}
    - {id: us_chips, state: USA, item: chips, capacity: 100}
    - {id: tw_fab, state: TWN, item: chips2, capacity: 100}
    - {id: jp_modules, state: JPN, item: modules, capacity: 100}
    - {id: cn_phones, state: CHN, item: phones, capacity: 200}
  links:
    - {supplier: us_tools, buyer: tw_fab, volume: 1}
    - {supplier: us_chips, buyer: jp_modules, volume: 1}
    - {supplier: jp_modules, buyer: cn_phones, volume: 1}
)" + controls;
}

// Equipment for a Chinese fab from four suppliers: USA 40, NLD 35, JPN 15, KOR 10
// (baseline shares by link volume), each with 25% spare capacity. The fab's chips
// go to Chinese final demand. Two more Chinese buyers: a listed entity and a
// WMD-risk end user, each buying equipment from the US maker only.
inline std::string four_suppliers_yaml(const std::string& controls) {
  return R"(name: four-suppliers
steps: 30
world:
  states:
    - {code: USA}
    - {code: NLD, security_concern: 0.5}
    - {code: JPN}
    - {code: KOR}
    - {code: CHN, status: developing, final_demand: {chips: 100, rockets: 10, gadgets: 10}}
  items:
    - {id: equipment, tier: 5, control: "national:semiconductor_equipment"}
    - {id: chips, tier: 4, recipe: {equipment: 0.1}}
    - {id: rockets, tier: 5, wmd: missile, recipe: {equipment: 0.1}}
    - {id: gadgets, tier: 2, recipe: {equipment: 0.1}}
  regimes:
    - {id: suppliers_regime, members: [USA, NLD, JPN, KOR]}
  coalitions:
    - {id: main_three, members: [USA, NLD, JPN]}
  firms:
    - {id: us_eq, state: USA, item: equipment, capacity: 7.5}
    - {id: nl_eq, state: NLD, item: equipment, capacity: 4.375}
    - {id: jp_eq, state: JPN, item: equipment, capacity: 1.875}
    - {id: kr_eq, state: KOR, item: equipment, capacity: 1.25}
    - {id: cn_fab, state: CHN, item: chips, capacity: 150}
    - {id: cn_rockets, state: CHN, item: rockets, capacity: 20, end_use: wmd_risk}
    - {id: cn_gadgets, state: CHN, item: gadgets, capacity: 20}
  links:
    - {supplier: us_eq, buyer: cn_fab, volume: 40}
    - {supplier: nl_eq, buyer: cn_fab, volume: 35}
    - {supplier: jp_eq, buyer: cn_fab, volume: 15}
    - {supplier: kr_eq, buyer: cn_fab, volume: 10}
    - {supplier: us_eq, buyer: cn_rockets, volume: 1}
    - {supplier: us_eq, buyer: cn_gadgets, volume: 1}
)" + controls;
}

}  // namespace regimesim::testing
