#include "load/scenario_loader.hpp"

#include <filesystem>

#include "load/document.hpp"
#include "load/reader.hpp"
#include "load/world_reader.hpp"

namespace regimesim::load {
namespace {

Dynamics read_dynamics(const Node& n, const std::string& path) {
  MapReader r(n, path, {"inventory_periods", "refill_steps", "price_rise", "price_ease", "share_adjustment"});
  Dynamics d;
  auto positive = [&](std::string_view key, double fallback, double min, const char* why) {
    const Node* v = r.get(key);
    if (!v) return fallback;
    const double x = as_number(*v, r.path(key));
    if (x < min) fail(*v, r.path(key), why);
    return x;
  };
  auto unit = [&](std::string_view key, double fallback) {
    const Node* v = r.get(key);
    if (!v) return fallback;
    const double x = as_number(*v, r.path(key));
    if (x < 0 || x > 1) fail(*v, r.path(key), "must lie between 0 and 1");
    return x;
  };
  d.inventory_periods = positive("inventory_periods", d.inventory_periods, 1.0,
                                 "must be at least 1: a firm holds at least one step of inputs");
  d.refill_steps = positive("refill_steps", d.refill_steps, 1.0, "must be at least 1 step");
  d.price_rise = positive("price_rise", d.price_rise, 0.0, "must be zero or more");
  d.price_ease = unit("price_ease", d.price_ease);
  d.share_adjustment = unit("share_adjustment", d.share_adjustment);
  return d;
}

// Issuers and destinations name states, or a regime standing for all its members.
std::vector<StateId> read_states_or_regimes(const Node& n, const std::string& path, const World& w) {
  std::vector<StateId> out;
  const auto list = as_list(n, path);
  if (list.empty()) fail(n, path, "expected a list of state codes or regime ids");
  for (std::size_t k = 0; k < list.size(); ++k) {
    const std::string name = as_string(*list[k], element_path(path, k));
    if (auto s = w.find_state(name)) {
      out.push_back(*s);
      continue;
    }
    bool found = false;
    for (const auto& g : w.regimes)
      if (g.id == name) out.insert(out.end(), g.members.begin(), g.members.end()), found = true;
    if (!found)
      fail(*list[k], element_path(path, k),
           "'" + name + "' is neither a state code in world.states nor a regime id in world.regimes");
  }
  return out;
}

std::vector<Control> read_controls(const Node& n, const std::string& path, const World& w, int steps) {
  std::vector<Control> out;
  const auto list = as_list(n, path);
  for (std::size_t k = 0; k < list.size(); ++k) {
    MapReader r(*list[k], element_path(path, k),
                {"id", "instrument", "issuers", "items", "destinations", "start", "end", "note"});
    Control c;
    c.id = r.string("id", "control-" + std::to_string(k));
    for (const auto& earlier : out)
      if (earlier.id == c.id) fail(*r.get("id"), r.path("id"), "duplicate control id '" + c.id + "'");
    c.instrument = as_choice<Instrument>(r.require("instrument"), r.path("instrument"), {{"embargo", Instrument::embargo}});
    c.issuers = read_states_or_regimes(r.require("issuers"), r.path("issuers"), w);
    c.destinations = read_states_or_regimes(r.require("destinations"), r.path("destinations"), w);
    const auto items = as_list(r.require("items"), r.path("items"));
    if (items.empty()) fail(r.require("items"), r.path("items"), "expected a list of item ids");
    for (std::size_t i = 0; i < items.size(); ++i) {
      const std::string id = as_string(*items[i], element_path(r.path("items"), i));
      auto item = w.find_item(id);
      if (!item) fail(*items[i], element_path(r.path("items"), i), "unknown item '" + id + "'");
      c.items.push_back(*item);
    }
    if (const Node* s = r.get("start")) {
      c.start_step = static_cast<int>(as_integer(*s, r.path("start")));
      if (c.start_step < 0 || c.start_step >= steps)
        fail(*s, r.path("start"), "must be a step from 0 to " + std::to_string(steps - 1));
    }
    if (const Node* e = r.get("end"); e && e->kind != Node::Kind::null) {
      c.end_step = static_cast<int>(as_integer(*e, r.path("end")));
      if (c.end_step <= c.start_step) fail(*e, r.path("end"), "must come after start (" + std::to_string(c.start_step) + ")");
    }
    c.origin = list[k]->origin;
    c.origin.key_path = r.path();
    out.push_back(std::move(c));
  }
  return out;
}

Scenario read_scenario(const Node& root, const std::string& source_file) {
  MapReader r(root, "", {"name", "description", "steps", "seed", "world", "dynamics", "controls"});
  Scenario s;
  s.source_file = source_file;
  s.name = r.string("name", std::filesystem::path(source_file).stem().string());
  s.description = r.string("description", "");
  if (const Node* n = r.get("steps")) {
    s.steps = static_cast<int>(as_integer(*n, "steps"));
    if (s.steps < 1 || s.steps > 100000) fail(*n, "steps", "must be a whole number of steps from 1 to 100000");
  }
  if (const Node* n = r.get("seed")) {
    const long long seed = as_integer(*n, "seed");
    if (seed < 0) fail(*n, "seed", "must be zero or more");
    s.seed = static_cast<std::uint64_t>(seed);
  }
  s.world = read_world(r.require("world"), "world");
  if (const Node* d = r.get("dynamics")) s.dynamics = read_dynamics(*d, "dynamics");
  if (const Node* c = r.get("controls")) s.controls = read_controls(*c, "controls", s.world, s.steps);
  s.resolved_json = to_json_text(root);
  return s;
}

}  // namespace

Scenario load_scenario(const std::string& path, const std::vector<std::string>& overrides) {
  Node root = load_document(path);
  for (const auto& o : overrides) apply_override(root, o);
  return read_scenario(root, path);
}

Scenario load_scenario_text(const std::string& text, const std::string& label,
                            const std::vector<std::string>& overrides) {
  Node root = parse_document(text, label);
  if (root.kind == Node::Kind::null) fail(root, "", "the scenario is empty");
  for (const auto& o : overrides) apply_override(root, o);
  return read_scenario(root, label);
}

}  // namespace regimesim::load
