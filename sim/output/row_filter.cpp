#include "output/row_filter.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "model/scenario_error.hpp"
#include "output/metric_dictionary.hpp"

namespace regimesim::output {

const char* to_string(Detail d) {
  switch (d) {
    case Detail::world: return "world";
    case Detail::state: return "state";
    case Detail::item: return "item";
  }
  return "?";
}

std::string detail_names() { return "world|state|item|all"; }

std::vector<std::string> comma_list(const std::vector<std::string>& values) {
  std::vector<std::string> out;
  for (const auto& v : values) {
    std::size_t from = 0;
    while (from <= v.size()) {
      const std::size_t comma = std::min(v.find(',', from), v.size());
      if (comma > from) out.push_back(v.substr(from, comma - from));
      from = comma + 1;
    }
  }
  return out;
}

namespace {

// Marks each named entry; an unknown name lists every valid one.
template <class Names>
std::vector<bool> chosen(const std::vector<std::string>& asked, const Names& names, const std::string& option,
                         const char* what) {
  std::vector<bool> keep(names.size(), false);
  for (const auto& a : asked) {
    const auto it = std::find(names.begin(), names.end(), a);
    if (it == names.end())
      throw ScenarioError(Origin{option, 0, 0, {}},
                          fmt::format("'{}' is not {} of this scenario; valid: {}", a, what, fmt::join(names, ", ")));
    keep[static_cast<std::size_t>(it - names.begin())] = true;
  }
  return keep;
}

}  // namespace

RowFilter row_filter(const RowChoice& c, const Scenario& sc, Detail fallback) {
  RowFilter f;
  if (c.detail.empty()) {
    f.detail = fallback;
    if (!c.states.empty() && f.detail == Detail::world) f.detail = Detail::state;
    if (!c.items.empty()) f.detail = Detail::item;
  } else if (c.detail == "world") {
    f.detail = Detail::world;
  } else if (c.detail == "state") {
    f.detail = Detail::state;
  } else if (c.detail == "item" || c.detail == "all") {
    f.detail = Detail::item;
  } else {
    throw ScenarioError(Origin{"--detail", 0, 0, {}},
                        fmt::format("'{}' is not a detail; valid: {}", c.detail, detail_names()));
  }
  if (!c.metrics.empty()) {
    std::vector<std::string> names;
    for (const auto& e : metric_dictionary()) names.push_back(e.metric);
    f.metric = chosen(c.metrics, names, "--metrics", "a metric");
  }
  if (!c.states.empty()) {
    std::vector<std::string> codes;
    for (const auto& s : sc.world.states) codes.push_back(s.code);
    f.state = chosen(c.states, codes, "--states", "a state code");
  }
  if (!c.items.empty()) {
    std::vector<std::string> ids;
    for (const auto& i : sc.world.items) ids.push_back(i.id);
    f.item = chosen(c.items, ids, "--items", "an item id");
  }
  return f;
}

}  // namespace regimesim::output
