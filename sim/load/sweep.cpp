#include "load/sweep.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <regex>

#include "load/reader.hpp"
#include "load/scenario_loader.hpp"

namespace regimesim::load {
namespace {

constexpr std::size_t kMaxValues = 100000;

// Splits at commas and semicolons outside brackets, braces and quotes.
std::vector<std::string> split_values(const std::string& spec) {
  std::vector<std::string> out;
  std::string cur;
  int depth = 0;
  char quote = 0;
  for (char c : spec) {
    if (quote) {
      if (c == quote) quote = 0;
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '[' || c == '{') {
      ++depth;
    } else if (c == ']' || c == '}') {
      --depth;
    } else if ((c == ',' || c == ';') && depth == 0) {
      out.push_back(cur);
      cur.clear();
      continue;
    }
    cur += c;
  }
  out.push_back(cur);
  return out;
}

std::string trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t");
  if (b == std::string::npos) return "";
  return s.substr(b, s.find_last_not_of(" \t") - b + 1);
}

int decimals(const std::string& number) {
  const auto dot = number.find('.');
  if (dot == std::string::npos) return 0;
  return static_cast<int>(number.size() - dot - 1);
}

double number_or_fail(const std::string& text, const Origin& where, const char* what) {
  Node n;
  n.kind = Node::Kind::scalar;
  n.scalar = text;
  n.origin = where;
  try {
    return as_number(n, where.key_path);
  } catch (const ScenarioError&) {
    throw ScenarioError(where, std::string("the range's ") + what + " must be a number, found '" + text +
                                   "'; a range is start:stop:step, e.g. 0:1:0.25");
  }
}

Node value_node(const std::string& text, const Origin& where) {
  Node v = parse_document(text, where.file);
  v.origin = Origin{where.file, 0, 0, {}};
  return v;
}

}  // namespace

std::vector<std::string> range_values(const std::string& start, const std::string& stop, const std::string& step,
                                      const Origin& where) {
  const double a = number_or_fail(start, where, "start"), b = number_or_fail(stop, where, "stop"),
               d = number_or_fail(step, where, "step");
  if (d == 0 || (b - a) / d < 0)
    throw ScenarioError(where, fmt::format("a range from {} to {} needs a step that goes there, not {}", start, stop, step));
  const double span = (b - a) / d;
  if (span + 1 > static_cast<double>(kMaxValues))
    throw ScenarioError(where, fmt::format("the range has more than {} values", kMaxValues));
  const auto n = static_cast<std::size_t>(std::floor(span + 1e-9)) + 1;
  const bool exponent = (start + stop + step).find_first_of("eE") != std::string::npos;
  const int places = std::max({decimals(start), decimals(stop), decimals(step)});
  std::vector<std::string> values;
  for (std::size_t k = 0; k < n; ++k) {
    const double v = a + static_cast<double>(k) * d;  // not accumulated: no drift
    std::string s = exponent ? fmt::format("{}", v) : fmt::format("{:.{}f}", v, places);
    if (!exponent && places > 0) {
      s.erase(s.find_last_not_of('0') + 1);
      if (s.back() == '.') s.pop_back();
    }
    if (s == "-0") s = "0";
    values.push_back(s);
  }
  return values;
}

namespace {
// A step that cuts start..stop into four: 0:1 -> 0.25.
std::string suggested_step(const std::string& start, const std::string& stop) {
  const double a = std::strtod(start.c_str(), nullptr), b = std::strtod(stop.c_str(), nullptr);
  const double step = (b - a) / 4;
  return step == 0 ? std::string("1") : fmt::format("{:g}", step);
}
}  // namespace

SweepAxis parse_sweep_option(const std::string& spec) {
  const auto eq = spec.find('=');
  if (eq == std::string::npos || eq == 0 || eq + 1 == spec.size())
    throw ScenarioError(Origin{"--sweep", 0, 0, spec},
                        "expected key.path=a,b,c or key.path=start:stop:step, e.g. "
                        "--sweep world.states.USA.enforcement_effort=0:1:0.25");
  SweepAxis axis;
  axis.key = trim(spec.substr(0, eq));
  const std::string values = spec.substr(eq + 1);
  axis.origin = Origin{"--sweep", 0, 0, axis.key};
  // Each value is labelled with itself, so an error names the value at fault.
  auto value_origin = [&](const std::string& v) { return Origin{"--sweep " + axis.key + "=" + v, 0, 0, {}}; };
  static const std::regex range(R"(\s*([-+0-9.eE]+)\s*:\s*([-+0-9.eE]+)\s*:\s*([-+0-9.eE]+)\s*)");
  // start:stop alone is a range missing its step: say how to write it, with a step
  // that gives a few values, rather than let "0:1" be read as one odd value.
  static const std::regex two_part(R"(\s*([-+0-9.eE]+)\s*:\s*([-+0-9.eE]+)\s*)");
  std::smatch m;
  if (std::regex_match(values, m, two_part))
    throw ScenarioError(axis.origin, fmt::format("'{}' has no step; a range is start:stop:step, e.g. {}:{}:{} (or list "
                                                 "the values: {},{})",
                                                 values, m[1].str(), m[2].str(),
                                                 suggested_step(m[1].str(), m[2].str()), m[1].str(), m[2].str()));
  if (std::regex_match(values, m, range)) {
    for (const auto& v : range_values(m[1], m[2], m[3], axis.origin)) axis.values.push_back(value_node(v, value_origin(v)));
  } else {
    for (const auto& v : split_values(values)) {
      if (trim(v).empty())
        throw ScenarioError(axis.origin, "an empty value in '" + values + "'; separate values with commas");
      axis.values.push_back(value_node(trim(v), value_origin(trim(v))));
    }
  }
  return axis;
}

std::vector<SweepAxis> read_sweep_section(const Node& section, const std::string& path) {
  std::vector<SweepAxis> axes;
  if (section.kind == Node::Kind::null) return axes;
  if (section.kind != Node::Kind::map)
    fail(section, path, std::string("expected a map of key path -> values, found ") + section.kind_name());
  for (const auto& e : section.entries) {
    const std::string at = path + "." + e.key;
    SweepAxis axis;
    axis.key = e.key;
    axis.origin = e.key_origin;
    axis.origin.key_path = at;
    const Node& v = e.value;
    if (v.kind == Node::Kind::sequence) {
      axis.values = v.items;
    } else if (v.kind == Node::Kind::map) {
      MapReader r(v, at, {"start", "stop", "step"});
      auto text = [&](std::string_view key) {
        const Node& n = r.require(key);
        as_number(n, r.path(key));
        return n.scalar;
      };
      Origin where = v.origin;
      where.key_path = at;
      for (const auto& s : range_values(text("start"), text("stop"), text("step"), where)) {
        Node n = value_node(s, Origin{v.origin.file, 0, 0, {}});
        n.origin = v.origin;
        axis.values.push_back(std::move(n));
      }
    } else {
      fail(v, at, "expected a list of values, or a range {start, stop, step}");
    }
    if (axis.values.empty()) fail(v, at, "a sweep needs at least one value");
    axes.push_back(std::move(axis));
  }
  return axes;
}

SweepDesign expand(const std::vector<SweepAxis>& axes) {
  SweepDesign d;
  for (const auto& a : axes) d.keys.push_back(a.key);
  std::size_t total = 1;
  for (const auto& a : axes) {
    total *= a.values.size();
    if (total > kMaxValues)
      throw ScenarioError(a.origin, fmt::format("the sweep's design has more than {} points", kMaxValues));
  }
  for (std::size_t p = 0; p < total; ++p) {
    std::vector<std::string> cells, json;
    std::size_t rest = p, stride = total;
    for (const auto& a : axes) {  // the first axis varies slowest
      stride /= a.values.size();
      const Node& v = a.values[rest / stride];
      rest %= stride;
      cells.push_back(flow_text(v));
      json.push_back(to_json_value(v));
    }
    d.cells.push_back(std::move(cells));
    d.json.push_back(std::move(json));
  }
  return d;
}

namespace {

LoadedDesign design_from_tree(Node root, const std::string& source, const std::vector<std::string>& overrides,
                              const std::vector<std::string>& sweep_options) {
  for (const auto& o : overrides) apply_override(root, o);
  std::vector<SweepAxis> axes;
  if (const Node* s = root.find("sweep")) axes = read_sweep_section(*s, "sweep");
  std::vector<std::string> from_options;
  for (const auto& spec : sweep_options) {
    SweepAxis axis = parse_sweep_option(spec);
    if (std::find(from_options.begin(), from_options.end(), axis.key) != from_options.end())
      throw ScenarioError(axis.origin, "this key is swept twice on the command line; give all its values in one --sweep");
    from_options.push_back(axis.key);
    auto same = std::find_if(axes.begin(), axes.end(), [&](const SweepAxis& a) { return a.key == axis.key; });
    if (same != axes.end())
      *same = std::move(axis);
    else
      axes.push_back(std::move(axis));
  }
  LoadedDesign loaded;
  loaded.design = expand(axes);
  for (std::size_t p = 0; p < loaded.design.points(); ++p) {
    Node tree = root;
    std::size_t rest = p, stride = loaded.design.points();
    for (const auto& a : axes) {
      stride /= a.values.size();
      set_value(tree, a.key, a.values[rest / stride], "--sweep " + a.key);
      rest %= stride;
    }
    loaded.points.push_back(scenario_from_tree(tree, source));
  }
  return loaded;
}

}  // namespace

LoadedDesign load_design(const std::string& path, const std::vector<std::string>& overrides,
                         const std::vector<std::string>& sweep_options) {
  return design_from_tree(load_document(path), path, overrides, sweep_options);
}

LoadedDesign load_design_text(const std::string& text, const std::string& label,
                              const std::vector<std::string>& overrides, const std::vector<std::string>& sweep_options) {
  return design_from_tree(parse_document(text, label), label, overrides, sweep_options);
}

}  // namespace regimesim::load
