#include "engine/supply_network.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <tuple>
#include <utility>

#include <tbb/parallel_sort.h>

#include "model/scenario_error.hpp"

namespace regimesim::engine {
namespace {

struct RawLink {
  std::uint32_t buyer;
  ItemId item;
  FirmId supplier;
  double weight;
};

// Built buyer by buyer, the slots are laid out again item by item, buyers in order
// within an item (supply_network.hpp says why): a counting sort, so stable. The
// firms' slots stay ahead of the consumers', so that the firms' links are still the
// first ones (what the controlled-content tracker copies).
void lay_out_by_item(SupplyNetwork& net, std::size_t items) {
  const std::uint32_t K = net.slot_count(), firm_slots = net.buyer_slot_begin[net.firm_count];
  std::vector<std::uint32_t> place(K);  // the new place of buyer-order slot k
  {
    auto bucket = [&](std::uint32_t k) { return (k < firm_slots ? 0 : items) + net.slot_item[k]; };
    std::vector<std::uint32_t> next(2 * items + 1, 0);
    for (std::uint32_t k = 0; k < K; ++k) ++next[bucket(k) + 1];
    for (std::size_t i = 0; i < 2 * items; ++i) next[i + 1] += next[i];
    for (std::uint32_t k = 0; k < K; ++k) place[k] = next[bucket(k)]++;
  }
  std::vector<std::uint32_t> slot_buyer(K);
  for (std::uint32_t b = 0; b < net.buyer_count(); ++b)
    for (auto k = net.buyer_slot_begin[b]; k < net.buyer_slot_begin[b + 1]; ++k) slot_buyer[place[k]] = b;
  std::vector<ItemId> slot_item(K);
  std::vector<double> slot_coefficient(K);
  std::vector<std::uint32_t> slot_links(K);
  for (std::uint32_t k = 0; k < K; ++k) {
    slot_item[place[k]] = net.slot_item[k];
    slot_coefficient[place[k]] = net.slot_coefficient[k];
    slot_links[place[k]] = net.slot_link_begin[k + 1] - net.slot_link_begin[k];
  }
  std::vector<std::uint32_t> slot_link_begin(K + 1, 0);
  for (std::uint32_t k = 0; k < K; ++k) slot_link_begin[k + 1] = slot_link_begin[k] + slot_links[k];
  std::vector<FirmId> link_supplier(net.link_count());
  std::vector<double> link_base_share(net.link_count());
  std::vector<std::uint32_t> link_key(net.link_count());
  for (std::uint32_t k = 0; k < K; ++k)
    for (auto l = net.slot_link_begin[k], to = slot_link_begin[place[k]]; l < net.slot_link_begin[k + 1]; ++l, ++to) {
      link_supplier[to] = net.link_supplier[l];
      link_base_share[to] = net.link_base_share[l];
      link_key[to] = l;
    }
  net.buyer_slots = std::move(place);  // buyer by buyer, as built: each one's slots in recipe order
  net.slot_buyer = std::move(slot_buyer);
  net.slot_item = std::move(slot_item);
  net.slot_coefficient = std::move(slot_coefficient);
  net.slot_link_begin = std::move(slot_link_begin);
  net.link_supplier = std::move(link_supplier);
  net.link_base_share = std::move(link_base_share);
  net.link_key = std::move(link_key);
}

// As built: each buyer's slots are its own range, each link its own key.
void lay_out_by_buyer(SupplyNetwork& net) {
  net.buyer_slots.resize(net.slot_count());
  net.slot_buyer.resize(net.slot_count());
  for (std::uint32_t b = 0; b < net.buyer_count(); ++b)
    for (auto k = net.buyer_slot_begin[b]; k < net.buyer_slot_begin[b + 1]; ++k) {
      net.buyer_slots[k] = k;
      net.slot_buyer[k] = b;
    }
  net.link_key.resize(net.link_count());
  for (std::uint32_t l = 0; l < net.link_count(); ++l) net.link_key[l] = l;
}

}  // namespace

std::uint32_t SupplyNetwork::slot_of_link(std::uint32_t link) const {
  return static_cast<std::uint32_t>(std::upper_bound(slot_link_begin.begin(), slot_link_begin.end(), link) -
                                    slot_link_begin.begin()) - 1;
}

SupplyNetwork compile_network(const World& world, Layout layout) {
  SupplyNetwork net;
  net.firm_count = static_cast<std::uint32_t>(world.firms.size());
  for (const auto& f : world.firms) {
    net.buyer_state.push_back(f.state);
    net.buyer_item.push_back(f.item);
    net.buyer_end_use.push_back(f.end_use);
  }
  // One consumer per (state, item) with final demand, in state then item order.
  std::vector<std::vector<std::int64_t>> consumer_of(world.states.size(), std::vector<std::int64_t>(world.items.size(), -1));
  std::vector<double> consumer_demand;
  for (StateId s = 0; s < world.states.size(); ++s) {
    auto demand = world.states[s].final_demand;
    std::sort(demand.begin(), demand.end());
    for (const auto& [item, q] : demand) {
      consumer_of[s][item] = net.buyer_state.size();
      net.buyer_state.push_back(s);
      net.buyer_item.push_back(item);
      net.buyer_end_use.push_back(EndUse::civilian);  // households and governments' civilian demand
      consumer_demand.push_back(q);
    }
  }
  net.consumer_count = static_cast<std::uint32_t>(consumer_demand.size());

  std::vector<RawLink> raw;
  raw.reserve(world.links.size() + world.final_demand_links.size());
  for (const auto& l : world.links)
    if (l.volume > 0) raw.push_back({l.buyer, world.firms[l.supplier].item, l.supplier, l.volume});
  for (const auto& l : world.final_demand_links) {
    const ItemId item = world.firms[l.supplier].item;
    if (l.weight > 0 && consumer_of[l.consumer][item] >= 0)
      raw.push_back({static_cast<std::uint32_t>(consumer_of[l.consumer][item]), item, l.supplier, l.weight});
  }
  // Parallel links between the same pair are merged; order is fixed by ids alone, and
  // the weights of a pair's links are added smallest first: equal links are the only
  // ties, so the order is the same whatever sorts it (here both cores: 10.8M links).
  tbb::parallel_sort(raw.begin(), raw.end(), [](const RawLink& a, const RawLink& b) {
    return std::tie(a.buyer, a.item, a.supplier, a.weight) < std::tie(b.buyer, b.item, b.supplier, b.weight);
  });
  // In place: a second list would double the peak at ten million links (issue 15).
  std::size_t kept = 0;
  for (std::size_t i = 0; i < raw.size(); ++i) {
    if (kept > 0 && raw[kept - 1].buyer == raw[i].buyer && raw[kept - 1].supplier == raw[i].supplier)
      raw[kept - 1].weight += raw[i].weight;
    else
      raw[kept++] = raw[i];
  }
  raw.resize(kept);
  const std::vector<RawLink>& merged = raw;  // released before the layout

  // Slots: a firm's recipe inputs in recipe order; a consumer's single item.
  const std::uint32_t buyers = net.buyer_count();
  net.link_supplier.reserve(merged.size());  // exact sizes: growth by doubling would keep up to twice them
  net.link_base_share.reserve(merged.size());
  net.buyer_slot_begin.assign(buyers + 1, 0);
  std::size_t cursor = 0;
  for (std::uint32_t b = 0; b < buyers; ++b) {
    net.buyer_slot_begin[b] = static_cast<std::uint32_t>(net.slot_item.size());
    std::vector<std::pair<ItemId, double>> inputs;
    if (b < net.firm_count) {
      for (const auto& in : world.items[net.buyer_item[b]].recipe_for(world.firms[b].state))
        if (in.coefficient > 0) inputs.emplace_back(in.item, in.coefficient);
      std::sort(inputs.begin(), inputs.end());
    } else {
      inputs.emplace_back(net.buyer_item[b], consumer_demand[b - net.firm_count]);
    }
    for (const auto& [item, coefficient] : inputs) {
      net.slot_item.push_back(item);
      net.slot_coefficient.push_back(coefficient);
      net.slot_link_begin.push_back(static_cast<std::uint32_t>(net.link_supplier.size()));
      double total = 0;
      const std::size_t first = cursor;
      while (cursor < merged.size() && merged[cursor].buyer == b && merged[cursor].item == item)
        total += merged[cursor++].weight;
      if (total <= 0) {
        const bool firm = b < net.firm_count;
        const Origin where = firm ? world.origin_of(world.firms[b]) : world.states[net.buyer_state[b]].origin;
        throw ScenarioError(where, firm ? fmt::format("firm '{}' has no supplier of '{}' with a positive volume",
                                                      world.firms[b].id, world.items[item].id)
                                        : fmt::format("the final demand for '{}' has no maker with a positive "
                                                      "capacity to buy from",
                                                      world.items[item].id));
      }
      for (std::size_t k = first; k < cursor; ++k) {
        net.link_supplier.push_back(merged[k].supplier);
        net.link_base_share.push_back(merged[k].weight / total);
      }
    }
  }
  net.buyer_slot_begin[buyers] = static_cast<std::uint32_t>(net.slot_item.size());
  net.slot_link_begin.push_back(static_cast<std::uint32_t>(net.link_supplier.size()));
  std::vector<RawLink>().swap(raw);  // before the layout's copies: the peak stays that of the lists
  if (layout == Layout::by_size) layout = net.firm_count >= kItemLayoutFirms ? Layout::by_item : Layout::by_buyer;
  if (layout == Layout::by_item)
    lay_out_by_item(net, world.items.size());
  else
    lay_out_by_buyer(net);

  // The index per supplier: a counting sort of the links, keeping link order, so a
  // firm's incoming orders are summed in the same order on every run.
  net.supplier_link_begin.assign(net.firm_count + 1, 0);
  for (FirmId s : net.link_supplier) ++net.supplier_link_begin[s + 1];
  for (std::uint32_t f = 0; f < net.firm_count; ++f) net.supplier_link_begin[f + 1] += net.supplier_link_begin[f];
  net.supplier_links.resize(net.link_count());
  std::vector<std::uint32_t> fill(net.supplier_link_begin.begin(), net.supplier_link_begin.end() - 1);
  for (std::uint32_t l = 0; l < net.link_count(); ++l) net.supplier_links[fill[net.link_supplier[l]]++] = l;

  net.item_maker_begin.assign(world.items.size() + 1, 0);
  for (std::uint32_t f = 0; f < net.firm_count; ++f) ++net.item_maker_begin[net.buyer_item[f] + 1];
  for (std::size_t i = 0; i < world.items.size(); ++i) net.item_maker_begin[i + 1] += net.item_maker_begin[i];
  net.item_makers.resize(net.firm_count);
  std::vector<std::uint32_t> next(net.item_maker_begin.begin(), net.item_maker_begin.end() - 1);
  for (std::uint32_t f = 0; f < net.firm_count; ++f) net.item_makers[next[net.buyer_item[f]]++] = f;
  return net;
}

}  // namespace regimesim::engine
