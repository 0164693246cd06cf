// Whether a run repeats itself: a digest of its state, and whether its next steps
// read anything but that state.
//
// A run with no controls (a baseline) settles, in most worlds within some twenty
// steps, into two states that follow each other bit for bit: rounding keeps it from
// a fixed point. ensemble/baseline_cycle.hpp finds that cycle by these digests and
// stops stepping the baseline. That is sound only where the step that follows a
// state is a function of the state: of everything a checkpoint saves (the run's
// arrays and every answer's memory, engine/simulation_checkpoint.cpp), and of
// nothing that counts the steps.
#define XXH_INLINE_ALL
#include <xxhash.h>

#include <algorithm>
#include <cstring>
#include <string_view>
#include <type_traits>

#include "engine/simulation.hpp"

namespace regimesim::engine {
namespace {

// Feeds each field by name, size and bytes, so that two fields that trade elements
// never give one stream.
class DigestStream {
 public:
  DigestStream() : state_(XXH3_createState()) { XXH3_128bits_reset(state_); }
  ~DigestStream() { XXH3_freeState(state_); }
  DigestStream(const DigestStream&) = delete;
  DigestStream& operator=(const DigestStream&) = delete;

  template <class T>
  void operator()(const char* name, const T& field) {
    if (std::string_view(name) == "step") return;  // the step's number is what may differ
    add(name, std::strlen(name));
    if constexpr (std::is_same_v<T, std::vector<bool>>) {  // no data(): its bits, eight to a byte
      const std::uint64_t n = field.size();
      add(&n, sizeof n);
      std::vector<std::uint8_t> packed((n + 7) / 8, 0);
      for (std::size_t i = 0; i < n; ++i)
        if (field[i]) packed[i / 8] |= static_cast<std::uint8_t>(1u << (i % 8));
      add(packed.data(), packed.size());
    } else if constexpr (is_array_field<T>) {
      static_assert(std::is_trivially_copyable_v<typename T::value_type>);
      const std::uint64_t n = field.size();
      add(&n, sizeof n);
      add(field.data(), n * sizeof(typename T::value_type));
    } else {
      static_assert(std::is_trivially_copyable_v<T>);
      add(&field, sizeof field);
    }
  }
  Simulation::Digest digest() const {
    const XXH128_hash_t h = XXH3_128bits_digest(state_);
    return {h.low64, h.high64};
  }

 private:
  void add(const void* bytes, std::size_t n) {
    if (n) XXH3_128bits_update(state_, bytes, n);
  }
  XXH3_state_t* state_;
};

}  // namespace

Simulation::Digest Simulation::state_digest() const {
  DigestStream d;
  s_.for_each_field(d);
  over_compliance_.for_each_memory(d);
  enforcement_.for_each_memory(d);
  resourcing_.for_each_memory(d);
  build_at_home_.for_each_memory(d);
  qualification_.for_each_memory(d);
  capacity_expansion_.for_each_memory(d);
  design_out_.for_each_memory(d);
  coalition_joining_.for_each_memory(d);
  retaliation_.for_each_memory(d);
  return d.digest();
}

Simulation::Digest Simulation::firm_digest() const {
  DigestStream d;
  d("capacity", s_.capacity);
  d("output", s_.output);
  d("price", s_.price);
  d("expected_demand", s_.expected_demand);
  return d.digest();
}

// What reads the step's number, rule by rule, and why none does here:
// - the controls: each starts and ends at a step, and every draw of the engine waits
//   on one (licences, over-compliance, diversion, detection, programmes of building
//   at home: ensemble/shared_baseline.cpp); with no plan there are none, nor
//   anticipation of one, reach to recompute, design-out, joins or counter-controls;
// - re-sourcing of starved buyers: it draws and its grace counts steps; off;
// - capacity expansion: an investment is due at a step; none under way;
// - building at home: a programme delivers at a step; none due;
// - qualification: a new supplier's part grows with the steps since the move; none;
// - enforcement: effort changes scripted for a step; none from now.
// The first step decides every link (apply_events): a run past it does not again.
// A rule that comes to read the step must be named here.
bool Simulation::steps_by_state_alone() const {
  const bool controls = policy_.plan() && !policy_.plan()->empty();
  return !controls && s_.step > 0 && scenario_.responses.resourcing.starved_delay <= 0 &&
         capacity_expansion_.nothing_under_way() && build_at_home_.nothing_due_from(s_.step) &&
         qualification_.none_qualifying() && enforcement_.no_change_from(s_.step) && !redecide_pending_;
}

}  // namespace regimesim::engine
