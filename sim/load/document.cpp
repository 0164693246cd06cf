#include "load/document.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

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

Origin origin_of(const YAML::Mark& m, const std::string& file, const Origin& fallback) {
  if (m.line < 0) return fallback;
  return Origin{file, m.line + 1, m.column + 1, {}};
}

Node convert(const YAML::Node& y, const std::string& file, const Origin& fallback) {
  Node n;
  n.origin = origin_of(y.Mark(), file, fallback);
  switch (y.Type()) {
    case YAML::NodeType::Undefined:
    case YAML::NodeType::Null: n.kind = Node::Kind::null; break;
    case YAML::NodeType::Scalar:
      n.kind = Node::Kind::scalar;
      n.scalar = y.Scalar();
      n.quoted = y.Tag() == "!";
      break;
    case YAML::NodeType::Sequence:
      n.kind = Node::Kind::sequence;
      for (const auto& child : y) n.items.push_back(convert(child, file, n.origin));
      break;
    case YAML::NodeType::Map:
      n.kind = Node::Kind::map;
      for (const auto& kv : y) {
        NodeEntry e;
        e.key_origin = origin_of(kv.first.Mark(), file, n.origin);
        if (!kv.first.IsScalar())
          throw ScenarioError(e.key_origin, "a map key must be a plain name");
        e.key = kv.first.Scalar();
        if (n.find(e.key)) throw ScenarioError(e.key_origin, "key '" + e.key + "' appears twice in this map");
        e.value = convert(kv.second, file, e.key_origin);
        n.entries.push_back(std::move(e));
      }
      break;
  }
  return n;
}

void merge_into(Node& base, Node&& over) {
  if (base.kind == Node::Kind::map && over.kind == Node::Kind::map) {
    for (auto& e : over.entries) {
      if (Node* existing = base.find(e.key))
        merge_into(*existing, std::move(e.value));
      else
        base.entries.push_back(std::move(e));
    }
    return;
  }
  base = std::move(over);
}

Node load_recursive(const fs::path& path, const Origin& asked_at, std::vector<fs::path>& stack) {
  std::error_code ec;
  const fs::path canonical = fs::weakly_canonical(path, ec);
  if (std::find(stack.begin(), stack.end(), canonical) != stack.end())
    throw ScenarioError(asked_at, "include cycle: '" + path.string() + "' includes itself");
  std::ifstream in(path);
  if (!in)
    throw ScenarioError(asked_at, "cannot open '" + path.string() + "': no such readable file");
  std::stringstream text;
  text << in.rdbuf();
  Node doc = parse_document(text.str(), path.string());
  if (doc.kind == Node::Kind::null) {
    doc.kind = Node::Kind::map;
    doc.origin = Origin{path.string(), 1, 1, {}};
  }
  if (doc.kind != Node::Kind::map)
    throw ScenarioError(doc.origin, std::string("a scenario file must be a map of keys, not ") + doc.kind_name());

  auto it = std::find_if(doc.entries.begin(), doc.entries.end(), [](const NodeEntry& e) { return e.key == "include"; });
  if (it == doc.entries.end()) return doc;

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

  stack.push_back(canonical);
  Node merged;
  merged.kind = Node::Kind::map;
  merged.origin = doc.origin;
  for (std::size_t k = 0; k < names.size(); ++k) {
    Origin at = names[k]->origin;
    at.key_path = inc.kind == Node::Kind::sequence ? "include[" + std::to_string(k) + "]" : "include";
    if (names[k]->kind != Node::Kind::scalar) throw ScenarioError(at, "expected a file path");
    merge_into(merged, load_recursive(path.parent_path() / names[k]->scalar, at, stack));
  }
  stack.pop_back();
  doc.entries.erase(it);
  merge_into(merged, std::move(doc));
  return merged;
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

Node parse_document(const std::string& text, const std::string& file_label) {
  YAML::Node y;
  try {
    y = YAML::Load(text);
  } catch (const YAML::ParserException& e) {
    throw ScenarioError(Origin{file_label, e.mark.line + 1, e.mark.column + 1, {}}, "YAML syntax error: " + e.msg);
  }
  return convert(y, file_label, Origin{file_label, 1, 1, {}});
}

Node load_document(const std::string& path) {
  std::vector<fs::path> stack;
  return load_recursive(fs::path(path), Origin{path, 0, 0, {}}, stack);
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
