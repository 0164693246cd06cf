// How faithfully a generated world reproduces the production shares it was built
// from: each (state, item) share of the item's world output at the baseline
// equilibrium, against the share in the data.
#pragma once

#include <vector>

#include "model/world.hpp"

namespace regimesim::assessment {

struct ShareFidelity {
  ItemId item;
  StateId state;
  double data_share;   // as given in world.generate.production
  double world_share;  // of the item's output at the baseline equilibrium
  double error() const { return world_share - data_share; }
};

// One public bilateral figure (world.generate.import_shares) read back from the links.
struct ImportShareFidelity {
  StateId buyer, from;
  ItemId item;
  double data_share;   // of the buyer's firms' imports of the item
  double world_share;  // the same share of the baseline links' volumes
};

struct WorldFidelity {
  std::vector<ShareFidelity> shares;  // every (state, item) with a share in the data, worst first
  std::vector<ImportShareFidelity> import_shares;  // in the order the data give them
  // Over the shares of at least kLargeShare: the median of |world - data| / data.
  double median_relative_error = 0;
  int large_shares = 0;
  double max_abs_error = 0;  // over every share, in share points (0.03 = 3 percentage points)
  static constexpr double kLargeShare = 0.05;
};

// `firm_output` is the baseline output of each firm (engine::Equilibrium::output). The
// import shares are read from the links' baseline volumes, which in a generated world
// are the baseline flows.
WorldFidelity measure_fidelity(const World& world, const std::vector<double>& firm_output);

}  // namespace regimesim::assessment
