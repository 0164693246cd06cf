#include "discovery/outcome.hpp"

#include <fmt/format.h>

#include <stdexcept>

namespace regimesim::analysis::discovery {

std::string Threshold::words() const {
  if (!above && !below) throw std::invalid_argument("give a threshold: --above X, --below X, or both");
  if (above && below) return fmt::format("> {:g} and < {:g}", *above, *below);
  return above ? fmt::format("> {:g}", *above) : fmt::format("< {:g}", *below);
}

}  // namespace regimesim::analysis::discovery
