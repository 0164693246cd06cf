#include "engine/verdict_refresh.hpp"

#include <algorithm>
#include <cstring>

namespace regimesim::engine {

void VerdictRefresh::remember(const SupplyNetwork& net, const RunState& s, const std::vector<std::uint8_t>& aimed) {
  supplier_ = s.supplier;
  verdict_ = s.verdict;
  caught_ = s.caught_by_reach;
  decided_at_ = s.step;
  aimed_ = aimed;
  net_ = &net;
  declined_.clear();
  moved_.clear();
  for (std::uint32_t b = 0; b < net.buyer_count(); ++b)
    for_each_link_of(net, b, [&](std::uint32_t, std::uint32_t l) {
      if (s.verdict[l] == policy::Verdict::declined) declined_.emplace_back(b, l);
      if (s.supplier[l] != net.link_supplier[l]) moved_.emplace_back(b, l);
    });
  ready_ = true;
}

void VerdictRefresh::find_links(const SupplyNetwork& net, const RunState& s, const SlotChanges& changes) {
  links_ = declined_;  // found allowed again before the exporter declines them: always decided
  // Re-sourced since: only the slots stamped since the last decision can hold one.
  changes.for_each_moved_since(decided_at_, 0, net.slot_count(), [&](std::uint32_t k) {
    const std::uint32_t b = net.slot_buyer[k];
    for (auto l = net.slot_link_begin[k]; l < net.slot_link_begin[k + 1]; ++l)
      if (supplier_[l] != s.supplier[l] || verdict_[l] != s.verdict[l]) {
        links_.emplace_back(b, l);
        if (s.supplier[l] != net.link_supplier[l]) moved_.emplace_back(b, l);
      }
  });
  // Caught or released: only an aimed-at buyer's links can be covered. They are the
  // links each such firm supplies: of the network's links of it (supplier_links), those
  // it still supplies, and of the links moved away from their network's supplier, those
  // moved to it. Few firms change status at a recompute, so this reads few links.
  const std::size_t F = net.firm_count;
  changed_.assign(F, 0);
  bool any = false;
  // Few firms change status: the sets are compared 64 firms at a time, and only a block
  // that differs firm by firm.
  constexpr std::size_t kBlock = 64;
  for (std::size_t at = 0; at < caught_.size(); at += F)
    for (std::size_t first = 0; first < F; first += kBlock) {
      const std::size_t n = std::min(kBlock, F - first);
      if (std::memcmp(&s.caught_by_reach[at + first], &caught_[at + first], n) == 0) continue;
      for (std::size_t f = first; f < first + n; ++f)
        if (s.caught_by_reach[at + f] != caught_[at + f]) changed_[f] = 1, any = true;
    }
  if (!any) return;
  for (FirmId f = 0; f < F; ++f) {
    if (!changed_[f]) continue;
    for (auto i = net.supplier_link_begin[f]; i < net.supplier_link_begin[f + 1]; ++i) {
      const std::uint32_t l = net.supplier_links[i];
      if (s.supplier[l] != f) continue;  // moved away since: found below if moved to a changed firm
      const std::uint32_t buyer = buyer_of(l);
      if (aimed_[buyer]) links_.emplace_back(buyer, l);
    }
  }
  for (const auto& [buyer, l] : moved_)
    if (s.supplier[l] != net.link_supplier[l] && changed_[s.supplier[l]] && aimed_[buyer]) links_.emplace_back(buyer, l);
}

std::uint32_t VerdictRefresh::buyer_of(std::uint32_t link) const {
  return net_->slot_buyer[net_->slot_of_link(link)];
}

void VerdictRefresh::after(const RunState& s) {
  declined_.clear();
  for (const auto& [b, l] : links_) {
    supplier_[l] = s.supplier[l];
    verdict_[l] = s.verdict[l];
    if (s.verdict[l] == policy::Verdict::declined) declined_.emplace_back(b, l);
  }
  decided_at_ = s.step;
  std::sort(declined_.begin(), declined_.end());
  declined_.erase(std::unique(declined_.begin(), declined_.end()), declined_.end());
  std::sort(moved_.begin(), moved_.end());  // a link moved twice since the full decision is there twice
  moved_.erase(std::unique(moved_.begin(), moved_.end()), moved_.end());
  caught_ = s.caught_by_reach;
}

}  // namespace regimesim::engine
