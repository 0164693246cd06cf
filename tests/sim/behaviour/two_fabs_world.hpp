// A small world worked out by hand, shared by the tests of per-state and per-group firm
// answers (responses_by_state_test, responses_by_maker_group_test).
#pragma once

#include <string>

namespace regimesim::test {

// Two fabs, in China and Russia, each make 50 chips a step for home demand from 5
// tools (the US maker) and 10 chemicals (the Chinese fab's from a US maker, the
// Russian fab's from a Dutch one). `issuers` embargo tools to both from step 2; the
// chemicals stay legal. No one else makes tools, and the US does not look for fronts
// in the UAE (effort 0), so a diverted order the maker takes always ships.
inline std::string two_fabs(const std::string& issuers, const std::string& responses) {
  return R"(name: two-fabs
steps: 12
world:
  states:
    - {code: USA, enforcement_effort: 0}
    - {code: NLD, enforcement_effort: 0}
    - {code: ARE, cooperation: 0}
    - {code: CHN, final_demand: {chips: 50}}
    - {code: RUS, final_demand: {chips: 50}}
  items:
    - {id: tools, tier: 3}
    - {id: chem, tier: 1}
    - {id: chips, tier: 4, recipe: {tools: 0.1, chem: 0.2}}
  firms:
    - {id: us_tools, state: USA, item: tools, capacity: 20}
    - {id: us_chem, state: USA, item: chem, capacity: 40}
    - {id: nl_chem, state: NLD, item: chem, capacity: 40}
    - {id: cn_fab, state: CHN, item: chips, capacity: 100}
    - {id: ru_fab, state: RUS, item: chips, capacity: 100}
  links:
    - {supplier: us_tools, buyer: cn_fab, volume: 1}
    - {supplier: us_tools, buyer: ru_fab, volume: 1}
    - {supplier: us_chem, buyer: cn_fab, volume: 1}
    - {supplier: nl_chem, buyer: ru_fab, volume: 1}
controls:
  - {id: tools-embargo, instrument: embargo, issuers: )" + issuers +
         R"(, items: [tools], destinations: [CHN, RUS], start: 2}
responses: )" + responses + "\n";
}

}  // namespace regimesim::test
