// Tiny worlds for the states' decisions during the run (behaviour/coalition_joining,
// behaviour/retaliation), and what the tests compare runs by.
#pragma once

#include <cstring>
#include <string>
#include <type_traits>
#include <vector>

#include "engine/run_state.hpp"

namespace state_decisions_worlds {

// One Chinese fab makes China's 100 chips a step from 0.1 tools each: 10 tools a step,
// half from a US maker and half from a Korean one (two links of equal volume). The
// circle (USA, with Korea as a candidate) prohibits tools to China from step 2.
// `coalition_extra` goes into the coalition's entry (candidates, join_when).
// `korea_makers` adds Korean tool makers with no link at the start (search targets).
inline std::string korea_world(const std::string& coalition_extra, const std::string& korea_makers = "") {
  return R"(name: joining
steps: 12
world:
  states:
    - {code: USA}
    - {code: KOR}
    - {code: CHN, final_demand: {chips: 100}}
  coalitions:
    - {id: circle, members: [USA])" + coalition_extra + R"(}
  items:
    - {id: tools, tier: 3}
    - {id: chips, tier: 4, recipe: {tools: 0.1}}
  firms:
    - {id: us_tools, state: USA, item: tools, capacity: 20}
    - {id: kr_tools, state: KOR, item: tools, capacity: 20}
    - {id: cn_fab, state: CHN, item: chips, capacity: 125}
)" + korea_makers + R"(  links:
    - {supplier: us_tools, buyer: cn_fab, volume: 1}
    - {supplier: kr_tools, buyer: cn_fab, volume: 1}
controls:
  - {id: ban, instrument: prohibition, issuer: circle, items: [tools], destinations: [CHN], start: 2}
)";
}

// China's fab takes all its 10 tools a step from the US maker, which makes them from
// 0.1 Chinese gallium each (1 a step). The US prohibits tools to China from step 2;
// `counter` is a second control (China's answer), or empty.
inline std::string gallium_world(const std::string& counter) {
  return R"(name: retaliation
steps: 12
world:
  states:
    - {code: USA}
    - {code: CHN, final_demand: {chips: 100}}
  items:
    - {id: gallium, tier: 1}
    - {id: tools, tier: 3, recipe: {gallium: 0.1}}
    - {id: chips, tier: 4, recipe: {tools: 0.1}}
  firms:
    - {id: cn_gallium, state: CHN, item: gallium, capacity: 5}
    - {id: us_tools, state: USA, item: tools, capacity: 20}
    - {id: cn_fab, state: CHN, item: chips, capacity: 125}
  links:
    - {supplier: cn_gallium, buyer: us_tools, volume: 1}
    - {supplier: us_tools, buyer: cn_fab, volume: 1}
controls:
  - {id: ban, instrument: prohibition, issuer: USA, items: [tools], destinations: [CHN], start: 2}
)" + counter;
}

// Every field of a run's state as bytes: two runs are the same when these are equal.
struct Bytes {
  std::string* out;
  template <class T>
  void operator()(const char*, const T& field) const {
    if constexpr (std::is_same_v<T, std::vector<bool>>) {
      for (bool b : field) out->push_back(b ? '1' : '0');
    } else if constexpr (requires { field.data(); field.size(); }) {
      out->append(reinterpret_cast<const char*>(field.data()), field.size() * sizeof(field[0]));
    } else {
      out->append(reinterpret_cast<const char*>(&field), sizeof(field));
    }
  }
};

inline std::string bytes_of(const regimesim::engine::RunState& s) {
  std::string out;
  s.for_each_field(Bytes{&out});
  return out;
}

}  // namespace state_decisions_worlds
