// The scenarios a teacher can pick from: the library folder's files (scenarios/ and
// scenarios/tutorial/ of the repository) and the files given to `serve`. Each is read
// for its name and description when listed, and loaded in full once, when a session
// first asks for it.
#pragma once

#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "model/scenario.hpp"

namespace regimesim::classroom {

struct LibraryEntry {
  std::string id;    // the path as listed, relative to the library or as given
  std::string path;  // as opened
  std::string name, description;
};

class ScenarioLibrary {
 public:
  // `folder` may be empty or missing (no library); `files` are loaded now, so a bad
  // file stops `serve` before it starts (ScenarioError).
  ScenarioLibrary(const std::string& folder, const std::vector<std::string>& files);

  const std::vector<LibraryEntry>& entries() const { return entries_; }
  nlohmann::json listing() const;
  // A copy of the loaded scenario; BadRequest (404) for an id not listed, (400) for a
  // library file that does not load, with the loader's message.
  Scenario scenario(const std::string& id);
  // The files given (the first three), else the flagship's three files when the
  // library has them, else its first entry.
  std::vector<std::string> default_variants() const;

 private:
  std::vector<LibraryEntry> entries_;
  std::map<std::string, Scenario> loaded_;
  std::size_t given_ = 0;
  std::mutex mutex_;
};

}  // namespace regimesim::classroom
