#include "engine/verdict_refresh.hpp"

#include <algorithm>
#include <cstring>

namespace regimesim::engine {

void VerdictRefresh::remember(const SupplyNetwork& net, const RunState& s, const std::vector<std::uint8_t>& aimed) {
  supplier_ = s.supplier;
  verdict_ = s.verdict;
  caught_ = s.caught_by_reach;
  aimed_.clear();
  for (std::uint32_t b = 0; b < aimed.size(); ++b)
    if (aimed[b]) aimed_.push_back(b);
  if (first_link_.empty()) {
    first_link_.resize(net.buyer_count() + 1);
    for (std::uint32_t b = 0; b <= net.buyer_count(); ++b) first_link_[b] = net.slot_link_begin[net.buyer_slot_begin[b]];
  }
  declined_.clear();
  for (std::uint32_t b = 0; b < net.buyer_count(); ++b)
    for (auto l = first_link_[b]; l < first_link_[b + 1]; ++l)
      if (s.verdict[l] == policy::Verdict::declined) declined_.emplace_back(b, l);
  ready_ = true;
}

std::uint32_t VerdictRefresh::buyer_of(std::uint32_t link) const {
  return static_cast<std::uint32_t>(std::upper_bound(first_link_.begin(), first_link_.end(), link) - first_link_.begin()) - 1;
}

void VerdictRefresh::find_links(const SupplyNetwork& net, const RunState& s) {
  links_ = declined_;  // found allowed again before the exporter declines them: always decided
  // Re-sourced since: few links, so a block at a time is compared and most are skipped.
  const std::uint32_t L = static_cast<std::uint32_t>(s.supplier.size());
  constexpr std::uint32_t kBlock = 512;
  for (std::uint32_t first = 0; first < L; first += kBlock) {
    const std::uint32_t n = std::min(kBlock, L - first);
    if (std::memcmp(&supplier_[first], &s.supplier[first], n * sizeof(FirmId)) == 0 &&
        std::memcmp(&verdict_[first], &s.verdict[first], n * sizeof(policy::Verdict)) == 0)
      continue;
    for (std::uint32_t l = first; l < first + n; ++l)
      if (supplier_[l] != s.supplier[l] || verdict_[l] != s.verdict[l]) links_.emplace_back(buyer_of(l), l);
  }
  // Caught or released: only an aimed-at buyer's links can be covered.
  const std::size_t F = net.firm_count;
  changed_.assign(F, 0);
  bool any = false;
  for (std::size_t at = 0; at < caught_.size(); at += F)
    for (std::size_t f = 0; f < F; ++f)
      if (s.caught_by_reach[at + f] != caught_[at + f]) changed_[f] = 1, any = true;
  if (!any) return;
  for (std::uint32_t b : aimed_)
    for (auto l = first_link_[b]; l < first_link_[b + 1]; ++l)
      if (changed_[s.supplier[l]]) links_.emplace_back(b, l);
}

void VerdictRefresh::after(const RunState& s) {
  declined_.clear();
  for (const auto& [b, l] : links_) {
    supplier_[l] = s.supplier[l];
    verdict_[l] = s.verdict[l];
    if (s.verdict[l] == policy::Verdict::declined) declined_.emplace_back(b, l);
  }
  std::sort(declined_.begin(), declined_.end());
  declined_.erase(std::unique(declined_.begin(), declined_.end()), declined_.end());
  caught_ = s.caught_by_reach;
}

}  // namespace regimesim::engine
