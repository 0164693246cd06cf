#include "model/world.hpp"


namespace regimesim {

OriginId World::add_origin(Origin where) {
  if (!origins.empty()) {
    const Origin& last = origins.back();
    if (last.file == where.file && last.line == where.line && last.column == where.column &&
        last.key_path == where.key_path)
      return static_cast<OriginId>(origins.size() - 1);
  }
  origins.push_back(std::move(where));
  return static_cast<OriginId>(origins.size() - 1);
}

const Origin& World::origin_at(OriginId id) const {
  static const Origin unknown;
  return id < origins.size() ? origins[id] : unknown;
}

const char* to_string(DevelopmentStatus s) {
  switch (s) {
    case DevelopmentStatus::developed: return "developed";
    case DevelopmentStatus::developing: return "developing";
    case DevelopmentStatus::least_developed: return "least_developed";
  }
  return "?";
}

const char* to_string(WmdRelevance w) {
  switch (w) {
    case WmdRelevance::none: return "none";
    case WmdRelevance::nuclear: return "nuclear";
    case WmdRelevance::chemical: return "chemical";
    case WmdRelevance::biological: return "biological";
    case WmdRelevance::missile: return "missile";
  }
  return "?";
}

const char* to_string(EndUse e) {
  switch (e) {
    case EndUse::civilian: return "civilian";
    case EndUse::military: return "military";
    case EndUse::wmd_risk: return "wmd_risk";
  }
  return "?";
}


std::optional<StateId> World::find_state(const std::string& code) const {
  for (StateId s = 0; s < states.size(); ++s)
    if (states[s].code == code) return s;
  return std::nullopt;
}

std::optional<ItemId> World::find_item(const std::string& id) const {
  for (ItemId i = 0; i < items.size(); ++i)
    if (items[i].id == id) return i;
  return std::nullopt;
}

std::optional<FirmId> World::find_firm(const std::string& id) const {
  for (FirmId f = 0; f < firms.size(); ++f)
    if (firms[f].id == id) return f;
  return std::nullopt;
}

const Regime* World::find_regime(const std::string& id) const {
  for (const auto& r : regimes)
    if (r.id == id) return &r;
  return nullptr;
}

const Coalition* World::find_coalition(const std::string& id) const {
  for (const auto& c : coalitions)
    if (c.id == id) return &c;
  return nullptr;
}

}  // namespace regimesim
