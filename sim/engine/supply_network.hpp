// The supply graph of a world, compiled once into flat arrays indexed by dense ids:
// the layout every run's hot loops walk. Buyers are firms [0, firm_count) followed
// by final-demand consumers, one per (state, item) with demand. Each buyer has one
// slot per input it needs; a slot's links are contiguous and name its suppliers.
#pragma once

#include <cstdint>
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
  std::vector<std::uint32_t> buyer_slot_begin;  // size buyer_count + 1

  // per slot
  std::vector<ItemId> slot_item;
  std::vector<double> slot_coefficient;  // input per unit of output; for a consumer, its demand per step
  std::vector<std::uint32_t> slot_link_begin;  // size slot_count + 1

  // per link, in (buyer, slot) order
  std::vector<FirmId> link_supplier;
  std::vector<double> link_base_share;  // the buyer's baseline share of this supplier in the slot

  // the links each firm supplies, in link order: the "index per supplier"
  std::vector<std::uint32_t> supplier_link_begin;  // size firm_count + 1
  std::vector<std::uint32_t> supplier_links;

  // the makers of each item, in firm id order: where a cut-off buyer searches
  std::vector<std::uint32_t> item_maker_begin;  // size item count + 1
  std::vector<FirmId> item_makers;
};

SupplyNetwork compile_network(const World& world);

}  // namespace regimesim::engine
