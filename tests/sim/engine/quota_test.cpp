// Export quotas, worked out by hand on the two-refiner tutorial world
// (scenarios/tutorial/export-quota.yaml), and checked by metamorphic relations on
// the generated world: a quota at 100% changes nothing, a quota of 0 is a
// prohibition, and the result does not depend on the thread count.
//
// The tutorial world: refiners a (capacity 75) and b (capacity 50) in China ship
// gallium to one fab in Japan, 60 and 40 a step; the fab makes 200 chips a step from
// 0.5 gallium each, for Japan's final demand of 200. Links: 0 = a -> fab, 1 = b -> fab.
#include <catch2/catch.hpp>

#include <map>
#include <tuple>

#include "../engine/world_fixtures.hpp"
#include "engine/simulation.hpp"
#include "ensemble/paired_run.hpp"
#include "ensemble/replicates.hpp"
#include "load/scenario_loader.hpp"

using namespace regimesim;

namespace {
constexpr const char* kTutorial = REGIMESIM_SOURCE_DIR "/scenarios/tutorial/export-quota.yaml";

std::shared_ptr<const ensemble::PreparedScenario> tutorial(const std::vector<std::string>& sets = {}) {
  return ensemble::prepare(load::load_scenario(kTutorial, sets));
}

std::shared_ptr<const ensemble::PreparedScenario> generated(const std::string& controls) {
  return ensemble::prepare(load::load_scenario_text(testing::generated_world_yaml(controls), "g.yaml"));
}

using Key = std::tuple<int, std::uint32_t, std::uint32_t, output::Metric>;
std::map<Key, output::MetricRow> by_key(const std::vector<output::MetricRow>& rows) {
  std::map<Key, output::MetricRow> out;
  for (const auto& r : rows) out[{r.step, r.state, r.item, r.metric}] = r;
  return out;
}

double value(const std::map<Key, output::MetricRow>& rows, int step, std::uint32_t state, std::uint32_t item,
             output::Metric m) {
  const auto it = rows.find({step, state, item, m});
  REQUIRE(it != rows.end());
  return it->second.value;
}
}  // namespace

TEST_CASE("A 40% cut pro rata: refiners that exported 60 and 40 ship 36 and 24, the fab falls to 120",
          "[engine][quota]") {
  const auto p = tutorial();
  REQUIRE(p->network.link_supplier[0] == *p->scenario.world.find_firm("chn_refiner_a"));
  REQUIRE(p->network.link_supplier[1] == *p->scenario.world.find_firm("chn_refiner_b"));
  const FirmId fab = *p->scenario.world.find_firm("jpn_fab");
  const policy::ShipmentPolicy controls(&p->plan);
  engine::Simulation sim(p->scenario, p->network, p->equilibrium, controls);
  // By hand. The ceiling is 0.6 x 100 = 60 a step, allotted pro rata to the baseline
  // flows: a 60/100 x 60 = 36, b 40/100 x 60 = 24, whatever the fab orders (its orders
  // grow as its inventory empties, and are cut by the same factor on both links).
  // The fab holds 2 steps of gallium (200 after step 6's arrival) and uses 100 a step:
  // 100 left after step 6, then +60 -100 = 60 after step 7, 20 after step 8; at step 9
  // it has 20 + 60 = 80, enough for 160 chips; from step 10 it makes 60 / 0.5 = 120.
  // Its chip price rises by 0.5 x the unfilled share of its orders (40/200 at step 9,
  // 80/200 after) less 0.1 of its gap to 1: 1.1 after step 9, 1.1 + 0.2 - 0.01 = 1.29
  // after step 10. The refiners fill every order the quota lets through, so their
  // price stays at 1.
  for (int t = 0; t < 24; ++t) {
    sim.step();
    const auto& s = sim.state();
    INFO("step " << t);
    if (t < 6) {
      CHECK(s.accepted_of(0) == Approx(60.0));
      CHECK(s.accepted_of(1) == Approx(40.0));
    } else {
      CHECK(s.accepted_of(0) == Approx(36.0));
      CHECK(s.accepted_of(1) == Approx(24.0));
      CHECK(s.quota_refused[0] == Approx(s.order[0] - 36.0));
      CHECK(s.quota_refused[1] == Approx(s.order[1] - 24.0));
      CHECK(s.outcome[1] == engine::Outcome::shipped);  // cut in part is not a denial: nobody searches
    }
    const double chips = t <= 8 ? 200.0 : t == 9 ? 160.0 : 120.0;
    CHECK(s.output[fab] == Approx(chips));
    if (t == 9) CHECK(s.price[fab] == Approx(1.1));
    if (t == 10) CHECK(s.price[fab] == Approx(1.29));
    CHECK(s.price[0] == 1.0);
    CHECK(s.price[1] == 1.0);
  }
}

TEST_CASE("The 40% cut in the metrics: 40 a step blocked, 40% of revenue lost, the buyer's shortfall a step later",
          "[engine][quota][metrics]") {
  const auto p = tutorial();
  const auto rows = by_key(ensemble::run_paired(*p).rows);
  const auto& w = p->scenario.world;
  const std::uint32_t chn = *w.find_state("CHN"), jpn = *w.find_state("JPN");
  const std::uint32_t gallium = *w.find_item("gallium"), chips = *w.find_item("chips");
  using output::Metric;
  for (int t = 0; t < 24; ++t) {
    INFO("step " << t);
    // Refused and so blocked: the links' shortfall from their baseline flows, 60 - 36
    // plus 40 - 24 = 40 a step, not the growing orders the fab re-places.
    const double blocked = t < 6 ? 0.0 : 40.0;
    CHECK(value(rows, t, jpn, gallium, Metric::blocked_trade) == Approx(blocked));
    CHECK(value(rows, t, chn, gallium, Metric::blocked_exports) == Approx(blocked));
    // China ships 60 of its 100: the controller loses 40% of its export volume.
    CHECK(value(rows, t, chn, output::kAllItems, Metric::controller_revenue_loss) == Approx(t < 6 ? 0.0 : 0.4));
    // Japan's consumers receive what the fab shipped the step before: 160 at step 10, 120 after.
    const double shortfall = t <= 9 ? 0.0 : t == 10 ? 0.2 : 0.4;
    CHECK(value(rows, t, jpn, chips, Metric::final_demand_shortfall) == Approx(shortfall).margin(1e-12));
    // The fab receives 60 of its 100 from step 7 (step 6's shipments arrive then).
    CHECK(value(rows, t, jpn, gallium, Metric::denial_effectiveness) == Approx(t < 7 ? 0.0 : 0.4).margin(1e-12));
  }
  // 18 steps of 40 blocked: 720 over the run.
  double total = 0;
  for (int t = 0; t < 24; ++t) total += value(rows, t, output::kWorld, output::kAllItems, Metric::blocked_trade);
  CHECK(total == Approx(720.0));
}

TEST_CASE("First come: the first refiner's orders fill the 60, the second's are refused in full and count as denied",
          "[engine][quota]") {
  const auto p = tutorial({"controls.gallium-quota.quota.allocation=first_come"});
  const policy::ShipmentPolicy controls(&p->plan);
  engine::Simulation sim(p->scenario, p->network, p->equilibrium, controls);
  // By hand: link 0 (refiner a, asked 60 at step 6) reaches the decision point first and
  // takes 60 of the 60; link 1 (b, asked 40) finds nothing left. b's order is denied
  // outright, so the fab moves its shares towards a, whose growing orders are still
  // cut to 60; the fab searches after 3 denied steps, finds no gallium outside China,
  // and keeps asking.
  for (int t = 0; t < 24; ++t) {
    sim.step();
    const auto& s = sim.state();
    INFO("step " << t);
    if (t < 6) continue;
    CHECK(s.accepted_of(0) == Approx(60.0));
    CHECK(s.accepted_of(1) == 0.0);
    CHECK(s.outcome[1] == engine::Outcome::denied);
    CHECK(s.outcome[0] == engine::Outcome::shipped);
    if (t > 6) CHECK(s.order[0] > 60.0);
  }
  // Blocked: b's whole baseline flow (40), a's nothing (it ships its baseline 60).
  const auto rows = by_key(ensemble::run_paired(*p).rows);
  const std::uint32_t jpn = *p->scenario.world.find_state("JPN"), gallium = *p->scenario.world.find_item("gallium");
  for (int t = 6; t < 24; ++t) CHECK(value(rows, t, jpn, gallium, output::Metric::blocked_trade) == Approx(40.0));
}

TEST_CASE("A timeline of ceilings and a ceiling given as a volume", "[engine][quota]") {
  SECTION("60% from step 6, 30% from step 12: 36 and 24, then 18 and 12") {
    const auto p = tutorial({"controls.gallium-quota.quota.changes=[{at: 12, share: 0.3}]"});
    const policy::ShipmentPolicy controls(&p->plan);
    engine::Simulation sim(p->scenario, p->network, p->equilibrium, controls);
    for (int t = 0; t < 24; ++t) {
      sim.step();
      INFO("step " << t);
      if (t >= 6 && t < 12) CHECK(sim.state().accepted_of(0) + sim.state().accepted_of(1) == Approx(60.0));
      if (t >= 12) {
        CHECK(sim.state().accepted_of(0) == Approx(18.0));
        CHECK(sim.state().accepted_of(1) == Approx(12.0));
      }
    }
  }
  SECTION("50 a step, pro rata: 30 and 20") {
    const auto p = tutorial({"controls.gallium-quota.quota.ceiling={volume: 50}"});
    const policy::ShipmentPolicy controls(&p->plan);
    engine::Simulation sim(p->scenario, p->network, p->equilibrium, controls);
    for (int t = 0; t < 10; ++t) sim.step();
    CHECK(sim.state().accepted_of(0) == Approx(30.0));
    CHECK(sim.state().accepted_of(1) == Approx(20.0));
  }
}

TEST_CASE("Licences granted only within the quota: a licensed quota, and a licence requirement beside a quota",
          "[engine][quota][licence]") {
  // By hand: the licence is applied for at step 6 and decided at step 8 (approval 1),
  // so both links are held at steps 6 and 7 (100 a step delayed, all blocked); from
  // step 8 the granted licences ship only within the quota, 36 and 24.
  const auto licensed = tutorial({"controls.gallium-quota.licence={approval_probability: 1, delay_steps: 2}"});
  const policy::ShipmentPolicy controls(&licensed->plan);
  engine::Simulation sim(licensed->scenario, licensed->network, licensed->equilibrium, controls);
  for (int t = 0; t < 12; ++t) {
    sim.step();
    INFO("step " << t);
    const auto& s = sim.state();
    if (t == 6 || t == 7) {
      CHECK(s.accepted_of(0) == 0.0);
      CHECK(s.accepted_of(1) == 0.0);
      CHECK(s.outcome[0] == engine::Outcome::delayed);
    }
    if (t >= 8) {
      CHECK(s.accepted_of(0) == Approx(36.0));
      CHECK(s.accepted_of(1) == Approx(24.0));
    }
  }
  // The same terms written as two controls give the same world and state rows.
  const auto pair = tutorial(
      {"controls=[{id: gallium-licence, instrument: licence_requirement, issuer: CHN, items: [gallium], "
       "destinations: [JPN], start: 6, licence: {approval_probability: 1, delay_steps: 2}}, "
       "{id: gallium-quota, instrument: quota, issuer: CHN, items: [gallium], destinations: [JPN], start: 6, "
       "quota: {ceiling: {share: 0.6}}}]"});
  const auto one = ensemble::run_paired(*licensed).rows;
  const auto two = by_key(ensemble::run_paired(*pair).rows);
  std::size_t compared = 0;
  for (const auto& r : one) {
    if (output::is_control_group(r.state)) continue;
    const auto it = two.find({r.step, r.state, r.item, r.metric});
    REQUIRE(it != two.end());
    CHECK(it->second.value == r.value);
    ++compared;
  }
  CHECK(compared > 0);
  const auto rows = by_key(one);
  const std::uint32_t chn = *licensed->scenario.world.find_state("CHN");
  CHECK(value(rows, 6, chn, output::kAllItems, output::Metric::delayed_trade) == Approx(100.0));
  CHECK(value(rows, 8, output::kWorld, output::kAllItems, output::Metric::blocked_trade) == Approx(40.0));
}

TEST_CASE("A quota at 100% of the baseline flow changes nothing", "[engine][quota][metamorphic]") {
  // Chinese gallium to every other state, pro rata and first come: at equilibrium every
  // order equals its baseline flow, which the ceiling (the sum of those flows) admits.
  for (const char* rule : {"pro_rata", "first_come"}) {
    INFO(rule);
    const auto p = generated(std::string(R"(controls:
  - {id: q, instrument: quota, issuer: CHN, items: [gallium], destinations: [USA, JPN, NLD, KOR], start: 2,
     quota: {ceiling: {share: 1}, allocation: )") + rule + "}}\n");
    const auto r = ensemble::run_paired(*p);
    for (std::size_t s = 0; s < r.cumulative_output.size(); ++s)
      CHECK(r.cumulative_output[s] == Approx(r.cumulative_baseline_output[s]).epsilon(1e-12));
    for (const auto& row : r.rows)
      if (row.metric == output::Metric::blocked_trade || row.metric == output::Metric::blocked_exports)
        CHECK(row.value == Approx(0.0).margin(1e-9));
  }
}

TEST_CASE("A quota of 0 is a prohibition on the same flows, re-sourcing included", "[engine][quota][metamorphic]") {
  // Refused in full, every covered order is a denial: the buyers search after 3 denied
  // steps in a row and re-source to Japan's gallium makers exactly as under the prohibition.
  const std::string items = "issuer: CHN, items: [gallium], destinations: [USA, JPN, NLD, KOR], start: 2";
  const auto quota = generated("controls:\n  - {id: c, instrument: quota, " + items + ", quota: {ceiling: {volume: 0}}}\n");
  const auto ban = generated("controls:\n  - {id: c, instrument: prohibition, " + items + "}\n");
  const auto a = ensemble::run_paired(*quota).rows;
  const auto b = ensemble::run_paired(*ban).rows;
  REQUIRE(a.size() == b.size());
  double switching = 0;
  for (std::size_t k = 0; k < a.size(); ++k) {
    INFO("row " << k << " step " << a[k].step << " " << output::to_string(a[k].metric));
    REQUIRE(a[k].metric == b[k].metric);
    CHECK(a[k].value == b[k].value);  // exactly: the same arithmetic, only the verdict's name differs
    CHECK(a[k].baseline == b[k].baseline);
    if (a[k].metric == output::Metric::switching_cost && a[k].state == output::kWorld) switching += a[k].value;
  }
  CHECK(switching > 0);  // the buyers did re-source: the relation covers the answers too
}

TEST_CASE("Under a partial quota buyers turn to suppliers outside it, whose price rises", "[engine][quota][responses]") {
  // Gallium is 90% Chinese, 10% Japanese, with 20% headroom. Halving China's exports to
  // the other states leaves its buyers short; the share rule moves their orders towards
  // the Japanese makers, which run into their capacity and raise their price.
  const auto p = generated(R"(controls:
  - {id: q, instrument: quota, issuer: CHN, items: [gallium], destinations: [USA, JPN, NLD, KOR], start: 2,
     quota: {ceiling: {share: 0.5}}}
)");
  const policy::ShipmentPolicy controls(&p->plan);
  engine::Simulation sim(p->scenario, p->network, p->equilibrium, controls);
  for (int t = 0; t < 12; ++t) sim.step();
  const auto& s = sim.state();
  const StateId jpn = *p->scenario.world.find_state("JPN");
  const ItemId gallium = *p->scenario.world.find_item("gallium");
  double japan_output = 0, japan_base = 0, highest = 0;
  for (FirmId f = 0; f < p->network.firm_count; ++f)
    if (p->network.buyer_state[f] == jpn && p->network.buyer_item[f] == gallium) {
      japan_output += s.output[f];
      japan_base += p->equilibrium.output[f];
      highest = std::max(highest, s.price[f]);
    }
  CHECK(japan_output > japan_base);
  CHECK(highest > 1.0);
}

TEST_CASE("A quota's allocation is the same on one thread and on two", "[engine][quota][threads]") {
  const auto p = generated(R"(controls:
  - {id: q, instrument: quota, issuer: CHN, items: [gallium], destinations: [USA, JPN, NLD, KOR], start: 2,
     quota: {ceiling: {share: 0.5}, allocation: first_come, changes: [{at: 6, share: 0.2}]},
     licence: {approval_probability: 0.5, delay_steps: 1}}
)");
  const std::vector<std::shared_ptr<const ensemble::PreparedScenario>> points{p};
  const auto one = ensemble::run_replicates(points, {0, 1, 2}, 1, nullptr);
  const auto two = ensemble::run_replicates(points, {0, 1, 2}, 2, nullptr);
  REQUIRE(one.size() == two.size());
  for (std::size_t k = 0; k < one.size(); ++k) {
    REQUIRE(one[k].result.rows.size() == two[k].result.rows.size());
    for (std::size_t r = 0; r < one[k].result.rows.size(); ++r)
      CHECK(one[k].result.rows[r].value == two[k].result.rows[r].value);
  }
}
