#include "classroom/scenario_library.hpp"

#include <algorithm>
#include <filesystem>
#include <yaml-cpp/yaml.h>

#include "classroom/parameter_change.hpp"
#include "load/scenario_loader.hpp"
#include "model/scenario_error.hpp"

namespace regimesim::classroom {
namespace fs = std::filesystem;
namespace {

// Name and description from the file's own top level (an included file's are not read).
LibraryEntry read_entry(const std::string& id, const fs::path& path) {
  LibraryEntry e{id, path.string(), path.stem().string(), ""};
  try {
    const YAML::Node root = YAML::LoadFile(path.string());
    if (root["name"] && root["name"].IsScalar()) e.name = root["name"].as<std::string>();
    if (root["description"] && root["description"].IsScalar()) e.description = root["description"].as<std::string>();
  } catch (const YAML::Exception&) {
    // listed under its file name; loading it reports what is wrong
  }
  return e;
}

bool runnable(const YAML::Node& root) { return root.IsMap() && (root["controls"] || root["include"] || root["world"]); }

}  // namespace

ScenarioLibrary::ScenarioLibrary(const std::string& folder, const std::vector<std::string>& files) {
  for (const std::string& f : files) {
    loaded_.emplace(f, load::load_scenario(f));
    entries_.push_back(read_entry(f, f));
  }
  given_ = files.size();
  std::error_code ec;
  if (folder.empty() || !fs::is_directory(folder, ec)) return;
  std::vector<fs::path> found;
  for (const char* sub : {"", "tutorial"}) {
    const fs::path dir = fs::path(folder) / sub;
    if (!fs::is_directory(dir, ec)) continue;
    for (const auto& entry : fs::directory_iterator(dir, ec))
      if (entry.is_regular_file() && entry.path().extension() == ".yaml") found.push_back(entry.path());
  }
  std::sort(found.begin(), found.end());
  for (const fs::path& p : found) {
    try {
      if (!runnable(YAML::LoadFile(p.string()))) continue;  // a data file, not a scenario
    } catch (const YAML::Exception&) {
      continue;
    }
    entries_.push_back(read_entry(fs::relative(p, folder, ec).string(), p));
  }
}

nlohmann::json ScenarioLibrary::listing() const {
  nlohmann::json out = nlohmann::json::array();
  for (const LibraryEntry& e : entries_)
    out.push_back({{"id", e.id}, {"name", e.name}, {"description", e.description}});
  return out;
}

Scenario ScenarioLibrary::scenario(const std::string& id) {
  const auto e = std::find_if(entries_.begin(), entries_.end(), [&](const LibraryEntry& x) { return x.id == id; });
  if (e == entries_.end()) throw BadRequest(404, "scenario: '" + id + "' is not in the library; GET /api/scenarios lists it");
  std::lock_guard lock(mutex_);
  auto it = loaded_.find(id);
  if (it == loaded_.end()) {
    try {
      it = loaded_.emplace(id, load::load_scenario(e->path)).first;
    } catch (const ScenarioError& err) {
      throw BadRequest(400, std::string("scenario ") + id + " does not load: " + err.what());
    }
  }
  return it->second;
}

std::vector<std::string> ScenarioLibrary::default_variants() const {
  std::vector<std::string> out;
  for (std::size_t k = 0; k < given_ && out.size() < 3; ++k) out.push_back(entries_[k].id);
  if (!out.empty()) return out;
  for (const char* f : {"unilateral-chip-equipment.yaml", "small-circle-chip-equipment.yaml",
                        "regime-wide-chip-equipment.yaml"})
    if (std::any_of(entries_.begin(), entries_.end(), [&](const LibraryEntry& e) { return e.id == f; })) out.push_back(f);
  if (out.size() < 3) {
    out.clear();
    if (!entries_.empty()) out.push_back(entries_.front().id);
  }
  return out;
}

}  // namespace regimesim::classroom
