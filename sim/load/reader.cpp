#include "load/reader.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>

namespace regimesim::load {
namespace {

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diag = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diag = up;
    }
  }
  return row[b.size()];
}

}  // namespace

void fail(const Node& at, const std::string& path, const std::string& message) {
  Origin o = at.origin;
  o.key_path = path;
  throw ScenarioError(o, message);
}

std::string as_string(const Node& n, const std::string& path) {
  if (n.kind != Node::Kind::scalar) fail(n, path, std::string("expected a word, found ") + n.kind_name());
  return n.scalar;
}

double as_number(const Node& n, const std::string& path) {
  if (n.kind != Node::Kind::scalar || n.quoted)
    fail(n, path, std::string("expected a number, found ") + (n.quoted ? "a quoted string" : n.kind_name()));
  double v = 0;
  const char* end = n.scalar.data() + n.scalar.size();
  auto [p, ec] = std::from_chars(n.scalar.data(), end, v);
  if (ec == std::errc::result_out_of_range && p == end)
    fail(n, path, "'" + n.scalar + "' is out of range; numbers here lie between -1e15 and 1e15");
  if (ec != std::errc() || p != end || !std::isfinite(v))
    fail(n, path, "expected a number, found '" + n.scalar + "'");
  if (std::abs(v) > kMaxMagnitude)
    fail(n, path, "'" + n.scalar + "' is too large; numbers here lie between -1e15 and 1e15");
  return v;
}

double as_non_negative(const Node& n, const std::string& path) {
  const double v = as_number(n, path);
  if (v < 0) fail(n, path, "must be zero or more, found " + n.scalar);
  return v;
}

long long as_integer(const Node& n, const std::string& path) {
  if (n.kind != Node::Kind::scalar || n.quoted)
    fail(n, path, std::string("expected a whole number, found ") + (n.quoted ? "a quoted string" : n.kind_name()));
  long long v = 0;
  const char* end = n.scalar.data() + n.scalar.size();
  auto [p, ec] = std::from_chars(n.scalar.data(), end, v);
  if (ec == std::errc::result_out_of_range && p == end)
    fail(n, path, "'" + n.scalar + "' is too large for a whole number here");
  if (ec != std::errc() || p != end) fail(n, path, "expected a whole number, found '" + n.scalar + "'");
  return v;
}

int as_int_in(const Node& n, const std::string& path, long long lo, long long hi, const std::string& valid) {
  if (n.kind == Node::Kind::scalar && !n.quoted) {
    long long v = 0;
    const char* end = n.scalar.data() + n.scalar.size();
    auto [p, ec] = std::from_chars(n.scalar.data(), end, v);
    if (ec == std::errc::result_out_of_range && p == end) fail(n, path, valid + ", found " + n.scalar);
  }
  const long long v = as_integer(n, path);
  if (v < lo || v > hi) fail(n, path, valid + ", found " + n.scalar);
  return static_cast<int>(v);
}

std::uint64_t as_seed(const Node& n, const std::string& path) {
  const std::string valid = "a seed is a whole number from 0 to 18446744073709551615";
  if (n.kind != Node::Kind::scalar || n.quoted) fail(n, path, valid + ", found " + (n.quoted ? "a quoted string" : n.kind_name()));
  std::uint64_t v = 0;
  const char* end = n.scalar.data() + n.scalar.size();
  auto [p, ec] = std::from_chars(n.scalar.data(), end, v);
  if (ec != std::errc() || p != end) fail(n, path, valid + ", found " + n.scalar);
  return v;
}

std::string as_name(const Node& n, const std::string& path) {
  std::string s = as_string(n, path);
  if (s.find_first_not_of(" \t") == std::string::npos) fail(n, path, "expected a name, found an empty one");
  return s;
}

std::vector<const Node*> as_list(const Node& n, const std::string& path) {
  std::vector<const Node*> out;
  if (n.kind == Node::Kind::null) return out;
  if (n.kind != Node::Kind::sequence) fail(n, path, std::string("expected a list, found ") + n.kind_name());
  for (const auto& i : n.items) out.push_back(&i);
  return out;
}

double unit_interval(const MapReader& r, std::string_view key, double fallback) {
  const Node* v = r.get(key);
  if (!v) return fallback;
  const double x = as_number(*v, r.path(key));
  if (x < 0 || x > 1) fail(*v, r.path(key), "must lie between 0 and 1");
  return x;
}

std::string element_path(const std::string& list_path, std::size_t index) {
  return list_path + "[" + std::to_string(index) + "]";
}

std::string element_path(const std::string& list_path, std::size_t index, const Node& element) {
  for (const char* key : {"code", "id"}) {
    const Node* name = element.kind == Node::Kind::map ? element.find(key) : nullptr;
    if (name && name->kind == Node::Kind::scalar && !name->scalar.empty() &&
        name->scalar.find_first_of(".[] ") == std::string::npos)
      return list_path + "." + name->scalar;
  }
  return element_path(list_path, index);
}

MapReader::MapReader(const Node& node, std::string path, std::initializer_list<std::string_view> keys)
    : node_(node), path_(std::move(path)) {
  if (node.kind != Node::Kind::map) fail(node, path_, std::string("expected a map of keys, found ") + node.kind_name());
  for (const auto& e : node.entries) {
    if (std::find(keys.begin(), keys.end(), e.key) != keys.end()) continue;
    std::string valid, nearest;
    std::size_t best = 3;
    for (auto k : keys) {
      valid += (valid.empty() ? "" : ", ") + std::string(k);
      const std::size_t d = edit_distance(e.key, k);
      if (d < best) best = d, nearest = std::string(k);
    }
    Origin o = e.key_origin;
    o.key_path = this->path(e.key);
    throw ScenarioError(o, "unknown key '" + e.key + "'" + (nearest.empty() ? "" : " (did you mean '" + nearest + "'?)") +
                               "; valid keys here: " + valid);
  }
}

const Node& MapReader::require(std::string_view key) const {
  if (const Node* n = get(key)) return *n;
  fail(node_, path_, "missing required key '" + std::string(key) + "'");
}

std::string MapReader::path(std::string_view key) const {
  return path_.empty() ? std::string(key) : path_ + "." + std::string(key);
}

double MapReader::number(std::string_view key, double fallback) const {
  const Node* n = get(key);
  return n ? as_number(*n, path(key)) : fallback;
}

std::string MapReader::string(std::string_view key, const std::string& fallback) const {
  const Node* n = get(key);
  return n ? as_string(*n, path(key)) : fallback;
}

}  // namespace regimesim::load

namespace regimesim::load {

std::string MapReader::name(std::string_view key, const std::string& fallback) const {
  const Node* n = get(key);
  return n ? as_name(*n, path(key)) : fallback;
}

}  // namespace regimesim::load
