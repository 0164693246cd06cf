#include "load/world_reader.hpp"

#include <algorithm>
#include <set>
#include <unordered_map>

#include "load/reader.hpp"
#include "load/sources_reader.hpp"
#include "load/world_generator.hpp"
#include "load/world_size.hpp"
#include "load/world_checks.hpp"

namespace regimesim::load {
namespace {

// Ids that later entries refer to, collected before their details are read so that
// a recipe may name an item declared further down.
struct Names {
  std::unordered_map<std::string, StateId> states;
  std::unordered_map<std::string, ItemId> items;
  std::unordered_map<std::string, FirmId> firms;

  template <class Map>
  static typename Map::mapped_type lookup(const Map& m, const Node& n, const std::string& path, const char* what) {
    const std::string name = as_string(n, path);
    auto it = m.find(name);
    if (it != m.end()) return it->second;
    std::string known;
    std::size_t shown = 0;
    for (const auto& [k, v] : m) {
      if (shown++ == 12) { known += ", ..."; break; }
      known += (known.empty() ? "" : ", ") + k;
    }
    fail(n, path, std::string("unknown ") + what + " '" + name + "'" + (known.empty() ? "" : "; known: " + known));
  }
  StateId state(const Node& n, const std::string& p) const { return lookup(states, n, p, "state"); }
  ItemId item(const Node& n, const std::string& p) const { return lookup(items, n, p, "item"); }
  FirmId firm(const Node& n, const std::string& p) const { return lookup(firms, n, p, "firm"); }
};

Origin located(const Node& n, const std::string& path) {
  Origin o = n.origin;
  o.key_path = path;
  return o;
}

template <class Index>
void declare(Index& index, const Node& id_node, const std::string& path, std::uint32_t value, const char* what) {
  const std::string id = as_string(id_node, path);
  if (id.empty()) fail(id_node, path, std::string("a ") + what + " needs a non-empty id");
  if (!index.emplace(id, value).second) fail(id_node, path, std::string("duplicate ") + what + " '" + id + "'");
}

ControlClassification read_classification(const Node& n, const std::string& path) {
  const std::string text = as_string(n, path);
  if (text == "none") return {};
  const auto colon = text.find(':');
  const std::string list = text.substr(0, colon);
  const std::string category = colon == std::string::npos ? "" : text.substr(colon + 1);
  static const std::set<std::string> lists{"wassenaar", "nsg", "mtcr", "ag", "national"};
  if (!lists.count(list) || category.empty())
    fail(n, path,
         "'" + text + "' is not a control classification; write LIST:CATEGORY with LIST one of "
         "wassenaar, nsg, mtcr, ag, national (e.g. wassenaar:3B, nsg:part1, mtcr:cat1, ag:chem), or none");
  return {list, category};
}

void read_states(const Node& list, const std::string& path, World& w, Names& names,
                 std::vector<const Node*>& demand_nodes, std::vector<const Node*>& treatment_nodes) {
  const auto entries = as_list(list, path);
  for (std::size_t k = 0; k < entries.size(); ++k) {
    MapReader r(*entries[k], element_path(path, k, *entries[k]),
                {"code", "name", "status", "income_group", "final_demand", "gdp_usd_bn", "population_m",
                 "security_concern", "enforcement_effort", "cooperation", "treated_as", "source"});
    State s;
    s.code = as_name(r.require("code"), r.path("code"));
    if (s.code.size() != 3 || !std::all_of(s.code.begin(), s.code.end(), [](char c) { return c >= 'A' && c <= 'Z'; }))
      fail(r.require("code"), r.path("code"),
           "'" + s.code + "' is not a state code: use an ISO 3166 alpha-3 code such as USA or CHN");
    declare(names.states, r.require("code"), r.path("code"), static_cast<StateId>(w.states.size()), "state");
    s.name = r.name("name", s.code);
    if (const Node* st = r.get("status"))
      s.status = as_choice<DevelopmentStatus>(*st, r.path("status"),
                                              {{"developed", DevelopmentStatus::developed},
                                               {"developing", DevelopmentStatus::developing},
                                               {"least_developed", DevelopmentStatus::least_developed}});
    if (const Node* g = r.get("income_group"))
      s.income_group = as_choice<IncomeGroup>(*g, r.path("income_group"),
                                              {{"high", IncomeGroup::high},
                                               {"upper_middle", IncomeGroup::upper_middle},
                                               {"lower_middle", IncomeGroup::lower_middle},
                                               {"low", IncomeGroup::low}});
    if (const Node* g = r.get("gdp_usd_bn")) s.gdp_usd_bn = as_non_negative(*g, r.path("gdp_usd_bn"));
    if (const Node* p = r.get("population_m")) s.population_m = as_non_negative(*p, r.path("population_m"));
    s.security_concern = unit_interval(r, "security_concern", s.security_concern);
    s.enforcement_effort = unit_interval(r, "enforcement_effort", s.enforcement_effort);
    s.cooperation = unit_interval(r, "cooperation", s.cooperation);
    if (const Node* src = r.get("source")) s.sources = read_source_ids(*src, r.path("source"), w);
    s.origin = located(*entries[k], r.path());
    demand_nodes.push_back(r.get("final_demand"));
    treatment_nodes.push_back(r.get("treated_as"));
    w.states.push_back(std::move(s));
  }
}

void read_items(const Node& list, const std::string& path, World& w, Names& names) {
  const auto entries = as_list(list, path);
  for (std::size_t k = 0; k < entries.size(); ++k) {
    MapReader r(*entries[k], element_path(path, k), {"id", "name", "control", "wmd", "tier", "substitutability", "recipe", "recipe_in", "substitutes", "source"});
    declare(names.items, r.require("id"), r.path("id"), static_cast<ItemId>(k), "item");
    if (r.require("id").scalar == "all")
      fail(r.require("id"), r.path("id"), "'all' is reserved: output tables use it for all items together");
  }
  for (std::size_t k = 0; k < entries.size(); ++k) {
    MapReader r(*entries[k], element_path(path, k), {"id", "name", "control", "wmd", "tier", "substitutability", "recipe", "recipe_in", "substitutes", "source"});
    Item item;
    item.id = as_name(r.require("id"), r.path("id"));
    item.name = r.name("name", item.id);
    if (const Node* c = r.get("control")) item.classification = read_classification(*c, r.path("control"));
    if (const Node* m = r.get("wmd"))
      item.wmd = as_choice<WmdRelevance>(*m, r.path("wmd"),
                                         {{"none", WmdRelevance::none}, {"nuclear", WmdRelevance::nuclear},
                                          {"chemical", WmdRelevance::chemical}, {"biological", WmdRelevance::biological},
                                          {"missile", WmdRelevance::missile}});
    if (const Node* t = r.get("tier")) {
      item.technology_tier = as_int_in(*t, r.path("tier"), 1, 5, "a technology tier runs from 1 (commodity) to 5 (frontier)");
    }
    if (const Node* s = r.get("substitutability")) {
      item.substitutability = as_non_negative(*s, r.path("substitutability"));
    }
    if (const Node* src = r.get("source")) item.sources = read_source_ids(*src, r.path("source"), w);
    item.origin = located(*entries[k], r.path());
    w.items.push_back(std::move(item));
  }
}

Node key_as_node(const NodeEntry& e) {
  Node key_node;
  key_node.kind = Node::Kind::scalar;
  key_node.scalar = e.key;
  key_node.origin = e.key_origin;
  return key_node;
}

// `recipe: {INPUT: units per unit of output}`; with `changes`, the entries replace
// those of the same input in `changes` (0 removes one) and add the others.
std::vector<RecipeInput> read_recipe(const Node& rec, const std::string& rpath, const Names& names,
                                     std::vector<RecipeInput> changes = {}) {
  if (rec.kind != Node::Kind::map) fail(rec, rpath, "expected a map of input item -> units per unit of output");
  for (const auto& e : rec.entries) {
    const std::string epath = rpath + "." + e.key;
    const ItemId input = names.item(key_as_node(e), epath);
    const double coefficient = as_non_negative(e.value, epath);
    auto same = std::find_if(changes.begin(), changes.end(), [&](const RecipeInput& in) { return in.item == input; });
    if (same != changes.end())
      same->coefficient = coefficient;
    else
      changes.push_back(RecipeInput{input, coefficient});
  }
  std::erase_if(changes, [](const RecipeInput& in) { return in.coefficient <= 0; });
  return changes;
}

void read_recipes(const Node& list, const std::string& path, World& w, const Names& names) {
  const auto entries = as_list(list, path);
  for (std::size_t k = 0; k < entries.size(); ++k) {
    const Node* rec = entries[k]->find("recipe");
    if (rec && rec->kind != Node::Kind::null) {
      // The base recipe keeps zero entries as written (a zero is harmless and `check` shows it).
      const std::string rpath = element_path(path, k) + ".recipe";
      if (rec->kind != Node::Kind::map) fail(*rec, rpath, "expected a map of input item -> units per unit of output");
      for (const auto& e : rec->entries) {
        const std::string epath = rpath + "." + e.key;
        w.items[k].recipe.push_back(RecipeInput{names.item(key_as_node(e), epath), as_non_negative(e.value, epath)});
      }
    }
    // `recipe_in: {STATE: {INPUT: units, ...}}`: the changes to the recipe for makers in STATE.
    const Node* by_state = entries[k]->find("recipe_in");
    if (!by_state || by_state->kind == Node::Kind::null) continue;
    const std::string spath = element_path(path, k) + ".recipe_in";
    if (by_state->kind != Node::Kind::map)
      fail(*by_state, spath, "expected a map of state -> recipe changes, e.g. {CHN: {lithography_euv: 0}}");
    for (const auto& e : by_state->entries) {
      const std::string epath = spath + "." + e.key;
      const StateId state = names.state(key_as_node(e), epath);
      w.items[k].recipe_in.push_back(StateRecipe{state, read_recipe(e.value, epath, names, w.items[k].recipe)});
    }
  }
}

// `substitutes: [{item: ID, penalty: P}]`: lower-tier items that can stand in for this
// one, read after every item is known since a substitute may be declared further down.
void read_substitutes(const Node& list, const std::string& path, World& w, const Names& names) {
  const auto entries = as_list(list, path);
  for (std::size_t k = 0; k < entries.size(); ++k) {
    const Node* subs = entries[k]->find("substitutes");
    if (!subs || subs->kind == Node::Kind::null) continue;
    const std::string spath = element_path(path, k) + ".substitutes";
    const auto options = as_list(*subs, spath);
    for (std::size_t j = 0; j < options.size(); ++j) {
      MapReader r(*options[j], element_path(spath, j), {"item", "penalty"});
      const ItemId sub = names.item(r.require("item"), r.path("item"));
      const Item& item = w.items[k];
      if (sub == k) fail(r.require("item"), r.path("item"), "an item cannot substitute for itself");
      if (w.items[sub].technology_tier >= item.technology_tier)
        fail(r.require("item"), r.path("item"),
             "a substitute must be of a lower technology tier: '" + w.items[sub].id + "' is tier " +
                 std::to_string(w.items[sub].technology_tier) + ", '" + item.id + "' is tier " +
                 std::to_string(item.technology_tier));
      double penalty = 0.0;
      if (const Node* p = r.get("penalty")) {
        penalty = as_non_negative(*p, r.path("penalty"));
        if (penalty >= 1) fail(*p, r.path("penalty"), "a productivity penalty is a share from 0 to below 1, e.g. 0.3");
      }
      w.items[k].substitutes.push_back(TierSubstitute{sub, penalty});
    }
  }
}

void read_final_demand(const std::vector<const Node*>& demand_nodes, const std::string& states_path, World& w,
                       const Names& names) {
  for (std::size_t s = 0; s < demand_nodes.size(); ++s) {
    const Node* d = demand_nodes[s];
    if (!d || d->kind == Node::Kind::null) continue;
    const std::string dpath = states_path + "." + w.states[s].code + ".final_demand";
    if (d->kind != Node::Kind::map) fail(*d, dpath, "expected a map of item -> quantity per step");
    for (const auto& e : d->entries) {
      const std::string epath = dpath + "." + e.key;
      const ItemId item = names.item(key_as_node(e), epath);
      const double q = as_non_negative(e.value, epath);
      if (q > 0) w.states[s].final_demand.emplace_back(item, q);
    }
  }
}

// Read once every state is declared: a state may be treated as one listed after it.
void read_treatments(const std::vector<const Node*>& nodes, const std::string& states_path, World& w,
                     const Names& names) {
  for (std::size_t s = 0; s < nodes.size(); ++s) {
    if (!nodes[s] || nodes[s]->kind == Node::Kind::null) continue;
    const std::string tpath = states_path + "." + w.states[s].code + ".treated_as";
    const auto entries = as_list(*nodes[s], tpath);
    for (std::size_t k = 0; k < entries.size(); ++k) {
      MapReader r(*entries[k], element_path(tpath, k), {"as", "by", "source"});
      TreatedAs t;
      t.as = names.state(r.require("as"), r.path("as"));
      if (t.as == s) fail(r.require("as"), r.path("as"), "a state cannot be treated as itself; name another state");
      const auto by = as_list(r.require("by"), r.path("by"));
      if (by.empty()) fail(r.require("by"), r.path("by"), "name at least one state whose controls treat it so");
      for (std::size_t b = 0; b < by.size(); ++b) t.by.push_back(names.state(*by[b], element_path(r.path("by"), b)));
      if (const Node* src = r.get("source")) t.sources = read_source_ids(*src, r.path("source"), w);
      w.states[s].treated_as.push_back(std::move(t));
    }
  }
}

std::vector<StateId> read_members(const MapReader& r, const Names& names) {
  std::vector<StateId> members;
  const auto list = as_list(r.require("members"), r.path("members"));
  for (std::size_t m = 0; m < list.size(); ++m) {
    const StateId s = names.state(*list[m], element_path(r.path("members"), m));
    if (std::find(members.begin(), members.end(), s) != members.end())
      fail(*list[m], element_path(r.path("members"), m), "state listed twice");
    members.push_back(s);
  }
  return members;
}

void read_regimes(const Node& list, const std::string& path, World& w, const Names& names) {
  const auto entries = as_list(list, path);
  std::set<std::string> seen;
  for (std::size_t k = 0; k < entries.size(); ++k) {
    MapReader r(*entries[k], element_path(path, k), {"id", "name", "members", "as_of", "source"});
    Regime g;
    g.id = as_name(r.require("id"), r.path("id"));
    if (!seen.insert(g.id).second) fail(r.require("id"), r.path("id"), "duplicate regime '" + g.id + "'");
    g.name = r.name("name", g.id);
    g.members = read_members(r, names);
    g.as_of = r.string("as_of", "");
    if (const Node* src = r.get("source")) g.sources = read_source_ids(*src, r.path("source"), w);
    g.origin = located(*entries[k], r.path());
    w.regimes.push_back(std::move(g));
  }
}

// `changes: [{at: 12, joins: [KOR]}, {at: 18, leaves: [NLD]}]`, in step order; a
// state joins only when outside and leaves only when inside.
std::vector<MembershipChange> read_membership_changes(const Node& list, const std::string& path,
                                                      const std::vector<StateId>& initial, const Names& names) {
  std::vector<MembershipChange> out;
  std::vector<StateId> now = initial;
  int last = -1;
  const auto entries = as_list(list, path);
  for (std::size_t k = 0; k < entries.size(); ++k) {
    MapReader r(*entries[k], element_path(path, k), {"at", "joins", "leaves"});
    const int at = as_int_in(r.require("at"), r.path("at"), last + 1 < 1 ? 1 : last + 1, 1000000000,
                             "must be a step after 0 and after the previous change");
    last = at;
    if (!r.get("joins") && !r.get("leaves")) fail(*entries[k], r.path(), "say who 'joins' or 'leaves' at this step");
    for (const char* key : {"joins", "leaves"}) {
      const Node* n = r.get(key);
      if (!n) continue;
      const bool joins = std::string_view(key) == "joins";
      const auto states = as_list(*n, r.path(key));
      for (std::size_t m = 0; m < states.size(); ++m) {
        const StateId s = names.state(*states[m], element_path(r.path(key), m));
        const bool inside = std::find(now.begin(), now.end(), s) != now.end();
        if (joins == inside)
          fail(*states[m], element_path(r.path(key), m), joins ? "is already a member then" : "is not a member then");
        if (joins) now.push_back(s);
        else std::erase(now, s);
        out.push_back({last, s, joins});
      }
    }
  }
  return out;
}

// `join_when: {leakage: 0.2, stake_weight: 0.5, steps: 3}` (behaviour/coalition_joining.hpp).
JoinTrigger read_join_trigger(const Node& n, const std::string& path) {
  MapReader r(n, path, {"leakage", "stake_weight", "steps"});
  JoinTrigger t;
  r.require("leakage");
  t.leakage = unit_interval(r, "leakage", t.leakage);
  if (const Node* w = r.get("stake_weight")) {
    t.stake_weight = as_number(*w, r.path("stake_weight"));
    if (t.stake_weight < 0 || t.stake_weight > 10)
      fail(*w, r.path("stake_weight"), "a weight from 0 (exports at stake do not count) to 10");
  }
  if (const Node* st = r.get("steps"))
    t.steps = as_int_in(*st, r.path("steps"), 1, 1000, "must be a whole number of steps from 1 to 1000");
  return t;
}

void read_coalitions(const Node& list, const std::string& path, World& w, const Names& names) {
  const auto entries = as_list(list, path);
  for (std::size_t k = 0; k < entries.size(); ++k) {
    MapReader r(*entries[k], element_path(path, k),
                {"id", "name", "members", "changes", "candidates", "decide_at", "join_when"});
    Coalition c;
    c.id = as_name(r.require("id"), r.path("id"));
    if (w.find_coalition(c.id) || w.find_regime(c.id) || names.states.count(c.id))
      fail(r.require("id"), r.path("id"), "'" + c.id + "' is already the id of a state, regime or coalition");
    c.name = r.name("name", c.id);
    c.members = read_members(r, names);
    if (const Node* ch = r.get("changes")) c.changes = read_membership_changes(*ch, r.path("changes"), c.members, names);
    if (const Node* cand = r.get("candidates")) {
      const auto list = as_list(*cand, r.path("candidates"));
      for (std::size_t m = 0; m < list.size(); ++m) {
        const StateId s = names.state(*list[m], element_path(r.path("candidates"), m));
        const bool member = std::find(c.members.begin(), c.members.end(), s) != c.members.end();
        const bool changing = std::any_of(c.changes.begin(), c.changes.end(), [&](const MembershipChange& x) { return x.state == s; });
        const bool twice = std::find(c.candidates.begin(), c.candidates.end(), s) != c.candidates.end();
        if (member || changing || twice)
          fail(*list[m], element_path(r.path("candidates"), m),
               twice ? "state listed twice" : "is a member or joins by event already: a candidate decides for itself");
        c.candidates.push_back(s);
      }
    }
    if (const Node* at = r.get("decide_at")) {
      c.decide_at = as_int_in(*at, r.path("decide_at"), 0, 1000000000, "must be a step, 0 or more");
    }
    if (const Node* when = r.get("join_when")) {
      if (r.get("decide_at"))
        fail(*when, r.path("join_when"),
             "give either 'decide_at' (candidates decide once, from the baseline) or 'join_when' (they decide "
             "during the run), not both");
      if (c.candidates.empty())
        fail(*when, r.path("join_when"), "'join_when' is the candidates' rule: list them in 'candidates'");
      c.join_when = read_join_trigger(*when, r.path("join_when"));
    }
    c.origin = located(*entries[k], r.path());
    w.coalitions.push_back(std::move(c));
  }
}

// `alignment: {RUS: {CHN: 0.8}}`: a map (not a key of each state) so that a scenario
// built on a world can add a figure without rewriting the world's list of states.
void read_alignment(const Node& map, const std::string& path, World& w, const Names& names) {
  if (map.kind != Node::Kind::map) fail(map, path, "expected a map of state -> {other state: alignment 0 to 1}");
  for (const auto& e : map.entries) {
    const std::string spath = path + "." + e.key;
    const StateId s = names.state(key_as_node(e), spath);
    if (e.value.kind != Node::Kind::map) fail(e.value, spath, "expected a map of other state -> alignment 0 to 1");
    for (const auto& o : e.value.entries) {
      const std::string opath = spath + "." + o.key;
      const StateId other = names.state(key_as_node(o), opath);
      if (other == s) fail(o.value, opath, "a state's alignment with itself is not a figure; name other states");
      const double a = as_non_negative(o.value, opath);
      if (a > 1) fail(o.value, opath, "an alignment lies between 0 and 1");
      w.states[s].alignment.emplace_back(other, a);
    }
  }
}

void read_production_sources(const Node& map, const std::string& path, World& w, const Names& names) {
  if (map.kind != Node::Kind::map) fail(map, path, "expected a map of item -> source id (or list of source ids)");
  for (const auto& e : map.entries) {
    const std::string epath = path + "." + e.key;
    w.production_sources.emplace_back(names.item(key_as_node(e), epath), read_source_ids(e.value, epath, w));
  }
}

void read_firms(const Node& list, const std::string& path, World& w, Names& names) {
  const auto entries = as_list(list, path);
  for (std::size_t k = 0; k < entries.size(); ++k) {
    MapReader r(*entries[k], element_path(path, k), {"id", "state", "item", "capacity", "end_use"});
    Firm f;
    f.id = as_name(r.require("id"), r.path("id"));
    declare(names.firms, r.require("id"), r.path("id"), static_cast<FirmId>(w.firms.size()), "firm");
    f.state = names.state(r.require("state"), r.path("state"));
    f.item = names.item(r.require("item"), r.path("item"));
    f.capacity = as_non_negative(r.require("capacity"), r.path("capacity"));
    f.market_weight = *f.capacity;
    if (const Node* e = r.get("end_use"))
      f.end_use = as_choice<EndUse>(*e, r.path("end_use"),
                                    {{"civilian", EndUse::civilian}, {"military", EndUse::military},
                                     {"wmd_risk", EndUse::wmd_risk}});
    f.origin = w.add_origin(located(*entries[k], r.path()));
    w.firms.push_back(std::move(f));
  }
}

void read_links(const Node& list, const std::string& path, World& w, const Names& names) {
  const auto entries = as_list(list, path);
  for (std::size_t k = 0; k < entries.size(); ++k) {
    MapReader r(*entries[k], element_path(path, k), {"supplier", "buyer", "volume"});
    Link l;
    l.supplier = names.firm(r.require("supplier"), r.path("supplier"));
    l.buyer = names.firm(r.require("buyer"), r.path("buyer"));
    l.volume = as_non_negative(r.require("volume"), r.path("volume"));
    l.origin = w.add_origin(located(*entries[k], r.path()));
    const Item& bought = w.items[w.firms[l.buyer].item];
    const ItemId supplied = w.firms[l.supplier].item;
    bool in_recipe = false;
    for (const auto& in : bought.recipe_for(w.firms[l.buyer].state)) in_recipe |= in.item == supplied && in.coefficient > 0;
    if (!in_recipe)
      fail(*entries[k], r.path(),
           "firm '" + w.firms[l.supplier].id + "' makes '" + w.items[supplied].id + "', which is not an input of '" +
               bought.id + "' (what '" + w.firms[l.buyer].id + "' makes)");
    w.links.push_back(std::move(l));
  }
}

// `import_shares: [{buyer: USA, item: rare_earth_oxides, from: {CHN: 0.7, ...}, source: ...}]`:
// public bilateral figures, read after the production shares they must agree with.
std::vector<ImportShares> read_import_shares(const Node& list, const std::string& path, const World& w,
                                             const Names& names, const GenerationSpec& g) {
  std::vector<ImportShares> out;
  const auto entries = as_list(list, path);
  for (std::size_t k = 0; k < entries.size(); ++k) {
    MapReader r(*entries[k], element_path(path, k), {"buyer", "item", "from", "source"});
    ImportShares f;
    f.buyer = names.state(r.require("buyer"), r.path("buyer"));
    f.item = names.item(r.require("item"), r.path("item"));
    f.origin = located(*entries[k], r.path());
    const ProductionShares* made = nullptr;
    for (const auto& p : g.production) made = p.item == f.item ? &p : made;
    if (!made)
      fail(r.require("item"), r.path("item"),
           "'" + w.items[f.item].id + "' has no production shares; import shares apply to generated items only");
    for (const auto& other : out)
      if (other.buyer == f.buyer && other.item == f.item)
        fail(*entries[k], r.path(), "import shares of '" + w.items[f.item].id + "' into " + w.states[f.buyer].code +
                                        " are given twice; keep one entry");
    const Node& from = r.require("from");
    if (from.kind != Node::Kind::map) fail(from, r.path("from"), "expected a map of supplying state -> share of imports");
    double sum = 0;
    for (const auto& e : from.entries) {
      const std::string epath = r.path("from") + "." + e.key;
      const StateId s = names.state(key_as_node(e), epath);
      if (s == f.buyer) fail(e.value, epath, "a state does not import from itself; import shares name other states");
      const double share = as_non_negative(e.value, epath);
      if (share > 1) fail(e.value, epath, "a share of imports is at most 1");
      double production = 0;
      for (const auto& [state, x] : made->shares) production += state == s ? x : 0.0;
      if (share > 0 && !(production > 0))
        fail(e.value, epath, w.states[s].code + " makes no '" + w.items[f.item].id +
                                 "' in the production shares, so it cannot supply a share of the imports");
      f.from.emplace_back(s, share);
      sum += share;
    }
    if (sum > 1 + 1e-9)
      fail(from, r.path("from"), "shares of imports sum to at most 1; these sum to " + std::to_string(sum));
    if (const Node* src = r.get("source")) f.sources = read_source_ids(*src, r.path("source"), w);
    out.push_back(std::move(f));
  }
  return out;
}

GenerationSpec read_generation(const MapReader& r, World& w, const Names& names, int& fd_per_state) {
  GenerationSpec g;
  if (const Node* n = r.get("seed")) {
    g.seed = as_seed(*n, r.path("seed"));
  }
  if (const Node* n = r.get("firms_per_state")) {
    g.firms_per_state = as_int_in(*n, r.path("firms_per_state"), 1, kMaxFirmsPerState,
                                  "must be a whole number from 1 to " + std::to_string(kMaxFirmsPerState));
  }
  if (const Node* n = r.get("links_per_input")) {
    g.links_per_input = as_int_in(*n, r.path("links_per_input"), 1, kMaxLinksPerInput,
                                  "must be a whole number from 1 to " + std::to_string(kMaxLinksPerInput));
  }
  if (const Node* n = r.get("final_demand_suppliers_per_state")) {
    fd_per_state = as_int_in(*n, r.path("final_demand_suppliers_per_state"), 0, kMaxLinksPerInput,
                             "must be 0 (all) or a whole number up to " + std::to_string(kMaxLinksPerInput));
  }
  if (const Node* n = r.get("firm_size_spread")) g.firm_size_spread = as_non_negative(*n, r.path("firm_size_spread"));
  if (const Node* n = r.get("capacity_headroom")) w.capacity_headroom = as_non_negative(*n, r.path("capacity_headroom"));
  const Node& prod = r.require("production");
  const std::string ppath = r.path("production");
  if (prod.kind != Node::Kind::map) fail(prod, ppath, "expected a map of item -> {state: world share}");
  for (const auto& e : prod.entries) {
    const std::string ipath = ppath + "." + e.key;
    ProductionShares p;
    p.item = names.item(key_as_node(e), ipath);
    p.origin = located(e.value, ipath);
    if (e.value.kind != Node::Kind::map) fail(e.value, ipath, "expected a map of state -> world share");
    double sum = 0;
    for (const auto& s : e.value.entries) {
      const double share = as_non_negative(s.value, ipath + "." + s.key);
      p.shares.emplace_back(names.state(key_as_node(s), ipath + "." + s.key), share);
      sum += share;
    }
    if (std::abs(sum - 1.0) > 1e-6)
      fail(e.value, ipath, "world shares must sum to 1, these sum to " + std::to_string(sum));
    g.production.push_back(std::move(p));
  }
  if (const Node* n = r.get("import_shares")) g.import_shares = read_import_shares(*n, r.path("import_shares"), w, names, g);
  return g;
}

}  // namespace

World read_world(const Node& node, const std::string& path) {
  MapReader r(node, path,
              {"sources", "states", "items", "regimes", "coalitions", "firms", "links", "generate",
               "final_demand_suppliers_per_state", "production_sources", "alignment"});
  World w;
  Names names;
  if (const Node* src = r.get("sources")) w.sources = read_sources(*src, r.path("sources"));
  std::vector<const Node*> demand_nodes, treatment_nodes;
  read_states(r.require("states"), r.path("states"), w, names, demand_nodes, treatment_nodes);
  if (w.states.empty()) fail(r.require("states"), r.path("states"), "a world needs at least one state");
  read_items(r.require("items"), r.path("items"), w, names);
  if (w.items.empty()) fail(r.require("items"), r.path("items"), "a world needs at least one item");
  read_recipes(r.require("items"), r.path("items"), w, names);
  read_substitutes(r.require("items"), r.path("items"), w, names);
  check_recipes_productive(w, located(r.require("items"), r.path("items")));
  read_final_demand(demand_nodes, r.path("states"), w, names);
  read_treatments(treatment_nodes, r.path("states"), w, names);
  if (const Node* a = r.get("alignment")) read_alignment(*a, r.path("alignment"), w, names);
  if (const Node* g = r.get("regimes")) read_regimes(*g, r.path("regimes"), w, names);
  if (const Node* c = r.get("coalitions")) read_coalitions(*c, r.path("coalitions"), w, names);
  if (const Node* ps = r.get("production_sources")) read_production_sources(*ps, r.path("production_sources"), w, names);
  if (const Node* f = r.get("firms")) read_firms(*f, r.path("firms"), w, names);
  if (const Node* l = r.get("links")) read_links(*l, r.path("links"), w, names);

  int fd_per_state = 0;
  if (const Node* n = r.get("final_demand_suppliers_per_state")) {
    fd_per_state = as_int_in(*n, r.path("final_demand_suppliers_per_state"), 0, kMaxLinksPerInput,
                             "must be 0 (all) or a whole number up to " + std::to_string(kMaxLinksPerInput));
  }
  std::uint64_t seed = 1;
  if (const Node* g = r.get("generate")) {
    MapReader gr(*g, r.path("generate"),
                 {"seed", "firms_per_state", "links_per_input", "final_demand_suppliers_per_state", "firm_size_spread",
                  "capacity_headroom", "production", "import_shares"});
    const GenerationSpec spec = read_generation(gr, w, names, fd_per_state);
    seed = spec.seed;
    w.generation_seed = spec.seed;
    check_generation_against_listed_firms(w, spec);
    const Node* fps = gr.get("firms_per_state");
    check_generated_size(w, spec, fps ? located(*fps, gr.path("firms_per_state")) : located(*g, r.path("generate")));
    generate_firms_and_links(w, spec);
  }
  if (w.firms.empty()) fail(node, path, "a world needs firms: list them under 'firms' or give 'generate'");
  check_every_input_supplied(w);
  check_final_demand_has_makers(w);
  link_final_demand(w, fd_per_state, seed);
  return w;
}

}  // namespace regimesim::load
