// Counter-based randomness: a draw is a pure function of (seed, and the coordinates
// of what it decides: run, step, agent, purpose). No generator state is carried, so
// results are the same for any thread count and any order of evaluation.
#pragma once

#include <cstdint>

namespace regimesim::random {

// SplitMix64's finaliser: a bijective mix with full avalanche.
constexpr std::uint64_t mix(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

constexpr std::uint64_t draw_bits(std::uint64_t seed, std::uint64_t a, std::uint64_t b = 0, std::uint64_t c = 0,
                                  std::uint64_t d = 0) {
  std::uint64_t h = mix(seed);
  h = mix(h ^ a);
  h = mix(h ^ b);
  h = mix(h ^ c);
  return mix(h ^ d);
}

// Uniform in [0, 1) with 53 random bits.
constexpr double uniform(std::uint64_t seed, std::uint64_t a, std::uint64_t b = 0, std::uint64_t c = 0,
                         std::uint64_t d = 0) {
  return static_cast<double>(draw_bits(seed, a, b, c, d) >> 11) * 0x1.0p-53;
}

// What a draw is for: keeps the streams of different decisions apart.
enum Purpose : std::uint64_t {
  kFirmSize = 1,
  kSupplierChoice = 2,
  kFinalDemandSupplier = 3,
  kLicenceDecision = 4,
  kOverCompliance = 5,
  kSupplierSearch = 6,
  kDiversionChoice = 7,
  kFrontState = 8,
  kDetection = 9,
  kBuildAtHome = 10,
  kSourcingOrder = 11,  // where each buyer's pieces fall on the generator's sourcing line
  kDesignOut = 21,      // whether a caught firm re-sources an input this step (behaviour/design_out)
  kFrontDiligence = 31, // whether a group's maker takes an order through a front (behaviour/diversion)
};

}  // namespace regimesim::random
