#include "engine/supply_network.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <utility>

#include "model/scenario_error.hpp"

namespace regimesim::engine {
namespace {

struct RawLink {
  std::uint32_t buyer;
  ItemId item;
  FirmId supplier;
  double weight;
};

}  // namespace

SupplyNetwork compile_network(const World& world) {
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
  // Parallel links between the same pair are merged; order is fixed by ids alone.
  std::sort(raw.begin(), raw.end(), [](const RawLink& a, const RawLink& b) {
    return std::tie(a.buyer, a.item, a.supplier) < std::tie(b.buyer, b.item, b.supplier);
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
  const std::vector<RawLink>& merged = raw;

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
