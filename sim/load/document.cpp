#include "load/document.hpp"

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <unordered_map>

#include "model/scenario_error.hpp"

namespace regimesim::load {
namespace fs = std::filesystem;

const Node* Node::find(std::string_view key) const {
  for (const auto& e : entries)
    if (e.key == key) return &e.value;
  return nullptr;
}

Node* Node::find(std::string_view key) {
  for (auto& e : entries)
    if (e.key == key) return &e.value;
  return nullptr;
}

const char* Node::kind_name() const {
  switch (kind) {
    case Kind::null: return "nothing";
    case Kind::scalar: return "a scalar";
    case Kind::sequence: return "a list";
    case Kind::map: return "a map";
  }
  return "?";
}

namespace {

// Limits that keep a hostile file from costing more than a second and a bounded
// amount of memory (docs/SCENARIO_FORMAT.md, "Limits"); parse_document (yaml_tree.cpp)
// keeps those of one text.
constexpr std::uintmax_t kMaxFileBytes = 64u << 20;  // the largest scenario file read
constexpr std::size_t kMaxIncludedFiles = 1000;      // distinct files one scenario includes

void merge_into(Node& base, Node&& over);

// The name an element of a list goes by when lists merge: its `id` or `code`.
const Node* element_name(const Node& element, const char* key) {
  if (element.kind != Node::Kind::map) return nullptr;
  const Node* name = element.find(key);
  return name && name->kind == Node::Kind::scalar && !name->scalar.empty() ? name : nullptr;
}

// The key two lists merge by: "id" or "code" when every element of both is a map
// named by it; "" when they do not merge (a list of values, an empty list, elements
// without names): then the including file's list replaces the included one.
const char* merge_key(const Node& base, const Node& over) {
  if (base.items.empty() || over.items.empty()) return "";
  for (const char* key : {"id", "code"}) {
    auto named = [&](const Node& list) {
      return std::all_of(list.items.begin(), list.items.end(), [&](const Node& e) { return element_name(e, key); });
    };
    if (named(base) && named(over)) return key;
  }
  return "";
}

// Lists of named elements merge by name (docs/SCENARIO_FORMAT.md, "Extending an
// included file"): an element whose name the included list has merges into that
// element, key by key; a new name is appended, in the including file's order; an
// element `{id: X, remove: true}` deletes X.
void merge_lists(Node& base, Node&& over, const char* key) {
  std::unordered_map<std::string, std::size_t> index;
  for (std::size_t k = 0; k < base.items.size(); ++k) index.emplace(element_name(base.items[k], key)->scalar, k);
  std::vector<bool> removed(base.items.size(), false);
  for (auto& e : over.items) {
    const std::string name = element_name(e, key)->scalar;
    const Node* remove = e.find("remove");
    const bool removing = remove && remove->kind == Node::Kind::scalar && remove->scalar == "true";
    auto it = index.find(name);
    if (removing) {
      if (it == index.end() || removed[it->second])
        throw ScenarioError(remove->origin, "remove: the included list has no element with " + std::string(key) + " '" +
                                                name + "' to remove");
      removed[it->second] = true;
      continue;
    }
    if (it != index.end() && !removed[it->second]) {
      merge_into(base.items[it->second], std::move(e));
    } else {
      index[name] = base.items.size();
      base.items.push_back(std::move(e));
      removed.push_back(false);
    }
  }
  std::vector<Node> kept;
  for (std::size_t k = 0; k < base.items.size(); ++k)
    if (!removed[k]) kept.push_back(std::move(base.items[k]));
  base.items = std::move(kept);
}

void merge_into(Node& base, Node&& over) {
  if (base.kind == Node::Kind::sequence && over.kind == Node::Kind::sequence) {
    if (const char* key = merge_key(base, over); *key) return merge_lists(base, std::move(over), key);
  }
  if (base.kind == Node::Kind::map && over.kind == Node::Kind::map) {
    // An index of base's keys keeps merging two large maps linear.
    std::unordered_map<std::string, std::size_t> index;
    index.reserve(base.entries.size());
    for (std::size_t k = 0; k < base.entries.size(); ++k) index.emplace(base.entries[k].key, k);
    for (auto& e : over.entries) {
      if (auto it = index.find(e.key); it != index.end()) {
        merge_into(base.entries[it->second].value, std::move(e.value));
      } else {
        index.emplace(e.key, base.entries.size());
        base.entries.push_back(std::move(e));
      }
    }
    return;
  }
  base = std::move(over);
}

// One load: each file is read and merged once however often it is included (an
// include diamond stays linear), and a file that includes itself is refused.
struct Includes {
  std::vector<fs::path> stack;                  // the files being loaded, outermost first
  std::map<fs::path, Node> loaded;              // each file's merged tree, by canonical path
};

std::string read_scenario_file(const fs::path& path, const Origin& asked_at) {
  std::error_code ec;
  const auto status = fs::status(path, ec);
  if (ec || !fs::exists(status))
    throw ScenarioError(asked_at, "cannot open '" + path.string() + "': no such file");
  if (fs::is_directory(status))
    throw ScenarioError(asked_at, "'" + path.string() + "' is a directory; name a YAML file");
  if (!fs::is_regular_file(status))
    throw ScenarioError(asked_at, "'" + path.string() + "' is not a regular file (a device, FIFO or socket); name a YAML file");
  const auto size = fs::file_size(path, ec);
  if (!ec && size > kMaxFileBytes)
    throw ScenarioError(asked_at, "'" + path.string() + "' is " + std::to_string(size >> 20) +
                                      " MiB; a scenario file is at most " + std::to_string(kMaxFileBytes >> 20) + " MiB");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ScenarioError(asked_at, "cannot open '" + path.string() + "': not readable");
  std::string text(static_cast<std::size_t>(ec ? 0 : size), '\0');
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  text.resize(static_cast<std::size_t>(in.gcount()));
  return text;
}

Node load_recursive(const fs::path& path, const Origin& asked_at, Includes& includes) {
  std::error_code ec;
  fs::path canonical = fs::weakly_canonical(path, ec);
  if (ec) canonical = fs::absolute(path).lexically_normal();
  if (std::find(includes.stack.begin(), includes.stack.end(), canonical) != includes.stack.end())
    throw ScenarioError(asked_at, "include cycle: '" + path.string() + "' includes itself");
  if (auto done = includes.loaded.find(canonical); done != includes.loaded.end()) return done->second;
  if (includes.loaded.size() >= kMaxIncludedFiles)
    throw ScenarioError(asked_at, "more than " + std::to_string(kMaxIncludedFiles) + " files are included");
  Node doc = parse_document(read_scenario_file(path, asked_at), path.string());
  if (doc.kind == Node::Kind::null) {
    doc.kind = Node::Kind::map;
    doc.origin = Origin{path.string(), 1, 1, {}};
  }
  if (doc.kind != Node::Kind::map)
    throw ScenarioError(doc.origin, std::string("a scenario file must be a map of keys, not ") + doc.kind_name());

  auto it = std::find_if(doc.entries.begin(), doc.entries.end(), [](const NodeEntry& e) { return e.key == "include"; });
  if (it == doc.entries.end()) return includes.loaded[canonical] = doc;

  std::vector<const Node*> names;
  const Node& inc = it->value;
  if (inc.kind == Node::Kind::scalar) {
    names.push_back(&inc);
  } else if (inc.kind == Node::Kind::sequence) {
    for (const auto& n : inc.items) names.push_back(&n);
  }
  Origin inc_origin = inc.origin;
  inc_origin.key_path = "include";
  if (names.empty())
    throw ScenarioError(inc_origin, "expected a file path or a list of file paths");

  includes.stack.push_back(canonical);
  Node merged;
  merged.kind = Node::Kind::map;
  merged.origin = doc.origin;
  for (std::size_t k = 0; k < names.size(); ++k) {
    Origin at = names[k]->origin;
    at.key_path = inc.kind == Node::Kind::sequence ? "include[" + std::to_string(k) + "]" : "include";
    if (names[k]->kind != Node::Kind::scalar || names[k]->scalar.empty()) throw ScenarioError(at, "expected a file path");
    merge_into(merged, load_recursive(path.parent_path() / names[k]->scalar, at, includes));
  }
  includes.stack.pop_back();
  doc.entries.erase(it);
  merge_into(merged, std::move(doc));
  return includes.loaded[canonical] = merged;
}

// Finds the element of a sequence named by a path step: an index or an id/code.
Node* sequence_element(Node& seq, const std::string& step) {
  std::size_t index = 0;
  auto [p, ec] = std::from_chars(step.data(), step.data() + step.size(), index);
  if (ec == std::errc() && p == step.data() + step.size())
    return index < seq.items.size() ? &seq.items[index] : nullptr;
  for (auto& item : seq.items) {
    for (const char* key : {"id", "code"}) {
      const Node* name = item.find(key);
      if (name && name->kind == Node::Kind::scalar && name->scalar == step) return &item;
    }
  }
  return nullptr;
}

std::vector<std::string> split_path(const std::string& path) {
  std::vector<std::string> steps;
  std::string cur;
  for (char c : path) {
    if (c == '.' || c == '[' || c == ']') {
      if (!cur.empty()) steps.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  if (!cur.empty()) steps.push_back(cur);
  return steps;
}

nlohmann::ordered_json json_of(const Node& n) {
  switch (n.kind) {
    case Node::Kind::null: return nullptr;
    case Node::Kind::scalar: {
      if (n.quoted) return n.scalar;
      if (n.scalar == "true") return true;
      if (n.scalar == "false") return false;
      if (n.scalar == "null" || n.scalar == "~") return nullptr;
      double v = 0;
      auto [p, ec] = std::from_chars(n.scalar.data(), n.scalar.data() + n.scalar.size(), v);
      if (ec == std::errc() && p == n.scalar.data() + n.scalar.size() && !n.scalar.empty()) {
        long long i = 0;
        auto [q, ec2] = std::from_chars(n.scalar.data(), n.scalar.data() + n.scalar.size(), i);
        if (ec2 == std::errc() && q == n.scalar.data() + n.scalar.size()) return i;
        return v;
      }
      return n.scalar;
    }
    case Node::Kind::sequence: {
      auto a = nlohmann::ordered_json::array();
      for (const auto& i : n.items) a.push_back(json_of(i));
      return a;
    }
    case Node::Kind::map: {
      auto o = nlohmann::ordered_json::object();
      for (const auto& e : n.entries) o[e.key] = json_of(e.value);
      return o;
    }
  }
  return nullptr;
}

}  // namespace

Node load_document(const std::string& path) {
  Includes includes;
  return load_recursive(fs::path(path), Origin{path, 0, 0, {}}, includes);
}

void apply_override(Node& root, const std::string& assignment) {
  const Origin where{"--set", 0, 0, assignment};
  const auto eq = assignment.find('=');
  if (eq == std::string::npos || eq == 0)
    throw ScenarioError(where, "expected key.path=value, e.g. --set steps=36");
  const std::string path = assignment.substr(0, eq);
  Node value = parse_document(assignment.substr(eq + 1), "--set " + path);
  value.origin = Origin{"--set", 0, 0, {}};
  set_value(root, path, std::move(value), "--set");
}

void set_value(Node& root, const std::string& key_path, Node value, const std::string& source) {
  const auto steps = split_path(key_path);
  if (steps.empty()) throw ScenarioError(Origin{source, 0, 0, key_path}, "expected a key path, e.g. steps");
  Node* at = &root;
  std::string walked;
  for (std::size_t k = 0; k < steps.size(); ++k) {
    const std::string& step = steps[k];
    const bool last = k + 1 == steps.size();
    Node* next = nullptr;
    if (at->kind == Node::Kind::sequence) {
      next = sequence_element(*at, step);
      if (!next)
        throw ScenarioError(Origin{source, 0, 0, walked},
                            "no element '" + step + "' here: name one by its id/code or by index (" +
                                (at->items.empty() ? std::string("the list is empty")
                                                   : "0 to " + std::to_string(at->items.size() - 1)) +
                                ")");
    } else {
      if (at->kind != Node::Kind::map) {
        if (at->kind != Node::Kind::null)
          throw ScenarioError(Origin{source, 0, 0, walked},
                              std::string("cannot set a key inside ") + at->kind_name());
        at->kind = Node::Kind::map;
      }
      next = at->find(step);
      if (!next) {
        at->entries.push_back(NodeEntry{step, Origin{source, 0, 0, {}}, Node{}});
        next = &at->entries.back().value;
        next->origin = Origin{source, 0, 0, {}};
      }
    }
    walked += (walked.empty() ? "" : ".") + step;
    at = next;
    if (last) *at = std::move(value);
  }
}

std::string flow_text(const Node& n) {
  switch (n.kind) {
    case Node::Kind::null: return "null";
    case Node::Kind::scalar: return n.scalar;
    case Node::Kind::sequence: {
      std::string s = "[";
      for (std::size_t k = 0; k < n.items.size(); ++k) s += (k ? ", " : "") + flow_text(n.items[k]);
      return s + "]";
    }
    case Node::Kind::map: {
      std::string s = "{";
      for (std::size_t k = 0; k < n.entries.size(); ++k)
        s += (k ? ", " : "") + n.entries[k].key + ": " + flow_text(n.entries[k].value);
      return s + "}";
    }
  }
  return "";
}

std::string to_json_text(const Node& root) { return json_of(root).dump(2); }

std::string to_json_value(const Node& value) { return json_of(value).dump(); }

}  // namespace regimesim::load
