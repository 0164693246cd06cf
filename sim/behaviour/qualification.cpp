#include "behaviour/qualification.hpp"

#include <algorithm>

namespace regimesim::behaviour {

double QualificationRule::steps_for(const engine::RunState& s, std::uint32_t l) const {
  return rule_.qualification_per_tier * items_[net_.buyer_item[s.supplier[l]]].technology_tier;
}

void QualificationRule::start(const engine::RunState& s, std::uint32_t l) {
  if (!active() || !(steps_for(s, l) > 1)) return;  // one step or less: the first order is whole
  if (since_.empty()) since_.assign(net_.link_count(), kQualified);
  if (since_[l] == kQualified) qualifying_.insert(std::lower_bound(qualifying_.begin(), qualifying_.end(), l), l);
  since_[l] = s.step;
}

void QualificationRule::returned(std::uint32_t l) {
  if (since_.empty() || since_[l] == kQualified) return;
  since_[l] = kQualified;
  qualifying_.erase(std::lower_bound(qualifying_.begin(), qualifying_.end(), l));
}

void QualificationRule::limit_new_suppliers(engine::RunState& s) {
  if (qualifying_.empty()) return;
  std::size_t kept = 0;
  for (std::uint32_t l : qualifying_) {
    const double part = (s.step - since_[l]) / steps_for(s, l);
    if (part >= 1) {
      since_[l] = kQualified;
      continue;
    }
    qualifying_[kept++] = l;
    // in_transit holds what the decision point let through until the shipments (RunState)
    const double withheld = s.in_transit[l] * (1 - part);
    s.in_transit[l] -= withheld;
    s.orders_accepted[s.supplier[l]] -= withheld;
  }
  qualifying_.resize(kept);
}

void QualificationRule::restored() {
  qualifying_.clear();
  for (std::uint32_t l = 0; l < since_.size(); ++l)
    if (since_[l] != kQualified) qualifying_.push_back(l);
}

}  // namespace regimesim::behaviour
