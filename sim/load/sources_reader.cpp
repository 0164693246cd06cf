#include "load/sources_reader.hpp"

#include <set>

#include "load/reader.hpp"

namespace regimesim::load {

std::vector<Source> read_sources(const Node& list, const std::string& path) {
  std::vector<Source> out;
  std::set<std::string> seen;
  const auto entries = as_list(list, path);
  for (std::size_t k = 0; k < entries.size(); ++k) {
    MapReader r(*entries[k], element_path(path, k), {"id", "title", "publisher", "year", "url", "note"});
    Source s;
    s.id = as_name(r.require("id"), r.path("id"));
    if (!seen.insert(s.id).second) fail(r.require("id"), r.path("id"), "duplicate source '" + s.id + "'");
    s.title = as_string(r.require("title"), r.path("title"));
    s.publisher = r.string("publisher", "");
    s.year = as_int_in(r.require("year"), r.path("year"), 1900, 2100, "expected the year of publication, e.g. 2023");
    s.url = r.string("url", "");
    out.push_back(std::move(s));
  }
  return out;
}

std::vector<std::string> read_source_ids(const Node& n, const std::string& path, const World& w) {
  std::vector<const Node*> ids;
  if (n.kind == Node::Kind::sequence)
    ids = as_list(n, path);
  else
    ids.push_back(&n);
  if (ids.empty()) fail(n, path, "expected a source id from world.sources, or a list of them");
  std::vector<std::string> out;
  for (std::size_t k = 0; k < ids.size(); ++k) {
    const std::string at = n.kind == Node::Kind::sequence ? element_path(path, k) : path;
    const std::string id = as_string(*ids[k], at);
    bool known = false;
    for (const auto& s : w.sources) known |= s.id == id;
    if (!known)
      fail(*ids[k], at,
           "unknown source '" + id + "': every source id must be listed under world.sources with its title and year");
    out.push_back(id);
  }
  return out;
}

}  // namespace regimesim::load
