// libFuzzer harness that builds structurally valid scenarios from its input
// (random_scenario.hpp), so most inputs get past the loader into the equilibrium and
// a few steps of the engine, and checks what must hold there: no exception but a
// located ScenarioError, every recorded value finite. At exit it prints the share
// of inputs that reached the engine (the figure for this harness).
#include <fuzzer/FuzzedDataProvider.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "ensemble/paired_run.hpp"
#include "load/scenario_loader.hpp"
#include "model/scenario_error.hpp"
#include "random_scenario.hpp"

namespace {

long g_inputs = 0, g_engine = 0;

void report() {
  std::fprintf(stderr, "valid_worlds_fuzzer: %ld of %ld inputs (%.1f%%) reached the engine\n", g_engine, g_inputs,
               g_inputs ? 100.0 * static_cast<double>(g_engine) / static_cast<double>(g_inputs) : 0.0);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const bool registered = (std::atexit(report), true);
  (void)registered;
  FuzzedDataProvider bytes(data, size);
  regimesim::testing::Choices choices{
      [&](std::uint32_t n) { return n <= 1 ? 0u : bytes.ConsumeIntegralInRange<std::uint32_t>(0, n - 1); },
      [&] { return bytes.ConsumeProbability<double>(); }};
  const std::string text = regimesim::testing::random_scenario(choices);
  ++g_inputs;
  std::shared_ptr<const regimesim::ensemble::PreparedScenario> prepared;
  try {
    prepared = regimesim::ensemble::prepare(regimesim::load::load_scenario_text(text, "random.yaml", {}));
  } catch (const regimesim::ScenarioError&) {
    return 0;  // refused with a located message (e.g. a capacity below equilibrium)
  }
  ++g_engine;
  // A valid world must run: an exception here (a non-finite step among them) is a finding.
  const auto result = regimesim::ensemble::run_paired(*prepared);
  for (const auto& row : result.rows)
    if (!std::isfinite(row.value)) __builtin_trap();  // a non-finite value reported as a result
  return 0;
}
