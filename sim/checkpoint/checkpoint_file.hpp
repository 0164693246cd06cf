// A checkpoint file: the whole state of a run at one step, as named sections of flat
// arrays, so that a run can stop and go on (`run --checkpoint-at`, `run --from`).
//
// Layout (little-endian; version 2: the per-slot sums of the metrics and the exports were added;
// version 3: the links' availability is no longer state; version 4: the ids of the
// saving run's controls and named firms, which a branch must keep in order; version 5:
// what the decision point let through is no longer an array of the state; version 6: the
// links the saved step's answers moved, as the decision point left them; version 7: with
// the yield each had before the move):
//   "RSIMCKPT"  u32 version  u32 byte-order mark 0x01020304  u64 payload bytes
//   payload: sections, each  u16 name length, name, u8 element kind, u8 element bytes,
//            u64 count, count elements
//   u32 CRC-32 of the payload
// A file that is not a checkpoint, from another version, truncated or damaged is
// refused before anything is restored: the reader checks the magic, the version, the
// length against the file's size and the CRC first, and then each section's name,
// kind and length as it is read. A checkpoint is read whole into memory; its size
// is what the run it saves holds, and the length is checked before it is allocated.
#pragma once

#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "model/scenario_error.hpp"

namespace regimesim::checkpoint {

inline constexpr std::uint32_t kVersion = 7;

// What one element of a section is, so that a reader of another layout is told
// which section changed rather than handed reinterpreted bytes.
enum class Kind : std::uint8_t { floating = 1, unsigned_integer = 2, signed_integer = 3, text = 4 };

template <class T>
constexpr Kind kind_of() {
  if constexpr (std::is_enum_v<T>)
    return std::is_signed_v<std::underlying_type_t<T>> ? Kind::signed_integer : Kind::unsigned_integer;
  else if constexpr (std::is_floating_point_v<T>)
    return Kind::floating;
  else if constexpr (std::is_signed_v<T>)
    return Kind::signed_integer;
  else
    return Kind::unsigned_integer;
}

class Writer {
 public:
  // Starts empty, in `room`'s memory when given: a state saved again and again (the
  // shared first steps, after each step) reuses one buffer instead of fresh pages.
  explicit Writer(std::vector<unsigned char> room = {}) : payload_(std::move(room)) { payload_.clear(); }
  template <class T>
  void put(std::string_view name, const std::vector<T>& values) {
    static_assert(std::is_trivially_copyable_v<T>);
    header(name, kind_of<T>(), sizeof(T), values.size());
    append(values.data(), values.size() * sizeof(T));
  }
  void put(std::string_view name, const std::vector<bool>& values);  // one byte each
  template <class T>
  void put_value(std::string_view name, T value) {
    put(name, std::vector<T>{value});
  }
  void put_text(std::string_view name, std::string_view text);

  // Writes the file under a temporary name and renames it, so that a file with the
  // final name is always whole. Throws std::runtime_error if it cannot.
  void save(const std::string& path) const;
  // The sections written so far, kept in memory instead (a Reader reads them back):
  // for a state restored many times in one process (ensemble/shared_prefix.hpp).
  std::vector<unsigned char> take_payload() { return std::move(payload_); }

 private:
  void header(std::string_view name, Kind kind, std::size_t element_bytes, std::size_t count);
  void append(const void* data, std::size_t bytes);
  std::vector<unsigned char> payload_;
};

class Reader {
 public:
  // Reads and checks the whole file; throws ScenarioError naming the file and what is wrong.
  explicit Reader(std::string path);
  // Reads sections a Writer kept in memory (Writer::take_payload), which must outlive
  // the reader; `label` names them in errors.
  Reader(const std::vector<unsigned char>& payload, std::string label);
  Reader(const Reader&) = delete;
  Reader& operator=(const Reader&) = delete;

  // Reads the next section, which must have this name and element type, and, when
  // `expected_count` is given, that many elements.
  template <class T>
  void get(std::string_view name, std::vector<T>& values, std::optional<std::size_t> expected_count = {}) {
    static_assert(std::is_trivially_copyable_v<T>);
    const std::size_t n = section(name, kind_of<T>(), sizeof(T), expected_count);
    values.resize(n);
    take(values.data(), n * sizeof(T));
  }
  void get(std::string_view name, std::vector<bool>& values, std::optional<std::size_t> expected_count = {});
  template <class T>
  T get_value(std::string_view name) {
    std::vector<T> v;
    get(name, v, 1);
    return v.front();
  }
  std::string get_text(std::string_view name);

  // The next section's name, or "" at the end: for optional sections.
  std::string peek_name() const;
  bool at_end() const { return pos_ == size_; }
  const std::string& path() const { return path_; }
  // An error about this checkpoint's contents (a section, or what it was saved from).
  [[noreturn]] void refuse(std::string_view section, const std::string& message) const;

 private:
  std::size_t section(std::string_view name, Kind kind, std::size_t element_bytes, std::optional<std::size_t> count);
  void take(void* out, std::size_t bytes);
  std::string path_;
  std::vector<unsigned char> file_;  // what was read of a file (empty for a payload in memory)
  const unsigned char* data_ = nullptr;  // the payload read: file_'s, or one in memory
  std::size_t size_ = 0;
  std::size_t pos_ = 0;
};

}  // namespace regimesim::checkpoint
