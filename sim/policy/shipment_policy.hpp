// The one decision point every shipment passes: allowed, needs a licence, or denied.
// The scenario's controls, compiled into a ControlPlan, are looked up per link; the
// verdicts are redone only when a control starts or ends. What happens to a
// licence-requiring shipment (application, delay, approval) is the run's business
// (engine/licensing.hpp), since it draws random numbers and keeps state.
#pragma once

#include <cstdint>
#include <vector>

#include "engine/supply_network.hpp"
#include "policy/control_plan.hpp"

namespace regimesim::policy {

enum class Verdict : std::uint8_t { allowed = 0, licence_required = 1, denied = 2 };

inline constexpr std::uint16_t kNoLicence = 0xffff;

class ShipmentPolicy {
 public:
  // No plan: no controls (the baseline).
  explicit ShipmentPolicy(const ControlPlan* plan = nullptr) : plan_(plan) {}

  // True when some control starts or ends at this step.
  bool changes_at(int step) const;

  // The verdict for every link at a step; where a licence is required, the index of
  // the control whose licence terms apply (the first such control), else kNoLicence.
  // The most restrictive verdict of all active controls wins.
  void decide_links(int step, const engine::SupplyNetwork& net, std::vector<Verdict>& verdicts,
                    std::vector<std::uint16_t>& licence_control) const;

  const ControlPlan* plan() const { return plan_; }

 private:
  const ControlPlan* plan_;
};

}  // namespace regimesim::policy
