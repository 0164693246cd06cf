// YAML text to a Node tree in one pass over yaml-cpp's parser events. Reading the
// events directly (instead of YAML::Load and a second walk over its tree) reads the
// text once, keeps no second tree of reference-counted nodes, and lets every limit
// below be checked before the memory it protects is spent: a 200,000-key map loads
// in a fraction of a second, and an alias bomb stops at the alias that would pass
// the budget, before anything is copied.
#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/parser.h>

#include <algorithm>
#include <optional>
#include <sstream>
#include <unordered_set>

#include "load/document.hpp"
#include "model/scenario_error.hpp"

namespace regimesim::load {
namespace {

// Limits that keep a hostile file from costing more than a second and a bounded
// amount of memory (docs/SCENARIO_FORMAT.md, "Limits").
constexpr std::size_t kMaxDepth = 64;  // maps and lists inside each other
// Aliases share one node in YAML but become copies here; the values a document may
// expand to are bounded by its size, so an alias bomb stops early.
constexpr std::size_t kValuesPerByte = 2, kValuesFree = 100000;

Origin origin_of(const YAML::Mark& m, const std::string& file, const Origin& fallback) {
  if (m.line < 0) return fallback;
  return Origin{file, m.line + 1, m.column + 1, {}};
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

// What went wrong in `text`, if anything: names end up in JSON and CSV, so they must
// be UTF-8 text without NUL bytes.
std::optional<std::string> text_fault(std::string_view text, const char* what) {
  for (std::size_t i = 0; i < text.size();) {
    if (text[i] == '\0') return std::string("a NUL byte in this ") + what + "; remove it";
    const std::size_t n = utf8_length(text, i);
    if (n == 0)
      return std::string("this ") + what + " is not valid UTF-8 text (byte " + std::to_string(i + 1) +
             "); save the file as UTF-8";
    i += n;
  }
  return std::nullopt;
}

// Builds the first document of a text from the parser's events. A list or map is
// "open" from its start event to its end event; each finished value is handed to the
// innermost open one (as a list item, a map key, or the value of the pending key).
class TreeBuilder final : public YAML::EventHandler {
 public:
  TreeBuilder(const std::string& file, std::size_t budget) : file_(file), budget_(budget), values_left_(budget) {}

  std::vector<YAML::Mark> starts;  // where each document began
  std::optional<Node> root;        // the first document, once read

  void OnDocumentStart(const YAML::Mark& mark) override { starts.push_back(mark); }
  void OnDocumentEnd() override {}

  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    if (ignoring()) return;
    Node n;
    n.origin = here(mark);
    count_value(n.origin);
    check_depth(n.origin, 1);
    finish(std::move(n), anchor, 1, 1);
  }

  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override {
    if (ignoring()) return;
    Node n;
    n.kind = Node::Kind::scalar;
    n.origin = here(mark);
    n.scalar = value;
    n.quoted = tag == "!";  // yaml-cpp tags quoted scalars "!" and plain ones "?"
    if (!expecting_key()) {
      count_value(n.origin);
      check_depth(n.origin, 1);
      if (auto fault = text_fault(n.scalar, "value")) fail(n.origin, path_text(), *fault);
    }
    finish(std::move(n), anchor, 1, 1);
  }

  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    if (ignoring()) return;
    const Origin at = here(mark);
    if (anchor >= anchors_.size() || !anchors_[anchor])
      fail(at, path_text(), "this alias (*name) refers to the list or map that holds it; a value cannot contain itself");
    const Anchored& a = *anchors_[anchor];
    if (!expecting_key()) {
      if (a.values > values_left_)
        fail(at, path_text(), "this document expands to more than " + std::to_string(budget_) +
                                  " values through aliases (*name); write fewer aliases");
      values_left_ -= a.values;
      check_depth(at, a.height);
    }
    finish(Node(a.node), 0, a.values, a.height);
  }

  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    open(mark, anchor, Node::Kind::sequence);
  }
  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value) override {
    open(mark, anchor, Node::Kind::map);
  }
  void OnSequenceEnd() override { close(); }
  void OnMapEnd() override { close(); }

 private:
  struct Open {
    Node node;
    YAML::anchor_t anchor = 0;
    std::size_t values = 1;  // the values it holds, itself included
    std::size_t height = 1;  // the levels it spans, itself included
    bool has_key = false;    // a map whose next value belongs to `entry.key`
    NodeEntry entry;
    std::unordered_set<std::string> keys;  // a linear duplicate check: a map may have many keys
  };
  struct Anchored {
    Node node;
    std::size_t values, height;
  };

  const std::string& file_;
  const std::size_t budget_;
  std::size_t values_left_;
  std::vector<Open> open_;
  std::vector<std::optional<Anchored>> anchors_;  // by anchor id; yaml-cpp numbers them from 1
  bool key_container_ = false;                    // a list or map written as a map key

  bool ignoring() const { return starts.size() > 1; }  // a second document is refused afterwards
  bool expecting_key() const {
    return !open_.empty() && open_.back().node.kind == Node::Kind::map && !open_.back().has_key;
  }

  Origin here(const YAML::Mark& mark) const {
    const Origin fallback = open_.empty() ? Origin{file_, 1, 1, {}}
                            : open_.back().has_key ? open_.back().entry.key_origin
                                                   : open_.back().node.origin;
    return origin_of(mark, file_, fallback);
  }

  // The key path of the value being read now, spelled out only for an error.
  std::string path_text() const {
    std::string s;
    for (const auto& o : open_) {
      if (o.node.kind == Node::Kind::sequence) {
        s += "[" + std::to_string(o.node.items.size()) + "]";
      } else if (o.has_key) {
        s += (s.empty() ? "" : ".") + o.entry.key;
      } else {
        break;  // at a key: the path is the map's
      }
    }
    return s;
  }

  [[noreturn]] static void fail(Origin at, std::string path, const std::string& message) {
    at.key_path = std::move(path);
    throw ScenarioError(at, message);
  }

  void count_value(const Origin& at) {
    if (values_left_ == 0)
      fail(at, path_text(), "this document expands to more than " + std::to_string(budget_) +
                                " values through aliases (*name); write fewer aliases");
    --values_left_;
  }

  // A value `height` levels tall placed here must not reach deeper than kMaxDepth.
  void check_depth(const Origin& at, std::size_t height) const {
    if (open_.size() + height - 1 > kMaxDepth)
      fail(at, path_text(), "maps and lists nest more than " + std::to_string(kMaxDepth) +
                                " levels deep here; a scenario needs far fewer");
  }

  void open(const YAML::Mark& mark, YAML::anchor_t anchor, Node::Kind kind) {
    if (ignoring()) return;
    Open o;
    o.node.kind = kind;
    o.node.origin = here(mark);
    o.anchor = anchor;
    if (expecting_key()) fail(o.node.origin, path_text(), "a map key must be a plain name");
    count_value(o.node.origin);
    check_depth(o.node.origin, 1);
    open_.push_back(std::move(o));
  }

  void close() {
    if (ignoring()) return;
    Open o = std::move(open_.back());
    open_.pop_back();
    finish(std::move(o.node), o.anchor, o.values, o.height);
  }

  // Hands a finished value to the innermost open list or map (or makes it the root).
  void finish(Node n, YAML::anchor_t anchor, std::size_t values, std::size_t height) {
    if (anchor != 0) {
      if (anchors_.size() <= anchor) anchors_.resize(anchor + 1);
      anchors_[anchor] = Anchored{n, values, height};
    }
    if (open_.empty()) {
      root = std::move(n);
      return;
    }
    Open& top = open_.back();
    if (top.node.kind == Node::Kind::sequence) {
      top.node.items.push_back(std::move(n));
    } else if (!top.has_key) {
      if (n.kind != Node::Kind::scalar) fail(n.origin, path_text(), "a map key must be a plain name");
      const std::string path = path_text();
      const std::string key_path = path + (path.empty() ? "" : ".") + n.scalar;
      if (auto fault = text_fault(n.scalar, "key")) fail(n.origin, key_path, *fault);
      if (!top.keys.insert(n.scalar).second)
        fail(n.origin, key_path, "key '" + n.scalar + "' appears twice in this map; keep one");
      top.entry = NodeEntry{std::move(n.scalar), n.origin, Node{}};
      top.has_key = true;
      return;  // keys are names, not values: they count toward neither budget
    } else {
      top.entry.value = std::move(n);
      top.node.entries.push_back(std::move(top.entry));
      top.has_key = false;
    }
    top.values += values;
    top.height = std::max(top.height, height + 1);
  }
};

}  // namespace

Node parse_document(const std::string& text, const std::string& file_label) {
  const Origin top{file_label, 1, 1, {}};
  TreeBuilder tree(file_label, kValuesFree + kValuesPerByte * text.size());
  try {
    std::istringstream in(text);
    YAML::Parser parser(in);
    // YAML::LoadAll never returns on a ',' outside any list or map (",\n", "[a], b"):
    // the parser yields empty documents without consuming the token, forever (found by
    // tests/fuzz/loader_fuzzer). So at most three document starts are read, and a
    // document that starts where the previous one did is the parser going nowhere.
    while (tree.starts.size() < 3 && parser.HandleNextDocument(tree)) {
    }
  } catch (const YAML::DeepRecursion& e) {
    throw ScenarioError(Origin{file_label, e.mark.line + 1, e.mark.column + 1, {}},
                        "maps and lists nest too deep here for the YAML reader; a scenario needs fewer than " +
                            std::to_string(kMaxDepth) + " levels");
  } catch (const YAML::ParserException& e) {
    throw ScenarioError(Origin{file_label, e.mark.line + 1, e.mark.column + 1, {}}, "YAML syntax error: " + e.msg);
  }
  if (tree.starts.size() > 1) {
    const YAML::Mark& m = tree.starts[1];
    if (m.pos == tree.starts[0].pos ||
        (m.pos >= 0 && static_cast<std::size_t>(m.pos) < text.size() && text[static_cast<std::size_t>(m.pos)] == ','))
      throw ScenarioError(origin_of(m, file_label, top),
                          "YAML syntax error: a ',' outside any list or map; write lists as [a, b] or one '- a' per line");
    throw ScenarioError(origin_of(m, file_label, top),
                        "a second YAML document (after '---'); a scenario file holds one document: use 'include:' "
                        "to combine files");
  }
  if (!tree.root) {
    Node empty;
    empty.origin = top;
    return empty;
  }
  return std::move(*tree.root);
}

}  // namespace regimesim::load
