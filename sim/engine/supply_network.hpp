// The supply graph of a world, compiled once into flat arrays indexed by dense ids:
// the layout every run's hot loops walk. Buyers are firms [0, firm_count) followed
// by final-demand consumers, one per (state, item) with demand. Each buyer has one
// slot per input it needs; a slot's links are contiguous and name its suppliers.
//
// Slots lie buyer by buyer, or, in a large world, item by item (then buyer by buyer):
// the slot sweep then reads the suppliers of one item together, whose terms fit in
// cache, where buyer by buyer each slot reaches into another item's makers and, at ten
// million links, half the step waited on those reads (docs/BENCHMARKS.md, "slots item
// by item"). In a small world every supplier's terms fit in cache anyway, and buyer by
// buyer each buyer's slots lie together. A buyer's slots are listed in buyer_slots;
// what must not depend on the layout (the draws keyed by link, the order of searches
// and of quota claims) reads link_key. The layout moves no figure but by the order of
// additions in some sums (tests/sim/engine/network_layout_test.cpp).
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "model/world.hpp"

namespace regimesim::engine {

struct SupplyNetwork {
  std::uint32_t firm_count = 0;
  std::uint32_t consumer_count = 0;
  std::uint32_t buyer_count() const { return firm_count + consumer_count; }
  std::uint32_t slot_count() const { return static_cast<std::uint32_t>(slot_item.size()); }
  std::uint32_t link_count() const { return static_cast<std::uint32_t>(link_supplier.size()); }

  // per buyer (firms, then consumers)
  std::vector<StateId> buyer_state;
  std::vector<ItemId> buyer_item;  // what a firm makes; what a consumer buys
  std::vector<EndUse> buyer_end_use;
  std::vector<std::uint32_t> buyer_slot_begin;  // size buyer_count + 1: where each buyer's slots start in buyer_slots
  std::vector<std::uint32_t> buyer_slots;       // each buyer's slots, in its recipe's order (items by id)
  std::span<const std::uint32_t> slots_of(std::uint32_t buyer) const {
    return {buyer_slots.data() + buyer_slot_begin[buyer], buyer_slots.data() + buyer_slot_begin[buyer + 1]};
  }

  // per slot
  std::vector<ItemId> slot_item;
  std::vector<double> slot_coefficient;  // input per unit of output; for a consumer, its demand per step
  std::vector<std::uint32_t> slot_link_begin;  // size slot_count + 1
  std::vector<std::uint32_t> slot_buyer;
  std::uint32_t slot_of_link(std::uint32_t link) const;  // by search: for the few links a rule names

  // per link, in slot order (by item, then buyer; in a slot by supplier)
  std::vector<FirmId> link_supplier;
  std::vector<double> link_base_share;  // the buyer's baseline share of this supplier in the slot
  // The link's place in buyer order (buyer, input, supplier), the order of the world's
  // own list: what keys the link's draws and orders first-come claims, so that they
  // do not change with the layout.
  std::vector<std::uint32_t> link_key;

  // the links each firm supplies, in link order: the "index per supplier"
  std::vector<std::uint32_t> supplier_link_begin;  // size firm_count + 1
  std::vector<std::uint32_t> supplier_links;

  // the makers of each item, in firm id order: where a cut-off buyer searches
  std::vector<std::uint32_t> item_maker_begin;  // size item count + 1
  std::vector<FirmId> item_makers;
};

// by_size: item by item from kItemLayoutFirms firms on, where the two layouts were
// measured to take the same time (at 100k firms buyer by buyer is 15% faster, at 500k
// item by item 13%, at 1M 35%: docs/BENCHMARKS.md). The others force one (tests, bench).
enum class Layout { by_size, by_buyer, by_item };
inline constexpr std::uint32_t kItemLayoutFirms = 200'000;

SupplyNetwork compile_network(const World& world, Layout layout = Layout::by_size);

// Calls visit(slot, link) for each of `buyer`'s links, slot by slot in recipe order.
template <class Visit>
void for_each_link_of(const SupplyNetwork& net, std::uint32_t buyer, Visit&& visit) {
  for (const std::uint32_t k : net.slots_of(buyer))
    for (auto l = net.slot_link_begin[k]; l < net.slot_link_begin[k + 1]; ++l) visit(k, l);
}

}  // namespace regimesim::engine
