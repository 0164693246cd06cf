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

// `declined` is not the state's verdict but the exporter's: a legal sale refused by
// a firm that over-complies (de-risking). It is decided by the run, not the plan.
// `quota`: the shipment passes, but only within a quota's ceiling, which the run
// shares out among all the quota's orders of the step (Simulation::ration_quotas).
enum class Verdict : std::uint8_t { allowed = 0, licence_required = 1, denied = 2, declined = 3, quota = 4 };

inline constexpr std::uint16_t kNoLicence = 0xffff;
inline constexpr std::uint16_t kNoQuota = 0xffff;

// One link's decision: as decide_links gives it for that link.
struct LinkDecision {
  Verdict verdict = Verdict::allowed;
  std::uint16_t licence_control = kNoLicence;
  std::uint16_t quota_control = kNoQuota;
};

class ShipmentPolicy {
 public:
  // No plan: no controls (the baseline).
  explicit ShipmentPolicy(const ControlPlan* plan = nullptr) : plan_(plan) {}

  // True when some control starts or ends at this step.
  bool changes_at(int step) const;

  // The verdict for every link at a step; where a licence is required, the index of
  // the control whose licence terms apply (the first such control), else kNoLicence.
  // The most restrictive verdict of all active controls wins (denied over licence
  // required over quota over allowed). Where a quota covers the link, `quota_control`
  // (when given) holds the index of the first quota that does, else kNoQuota: a
  // licence required on the same link is then granted only within that quota.
  // `suppliers` is the run's current supplier of each link (buyers re-source).
  // `caught`, here and below: the run's recomputed reach, per control per firm
  // (RunState::caught_by_reach); null or empty: the plan's baseline reach.
  void decide_links(int step, const engine::SupplyNetwork& net, const std::vector<FirmId>& suppliers,
                    std::vector<Verdict>& verdicts, std::vector<std::uint16_t>& licence_control,
                    std::vector<std::uint16_t>* quota_control = nullptr,
                    const std::vector<std::uint8_t>* caught = nullptr) const;
  // The same, with the licences' indices only where `licence_control` is given (a run
  // whose plan has no licence keeps none).
  void decide_links(int step, const engine::SupplyNetwork& net, const std::vector<FirmId>& suppliers,
                    std::vector<Verdict>& verdicts, std::vector<std::uint16_t>* licence_control,
                    std::vector<std::uint16_t>* quota_control, const std::vector<std::uint8_t>* caught) const;

  // One link alone, exactly as decide_links decides it: for a re-decision of the few
  // links that can have changed (engine/verdict_refresh.hpp).
  LinkDecision decide_link(int step, const engine::SupplyNetwork& net, std::uint32_t buyer, std::uint32_t link,
                           FirmId supplier, const std::vector<std::uint8_t>* caught = nullptr) const;
  // Per buyer, at a step: 1 where some active control targets it (the only buyers
  // whose links a control can cover).
  std::vector<std::uint8_t> aimed_at_by_some_control(int step, const engine::SupplyNetwork& net) const;

  // For a buyer's search: could `supplier` ship what it makes to `buyer` with no
  // control in the way (no denial, no licence needed)? A search over every maker of an
  // item asks it through a SupplierScreen (supplier_screen.hpp), which gives the same answers.
  bool free_to_ship(int step, const engine::SupplyNetwork& net, std::uint32_t buyer, FirmId supplier,
                    const std::vector<std::uint8_t>* caught = nullptr) const;
  // For a diverter: would a front in state `via` take the shipment past every control
  // that covers it (none is applied by `via` or targets a civilian front there)?
  bool evaded_through(int step, const engine::SupplyNetwork& net, std::uint32_t buyer, FirmId supplier,
                      StateId via, const std::vector<std::uint8_t>* caught = nullptr) const;
  // Per state, at a step: applies some active control; is named by one (a
  // destination, or home to a listed entity). Over-compliance acts between the two.
  std::vector<bool> controlling_states(int step, std::size_t states) const;
  std::vector<bool> named_states(int step, std::size_t states) const;

  const ControlPlan* plan() const { return plan_; }

 private:
  const ControlPlan* plan_;
};

}  // namespace regimesim::policy
