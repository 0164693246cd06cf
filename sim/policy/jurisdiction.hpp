// Extraterritorial reach: which foreign firms' output falls under an issuer's
// control. De minimis (15 CFR 734.4) traces issuer-origin controlled content firm
// by firm through the supply graph; the foreign direct product rule (734.9) looks
// for the issuer's equipment in a maker's chain, up to a given number of stages.
//
// Each rule is read on a supply graph: who supplies each link and with what share.
// At baseline that is the network's suppliers and baseline shares; a run that
// recomputes reach (policy/recomputed_reach.hpp) passes its current ones, with the
// states that are members at that step.
#pragma once

#include <vector>

#include "engine/supply_network.hpp"
#include "model/control.hpp"

namespace regimesim::policy {

class ControlledContent;

// The graph reach is read on: per link its supplier and share, per state whether
// it is a member of the issuer.
struct ReachGraph {
  const std::vector<FirmId>& supplier;
  const std::vector<double>& share;
  const std::vector<bool>& member;
};

// Issuer-origin controlled content per unit value of each firm's output, at
// baseline prices (all 1). An input bought from an issuer's firm making a
// controlled item counts in full; any other input counts with the content it
// carries itself:
//   u_f = sum over f's inputs k of a_k * sum over k's suppliers s of w_ks * (d_s + (1 - d_s) u_s)
// a linear system u = c + M u, solved by fixed-point iteration (M is productive).
// `controlled`: per item, on the control's list.
std::vector<double> controlled_content_share(const std::vector<bool>& controlled, const engine::SupplyNetwork& net,
                                             const ReachGraph& g);
// At baseline, with the control's own items or the items it covers after dominance
// and consensus, and its first members.
std::vector<double> controlled_content_share(const Control& c, const World& w, const engine::SupplyNetwork& net);
std::vector<double> controlled_content_share(const Control& c, const std::vector<ItemId>& items, const World& w,
                                             const engine::SupplyNetwork& net);

// The direct product rule over `stages` supply stages. A firm outside the members
// is caught when a chain of equipment purchases with positive shares
//   f <- g1 <- g2 <- ... <- gm,  m <= stages,
// each gj+1 supplying gj (or g1 supplying f) in an input slot for one of the named
// equipment items, ends at a firm in a member state. With 1 stage: a maker that
// buys the equipment from a member's firm. With 2: also a fab whose tools come from
// a foreign tool maker that itself uses the members' tools. Worked in `stages`
// rounds over flat arrays, each round from the last one's marks, so that round n
// marks exactly the firms within n stages.
std::vector<bool> direct_product_reach(const std::vector<bool>& equipment, int stages,
                                       const engine::SupplyNetwork& net, const ReachGraph& g);

// Firms outside the members whose output the control reaches: by de minimis (content
// share strictly above the threshold) or by the direct product rule. `controlled`:
// per item, the items the control covers once dominance and consensus have narrowed
// its list (an item kept off the list is not controlled content); `equipment`: per
// item, the reach's named equipment.
// `content`: when given, de minimis is decided by it (policy/controlled_content.hpp), kept
// up to date from one call to the next instead of solved afresh.
std::vector<bool> subject_by_reach(const ExtraterritorialReach& r, const std::vector<bool>& controlled,
                                   const std::vector<bool>& equipment, const engine::SupplyNetwork& net,
                                   const ReachGraph& g, ControlledContent* content = nullptr);
// At baseline: the network's suppliers and shares, and `member`, per state, the
// control's members at the first step.
std::vector<bool> subject_by_reach(const Control& c, const std::vector<ItemId>& items, const std::vector<bool>& member,
                                   const World& w, const engine::SupplyNetwork& net);

}  // namespace regimesim::policy
