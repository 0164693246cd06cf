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
  const auto r = ensemble::run_paired(*p, nullptr, std::nullopt, nullptr, output::FlowItems::all);
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
                        ensemble::run_paired(*p, nullptr, std::nullopt, nullptr, output::FlowItems::all).flows);
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
  for (int t = 0; t < 6; ++t) {
    run.step();
    baseline.step();
    std::vector<output::FlowRow> rows;
    output::append_flows(t, net, run.state(), baseline.state(), rows);
    std::map<std::tuple<StateId, StateId, ItemId, bool>, std::pair<double, double>> expected;
    for (std::uint32_t b = 0; b < net.buyer_count(); ++b)
      for (auto k = net.buyer_slot_begin[b]; k < net.buyer_slot_begin[b + 1]; ++k)
        for (auto l = net.slot_link_begin[k]; l < net.slot_link_begin[k + 1]; ++l) {
          const bool controlled = run.state().verdict[l] != policy::Verdict::allowed;
          const FirmId s = run.state().supplier[l], s0 = baseline.state().supplier[l];
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
  const auto all = ensemble::run_paired(*p, nullptr, std::nullopt, nullptr, output::FlowItems::all).flows;
  const auto kept = ensemble::run_paired(*p, nullptr, std::nullopt, nullptr, output::FlowItems::controlled).flows;
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
  CHECK(ensemble::run_paired(*p, nullptr, std::nullopt, nullptr, output::FlowItems::none).flows.empty());
}
