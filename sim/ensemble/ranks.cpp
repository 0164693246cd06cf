#include "ensemble/ranks.hpp"

#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <type_traits>

namespace regimesim::ensemble {
namespace {
RankTeam* g_team = nullptr;

// Every rank is the same executable on the same kind of machine, so rows travel as
// their bytes.
static_assert(std::is_trivially_copyable_v<output::MetricRow>);

template <class T>
void put(std::string& out, const T& value) {
  out.append(reinterpret_cast<const char*>(&value), sizeof value);
}
template <class T>
void put_vector(std::string& out, const std::vector<T>& values) {
  put(out, static_cast<std::uint64_t>(values.size()));
  if (!values.empty()) out.append(reinterpret_cast<const char*>(values.data()), values.size() * sizeof(T));
}

struct Reader {
  std::string_view bytes;
  std::size_t at = 0;
  void take(void* to, std::size_t n) {
    if (n == 0) return;  // an empty vector's data() may be null, and memcpy must not see a null pointer
    if (n > bytes.size() - at) throw std::runtime_error("a run sent between ranks arrived cut short");
    std::memcpy(to, bytes.data() + at, n);
    at += n;
  }
  template <class T>
  T get() {
    T value;
    take(&value, sizeof value);
    return value;
  }
  template <class T>
  std::vector<T> get_vector() {
    const auto n = get<std::uint64_t>();
    if (n > (bytes.size() - at) / sizeof(T)) throw std::runtime_error("a run sent between ranks arrived cut short");
    std::vector<T> values(n);
    take(values.data(), n * sizeof(T));
    return values;
  }
};
}  // namespace

RankTeam* rank_team() { return g_team; }
void join_rank_team(RankTeam* team) { g_team = team; }
bool writes_result() { return !g_team || g_team->rank() == 0; }

int finish_on_every_rank(int exit_code, bool interrupted) {
  if (exit_code != 0 && g_team && !(interrupted && g_team->rank() != 0)) g_team->abort_all(exit_code);
  return exit_code;
}

std::string pack_run(std::size_t k, const RunResult& result) {
  std::string out;
  put(out, static_cast<std::uint64_t>(k));
  put(out, static_cast<std::int32_t>(result.steps_completed));
  put(out, static_cast<std::uint8_t>(result.interrupted));
  put_vector(out, result.rows);
  put_vector(out, result.cumulative_output);
  put_vector(out, result.cumulative_baseline_output);
  return out;
}

std::size_t unpack_run(std::string_view bytes, RunResult& result) {
  Reader in{bytes};
  const auto k = in.get<std::uint64_t>();
  result.steps_completed = in.get<std::int32_t>();
  result.interrupted = in.get<std::uint8_t>() != 0;
  result.rows = in.get_vector<output::MetricRow>();
  result.cumulative_output = in.get_vector<double>();
  result.cumulative_baseline_output = in.get_vector<double>();
  if (in.at != bytes.size()) throw std::runtime_error("a run sent between ranks arrived with bytes left over");
  return static_cast<std::size_t>(k);
}

}  // namespace regimesim::ensemble
