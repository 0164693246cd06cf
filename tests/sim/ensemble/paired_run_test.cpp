// prepare: a scenario whose world's lists of links are let go once the network holds
// them runs as one that keeps them, bit for bit.
#include <catch2/catch.hpp>

#include "ensemble/paired_run.hpp"
#include "load/scenario_loader.hpp"
#include "tutorial_runs.hpp"

using namespace regimesim;

TEST_CASE("A run prepared without the world's link lists gives the same rows", "[ensemble][prepare]") {
  // Answers that read the network as the run goes: re-sourcing and fronts, reach
  // recomputed from the run's graph, designing out, licences, quotas.
  for (const char* name : {"diversion-and-enforcement.yaml", "entity-list-and-reach.yaml", "design-out.yaml",
                           "licensing.yaml", "export-quota.yaml", "starved-buyers.yaml"}) {
    INFO(name);
    const auto path = std::string(REGIMESIM_SOURCE_DIR "/scenarios/tutorial/") + name;
    const auto kept = ensemble::prepare(load::load_scenario(path));
    const auto dropped = ensemble::prepare(load::load_scenario(path), ensemble::WorldLinks::dropped);
    REQUIRE(!kept->scenario.world.links.empty());
    CHECK(dropped->scenario.world.links.empty());
    CHECK(dropped->scenario.world.links.capacity() == 0);  // the memory is let go, not only cleared
    CHECK(dropped->scenario.world.final_demand_links.empty());
    CHECK(dropped->network.link_count() == kept->network.link_count());
    const auto a = ensemble::run_paired(*kept, {.seed = std::uint64_t{7}, .flows = output::FlowItems::all});
    const auto b = ensemble::run_paired(*dropped, {.seed = std::uint64_t{7}, .flows = output::FlowItems::all});
    CHECK(testing::identical(a.rows, b.rows));
    REQUIRE(a.flows.size() == b.flows.size());
    bool flows_same = true;
    for (std::size_t k = 0; k < a.flows.size(); ++k)
      flows_same = flows_same && a.flows[k].value == b.flows[k].value && a.flows[k].baseline == b.flows[k].baseline;
    CHECK(flows_same);
  }
}
