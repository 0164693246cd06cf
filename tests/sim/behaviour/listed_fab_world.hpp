// A small world shared by tests of a denied firm that re-sources: an entity-listed fab
// whose one chip supplier is American, and a Korean chip maker no control covers.
#pragma once

namespace listed_fab_world {

// cn_fab makes 120 phones a step from 0.5 chips each, all 60 from us_chips; kr_chips
// sells 40 to cn_radios and has room for far more. The USA entity-lists cn_fab from step 2.
inline const char* kListedFab = R"(name: listed-fab
steps: 10
seed: 1
world:
  states:
    - {code: USA}
    - {code: KOR}
    - {code: CHN, final_demand: {phones: 120, radios: 80}}
  items:
    - {id: chips, tier: 4}
    - {id: phones, tier: 2, recipe: {chips: 0.5}}
    - {id: radios, tier: 2, recipe: {chips: 0.5}}
  firms:
    - {id: us_chips, state: USA, item: chips, capacity: 75}
    - {id: kr_chips, state: KOR, item: chips, capacity: 300}
    - {id: cn_fab, state: CHN, item: phones, capacity: 150}
    - {id: cn_radios, state: CHN, item: radios, capacity: 100}
  links:
    - {supplier: us_chips, buyer: cn_fab, volume: 1}
    - {supplier: kr_chips, buyer: cn_radios, volume: 1}
controls:
  - {id: listing, instrument: embargo, issuer: USA, items: [chips], destinations: {entities: [cn_fab]}, start: 2}
)";

}  // namespace listed_fab_world
