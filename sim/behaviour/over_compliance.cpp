#include "behaviour/over_compliance.hpp"

namespace regimesim::behaviour {

void OverComplianceRule::over_comply(int step, std::size_t states, engine::RunState& s) {
  controlling_ = policy_.controlling_states(step, states);
  named_ = policy_.named_states(step, states);
  if (!rule_.any()) return;
  // Only a buyer in a named state is ever declined (declines): the others' links are
  // skipped whole, which on most worlds is most of the links.
  for (std::uint32_t b = 0; b < net_.buyer_count(); ++b) {
    if (!named_[net_.buyer_state[b]]) continue;
    engine::for_each_link_of(net_, b, [&](std::uint32_t, std::uint32_t l) {
      if (s.verdict[l] == policy::Verdict::allowed && declines(b, l, s.supplier[l]))
        s.verdict[l] = policy::Verdict::declined;
    });
  }
}

}  // namespace regimesim::behaviour
