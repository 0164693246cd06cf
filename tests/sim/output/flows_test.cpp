// flows.csv: bilateral flows conserve goods (a state's shipments of an item are what
// its firms made), the baseline column is the baseline run's, and the file is one
// tidy table.
#include <catch2/catch.hpp>

#include <map>
#include <sstream>

#include "../engine/world_fixtures.hpp"
#include "engine/simulation.hpp"
#include "ensemble/paired_run.hpp"
#include "load/scenario_loader.hpp"
#include "policy/shipment_policy.hpp"

using namespace regimesim;

TEST_CASE("Bilateral flows add up to each state's output, in the run and in the baseline", "[output][flows]") {
  const std::string controls = R"(controls:
  - {id: chip-embargo, instrument: embargo, issuers: [USA, KOR], items: [chips, equipment], destinations: [CHN], start: 4}
  - {id: gallium-ban, instrument: embargo, issuers: [CHN], items: [gallium], destinations: [USA, KOR], start: 8, end: 20}
)";
  const auto p = ensemble::prepare(load::load_scenario_text(testing::generated_world_yaml(controls), "g.yaml"));
  const auto r = ensemble::run_paired(*p, {.flows = output::FlowItems::all});
  REQUIRE(!r.flows.empty());
  // Per (step, exporter, item): the flows to every importer, home sales included.
  std::map<std::tuple<int, StateId, ItemId>, std::pair<double, double>> shipped;
  std::map<std::pair<int, StateId>, double> exports;
  bool controlled_seen = false;
  for (const auto& f : r.flows) {
    auto& x = shipped[{f.step, f.exporter, f.item}];
    x.first += f.value;
    x.second += f.baseline;
    if (f.exporter != f.importer) exports[{f.step, f.exporter}] += f.value;
    CHECK((f.value != 0 || f.baseline != 0));  // only pairs where something moves
    controlled_seen = controlled_seen || f.controlled;
    if (f.controlled && f.exporter != f.importer && f.step >= 4 && f.step < 8)
      CHECK(f.value <= f.baseline);  // controlled links carry no more than in the baseline
  }
  CHECK(controlled_seen);
  // A firm ships all it makes, so flows out of (state, item) equal its gross output.
  int checked = 0;
  for (const auto& row : r.rows) {
    if (row.metric != output::Metric::gross_output || row.state >= p->scenario.world.states.size() ||
        row.item == output::kAllItems)
      continue;
    const auto it = shipped.find({row.step, row.state, row.item});
    const double value = it == shipped.end() ? 0.0 : it->second.first;
    const double baseline = it == shipped.end() ? 0.0 : it->second.second;
    CHECK(value == Approx(row.value).margin(1e-9));
    CHECK(baseline == Approx(row.baseline).margin(1e-9));
    ++checked;
  }
  CHECK(checked > 100);
  // The embargo shows in the flows: no US or Korean chips reach China once it bites.
  const auto& w = p->scenario.world;
  const auto usa = *w.find_state("USA"), chn = *w.find_state("CHN"), chips = *w.find_item("chips");
  double us_chips_to_china = 0, baseline = 0;
  for (const auto& f : r.flows)
    if (f.step == 10 && f.exporter == usa && f.importer == chn && f.item == chips)
      us_chips_to_china += f.value, baseline += f.baseline;
  CHECK(us_chips_to_china == 0.0);
  CHECK(baseline > 0);

  // One header, seven fields a row, one row per flow.
  std::ostringstream csv;
  output::write_flows(csv, p->scenario, r.flows, output::FlowItems::all);
  std::istringstream lines(csv.str());
  std::string line;
  std::getline(lines, line);
  CHECK(line == "step,exporter,importer,item,controlled,value,baseline_value");
  std::size_t n = 0;
  while (std::getline(lines, line)) {
    CHECK(std::count(line.begin(), line.end(), ',') == 6);
    ++n;
  }
  CHECK(n == r.flows.size());
}

TEST_CASE("Flows are the same bytes whatever else runs beside them", "[output][flows][determinism]") {
  const auto p = ensemble::prepare(load::load_scenario(REGIMESIM_SOURCE_DIR "/scenarios/tutorial/embargo.yaml"));
  auto text = [&] {
    std::ostringstream out;
    output::write_flows(out, p->scenario,
                        ensemble::run_paired(*p, {.flows = output::FlowItems::all}).flows);
    return out.str();
  };
  const std::string once = text();
  CHECK(once == text());
  // The embargoed ore link from step 6: nothing shipped, 20 in the baseline.
  CHECK(once.find("\n6,AUS,KOR,ore,yes,0,20\n") != std::string::npos);
  CHECK(once.find("\n5,AUS,KOR,ore,no,20,20\n") != std::string::npos);
}

TEST_CASE("Each flow row is its links' shipments added in link order, one row per pair in key order",
          "[output][flows]") {
  // The reference: every link in link order, into a map keyed (exporter, importer,
  // item, controlled), as the rows are defined; compared bit for bit.
  const std::string controls = R"(controls:
  - {id: chip-embargo, instrument: embargo, issuers: [USA, KOR], items: [chips, equipment], destinations: [CHN], start: 2}
)";
  const auto p = ensemble::prepare(load::load_scenario_text(testing::generated_world_yaml(controls), "g.yaml"));
  const policy::ShipmentPolicy with_controls(&p->plan), none;
  engine::Simulation run(p->scenario, p->network, p->equilibrium, with_controls, 1);
  engine::Simulation baseline(p->scenario, p->network, p->equilibrium, none, 1);
  const auto& net = p->network;
  bool controlled_seen = false;
  int moves_seen = 0;
  for (int t = 0; t < 6; ++t) {
    run.step();
    baseline.step();
    std::vector<output::FlowRow> rows;
    output::append_flows(t, net, run.state(), baseline.state(), rows);
    std::map<std::tuple<StateId, StateId, ItemId, bool>, std::pair<double, double>> expected;
    for (std::uint32_t b = 0; b < net.buyer_count(); ++b)
      for (const std::uint32_t k : net.slots_of(b))
        for (auto l = net.slot_link_begin[k]; l < net.slot_link_begin[k + 1]; ++l) {
          // As the step's decision point left the link, though its buyer moved it later in
          // the step: the verdict its order had, the supplier that shipped what it carries.
          const auto* moved = run.state().before_move(l);
          moves_seen += moved != nullptr;
          const bool controlled = (moved ? moved->verdict : run.state().verdict[l]) != policy::Verdict::allowed;
          const FirmId s = moved ? moved->supplier : run.state().supplier[l], s0 = baseline.state().supplier[l];
          if (run.state().in_transit[l] != 0)
            expected[{net.buyer_state[s], net.buyer_state[b], net.buyer_item[s], controlled}].first +=
                run.state().in_transit[l];
          if (baseline.state().in_transit[l] != 0)
            expected[{net.buyer_state[s0], net.buyer_state[b], net.buyer_item[s0], controlled}].second +=
                baseline.state().in_transit[l];
        }
    REQUIRE(rows.size() == expected.size());
    std::size_t i = 0;
    for (const auto& [key, v] : expected) {
      const auto& r = rows[i++];
      CHECK(r.step == t);
      CHECK(std::tuple(r.exporter, r.importer, r.item, r.controlled) == key);
      CHECK(r.value == v.first);  // bit for bit: the same additions in the same order
      CHECK(r.baseline == v.second);
      controlled_seen = controlled_seen || r.controlled;
    }
  }
  CHECK(controlled_seen);
  CHECK(moves_seen > 0);  // buyers cut off re-source within the six steps: the moved links are filed as decided
}

TEST_CASE("A run keeps the flows of the items its file holds: the same rows as all items filtered, bit for bit",
          "[output][flows]") {
  // A control on one item of the world's several: the rows kept for `controlled` are
  // exactly the rows of that item among all, the named firms' rows whole, and the
  // file written from either is the same bytes.
  const std::string controls = R"(controls:
  - {id: gallium-ban, instrument: embargo, issuers: [CHN], items: [gallium], destinations: [USA, KOR], start: 3}
)";
  auto sc = load::load_scenario_text(testing::generated_world_yaml(controls), "g.yaml");
  {  // two firms that buy inputs, named for rows of their own
    const auto first = ensemble::prepare(sc);
    const auto& net = first->network;
    for (FirmId f = 0; f < net.firm_count && sc.reported_firms.size() < 2; ++f)
      if (net.buyer_slot_begin[f + 1] > net.buyer_slot_begin[f]) sc.reported_firms.push_back(f);
  }
  REQUIRE(sc.reported_firms.size() == 2);
  const auto p = ensemble::prepare(sc);
  const auto all = ensemble::run_paired(*p, {.flows = output::FlowItems::all}).flows;
  const auto kept = ensemble::run_paired(*p, {.flows = output::FlowItems::controlled}).flows;
  const auto items = output::flow_items_kept(p->scenario, output::FlowItems::controlled);
  std::vector<output::FlowRow> expected;
  for (const auto& r : all)
    if (items[r.item] || output::is_firm_group(r.importer)) expected.push_back(r);
  REQUIRE(expected.size() < all.size() / 2);  // the filter leaves most of the world's rows out
  REQUIRE(expected.size() > 100);
  REQUIRE(kept.size() == expected.size());
  bool firm_rows = false;
  for (std::size_t i = 0; i < kept.size(); ++i) {
    CHECK(std::tuple(kept[i].step, kept[i].exporter, kept[i].importer, kept[i].item, kept[i].controlled) ==
          std::tuple(expected[i].step, expected[i].exporter, expected[i].importer, expected[i].item,
                     expected[i].controlled));
    CHECK(kept[i].value == expected[i].value);  // bit for bit
    CHECK(kept[i].baseline == expected[i].baseline);
    firm_rows = firm_rows || output::is_firm_group(kept[i].importer);
  }
  CHECK(firm_rows);
  std::ostringstream from_all, from_kept;
  output::write_flows(from_all, p->scenario, all);
  output::write_flows(from_kept, p->scenario, kept);
  CHECK(from_all.str() == from_kept.str());
  CHECK(ensemble::run_paired(*p, {.flows = output::FlowItems::none}).flows.empty());
}

TEST_CASE("A link's supplier makes its input's item or one of its substitutes, in runs that move links",
          "[output][flows]") {
  // What lets the flows leave an input's links unread (output::FlowItemFilter::asked):
  // re-sourcing, tier substitution, design-out, qualification, the return to a
  // recovered supplier and bringing home all move links here.
  int moved = 0;
  for (const char* file : {"starved-buyers.yaml", "qualification.yaml", "design-out.yaml", "capacity-expansion.yaml",
                           "embargo.yaml", "add-your-own-item.yaml", "diversion-and-enforcement.yaml"}) {
    INFO(file);
    const auto p =
        ensemble::prepare(load::load_scenario(std::string(REGIMESIM_SOURCE_DIR "/scenarios/tutorial/") + file));
    const auto& net = p->network;
    const auto& items = p->scenario.world.items;
    const policy::ShipmentPolicy controls(&p->plan);
    engine::Simulation run(p->scenario, net, p->equilibrium, controls, 1);
    for (int t = 0; t < p->scenario.steps; ++t) {
      run.step();
      for (std::uint32_t k = 0; k < net.slot_count(); ++k)
        for (auto l = net.slot_link_begin[k]; l < net.slot_link_begin[k + 1]; ++l) {
          const ItemId made = net.buyer_item[run.state().supplier[l]], asked = net.slot_item[k];
          bool fits = made == asked;
          for (const TierSubstitute& sub : items[asked].substitutes) fits = fits || made == sub.item;
          if (!fits) FAIL("link " << l << " of input " << k << " supplied with item " << made << " at step " << t);
          moved += run.state().supplier[l] != net.link_supplier[l] ? 1 : 0;
        }
    }
  }
  CHECK(moved > 0);
}

TEST_CASE("Flows of a substitute are kept where only the substitute is, from the inputs that fall back on it",
          "[output][flows]") {
  // The tools embargo sends the fab to old tools (a lower tier): with only old_tools
  // kept, the fab's tools input is still read, and its old-tools rows are those of all
  // items, bit for bit; with only chips kept, no old-tools row.
  const std::string yaml = R"(name: tiers
steps: 20
world:
  states:
    - {code: USA}
    - {code: JPN}
    - {code: CHN, final_demand: {chips: 50}}
  items:
    - {id: old_tools, tier: 2}
    - {id: tools, tier: 4, substitutes: [{item: old_tools, penalty: 0.5}]}
    - {id: chips, tier: 3, recipe: {tools: 0.1}}
  firms:
    - {id: us_tools, state: USA, item: tools, capacity: 10}
    - {id: jp_old, state: JPN, item: old_tools, capacity: 30}
    - {id: cn_fab, state: CHN, item: chips, capacity: 100}
  links:
    - {supplier: us_tools, buyer: cn_fab, volume: 1}
controls:
  - {id: e, instrument: embargo, issuers: [USA], items: [tools], destinations: [CHN], start: 2}
responses: {resourcing: {search_delay: 3, switching_cost: 0}, build_at_home: {threshold: 0}}
)";
  const auto p = ensemble::prepare(load::load_scenario_text(yaml, "tiers.yaml"));
  const auto& w = p->scenario.world;
  const ItemId old_tools = *w.find_item("old_tools"), chips = *w.find_item("chips");
  const policy::ShipmentPolicy controls(&p->plan), none;
  engine::Simulation run(p->scenario, p->network, p->equilibrium, controls, 1);
  engine::Simulation baseline(p->scenario, p->network, p->equilibrium, none, 1);
  std::vector<bool> only_old(w.items.size(), false), only_chips(w.items.size(), false);
  only_old[old_tools] = true;
  only_chips[chips] = true;
  const auto old_filter = output::flow_item_filter(w, only_old), chips_filter = output::flow_item_filter(w, only_chips);
  CHECK(old_filter.asked[*w.find_item("tools")]);  // an input of tools may be supplied with old tools
  CHECK_FALSE(chips_filter.asked[*w.find_item("tools")]);
  std::size_t old_rows = 0;
  for (int t = 0; t < p->scenario.steps; ++t) {
    run.step();
    baseline.step();
    std::vector<output::FlowRow> all, old_only, chips_only;
    output::append_flows(t, p->network, run.state(), baseline.state(), all);
    output::append_flows(t, p->network, run.state(), baseline.state(), old_only, {}, &old_filter);
    output::append_flows(t, p->network, run.state(), baseline.state(), chips_only, {}, &chips_filter);
    std::vector<output::FlowRow> expected;
    for (const auto& r : all)
      if (r.item == old_tools) expected.push_back(r);
    REQUIRE(old_only.size() == expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i) {
      CHECK(std::tuple(old_only[i].exporter, old_only[i].importer, old_only[i].controlled) ==
            std::tuple(expected[i].exporter, expected[i].importer, expected[i].controlled));
      CHECK(old_only[i].value == expected[i].value);
      CHECK(old_only[i].baseline == expected[i].baseline);
    }
    old_rows += expected.size();
    for (const auto& r : chips_only) CHECK(r.item == chips);
  }
  CHECK(old_rows > 0);  // the fab fell back on old tools
}

TEST_CASE("The flows' slots are the asked inputs, importer by importer, each buyer's in its own order, once each",
          "[output][flows]") {
  // The list a run makes once and reads every step (output::FlowSlots): worked out here
  // from the network directly, on the default world with the chip-equipment items kept.
  const auto p = ensemble::prepare(
      load::load_scenario(std::string(REGIMESIM_SOURCE_DIR "/scenarios/unilateral-chip-equipment.yaml")));
  const auto& net = p->network;
  const auto kept =
      output::flow_item_filter(p->scenario.world, output::flow_items_kept(p->scenario, output::FlowItems::controlled));
  const output::FlowSlots slots = output::flow_slots(net, &kept);
  std::uint32_t states = 0;
  for (std::uint32_t b = 0; b < net.buyer_count(); ++b) states = std::max(states, net.buyer_state[b] + 1);
  REQUIRE(slots.importer_begin.size() == states + 1);
  std::vector<std::uint32_t> expected;
  std::size_t left_out = 0;
  for (std::uint32_t to = 0; to < states; ++to) {
    for (std::uint32_t b = 0; b < net.buyer_count(); ++b) {
      if (net.buyer_state[b] != to) continue;
      for (const std::uint32_t k : net.slots_of(b)) {
        if (kept.asked[net.slot_item[k]])
          expected.push_back(k);
        else
          ++left_out;
      }
    }
    CHECK(slots.importer_begin[to + 1] == expected.size());
  }
  CHECK(slots.slots == expected);
  CHECK(left_out > 0);       // the filter leaves inputs unread
  CHECK(!expected.empty());  // and keeps some
  for (std::uint32_t i = 0; i < slots.items; ++i) CHECK((slots.keep[i] != 0) == (i < kept.made.size() && kept.made[i]));
}

TEST_CASE("A baseline link its own answers moved after it shipped is filed under the supplier that shipped",
          "[output][flows]") {
  // A generated world's baseline at step 3, then one of its links handed to another
  // maker of its item, abroad, after the shipments, as a starved buyer's search hands it
  // (behaviour/link_takeover.hpp): what it carries was shipped by the old supplier, and
  // the baseline column files it there, as the run's column does its own moved links.
  const auto p = ensemble::prepare(load::load_scenario_text(testing::generated_world_yaml(""), "g.yaml"));
  const auto& net = p->network;
  const policy::ShipmentPolicy none;
  engine::Simulation baseline(p->scenario, p->network, p->equilibrium, none, 1);
  for (int t = 0; t < 4; ++t) baseline.step();
  std::uint32_t l = 0;
  FirmId other = 0;
  bool found = false;
  for (; l < net.link_count() && !found; ++l) {  // a link whose item another state also makes
    const FirmId f = baseline.state().supplier[l];
    if (!(baseline.state().in_transit[l] > 0)) continue;
    for (FirmId g = 0; g < net.firm_count && !found; ++g)
      if (g != f && net.buyer_item[g] == net.buyer_item[f] && net.buyer_state[g] != net.buyer_state[f])
        other = g, found = true;
    if (found) break;
  }
  REQUIRE(found);
  const FirmId shipped_by = baseline.state().supplier[l];
  engine::RunState moved = baseline.state();
  moved.note_move(l);
  moved.supplier[l] = other;
  moved.settle_moves();
  auto baseline_of = [&](const engine::RunState& b, StateId exporter) {
    std::vector<output::FlowRow> rows;
    output::append_flows(3, net, baseline.state(), b, rows);
    double sum = 0;
    const StateId importer = net.buyer_state[net.slot_buyer[net.slot_of_link(l)]];
    for (const auto& r : rows)
      if (r.exporter == exporter && r.importer == importer && r.item == net.buyer_item[shipped_by]) sum += r.baseline;
    return sum;
  };
  const StateId from = net.buyer_state[shipped_by], to = net.buyer_state[other];
  CHECK(baseline_of(moved, from) == baseline_of(baseline.state(), from));
  CHECK(baseline_of(moved, to) == baseline_of(baseline.state(), to));
  // Without the record of the move, the flow would be filed under the new supplier's state.
  engine::RunState forgotten = moved;
  forgotten.moved.clear();
  CHECK(baseline_of(forgotten, to) == Approx(baseline_of(baseline.state(), to) + baseline.state().in_transit[l]));
}
