// One run of a scenario: the monthly step as a list of named phases over flat
// arrays. Each phase reads what earlier phases wrote and writes its own arrays,
// so the result does not depend on the order firms are visited in.
#pragma once

#include "engine/equilibrium.hpp"
#include "engine/run_state.hpp"
#include "engine/supply_network.hpp"
#include "model/scenario.hpp"
#include "policy/shipment_policy.hpp"

namespace regimesim::engine {

class Simulation {
 public:
  // Starts at the input-output equilibrium: inventories at target, one step of
  // baseline shipments in transit, prices at 1.
  Simulation(const Scenario& scenario, const SupplyNetwork& net, const Equilibrium& eq,
             const policy::ShipmentPolicy& policy);

  void step();

  const RunState& state() const { return s_; }
  const SupplyNetwork& network() const { return net_; }

 private:
  void apply_events();       // controls that start or end now re-decide every link
  void receive_shipments();  // last step's shipments arrive
  void place_orders();       // expected use plus the inventory gap, split by supplier shares
  void decide_shipments();   // the policy decision point
  void produce();            // least of capacity, orders, and what inputs allow
  void ship();               // output rationed in proportion to accepted orders
  void update_prices();      // rise with unfilled orders, ease back toward baseline
  void adapt_sourcing();     // buyers move shares toward suppliers that deliver, cheaply

  const SupplyNetwork& net_;
  const policy::ShipmentPolicy& policy_;
  Dynamics dynamics_;
  std::vector<double> item_substitutability_;
  RunState s_;
};

}  // namespace regimesim::engine
