// Reach recomputed as the supply graph changes: the firms a control's de minimis or
// direct product rule catches, read again from the run's current suppliers, shares
// and members instead of fixed at baseline (docs/INSTRUMENTS.md, "Jurisdiction").
//
// A control follows the run's graph when its `reach.recompute_every` is above 0, or
// when firms design out (behaviour/design_out.hpp: releasing a firm that has designed
// out is what recomputing is for). Its caught set is read again at step t > 0 when
//   - t is a multiple of recompute_every (shares drift as buyers answer the controls),
//   - a firm this control caught designed an input out at step t - 1 (its supplier
//     changed; a control whose caught firms did not move reads the change at its own
//     moments), or
//   - a control starts, ends or changes members at t (who counts as an issuer), a
//     join decided in the run (`join_when`) included.
// Reach follows membership even where it does not follow the graph: a control whose
// members can change (`changes`, `decide_at` candidates, `join_when` candidates) reads
// its caught set again at each step t > 0 at which a state joins or leaves it, on the
// baseline's suppliers and shares with the members at t. From a join the joiner's
// firms' content counts towards de minimis and its firms' equipment towards the direct
// product rule; from a leave it stops counting.
// A recompute brings each control's content up to date from the last one
// (policy/controlled_content.hpp: the firms the graph's changes reach) and costs
// `stages` direct product rounds over the links (docs/BENCHMARKS.md); between
// recomputes the sets stand. The run's sets
// live in RunState::caught_by_reach, so a checkpoint carries them; a step whose
// recompute changes any firm's status has its verdicts refreshed: the links whose
// supplier changed status, or that answers moved since, decided again as a control's
// start decides every link (engine/verdict_refresh.hpp).
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

#include "engine/supply_network.hpp"
#include "model/world.hpp"
#include "policy/control_plan.hpp"
#include "policy/controlled_content.hpp"

namespace regimesim::policy {

class RecomputedReach {
 public:
  RecomputedReach() = default;
  // `design_out`: firms design out (every control with reach then recomputes).
  RecomputedReach(const ControlPlan* plan, const World& w, const engine::SupplyNetwork& net, bool design_out);

  // Some control recomputes (follows the graph, or its members): the run keeps its own caught sets.
  bool active() const { return !recomputes_.empty(); }
  // Some control reads the run's suppliers and shares (not only the baseline's with the
  // step's members): only then does the run stamp where shares move (engine/slot_changes.hpp).
  bool follows_run_graph() const {
    for (bool f : follows_graph_)
      if (f) return true;
    return false;
  }
  // The run's first caught sets: the plan's baseline reach, per control per firm.
  std::vector<std::uint8_t> baseline() const;
  // At the start of step `step`: recomputes the controls that are due into `caught`
  // (see above); `designed_out(index)`: a firm control `index` caught designed an input
  // out at step - 1. True when some firm's status changed.
  // `changes`: the slots whose suppliers or shares changed when (engine/slot_changes.hpp).
  bool recompute(int step, const std::vector<FirmId>& supplier, const std::vector<double>& share,
                 const engine::SlotChanges& changes, const std::function<bool(std::size_t)>& designed_out,
                 bool controls_change, std::vector<std::uint8_t>& caught);

 private:
  const ControlPlan* plan_ = nullptr;
  const engine::SupplyNetwork* net_ = nullptr;
  std::size_t states_ = 0;
  std::vector<std::size_t> recomputes_;            // the controls that do, by index
  std::vector<bool> follows_graph_;                // per entry of recomputes_: reads the run's graph (else the baseline's)
  std::vector<std::vector<bool>> equipment_;       // per control, per item: its direct product equipment
  // per control: its content per firm, kept up to date from one recompute to the next
  // (policy/controlled_content.hpp: the decisions do not depend on it, so it is not memory)
  std::vector<ControlledContent> content_;
};

}  // namespace regimesim::policy
