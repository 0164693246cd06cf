#include "model/control.hpp"

#include <fmt/format.h>

namespace regimesim {

const char* to_string(Instrument i) {
  switch (i) {
    case Instrument::embargo: return "embargo";
    case Instrument::prohibition: return "prohibition";
    case Instrument::presumption_of_denial: return "presumption_of_denial";
    case Instrument::licence_requirement: return "licence_requirement";
    case Instrument::quota: return "quota";
  }
  return "?";
}

const char* to_string(QuotaAllocation a) {
  switch (a) {
    case QuotaAllocation::pro_rata: return "pro_rata";
    case QuotaAllocation::first_come: return "first_come";
  }
  return "?";
}

const char* to_string(RunTrigger::Metric m) {
  switch (m) {
    case RunTrigger::Metric::denied: return "denied";
    case RunTrigger::Metric::shortfall: return "shortfall";
  }
  return "?";
}

namespace {
template <typename T, typename F>
std::string joined(const std::vector<T>& v, F name, std::size_t most = 6) {
  std::string out;
  for (std::size_t k = 0; k < v.size() && k < most; ++k) out += (k ? " " : "") + name(v[k]);
  if (v.size() > most) out += fmt::format(" and {} more", v.size() - most);
  return out;
}
}  // namespace

std::string describe(const Control& c, const World& w) {
  const auto state = [&](StateId s) { return w.states[s].code; };
  std::string issuer = c.issuer.kind == Issuer::Kind::state ? c.issuer.id
                       : fmt::format("{} ({})", c.issuer.id, joined(c.issuer.members, state));
  std::string to;
  if (!c.destinations.entities.empty())
    to = "entities [" + joined(c.destinations.entities, [&](FirmId f) { return w.firms[f].id; }) + "]";
  else {
    to = c.destinations.all_states() ? "every state" : "[" + joined(c.destinations.states, state) + "]";
    if (!c.destinations.end_uses.empty())
      to += ", end uses [" + joined(c.destinations.end_uses, [](EndUse e) { return std::string(to_string(e)); }) + "]";
  }
  std::string reach;
  if (c.reach.de_minimis_threshold) reach += fmt::format(", de minimis {:.0f}%", 100 * *c.reach.de_minimis_threshold);
  if (!c.reach.direct_product_equipment.empty()) reach += ", foreign direct product";
  if (c.reach.direct_product_stages > 1) reach += fmt::format(" over {} stages", c.reach.direct_product_stages);
  if (c.reach.recompute_every > 0) reach += fmt::format(", reach recomputed every {} steps", c.reach.recompute_every);
  const std::string until = c.end_step < 0 ? "" : fmt::format(" to step {}", c.end_step);
  std::string instrument = to_string(c.instrument);
  if (c.instrument == Instrument::quota && !c.quota.ceilings.empty()) {
    const QuotaCeiling& q = c.quota.ceilings.front();
    instrument += q.basis == QuotaCeiling::Basis::share ? fmt::format(" ({:g}% of baseline flow", 100 * q.value)
                                                        : fmt::format(" ({:g} a step", q.value);
    instrument += fmt::format(", {}", to_string(c.quota.allocation));
    if (c.quota.ceilings.size() > 1) instrument += fmt::format(", {} later ceilings", c.quota.ceilings.size() - 1);
    instrument += c.quota.licensed ? ", licensed)" : ")";
  }
  const std::string announced =
      c.announced_step && *c.announced_step < c.start_step ? fmt::format(" (announced at step {})", *c.announced_step) : "";
  const std::string from =
      c.trigger ? fmt::format("from the step after {}'s {} has been at least {:g} for {} step(s)", c.trigger->control_id,
                              to_string(c.trigger->metric), c.trigger->threshold, c.trigger->steps)
                : fmt::format("from step {}", c.start_step);
  return fmt::format("{}: {} by {} on [{}] to {}{}, {}{}{}", c.id, instrument, issuer,
                     joined(c.items, [&](ItemId i) { return w.items[i].id; }), to, reach, from, announced, until);
}

}  // namespace regimesim
