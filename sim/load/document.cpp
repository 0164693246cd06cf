#include "load/document.hpp"

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/parser.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <unordered_map>
#include <unordered_set>

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
// amount of memory (docs/SCENARIO_FORMAT.md, "Limits").
constexpr std::uintmax_t kMaxFileBytes = 64u << 20;  // the largest scenario file read
constexpr int kMaxDepth = 64;                        // maps and lists inside each other
constexpr std::size_t kMaxIncludedFiles = 1000;      // distinct files one scenario includes
// Aliases share one node in yaml-cpp but become copies here; the values a document
// may expand to are bounded by its size, so an alias bomb stops early.
constexpr std::size_t kValuesPerByte = 2, kValuesFree = 100000;

Origin origin_of(const YAML::Mark& m, const std::string& file, const Origin& fallback) {
  if (m.line < 0) return fallback;
  return Origin{file, m.line + 1, m.column + 1, {}};
}

// Where convert() is in the document, kept as a chain so the key path is only
// spelled out when there is an error to report.
struct PathStep {
  const PathStep* parent;
  std::string_view key;  // a map key, or empty for a list element
  std::size_t index;
};

std::string path_text(const PathStep* at) {
  std::vector<const PathStep*> chain;
  for (; at; at = at->parent) chain.push_back(at);
  std::string s;
  for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
    if ((*it)->key.empty())
      s += "[" + std::to_string((*it)->index) + "]";
    else
      s += (s.empty() ? "" : ".") + std::string((*it)->key);
  }
  return s;
}

// The length of the UTF-8 sequence starting at s[i], or 0 if it is not valid UTF-8.
std::size_t utf8_length(std::string_view s, std::size_t i) {
  const auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char c = b(i);
  std::size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xe ? 3 : (c >> 3) == 0x1e ? 4 : 0;
  if (n == 0 || i + n > s.size()) return 0;
  for (std::size_t k = 1; k < n; ++k)
    if ((b(i + k) & 0xc0) != 0x80) return 0;
  if (n == 2 && c < 0xc2) return 0;  // overlong
  if (n == 3) {
    const unsigned cp = ((c & 0x0fu) << 12) | ((b(i + 1) & 0x3fu) << 6);
    if (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff)) return 0;  // overlong or a surrogate
  }
  if (n == 4) {
    const unsigned cp = ((c & 0x07u) << 18) | ((b(i + 1) & 0x3fu) << 12);
    if (cp < 0x10000 || cp > 0x10ffff) return 0;
  }
  return n;
}

// Names end up in JSON and CSV: they must be UTF-8 text without NUL bytes.
void check_text(std::string_view text, const Origin& where, const PathStep* path, const char* what) {
  for (std::size_t i = 0; i < text.size();) {
    if (text[i] == '\0') {
      Origin o = where;
      o.key_path = path_text(path);
      throw ScenarioError(o, std::string("a NUL byte in this ") + what + "; remove it");
    }
    const std::size_t n = utf8_length(text, i);
    if (n == 0) {
      Origin o = where;
      o.key_path = path_text(path);
      throw ScenarioError(o, std::string("this ") + what + " is not valid UTF-8 text (byte " + std::to_string(i + 1) +
                                 "); save the file as UTF-8");
    }
    i += n;
  }
}

struct Converter {
  const std::string& file;
  std::size_t values_left;
  std::size_t budget;

  Node convert(const YAML::Node& y, const Origin& fallback, const PathStep* path, int depth) {
    Node n;
    n.origin = origin_of(y.Mark(), file, fallback);
    if (values_left-- == 0) {
      n.origin.key_path = path_text(path);
      throw ScenarioError(n.origin, "this document expands to more than " + std::to_string(budget) +
                                        " values through aliases (*name); write fewer aliases");
    }
    if (depth > kMaxDepth) {
      n.origin.key_path = path_text(path);
      throw ScenarioError(n.origin, "maps and lists nest more than " + std::to_string(kMaxDepth) +
                                        " levels deep here; a scenario needs far fewer");
    }
    switch (y.Type()) {
      case YAML::NodeType::Undefined:
      case YAML::NodeType::Null: n.kind = Node::Kind::null; break;
      case YAML::NodeType::Scalar:
        n.kind = Node::Kind::scalar;
        n.scalar = y.Scalar();
        n.quoted = y.Tag() == "!";
        check_text(n.scalar, n.origin, path, "value");
        break;
      case YAML::NodeType::Sequence: {
        n.kind = Node::Kind::sequence;
        n.items.reserve(y.size());
        std::size_t k = 0;
        for (const auto& child : y) {
          const PathStep step{path, {}, k++};
          n.items.push_back(convert(child, n.origin, &step, depth + 1));
        }
        break;
      }
      case YAML::NodeType::Map: {
        n.kind = Node::Kind::map;
        n.entries.reserve(y.size());
        std::unordered_set<std::string> seen;  // linear duplicate check: a map may have many keys
        for (const auto& kv : y) {
          NodeEntry e;
          e.key_origin = origin_of(kv.first.Mark(), file, n.origin);
          if (!kv.first.IsScalar()) {
            e.key_origin.key_path = path_text(path);
            throw ScenarioError(e.key_origin, "a map key must be a plain name");
          }
          e.key = kv.first.Scalar();
          const PathStep step{path, e.key, 0};
          check_text(e.key, e.key_origin, &step, "key");
          if (!seen.insert(e.key).second) {
            e.key_origin.key_path = path_text(&step);
            throw ScenarioError(e.key_origin, "key '" + e.key + "' appears twice in this map; keep one");
          }
          e.value = convert(kv.second, e.key_origin, &step, depth + 1);
          n.entries.push_back(std::move(e));
        }
        break;
      }
    }
    return n;
  }
};

void merge_into(Node& base, Node&& over) {
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

namespace {

// Where each document of a text starts, read as events (aliases are not expanded).
// YAML::LoadAll never returns on a ',' outside any list or map (",\n", "[a], b"): it
// yields empty documents without consuming the token, forever (found by
// tests/fuzz/loader_fuzzer). So documents are counted here, at most three, and a
// document that starts where the previous one did is the parser going nowhere.
struct DocumentStarts : YAML::EventHandler {
  std::vector<YAML::Mark> starts;
  void OnDocumentStart(const YAML::Mark& mark) override { starts.push_back(mark); }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
  void OnAlias(const YAML::Mark&, YAML::anchor_t) override {}
  void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t, const std::string&) override {}
  void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {}
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {}
  void OnMapEnd() override {}
};

}  // namespace

Node parse_document(const std::string& text, const std::string& file_label) {
  YAML::Node first;
  DocumentStarts docs;
  try {
    std::istringstream in(text);
    YAML::Parser parser(in);
    while (docs.starts.size() < 3 && parser.HandleNextDocument(docs)) {
    }
    first = YAML::Load(text);
  } catch (const YAML::DeepRecursion& e) {
    throw ScenarioError(Origin{file_label, e.mark.line + 1, e.mark.column + 1, {}},
                        "maps and lists nest too deep here for the YAML reader; a scenario needs fewer than " +
                            std::to_string(kMaxDepth) + " levels");
  } catch (const YAML::ParserException& e) {
    throw ScenarioError(Origin{file_label, e.mark.line + 1, e.mark.column + 1, {}}, "YAML syntax error: " + e.msg);
  }
  const Origin top{file_label, 1, 1, {}};
  if (docs.starts.size() > 1) {
    const YAML::Mark& m = docs.starts[1];
    if (m.pos == docs.starts[0].pos || (m.pos >= 0 && static_cast<std::size_t>(m.pos) < text.size() && text[static_cast<std::size_t>(m.pos)] == ','))
      throw ScenarioError(origin_of(m, file_label, top),
                          "YAML syntax error: a ',' outside any list or map; write lists as [a, b] or one '- a' per line");
    throw ScenarioError(origin_of(m, file_label, top),
                        "a second YAML document (after '---'); a scenario file holds one document: use 'include:' "
                        "to combine files");
  }
  Converter c{file_label, kValuesFree + kValuesPerByte * text.size(), kValuesFree + kValuesPerByte * text.size()};
  return c.convert(first, top, nullptr, 0);
}

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
