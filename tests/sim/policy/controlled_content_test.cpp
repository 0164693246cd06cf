// The controlled content a recomputed de minimis keeps up to date (policy/controlled_content):
// after random changes to a small random supply graph (shares drift, suppliers move,
// states join and leave the issuers) its decisions are those of the full fixed point
// solved afresh, and an unchanged graph costs it nothing.
#include <catch2/catch.hpp>

#include <algorithm>
#include <random>

#include "policy/controlled_content.hpp"
#include "policy/jurisdiction.hpp"

using namespace regimesim;

namespace {

constexpr std::uint32_t kStates = 4, kItems = 6;

// Firms in random order of what they make, each buying 1 to 3 inputs from 1 to 3 random
// makers (any firm but itself: cycles included), a recipe total below 0.9 so the content
// fixed point exists; two consumers at the end buy from the first firms.
engine::SupplyNetwork random_network(std::mt19937& rng, std::uint32_t firms) {
  engine::SupplyNetwork net;
  net.firm_count = firms;
  net.consumer_count = 2;
  std::uniform_int_distribution<std::uint32_t> state(0, kStates - 1), item(0, kItems - 1), few(1, 3), firm(0, firms - 1);
  std::uniform_real_distribution<double> coefficient(0.05, 0.3), weight(0.1, 1.0);
  net.buyer_slot_begin.push_back(0);
  net.slot_link_begin.push_back(0);
  for (std::uint32_t b = 0; b < net.buyer_count(); ++b) {
    net.buyer_state.push_back(static_cast<StateId>(state(rng)));
    net.buyer_item.push_back(static_cast<ItemId>(item(rng)));
    const std::uint32_t slots = b < firms ? few(rng) : 1;
    for (std::uint32_t k = 0; k < slots; ++k) {
      net.slot_item.push_back(static_cast<ItemId>(item(rng)));
      net.slot_coefficient.push_back(coefficient(rng));
      const std::uint32_t links = few(rng);
      std::vector<double> w;
      for (std::uint32_t j = 0; j < links; ++j) {
        FirmId s = firm(rng);
        if (s == b) s = (s + 1) % firms;
        net.link_supplier.push_back(s);
        w.push_back(weight(rng));
      }
      double total = 0;
      for (double x : w) total += x;
      for (double x : w) net.link_base_share.push_back(x / total);
      net.slot_link_begin.push_back(static_cast<std::uint32_t>(net.link_supplier.size()));
    }
    net.buyer_slot_begin.push_back(static_cast<std::uint32_t>(net.slot_item.size()));
  }
  // Laid out buyer by buyer: each buyer's slots are its own range, each link its own key.
  for (std::uint32_t b = 0; b < net.buyer_count(); ++b)
    for (auto k = net.buyer_slot_begin[b]; k < net.buyer_slot_begin[b + 1]; ++k) {
      net.buyer_slots.push_back(k);
      net.slot_buyer.push_back(b);
    }
  for (std::uint32_t l = 0; l < net.link_count(); ++l) net.link_key.push_back(l);
  net.supplier_link_begin.assign(firms + 1, 0);
  for (FirmId s : net.link_supplier) ++net.supplier_link_begin[s + 1];
  for (std::uint32_t f = 0; f < firms; ++f) net.supplier_link_begin[f + 1] += net.supplier_link_begin[f];
  net.supplier_links.resize(net.link_count());
  std::vector<std::uint32_t> at(net.supplier_link_begin.begin(), net.supplier_link_begin.end() - 1);
  for (std::uint32_t l = 0; l < net.link_count(); ++l) net.supplier_links[at[net.link_supplier[l]]++] = l;
  return net;
}

// The decisions of the fixed point itself, solved from 0 (jurisdiction.hpp).
std::vector<bool> fixed_point_above(const std::vector<bool>& controlled, double threshold,
                                    const engine::SupplyNetwork& net, const policy::ReachGraph& g) {
  const auto u = policy::controlled_content_share(controlled, net, g);
  std::vector<bool> above(net.firm_count, false);
  for (FirmId f = 0; f < net.firm_count; ++f) above[f] = !g.member[net.buyer_state[f]] && u[f] > threshold;
  return above;
}

}  // namespace

TEST_CASE("incremental controlled content decides as the fixed point after random changes to the graph") {
  for (std::uint32_t seed = 1; seed <= 20; ++seed) {
    std::mt19937 rng(seed);
    const auto net = random_network(rng, 80);
    std::vector<bool> controlled(kItems, false);
    controlled[seed % kItems] = controlled[(seed + 2) % kItems] = true;
    std::vector<bool> member(kStates, false);
    member[seed % kStates] = true;
    std::vector<FirmId> supplier = net.link_supplier;
    std::vector<double> share = net.link_base_share;
    // A threshold near the middle of the content the firms carry, so that some firms are
    // caught and some are not, and changes move firms across it.
    const auto u0 = policy::controlled_content_share(controlled, net, policy::ReachGraph{supplier, share, member});
    std::vector<double> sorted(u0.begin(), u0.end());
    std::sort(sorted.begin(), sorted.end());
    const double threshold = sorted[sorted.size() / 2] * 0.97 + 1e-6;
    policy::ControlledContent content;
    // A second tracker told what changed by the stamps a run keeps (engine/slot_changes.hpp):
    // each change below stamps its slot with the round it happens after.
    policy::ControlledContent stamped;
    engine::SlotChanges changes;
    changes.reset(net.slot_count(), 0);
    std::uniform_int_distribution<std::uint32_t> slot_of(0, net.slot_count() - 1), firm(0, net.firm_count - 1),
        kind(0, 3);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    for (int round = 0; round < 30; ++round) {
      const policy::ReachGraph g{supplier, share, member};
      INFO("seed " << seed << ", round " << round);
      const auto expected = fixed_point_above(controlled, threshold, net, g);
      REQUIRE(content.above(controlled, threshold, net, g) == expected);
      stamped.follow(&changes, round);
      REQUIRE(stamped.above(controlled, threshold, net, g) == expected);
      for (int change = 0; change < 3; ++change) {
        const std::uint32_t k = slot_of(rng);
        const auto first = net.slot_link_begin[k], last = net.slot_link_begin[k + 1];
        switch (kind(rng)) {
          case 0: {  // the buyer's shares drift, still summing to 1
            double total = 0;
            for (auto l = first; l < last; ++l) total += share[l] *= 0.5 + unit(rng);
            for (auto l = first; l < last; ++l) share[l] /= total;
            changes.note_shares(k, round);
            break;
          }
          case 1: {  // one link moves to another maker (a firm other than its buyer)
            const auto l = first + static_cast<std::uint32_t>(unit(rng) * (last - first)) % (last - first);
            const FirmId to = firm(rng);
            const bool buyer_is = net.slot_buyer[k] == to;
            if (!buyer_is) supplier[l] = to;
            changes.note_move(k, round);
            break;
          }
          case 2:  // back to the baseline supplier (a moved link returning)
            for (auto l = first; l < last; ++l) supplier[l] = net.link_supplier[l];
            changes.note_move(k, round);
            break;
          default:  // a state joins or leaves the issuers
            if (change == 0 && round % 5 == 4) member[firm(rng) % kStates].flip();
        }
      }
    }
  }
}

TEST_CASE("incremental controlled content evaluates nothing when the graph has not changed") {
  // A network with a firm no other firm buys from (the first seed that has one).
  engine::SupplyNetwork net;
  std::vector<std::uint32_t> buyers_of;
  for (std::uint32_t seed = 1;; ++seed) {
    std::mt19937 rng(seed);
    net = random_network(rng, 60);
    buyers_of.assign(net.firm_count, 0);
    for (std::uint32_t b = 0; b < net.firm_count; ++b)
      for (const std::uint32_t k : net.slots_of(b))
        for (auto l = net.slot_link_begin[k]; l < net.slot_link_begin[k + 1]; ++l)
          ++buyers_of[net.link_supplier[l]];
    if (std::find(buyers_of.begin(), buyers_of.end(), 0u) != buyers_of.end()) break;
  }
  std::vector<bool> controlled(kItems, false);
  controlled[1] = true;
  const std::vector<bool> member{true, false, false, false};
  const policy::ReachGraph g{net.link_supplier, net.link_base_share, member};
  policy::ControlledContent content;
  const auto first = content.above(controlled, 0.05, net, g);
  CHECK(content.evaluations() >= net.firm_count);  // the first call evaluates every firm
  const auto before = content.evaluations();
  CHECK(content.above(controlled, 0.05, net, g) == first);
  CHECK(content.evaluations() == before);
  // A firm no one buys from: a change to its own inputs evaluates it and nobody else.
  const auto leaf = std::find(buyers_of.begin(), buyers_of.end(), 0u);
  const auto f = static_cast<FirmId>(leaf - buyers_of.begin());
  std::vector<double> share = net.link_base_share;
  const auto k = net.slots_of(f)[0];
  const auto l0 = net.slot_link_begin[k], l1 = net.slot_link_begin[k + 1];
  if (l1 - l0 >= 2) {
    std::swap(share[l0], share[l0 + 1]);
  } else {
    share[l0] *= 0.5;  // a buyer left half its order unplaced: content falls
  }
  const policy::ReachGraph changed{net.link_supplier, share, member};
  CHECK(content.above(controlled, 0.05, net, changed) == fixed_point_above(controlled, 0.05, net, changed));
  CHECK(content.evaluations() - before == 1);
}
