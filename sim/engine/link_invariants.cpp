// What the rest of the run takes for granted about every link, checked after each step
// in builds with assertions (the test suite's): a link's supplier makes the input's item
// or one of its lower-tier substitutes, and a link that ships a substitute is in a slot
// marked `substituted`. The flows pass skips inputs by the first (output::FlowItemFilter)
// and the metrics read the shipped item by the second (output::aggregate_step), so an
// answer that moved a link to any other maker would skew both without a word.
#include <algorithm>
#include <stdexcept>

#include <fmt/format.h>

#include "engine/simulation.hpp"

namespace regimesim::engine {

void Simulation::check_links_supply_their_inputs() const {
  const auto& items = scenario_.world.items;
  for (std::uint32_t k = 0; k < net_.slot_count(); ++k) {
    const ItemId asked = net_.slot_item[k];
    for (auto l = net_.slot_link_begin[k]; l < net_.slot_link_begin[k + 1]; ++l) {
      const ItemId made = net_.buyer_item[s_.supplier[l]];
      if (made == asked) continue;
      const auto& subs = items[asked].substitutes;
      const bool substitute =
          std::any_of(subs.begin(), subs.end(), [&](const TierSubstitute& t) { return t.item == made; });
      if (!substitute)
        throw std::logic_error(fmt::format("after step {}: link {} of input {} ({}) is supplied by firm {}, a maker of "
                                           "{}, which is neither the input nor one of its substitutes",
                                           s_.step, l, k, items[asked].id, s_.supplier[l], items[made].id));
      if (!s_.substituted[k])
        throw std::logic_error(fmt::format("after step {}: link {} of input {} ({}) ships the substitute {}, but the "
                                           "input is not marked substituted",
                                           s_.step, l, k, items[asked].id, items[made].id));
    }
  }
}

}  // namespace regimesim::engine
