// Re-sourcing when a supplier cannot deliver (resourcing.starved_delay), not only when a
// control denies the order: a car maker whose Korean steel supplier loses its ore.
#include <catch2/catch.hpp>

#include "engine/simulation.hpp"
#include "ensemble/paired_run.hpp"
#include "load/scenario_loader.hpp"
#include "policy/shipment_policy.hpp"

using namespace regimesim;

namespace {

// Japan's car maker makes 100 cars from 0.4 steel each: 40 steel, 20 from Korea and 20
// from China (equal link volumes). Each steel maker needs 0.5 ore: 10 each from
// Australia. China's maker has room for 25; Germany's makes nothing at baseline and has
// room for 60, but the car maker does not buy from it. Australia embargoes ore to Korea
// from step 2, so Korea's steel stops once its ore stock is used, and with it Korea's
// deliveries to the car maker. No control covers the car maker itself.
struct Options {
  int starved_delay = 2;
  int starved_grace = 0;  // 0: a new supplier is judged from its first step
  std::string ore_ban_to = "[KOR]";
  bool us_mill = false;  // a fourth steel maker, in the United States, idle like Germany's
  int china_capacity = 25;
  std::string more_controls;
  std::uint64_t seed = 1;
  int ore_ban_end = -1;  // the step the ore embargo ends (-1: never)
  double starved_below = 0.5;
  int germany_demand = 0;  // steel Germany's own users buy from its mill (0: it is idle)
  int return_after = 0;
};

std::string world(const Options& o) {
  return R"(name: starvation
steps: 20
seed: )" + std::to_string(o.seed) + R"(
world:
  states:
    - {code: AUS}
    - {code: KOR}
    - {code: CHN}
    - {code: DEU)" + (o.germany_demand > 0 ? ", final_demand: {steel: " + std::to_string(o.germany_demand) + "}" : std::string()) + R"(}
    - {code: USA}
    - {code: JPN, final_demand: {cars: 100}}
  items:
    - {id: ore, tier: 1}
    - {id: steel, tier: 2, recipe: {ore: 0.5}}
    - {id: cars, tier: 3, recipe: {steel: 0.4}}
  firms:
    - {id: au_ore, state: AUS, item: ore, capacity: 100}
    - {id: kr_steel, state: KOR, item: steel, capacity: 25}
    - {id: cn_steel, state: CHN, item: steel, capacity: )" + std::to_string(o.china_capacity) + R"(}
    - {id: de_steel, state: DEU, item: steel, capacity: 60}
    - {id: jp_cars, state: JPN, item: cars, capacity: 125}
)" + (o.us_mill ? "    - {id: us_steel, state: USA, item: steel, capacity: 60}\n" : "") +
         R"(  links:
    - {supplier: au_ore, buyer: kr_steel, volume: 1}
    - {supplier: au_ore, buyer: cn_steel, volume: 1}
    - {supplier: au_ore, buyer: de_steel, volume: 1}
    - {supplier: kr_steel, buyer: jp_cars, volume: 1}
    - {supplier: cn_steel, buyer: jp_cars, volume: 1}
)" + (o.us_mill ? "    - {supplier: au_ore, buyer: us_steel, volume: 1}\n" : "") +
         R"(controls:
  - {id: ore-ban, instrument: embargo, issuer: AUS, items: [ore], destinations: )" + o.ore_ban_to + R"(, start: 2)" +
         (o.ore_ban_end >= 0 ? ", end: " + std::to_string(o.ore_ban_end) : std::string()) + R"(}
)" + o.more_controls + R"(responses:
  resourcing: {search_delay: 1, starved_delay: )" + std::to_string(o.starved_delay) +
         ", starved_below: " + std::to_string(o.starved_below) + ", starved_grace: " + std::to_string(o.starved_grace) +
         ", return_after: " + std::to_string(o.return_after) + R"(}
)";
}

struct Run {
  std::vector<double> cars;       // the car maker's output per step
  std::vector<FirmId> korea_link;  // who supplies the car maker's first steel link, after each step
  std::vector<double> availability;
  double switching_cost = 0;       // paid by Japan over the run
  FirmId korea = 0, germany = 0, usa = 0;
};

Run run(const Options& o) {
  const auto p = ensemble::prepare(load::load_scenario_text(world(o), "starvation.yaml"));
  const policy::ShipmentPolicy controls(&p->plan);
  engine::Simulation sim(p->scenario, p->network, p->equilibrium, controls);
  const World& w = p->scenario.world;
  const auto& net = p->network;
  const FirmId cars = *w.find_firm("jp_cars"), korea = *w.find_firm("kr_steel");
  std::uint32_t link = 0;  // the car maker's link to Korea's steel maker
  for (const std::uint32_t k : net.slots_of(cars))
    for (auto l = net.slot_link_begin[k]; l < net.slot_link_begin[k + 1]; ++l)
      if (net.link_supplier[l] == korea) link = l;
  Run r;
  r.korea = korea;
  r.germany = *w.find_firm("de_steel");
  if (o.us_mill) r.usa = *w.find_firm("us_steel");
  const auto japan = *w.find_state("JPN");
  for (int t = 0; t < p->scenario.steps; ++t) {
    sim.step();
    r.cars.push_back(sim.state().output[cars]);
    r.korea_link.push_back(sim.state().supplier[link]);
    const auto& s = sim.state();  // what the link shipped of its order this step
    r.availability.push_back(s.order[link] > 0 ? s.in_transit[link] / s.order[link] : 1.0);
    r.switching_cost += sim.state().switching_cost[japan];
  }
  return r;
}

Run run(int starved_delay) {
  Options o;
  o.starved_delay = starved_delay;
  return run(o);
}

}  // namespace

TEST_CASE("A buyer whose supplier cannot deliver re-sources after starved_delay steps", "[behaviour][starvation]") {
  const auto off = run(0), on = run(2);
  // Off (the default): the car maker keeps its Korean link however little it brings,
  // and can get at most China's 25 steel: 62.5 cars at the end.
  for (FirmId s : off.korea_link) CHECK(s == off.korea_link.front());
  CHECK(off.cars.back() == Approx(62.5).epsilon(1e-6));
  // On: the first step the Korean link ships under half of its order, plus one more,
  // the car maker replaces Korea by the maker with room (Germany; China is already its
  // supplier), and its output recovers to the 100 its customers buy.
  int first_starved = -1;
  for (std::size_t t = 0; t < on.availability.size(); ++t)
    if (on.availability[t] < 0.5) {
      first_starved = static_cast<int>(t);
      break;
    }
  REQUIRE(first_starved >= 0);
  const FirmId korea = on.korea_link.front();
  CHECK(on.korea_link[first_starved] == korea);
  CHECK(on.korea_link[first_starved + 1] != korea);  // searched at the end of the second starved step
  CHECK(on.cars.back() == Approx(100).epsilon(1e-6));
  // Until the first search the two runs are the same.
  for (int t = 0; t <= first_starved; ++t) CHECK(on.cars[t] == off.cars[t]);
}

// Korea's mill loses its ore at step 2 and, its stock used, ships nothing to the car
// maker from step 4: the link is starved at steps 4 and 5, and the car maker searches
// after step 5's shipments (starved_delay 2), as in the case above.
constexpr int kFirstSearch = 5;

TEST_CASE("A starved buyer whose only other maker is starved of its own inputs stays put",
          "[behaviour][starvation]") {
  // The embargo covers Germany too. Germany's mill is idle, so it looks roomy (capacity 60,
  // output 0), but its one ore link is denied: the room is not room it can use. China is
  // already a supplier. The car maker has nowhere to go: it searches, finds no usable room,
  // and the run is the waiting run step by step, at no switching cost.
  Options on, off;
  on.ore_ban_to = off.ore_ban_to = "[KOR, DEU]";
  off.starved_delay = 0;
  const Run stays = run(on), waits = run(off);
  for (FirmId s : stays.korea_link) CHECK(s == stays.korea);
  CHECK(stays.switching_cost == 0);
  REQUIRE(stays.cars.size() == waits.cars.size());
  for (std::size_t t = 0; t < stays.cars.size(); ++t) CHECK(stays.cars[t] == waits.cars[t]);
  CHECK(stays.cars.back() == Approx(62.5).epsilon(1e-6));  // all China's 25 steel / 0.4
}

TEST_CASE("A starved buyer moves to the maker with room it can use, never to one starved of its inputs",
          "[behaviour][starvation]") {
  // Two idle mills, Germany's and the United States', each with room for 60; the United
  // States' ore is embargoed until step 6. At the search after step 5 only Germany's room
  // is usable, so the draw, whatever the seed, takes Germany (weighed by idle capacity alone,
  // a seed would pick the US mill about half the time).
  for (std::uint64_t seed = 1; seed <= 6; ++seed) {
    Options o;
    o.seed = seed;
    o.us_mill = true;
    o.more_controls = "  - {id: us-ban, instrument: embargo, issuer: AUS, items: [ore], destinations: [USA], end: 6}\n";
    const Run r = run(o);
    CAPTURE(seed);
    CHECK(r.korea_link[kFirstSearch - 1] == r.korea);
    CHECK(r.korea_link[kFirstSearch] == r.germany);
    CHECK(r.korea_link.back() == r.germany);  // Germany delivers: it is never left
    CHECK(r.cars.back() == Approx(100).epsilon(1e-6));
  }
}

TEST_CASE("A buyer does not leave a new supplier for starvation within starved_grace, and leaves it after",
          "[behaviour][starvation]") {
  // As above, but Germany's ore is embargoed from step 6, the step after the car maker
  // chose it, and the United States' is free from step 6: Germany never delivers. With
  // starved_grace G, steps 6 to 5 + G do not count; the link is starved at 6 + G and
  // 7 + G, and after step 7 + G's shipments the car maker moves to the US mill, now the
  // only maker with usable room (Korea's and Germany's ore are denied). G = 0 is the
  // rule without a grace: it leaves after step 7. China's mill has room for 50 here, so
  // that its own link, on which the car maker leans, ships more than half of its order
  // and is never starved: only the link that went to Germany searches.
  for (int grace : {0, 1, 4}) {
    Options o;
    o.us_mill = true;
    o.china_capacity = 50;
    o.starved_grace = grace;
    o.more_controls =
        "  - {id: us-ban, instrument: embargo, issuer: AUS, items: [ore], destinations: [USA], end: 6}\n"
        "  - {id: de-ban, instrument: embargo, issuer: AUS, items: [ore], destinations: [DEU], start: 6}\n";
    const Run r = run(o);
    CAPTURE(grace);
    const int leaves = kFirstSearch + grace + 2;
    for (int t = kFirstSearch; t < leaves; ++t) CHECK(r.korea_link[t] == r.germany);
    CHECK(r.korea_link[leaves] == r.usa);
    CHECK(r.korea_link.back() == r.usa);
  }
}

TEST_CASE("A buyer that left a starved supplier comes back return_after steps after it has room again",
          "[behaviour][starvation][return]") {
  // Germany's mill also serves Germany's own steel users (20 a step), so it holds ore and
  // delivers what the car maker asks once it has moved there (after step 5, as above):
  // the new link is never starved, and without the rule the car maker never leaves it.
  // The ore embargo on Korea ends at step 9. Korea's mill orders ore at step 9 and
  // receives it at step 10: at step 9 its output is still held back by its inputs, which
  // is no usable room; from step 10 it has room it can use. With return_after 2 the link
  // counts steps 10 and 11 and goes back to Korea after step 11's shipments; not before,
  // and never with return_after 0.
  Options o;
  o.starved_grace = 3;
  o.germany_demand = 20;
  o.ore_ban_end = 9;
  const Run stays = run(o);
  o.return_after = 2;
  const Run back = run(o);
  for (int t = 0; t < 20; ++t) {
    INFO("step " << t);
    const FirmId before = t <= 4 ? stays.korea : stays.germany;
    CHECK(stays.korea_link[t] == before);
    CHECK(back.korea_link[t] == (t >= 11 ? back.korea : before));
  }
  // Coming back is a switch too: Japan pays for two moves (0.5 x the link's 20 each).
  CHECK(stays.switching_cost == Approx(10));
  CHECK(back.switching_cost == Approx(20));
  // Until the return the runs are the same.
  for (int t = 0; t <= 11; ++t) CHECK(back.cars[t] == stays.cars[t]);
  // return_after needs starvation re-sourcing to remember anything.
  Options no_starvation;
  no_starvation.starved_delay = 0;
  no_starvation.return_after = 2;
  CHECK_THROWS_WITH(load::load_scenario_text(world(no_starvation), "starvation.yaml"),
                    Catch::Contains("responses.resourcing.return_after") && Catch::Contains("starved_delay"));
}

TEST_CASE("A buyer that left a supplier a control denied does not come back while the control holds",
          "[behaviour][starvation][return]") {
  // No ore ban that matters (it names the United States, where no mill is); Korea
  // embargoes steel to Japan from step 2 to step 9, so the car maker's Korean link is
  // denied, and it moves after one step (search_delay 1) as a denied buyer, not a starved
  // one. After the embargo ends it stays where it moved, return_after or not.
  Options o;
  o.ore_ban_to = "[USA]";
  o.more_controls = "  - {id: steel-ban, instrument: embargo, issuer: KOR, items: [steel], destinations: [JPN], start: 2, end: 9}\n";
  o.return_after = 2;
  const Run r = run(o);
  const FirmId moved_to = r.korea_link[3];
  CHECK(moved_to != r.korea);
  for (int t = 3; t < 20; ++t) CHECK(r.korea_link[t] == moved_to);
}
