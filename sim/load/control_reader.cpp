#include "load/control_reader.hpp"

#include <algorithm>

#include "load/reader.hpp"

namespace regimesim::load {
namespace {

void add_unique(std::vector<StateId>& to, const std::vector<StateId>& from) {
  for (StateId s : from)
    if (std::find(to.begin(), to.end(), s) == to.end()) to.push_back(s);
}

// A state code, or a coalition or regime standing for all its members.
std::vector<StateId> states_named(const Node& n, const std::string& path, const World& w, Issuer::Kind* kind = nullptr) {
  const std::string name = as_string(n, path);
  if (auto s = w.find_state(name)) {
    if (kind) *kind = Issuer::Kind::state;
    return {*s};
  }
  if (const Coalition* c = w.find_coalition(name)) {
    if (kind) *kind = Issuer::Kind::coalition;
    return c->members;  // its later joins and leaves go with the issuer (read_issuer)
  }
  if (const Regime* r = w.find_regime(name)) {
    if (kind) *kind = Issuer::Kind::regime;
    return r->members;
  }
  fail(n, path, "'" + name + "' is neither a state code in world.states, a coalition id in world.coalitions, "
                "nor a regime id in world.regimes");
}

// `issuer: USA | chip-circle | wassenaar`, or `issuers: [USA, KOR]` acting together.
Issuer read_issuer(const MapReader& r, const World& w) {
  Issuer is;
  const Node* one = r.get("issuer");
  const Node* many = r.get("issuers");
  if (one && many) fail(*many, r.path("issuers"), "give either 'issuer' or 'issuers', not both");
  if (one) {
    is.id = as_string(*one, r.path("issuer"));
    is.members = states_named(*one, r.path("issuer"), w, &is.kind);
    if (const Coalition* c = w.find_coalition(is.id); c && is.kind == Issuer::Kind::coalition) {
      is.changes = c->changes;
      is.candidates = c->candidates;
      is.decide_at = c->decide_at;
      is.join_when = c->join_when;
    }
    return is;
  }
  if (!many) fail(r.node(), r.path(), "missing required key 'issuer' (a state code, coalition id or regime id)");
  is.members = read_state_list(*many, r.path("issuers"), w);
  is.kind = is.members.size() == 1 ? Issuer::Kind::state : Issuer::Kind::coalition;
  for (StateId s : is.members) is.id += (is.id.empty() ? "" : "+") + w.states[s].code;
  return is;
}

// One entry of `items:`: an item id; LIST:CATEGORY (wassenaar:3B) or LIST:* for a
// whole list; wmd:KIND or wmd:any; tier>=N; or all.
std::vector<ItemId> select_items(const Node& n, const std::string& path, const World& w) {
  const std::string sel = as_string(n, path);
  std::vector<ItemId> out;
  auto keep_if = [&](auto pred) {
    for (ItemId i = 0; i < w.items.size(); ++i)
      if (pred(w.items[i])) out.push_back(i);
  };
  if (auto i = w.find_item(sel)) return {*i};
  if (sel == "all") {
    keep_if([](const Item&) { return true; });
  } else if (sel.rfind("tier>=", 0) == 0) {
    const std::string digits = sel.substr(6);
    if (digits.size() != 1 || digits[0] < '1' || digits[0] > '5') fail(n, path, "'" + sel + "': write tier>=N with N from 1 to 5");
    const int tier = digits[0] - '0';
    keep_if([&](const Item& it) { return it.technology_tier >= tier; });
  } else if (sel.rfind("wmd:", 0) == 0) {
    const std::string kind = sel.substr(4);
    static const char* kinds[] = {"nuclear", "chemical", "biological", "missile"};
    if (kind != "any" && std::none_of(std::begin(kinds), std::end(kinds), [&](const char* k) { return kind == k; }))
      fail(n, path, "'" + sel + "': expected wmd:any, wmd:nuclear, wmd:chemical, wmd:biological or wmd:missile");
    keep_if([&](const Item& it) { return it.wmd != WmdRelevance::none && (kind == "any" || kind == to_string(it.wmd)); });
  } else if (const auto colon = sel.find(':'); colon != std::string::npos) {
    const std::string list = sel.substr(0, colon), category = sel.substr(colon + 1);
    keep_if([&](const Item& it) {
      return it.classification.list == list && (category == "*" || it.classification.category == category);
    });
  } else {
    fail(n, path, "unknown item '" + sel + "'; an item selector is an item id, LIST:CATEGORY (wassenaar:3B), "
                  "LIST:* (nsg:*), wmd:any or wmd:KIND, tier>=N, or all");
  }
  if (out.empty()) fail(n, path, "'" + sel + "' matches no item of this world");
  return out;
}

std::vector<FirmId> read_entities(const Node& n, const std::string& path, const World& w) {
  std::vector<FirmId> out;
  const auto list = as_list(n, path);
  if (list.empty()) fail(n, path, "an entity list needs at least one firm id");
  for (std::size_t k = 0; k < list.size(); ++k) {
    const std::string id = as_string(*list[k], element_path(path, k));
    auto f = w.find_firm(id);
    if (!f) fail(*list[k], element_path(path, k), "unknown firm '" + id + "' (firm ids are in world.firms)");
    out.push_back(*f);
  }
  return out;
}

Destinations read_destinations(const Node& n, const std::string& path, const World& w) {
  Destinations d;
  if (n.kind == Node::Kind::sequence) {
    d.states = read_state_list(n, path, w);
    return d;
  }
  MapReader r(n, path, {"states", "end_uses", "entities"});
  if (const Node* s = r.get("states")) d.states = read_state_list(*s, r.path("states"), w);
  if (const Node* e = r.get("end_uses")) {
    const auto list = as_list(*e, r.path("end_uses"));
    for (std::size_t k = 0; k < list.size(); ++k)
      d.end_uses.push_back(as_choice<EndUse>(*list[k], element_path(r.path("end_uses"), k),
                                             {{"civilian", EndUse::civilian}, {"military", EndUse::military},
                                              {"wmd_risk", EndUse::wmd_risk}}));
  }
  if (const Node* e = r.get("entities")) {
    d.entities = read_entities(*e, r.path("entities"), w);
    if (r.get("states") || r.get("end_uses"))
      fail(*e, r.path("entities"), "an entity list names its firms only: drop 'states' and 'end_uses' here");
  }
  if (!r.get("states") && !r.get("end_uses") && !r.get("entities"))
    fail(n, path, "say whom the control targets: 'states', 'end_uses' and/or 'entities'");
  return d;
}

Licensing read_licensing(const Node* n, const std::string& path, Instrument instrument) {
  Licensing l;
  if (instrument == Instrument::presumption_of_denial) l.approval_probability = 0.05;
  if (!n) return l;
  MapReader r(*n, path, {"approval_probability", "delay_steps", "cost_per_application"});
  if (const Node* p = r.get("approval_probability")) {
    l.approval_probability = as_number(*p, r.path("approval_probability"));
    if (l.approval_probability < 0 || l.approval_probability > 1)
      fail(*p, r.path("approval_probability"), "must lie between 0 and 1");
  }
  if (const Node* d = r.get("delay_steps")) {
    l.delay_steps = as_int_in(*d, r.path("delay_steps"), 0, 120, "must be a whole number of steps from 0 to 120");
  }
  if (const Node* c = r.get("cost_per_application"))
    l.cost_per_application = as_non_negative(*c, r.path("cost_per_application"));
  return l;
}

// One ceiling of a quota: `share: S` of the baseline flow (0 to 1) or `volume: V` a step.
QuotaCeiling read_ceiling(const MapReader& r) {
  QuotaCeiling q;
  const Node* share = r.get("share");
  const Node* volume = r.get("volume");
  if (share && volume) fail(*volume, r.path("volume"), "give either 'share' or 'volume', not both");
  if (share) {
    q.basis = QuotaCeiling::Basis::share;
    q.value = as_number(*share, r.path("share"));
    if (q.value < 0 || q.value > 1)
      fail(*share, r.path("share"), "a quota's share of the baseline flow lies between 0 and 1, e.g. 0.6");
  } else if (volume) {
    q.basis = QuotaCeiling::Basis::volume;
    q.value = as_number(*volume, r.path("volume"));
    if (q.value < 0)
      fail(*volume, r.path("volume"), "a quota's ceiling is a volume a step of zero or more, found " + volume->scalar);
  } else {
    fail(r.node(), r.path(), "say how high the ceiling is: 'share' (of the baseline flow, 0 to 1) or 'volume' (a step)");
  }
  return q;
}

// `quota: {ceiling: {share: S} | {volume: V}, allocation: pro_rata | first_come,
// changes: [{at: STEP, share: S} | {at: STEP, volume: V}]}`: the ceiling from the
// control's start, then each change from its step on (a timeline of ceilings).
Quota read_quota(const Node& n, const std::string& path, const Control& c, int steps) {
  Quota q;
  MapReader r(n, path, {"ceiling", "allocation", "changes"});
  QuotaCeiling first = read_ceiling(MapReader(r.require("ceiling"), r.path("ceiling"), {"share", "volume"}));
  first.from_step = c.start_step;
  q.ceilings.push_back(first);
  if (const Node* a = r.get("allocation"))
    q.allocation = as_choice<QuotaAllocation>(*a, r.path("allocation"),
                                              {{"pro_rata", QuotaAllocation::pro_rata},
                                               {"first_come", QuotaAllocation::first_come}});
  if (const Node* ch = r.get("changes")) {
    const auto list = as_list(*ch, r.path("changes"));
    const int last = c.end_step >= 0 ? std::min(c.end_step, steps) : steps;
    for (std::size_t k = 0; k < list.size(); ++k) {
      MapReader e(*list[k], element_path(r.path("changes"), k), {"at", "share", "volume"});
      const int after = q.ceilings.back().from_step;
      const std::string valid = "must be a step after " + std::to_string(after) + " and before " + std::to_string(last) +
                                " (changes in step order, within the control's life and the run)";
      const int at = as_int_in(e.require("at"), e.path("at"), after + 1, last - 1, valid);
      QuotaCeiling next = read_ceiling(e);
      next.from_step = at;
      q.ceilings.push_back(next);
    }
  }
  return q;
}

ExtraterritorialReach read_reach(const Node& n, const std::string& path, const World& w) {
  ExtraterritorialReach x;
  MapReader r(n, path, {"de_minimis", "foreign_direct_product", "foreign_direct_product_stages", "recompute_every"});
  if (const Node* d = r.get("de_minimis")) {
    const double t = as_number(*d, r.path("de_minimis"));
    if (t < 0 || t >= 1) fail(*d, r.path("de_minimis"), "a de minimis threshold is a share from 0 to below 1, e.g. 0.25");
    x.de_minimis_threshold = t;
  }
  if (const Node* f = r.get("foreign_direct_product")) {
    const auto list = as_list(*f, r.path("foreign_direct_product"));
    for (std::size_t k = 0; k < list.size(); ++k)
      for (ItemId i : select_items(*list[k], element_path(r.path("foreign_direct_product"), k), w))
        x.direct_product_equipment.push_back(i);
  }
  if (const Node* v = r.get("foreign_direct_product_stages")) {
    if (x.direct_product_equipment.empty())
      fail(*v, r.path("foreign_direct_product_stages"), "needs 'foreign_direct_product': the equipment it traces");
    x.direct_product_stages = as_int_in(*v, r.path("foreign_direct_product_stages"), 1, 20,
                                        "must be a whole number of supply stages from 1 (the maker's own "
                                        "equipment suppliers) to 20");
  }
  if (const Node* v = r.get("recompute_every"))
    x.recompute_every = as_int_in(*v, r.path("recompute_every"), 0, 1000,
                                  "must be a whole number of steps from 0 (the baseline's caught set all run) to 1000");
  return x;
}

// `after: {control: ID, lag: N}`: a retaliation or follow-on control starts N steps
// after an earlier control of the timeline does. `after: {control: ID, when: {denied:
// 0.3, steps: 2}}` (or `shortfall:`) leaves the start to the run: the control starts
// the step after what the other control does to its issuing states has crossed the
// threshold for that many steps (behaviour/retaliation.hpp). Its start is then the
// run's length, never, until the run decides.
int read_trigger(const Node& n, const MapReader& control, const std::vector<Control>& earlier, int steps,
                 std::optional<RunTrigger>& trigger) {
  const std::string path = control.path("after");
  if (control.get("start")) fail(n, path, "give either 'start' or 'after', not both");
  MapReader r(n, path, {"control", "lag", "when"});
  const std::string id = as_string(r.require("control"), r.path("control"));
  const Control* named = nullptr;
  for (const auto& c : earlier)
    if (c.id == id) named = &c;
  if (!named) {
    std::string ids;
    for (const auto& c : earlier) ids += (ids.empty() ? "" : ", ") + c.id;
    fail(r.require("control"), r.path("control"),
         "'" + id + "' is not an earlier control of this timeline" + (ids.empty() ? "" : "; earlier controls: " + ids));
  }
  if (const Node* when = r.get("when")) {
    if (r.get("lag"))
      fail(*r.get("lag"), r.path("lag"),
           "give either 'lag' (a start known before the run) or 'when' (a start the run decides), not both");
    const std::string wpath = r.path("when");
    MapReader m(*when, wpath, {"denied", "shortfall", "steps"});
    const Node* denied = m.get("denied");
    const Node* shortfall = m.get("shortfall");
    if ((denied != nullptr) == (shortfall != nullptr))
      fail(*when, wpath,
           "give one measured trigger: 'denied: SHARE' (of the issuers' orders the other control turns away) or "
           "'shortfall: SHARE' (of their baseline receipts of its items)");
    RunTrigger t;
    t.control = static_cast<std::size_t>(named - earlier.data());
    t.control_id = named->id;
    t.metric = denied ? RunTrigger::Metric::denied : RunTrigger::Metric::shortfall;
    const char* key = denied ? "denied" : "shortfall";
    t.threshold = as_number(*m.get(key), m.path(key));
    if (!(t.threshold > 0) || t.threshold > 1)
      fail(*m.get(key), m.path(key), "a share above 0 and at most 1, e.g. 0.3");
    if (const Node* st = m.get("steps"))
      t.steps = as_int_in(*st, m.path("steps"), 1, 1000, "must be a whole number of steps from 1 to 1000");
    trigger = t;
    return steps;
  }
  // Bounded by the run's length before the sum, which cannot then overflow.
  const long long lag =
      r.get("lag") ? as_int_in(*r.get("lag"), r.path("lag"), 0, steps, "must be a whole number of steps from 0 to " +
                                                                            std::to_string(steps))
                   : 0;
  if (named->trigger)
    fail(n, path, "'" + id + "' starts when the run decides, so a lag after it is not known before the run; give "
                  "'when' instead");
  const long long start = static_cast<long long>(named->start_step) + lag;
  if (start >= steps)
    fail(n, path, "starts at step " + std::to_string(start) + ", after the run's last step " + std::to_string(steps - 1));
  return static_cast<int>(start);
}

// `listings: [{at: STEP, entities: [...]}]`: firms added to a control's entity list
// later in the run. Each listing becomes a control of its own (id `ID+STEP`) with
// the same issuer, items, instrument and terms, starting at that step.
void add_listings(const Node& n, const std::string& path, const Control& base, const World& w, int steps,
                  std::vector<Control>& out) {
  const auto list = as_list(n, path);
  for (std::size_t k = 0; k < list.size(); ++k) {
    MapReader r(*list[k], element_path(path, k), {"at", "entities"});
    Control added = base;
    const std::string valid =
        "must be a step after the control's start (" + std::to_string(base.start_step) + ") and before its end";
    added.start_step = as_int_in(r.require("at"), r.path("at"), 0, steps, valid);
    if (added.start_step <= base.start_step || added.start_step >= steps ||
        (base.end_step >= 0 && added.start_step >= base.end_step))
      fail(r.require("at"), r.path("at"), valid);
    added.id = base.id + "+" + std::to_string(added.start_step);
    added.destinations.entities = read_entities(r.require("entities"), r.path("entities"), w);
    added.origin = list[k]->origin;
    added.origin.key_path = r.path();
    out.push_back(std::move(added));
  }
}

}  // namespace

std::vector<StateId> read_state_list(const Node& n, const std::string& path, const World& w) {
  std::vector<StateId> out;
  const auto list = as_list(n, path);
  if (list.empty()) fail(n, path, "expected a list of state codes, coalition ids or regime ids");
  for (std::size_t k = 0; k < list.size(); ++k) add_unique(out, states_named(*list[k], element_path(path, k), w));
  return out;
}

std::vector<Control> read_controls(const Node& n, const std::string& path, const World& w, int steps) {
  std::vector<Control> out;
  const auto list = as_list(n, path);
  for (std::size_t k = 0; k < list.size(); ++k) {
    MapReader r(*list[k], element_path(path, k),
                {"id", "instrument", "issuer", "issuers", "items", "destinations", "exceptions", "licence", "quota",
                 "reach", "consensus", "no_undercut", "dominance", "start", "announced", "after", "end", "wind_down", "exempt", "listings", "note"});
    Control c;
    c.id = r.name("id", "control-" + std::to_string(k));
    for (const auto& earlier : out)
      if (earlier.id == c.id) fail(*r.get("id"), r.path("id"), "duplicate control id '" + c.id + "'");
    c.instrument = as_choice<Instrument>(r.require("instrument"), r.path("instrument"),
                                         {{"embargo", Instrument::embargo},
                                          {"prohibition", Instrument::prohibition},
                                          {"presumption_of_denial", Instrument::presumption_of_denial},
                                          {"licence_requirement", Instrument::licence_requirement},
                                          {"quota", Instrument::quota}});
    c.issuer = read_issuer(r, w);
    c.destinations = read_destinations(r.require("destinations"), r.path("destinations"), w);
    const auto items = as_list(r.require("items"), r.path("items"));
    if (items.empty()) fail(r.require("items"), r.path("items"), "expected a list of item ids or item selectors");
    for (std::size_t i = 0; i < items.size(); ++i)
      for (ItemId id : select_items(*items[i], element_path(r.path("items"), i), w))
        if (std::find(c.items.begin(), c.items.end(), id) == c.items.end()) c.items.push_back(id);
    if (const Node* e = r.get("exceptions")) c.licence_exceptions = read_state_list(*e, r.path("exceptions"), w);
    const Node* lic = r.get("licence");
    // On a quota, licence terms make it a licensed quota: licences granted only within it.
    if (c.instrument == Instrument::quota) c.quota.licensed = lic != nullptr;
    if (lic && !c.needs_licence())
      fail(*lic, r.path("licence"),
           "licence terms apply only to licence_requirement, presumption_of_denial and quota");
    if (r.get("exceptions") && (!c.needs_licence() || c.instrument == Instrument::quota))
      fail(*r.get("exceptions"), r.path("exceptions"),
           "licence exceptions apply only to licence_requirement and presumption_of_denial");
    c.licensing = read_licensing(lic, r.path("licence"), c.instrument);
    if (const Node* x = r.get("reach")) c.reach = read_reach(*x, r.path("reach"), w);
    if (const Node* b = r.get("consensus")) {
      c.consensus = as_choice<bool>(*b, r.path("consensus"), {{"true", true}, {"false", false}});
      if (c.consensus && c.issuer.kind != Issuer::Kind::regime)
        fail(*b, r.path("consensus"), "only a regime decides by consensus; '" + c.issuer.id + "' is not a regime");
    }
    if (const Node* d = r.get("dominance")) {
      const double share = as_number(*d, r.path("dominance"));
      if (share < 0 || share >= 1)
        fail(*d, r.path("dominance"), "a dominance threshold is a share of world output from 0 to below 1, e.g. 0.5");
      c.dominance = share;
    }
    if (const Node* b = r.get("no_undercut"))
      c.no_undercut = as_choice<bool>(*b, r.path("no_undercut"), {{"true", true}, {"false", false}});
    if (const Node* s = r.get("start")) {
      c.start_step = as_int_in(*s, r.path("start"), 0, steps - 1, "must be a step from 0 to " + std::to_string(steps - 1));
    }
    if (const Node* a = r.get("after")) c.start_step = read_trigger(*a, r, out, steps, c.trigger);
    if (c.trigger) {
      // What these would be measured from (the start) is not known before the run.
      for (const char* key : {"end", "listings", "wind_down"})
        if (const Node* x = r.get(key); x && x->kind != Node::Kind::null)
          fail(*x, r.path(key), std::string("a control that starts when the run decides ('after' with 'when') takes no '") +
                                    key + "'; give 'after: {control, lag}' for a start known before the run");
      if (c.instrument == Instrument::quota)
        fail(r.require("instrument"), r.path("instrument"),
             "a quota's baseline is taken at its start, which a triggered start ('after' with 'when') does not know "
             "before the run; give 'after: {control, lag}'");
    }
    if (const Node* wd = r.get("wind_down"))
      c.wind_down_steps = as_int_in(*wd, r.path("wind_down"), 0, 1000, "must be a whole number of steps from 0 to 1000");
    // Empty or null: nobody is exempt (so `--set controls.ID.exempt=[]` takes the exemptions away).
    if (const Node* ex = r.get("exempt"); ex && !as_list(*ex, r.path("exempt")).empty())
      c.exempt_firms = read_entities(*ex, r.path("exempt"), w);
    if (const Node* a = r.get("announced")) {
      if (r.get("after")) fail(*a, r.path("announced"), "a control that starts 'after' an event cannot be announced ahead; give 'start'");
      c.announced_step = as_int_in(*a, r.path("announced"), 0, c.start_step,
                                   "must be a step from 0 to the control's start (" + std::to_string(c.start_step) + ")");
    }
    if (const Node* e = r.get("end"); e && e->kind != Node::Kind::null) {
      const std::string valid = "must be a step after start (" + std::to_string(c.start_step) + ")";
      c.end_step = as_int_in(*e, r.path("end"), c.start_step + 1, 1000000000, valid);
    }
    const Node* quota = r.get("quota");
    if (quota && c.instrument != Instrument::quota)
      fail(*quota, r.path("quota"), "quota terms apply only to instrument: quota");
    if (c.instrument == Instrument::quota) {
      if (!quota)
        fail(r.node(), r.path(), "missing required key 'quota' (its ceiling: {ceiling: {share: S} or {volume: V}})");
      const bool licensed = c.quota.licensed;
      c.quota = read_quota(*quota, r.path("quota"), c, steps);
      c.quota.licensed = licensed;
    }
    c.origin = list[k]->origin;
    c.origin.key_path = r.path();
    const Node* listings = r.get("listings");
    if (listings && c.destinations.entities.empty())
      fail(*listings, r.path("listings"), "listings add firms to an entity list: give 'destinations: {entities: [...]}'");
    out.push_back(c);
    if (listings) add_listings(*listings, r.path("listings"), c, w, steps, out);
  }
  return out;
}

}  // namespace regimesim::load
