#include "discovery/case_table.hpp"

#include <charconv>
#include <cmath>
#include <stdexcept>
#include <system_error>

namespace regimesim::analysis::discovery {
namespace {

bool read_number(const std::string& text, double& out) {
  const char* end = text.data() + text.size();
  auto [p, ec] = std::from_chars(text.data(), end, out);
  return ec == std::errc() && p == end && std::isfinite(out);
}

}  // namespace

InputColumn column_from_text(const std::string& name, const std::vector<std::string>& values) {
  InputColumn c;
  c.name = name;
  bool numeric = !values.empty();
  for (const auto& v : values) {
    double x = 0;
    if (!read_number(v, x)) {
      numeric = false;
      break;
    }
    c.numbers.push_back(x);
  }
  if (numeric) return c;
  c.numbers.clear();
  c.categorical = true;
  for (const auto& v : values) {
    std::size_t k = 0;
    while (k < c.labels.size() && c.labels[k] != v) ++k;
    if (k == c.labels.size()) c.labels.push_back(v);
    c.codes.push_back(static_cast<int>(k));
  }
  return c;
}

void check_table(const CaseTable& t) {
  for (const auto& c : t.inputs) {
    const std::size_t n = c.categorical ? c.codes.size() : c.numbers.size();
    if (n != t.cases())
      throw std::invalid_argument("input " + c.name + " has " + std::to_string(n) + " values for " +
                                  std::to_string(t.cases()) + " cases");
    for (double x : c.numbers)
      if (!std::isfinite(x)) throw std::invalid_argument("input " + c.name + " has a value that is not a finite number");
    for (int k : c.codes)
      if (k < 0 || static_cast<std::size_t>(k) >= c.labels.size())
        throw std::invalid_argument("input " + c.name + " has a category code with no label");
  }
}

}  // namespace regimesim::analysis::discovery
