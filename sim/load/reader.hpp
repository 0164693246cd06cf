// Typed, located reading of a document tree. Every accessor knows the key path it is
// at, so every complaint names file, line, column, key path and what would be valid.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "load/document.hpp"
#include "model/scenario_error.hpp"

namespace regimesim::load {

[[noreturn]] void fail(const Node& at, const std::string& path, const std::string& message);

std::string as_string(const Node& n, const std::string& path);
double as_number(const Node& n, const std::string& path);
double as_non_negative(const Node& n, const std::string& path);
long long as_integer(const Node& n, const std::string& path);
// A whole number from lo to hi, checked before it is narrowed: anything else,
// however large, fails with `valid` (which says what would be valid).
int as_int_in(const Node& n, const std::string& path, long long lo, long long hi, const std::string& valid);
// A seed: any whole number from 0 to 2^64 - 1 (the range --seed takes).
std::uint64_t as_seed(const Node& n, const std::string& path);
// A non-empty name or id (ids end up in CSV and JSON; an empty one names nothing).
std::string as_name(const Node& n, const std::string& path);

// The largest magnitude a number in a scenario may have: quantities beyond it
// overflow the model's products and sums (1e160 squared is infinite).
inline constexpr double kMaxMagnitude = 1e15;
std::vector<const Node*> as_list(const Node& n, const std::string& path);

// A value that must be one of a fixed set of words.
template <class E>
E as_choice(const Node& n, const std::string& path, std::initializer_list<std::pair<std::string_view, E>> choices) {
  const std::string word = as_string(n, path);
  std::string valid;
  for (const auto& [name, value] : choices) {
    if (word == name) return value;
    valid += (valid.empty() ? "" : ", ") + std::string(name);
  }
  fail(n, path, "'" + word + "' is not valid here; expected one of: " + valid);
}

// A map whose keys must come from a known set; an unknown key is an error that
// suggests the nearest valid one.
class MapReader {
 public:
  MapReader(const Node& node, std::string path, std::initializer_list<std::string_view> keys);

  const Node* get(std::string_view key) const { return node_.find(key); }
  const Node& require(std::string_view key) const;
  std::string path(std::string_view key) const;
  const Node& node() const { return node_; }
  const std::string& path() const { return path_; }

  double number(std::string_view key, double fallback) const;
  std::string string(std::string_view key, const std::string& fallback) const;
  // A non-empty name or id under `key` (as_name), or `fallback` when absent.
  std::string name(std::string_view key, const std::string& fallback) const;

 private:
  const Node& node_;
  std::string path_;
};

// An optional number in [0, 1] (a probability or a share) under `key`.
double unit_interval(const MapReader& r, std::string_view key, double fallback);

std::string element_path(const std::string& list_path, std::size_t index);
// The same by the element's name where it has one (world.states.USA, as --set and
// --sweep write it), else by its index.
std::string element_path(const std::string& list_path, std::size_t index, const Node& element);

}  // namespace regimesim::load
