// A YAML document as a tree whose every node remembers the file, line and column it
// came from. Includes are merged and --set overrides applied on this tree, so an
// error found anywhere later still points at what the user wrote.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "model/origin.hpp"

namespace regimesim::load {

struct NodeEntry;

struct Node {
  enum class Kind { null, scalar, sequence, map };
  Kind kind = Kind::null;
  std::string scalar;
  bool quoted = false;  // a quoted scalar stays a string in JSON ("007" is not 7)
  std::vector<Node> items;
  std::vector<NodeEntry> entries;  // a map, in the order written
  Origin origin;                   // file, line, column; the key path is added by readers

  const Node* find(std::string_view key) const;
  Node* find(std::string_view key);
  const char* kind_name() const;
};

struct NodeEntry {
  std::string key;
  Origin key_origin;
  Node value;
};

// Reads a YAML file and every file it names under `include:` (a path or a list of
// paths, relative to the including file). Included files are merged first, in
// order; the including file's maps are merged over them key by key; lists whose
// elements all have an `id` (or all a `code`) merge by it (same name: merged key by
// key; new name: appended; `{id: X, remove: true}`: X deleted); any other value,
// an empty list included, replaces the included one. Throws ScenarioError on a syntax error, a
// missing file or an include cycle.
Node load_document(const std::string& path);

// Parses YAML text that did not come from a file (tests, overrides).
Node parse_document(const std::string& text, const std::string& file_label);

// Applies `key.path=value` (value read as YAML). A path step is a map key, a
// sequence index, or the `id`/`code` of a sequence element: world.states.USA.name.
void apply_override(Node& root, const std::string& assignment);

// The same with the value already a node (a sweep's value keeps where it was
// written); `source` names where the assignment came from in errors ("--sweep").
void set_value(Node& root, const std::string& key_path, Node value, const std::string& source);

// A value in one line, YAML flow style (`0.5`, `[USA, NLD]`), for CSV cells and messages.
std::string flow_text(const Node& n);

// The resolved document as JSON text, for manifests (scalars typed as YAML would).
std::string to_json_text(const Node& root);
// One value as compact JSON text (`0.5`, `["USA","NLD"]`), typed the same way.
std::string to_json_value(const Node& value);

}  // namespace regimesim::load
