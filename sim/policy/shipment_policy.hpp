// The one decision point every shipment passes: allowed, needs a licence, or denied.
// Controls are compiled once into a (issuer state, item, destination state) table;
// deciding a link is then a lookup, redone only when a control starts or ends.
#pragma once

#include <cstdint>
#include <vector>

#include "engine/supply_network.hpp"
#include "model/scenario.hpp"

namespace regimesim::policy {

enum class Verdict : std::uint8_t { allowed = 0, licence_required = 1, denied = 2 };

class ShipmentPolicy {
 public:
  ShipmentPolicy(const std::vector<Control>& controls, const World& world);

  // True when some control starts or ends at this step.
  bool changes_at(int step) const;

  // The verdict for every link of the network at a step.
  void decide_links(int step, const engine::SupplyNetwork& net, std::vector<Verdict>& verdicts) const;

  Verdict decide(int step, StateId issuer, ItemId item, StateId destination) const;

 private:
  std::vector<Control> controls_;
  std::size_t state_count_;
  std::size_t item_count_;
  std::vector<std::vector<bool>> issuer_, item_, destination_;  // per control, membership masks
};

}  // namespace regimesim::policy
