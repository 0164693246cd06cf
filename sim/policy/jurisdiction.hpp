// Extraterritorial reach: which foreign firms' output falls under an issuer's
// control. De minimis (15 CFR 734.4) traces issuer-origin controlled content firm
// by firm through the supply graph; the foreign direct product rule (734.9) looks
// at whether a maker uses the issuer's controlled equipment.
#pragma once

#include <vector>

#include "engine/supply_network.hpp"
#include "model/control.hpp"

namespace regimesim::policy {

// Issuer-origin controlled content per unit value of each firm's output, at
// baseline prices (all 1) and baseline supplier shares. An input bought from an
// issuer's firm making a controlled item counts in full; any other input counts
// with the content it carries itself:
//   u_f = sum over f's inputs k of a_k * sum over k's suppliers s of w_ks * (d_s + (1 - d_s) u_s)
// a linear system u = c + M u, solved by fixed-point iteration (M is productive).
std::vector<double> controlled_content_share(const Control& c, const World& w, const engine::SupplyNetwork& net);
// The same with the items the control actually covers (after dominance and consensus).
std::vector<double> controlled_content_share(const Control& c, const std::vector<ItemId>& items, const World& w,
                                             const engine::SupplyNetwork& net);

// Firms outside the issuers whose output the control reaches: by de minimis (content
// share strictly above the threshold) or by the direct product rule (a supplier of
// one of the named equipment items, with a positive baseline share, is an issuer's firm).
// `items`: the items the control covers once dominance and consensus have narrowed its
// list: an item kept off the list is not controlled content.
std::vector<bool> subject_by_reach(const Control& c, const std::vector<ItemId>& items, const World& w,
                                   const engine::SupplyNetwork& net);

}  // namespace regimesim::policy
