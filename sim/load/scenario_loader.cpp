#include "load/scenario_loader.hpp"

#include <algorithm>
#include <filesystem>

#include "load/control_reader.hpp"
#include "load/document.hpp"
#include "load/reader.hpp"
#include "load/responses_reader.hpp"
#include "load/world_reader.hpp"

namespace regimesim::load {
namespace {

Dynamics read_dynamics(const Node& n, const std::string& path) {
  MapReader r(n, path, {"inventory_periods", "refill_steps", "price_rise", "price_ease", "share_adjustment",
                        "critical_input_share", "demand_elasticity"});
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
  d.critical_input_share = unit("critical_input_share", d.critical_input_share);
  d.demand_elasticity = positive("demand_elasticity", d.demand_elasticity, 0.0, "must be zero or more");
  if (d.demand_elasticity > 10)
    fail(*r.get("demand_elasticity"), r.path("demand_elasticity"),
         "must lie between 0 (demand ignores price) and 10; estimated price elasticities of final demand lie "
         "mostly between 0.1 and 3");
  return d;
}

// The firms whose own rows the outputs carry: named in an entity list, listed as an end
// user (military or WMD-risk), or asked for by `report_firms: [ids]`.
std::vector<FirmId> reported_firms(const Node* asked, const World& w, const std::vector<Control>& controls) {
  std::vector<FirmId> out;
  auto add = [&](FirmId f) {
    if (std::find(out.begin(), out.end(), f) == out.end()) out.push_back(f);
  };
  for (const Control& c : controls)
    for (FirmId f : c.destinations.entities) add(f);
  for (FirmId f = 0; f < w.firms.size(); ++f)
    if (w.firms[f].end_use != EndUse::civilian) add(f);
  if (asked) {
    const auto list = as_list(*asked, "report_firms");
    for (std::size_t k = 0; k < list.size(); ++k) {
      const std::string id = as_string(*list[k], element_path("report_firms", k));
      const auto f = w.find_firm(id);
      if (!f)
        fail(*list[k], element_path("report_firms", k),
             "unknown firm '" + id + "' (firm ids are in world.firms; generated firms are named like chips@CHN#0)");
      add(*f);
    }
  }
  return out;
}

Scenario read_scenario(const Node& root, const std::string& source_file, WorldCache* worlds = nullptr) {
  MapReader r(root, "", {"name", "description", "steps", "seed", "world", "dynamics", "responses", "controls", "sweep",
                         "report_firms"});
  Scenario s;
  s.source_file = source_file;
  s.name = r.name("name", std::filesystem::path(source_file).stem().string());
  s.description = r.string("description", "");
  if (const Node* n = r.get("steps")) {
    s.steps = as_int_in(*n, "steps", 1, 100000, "must be a whole number of steps from 1 to 100000");
  }
  if (const Node* n = r.get("seed")) s.seed = as_seed(*n, "seed");
  const Node& world = r.require("world");
  if (worlds) {
    std::string section = to_json_value(world);
    if (auto it = worlds->by_section.find(section); it != worlds->by_section.end()) {
      s.world = it->second;
      ++worlds->reused;
    } else {
      s.world = read_world(world, "world");
      worlds->by_section.emplace(std::move(section), s.world);
      ++worlds->built;
    }
  } else {
    s.world = read_world(world, "world");
  }
  if (const Node* d = r.get("dynamics")) s.dynamics = read_dynamics(*d, "dynamics");
  if (const Node* x = r.get("responses")) s.responses = read_responses(*x, "responses", s.world);
  if (const Node* c = r.get("controls")) s.controls = read_controls(*c, "controls", s.world, s.steps);
  s.reported_firms = reported_firms(r.get("report_firms"), s.world, s.controls);
  s.resolved_json = to_json_text(root);
  return s;
}

}  // namespace

Scenario scenario_from_tree(const Node& root, const std::string& source_file) {
  if (root.kind == Node::Kind::null) fail(root, "", "the scenario is empty");
  return read_scenario(root, source_file);
}

Scenario load_scenario(const std::string& path, const std::vector<std::string>& overrides) {
  Node root = load_document(path);
  for (const auto& o : overrides) apply_override(root, o);
  return read_scenario(root, path);
}

Scenario load_scenario(const std::string& path, const std::vector<std::string>& overrides, WorldCache& worlds) {
  Node root = load_document(path);
  for (const auto& o : overrides) apply_override(root, o);
  return read_scenario(root, path, &worlds);
}

Scenario load_scenario_text(const std::string& text, const std::string& label,
                            const std::vector<std::string>& overrides) {
  Node root = parse_document(text, label);
  if (root.kind == Node::Kind::null) fail(root, "", "the scenario is empty");
  for (const auto& o : overrides) apply_override(root, o);
  return read_scenario(root, label);
}

}  // namespace regimesim::load
