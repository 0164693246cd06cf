#include "output/result_merge.hpp"

#include <fmt/format.h>

#include <charconv>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <unordered_map>

#include "output/ensemble_summary.hpp"
#include "output/run_order_statistics.hpp"

namespace regimesim::output {
namespace {

using Json = nlohmann::ordered_json;
namespace fs = std::filesystem;

// What differs from part to part and is joined rather than compared.
const std::set<std::string> kPerPart = {"run_indices", "run_seeds",  "point_run_seeds", "world_seeds",
                                        "command_line", "created_utc", "wall_time_seconds", "threads"};

std::string read_text(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw PartsRefused(fmt::format("{}: cannot read it; is {} a result of `regimesim run --run-index`?",
                                          file.string(), file.parent_path().string()));
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

Json read_json(const fs::path& file) {
  try {
    return Json::parse(read_text(file));
  } catch (const nlohmann::json::exception& e) {
    throw PartsRefused(fmt::format("{}: not the JSON regimesim writes ({})", file.string(), e.what()));
  }
}

// Where field `fields` of a CSV line starts (after that many fields and their commas);
// a quoted field may hold commas and doubled quotes.
std::size_t after_fields(std::string_view line, std::size_t fields) {
  std::size_t pos = 0;
  for (std::size_t f = 0; f < fields && pos <= line.size(); ++f) {
    if (pos < line.size() && line[pos] == '"') {
      for (++pos; pos < line.size(); ++pos)
        if (line[pos] == '"') {
          if (pos + 1 < line.size() && line[pos + 1] == '"') ++pos;
          else { ++pos; break; }
        }
    } else {
      while (pos < line.size() && line[pos] != ',') ++pos;
    }
    ++pos;  // the comma
  }
  return pos;
}

struct Part {
  fs::path dir;
  Json manifest, summary;
  int run = 0;
};

// A table of a part split by design point: its header, and per point the byte range
// of its rows. Rows of one point share their first `prefix_fields` fields.
struct Blocks {
  std::string header;
  std::vector<std::pair<std::size_t, std::size_t>> point;  // [begin, end) per point
};

Blocks split_by_point(const fs::path& file, std::size_t prefix_fields, std::size_t points) {
  const std::string text = read_text(file);
  Blocks b;
  std::size_t pos = text.find('\n');
  if (pos == std::string::npos) throw PartsRefused(file.string() + ": has no header line");
  b.header = text.substr(0, pos + 1);
  ++pos;
  std::string_view previous;
  while (pos < text.size()) {
    std::size_t end = text.find('\n', pos);
    end = end == std::string::npos ? text.size() : end + 1;
    const std::string_view line(text.data() + pos, end - pos);
    const std::string_view prefix = line.substr(0, std::min(line.size(), after_fields(line, prefix_fields)));
    if (b.point.empty() || prefix != previous) b.point.push_back({pos, end});
    b.point.back().second = end;
    previous = prefix;
    pos = end;
  }
  if (b.point.size() != points)
    throw PartsRefused(fmt::format("{}: holds rows of {} design points where its manifest.json lists {}", file.string(),
                                   b.point.size(), points));
  return b;
}

std::string read_range(const fs::path& file, std::pair<std::size_t, std::size_t> range) {
  std::ifstream in(file, std::ios::binary);
  std::string s(range.second - range.first, '\0');
  in.seekg(static_cast<std::streamoff>(range.first));
  in.read(s.data(), static_cast<std::streamsize>(s.size()));
  if (!in) throw PartsRefused(file.string() + ": changed while it was read");
  return s;
}

std::vector<Part> read_parts(const std::vector<fs::path>& dirs) {
  std::vector<Part> parts;
  for (const auto& dir : dirs) {
    Part p;
    p.dir = dir;
    p.manifest = read_json(dir / "manifest.json");
    p.summary = read_json(dir / "summary.json");
    const Json& indices = p.manifest.contains("run_indices") ? p.manifest["run_indices"] : Json();
    if (!indices.is_array() || indices.size() != 1 || p.manifest.value("runs", 0) != 1)
      throw PartsRefused(fmt::format("{}: is not the result of one run (`regimesim run --run-index I --out DIR`); "
                                     "merge joins such results, one run each",
                                     dir.string()));
    p.run = indices[0].get<int>();
    parts.push_back(std::move(p));
  }
  return parts;
}

// Every part must come from the same scenario, seed, design, output choice and build.
void check_alike(const std::vector<Part>& parts) {
  const Part& first = parts.front();
  for (const Part& p : parts) {
    for (const auto& [key, value] : first.manifest.items()) {
      if (kPerPart.count(key)) continue;
      if (p.manifest.contains(key) && p.manifest[key] == value) continue;
      std::string theirs = p.manifest.contains(key) ? p.manifest[key].dump() : "nothing";
      std::string ours = value.dump();
      if (theirs.size() > 80) theirs = theirs.substr(0, 77) + "...";
      if (ours.size() > 80) ours = ours.substr(0, 77) + "...";
      throw PartsRefused(fmt::format("{}: its manifest.json's \"{}\" is {} where {} has {}; parts join only when "
                                     "written by the same build from the same scenario, seed, --set, --sweep and "
                                     "output options",
                                     p.dir.string(), key, theirs, first.dir.string(), ours));
    }
    for (const auto& [key, value] : p.manifest.items())
      if (!kPerPart.count(key) && !first.manifest.contains(key))
        throw PartsRefused(fmt::format("{}: its manifest.json has \"{}\", which {} lacks; parts join only when "
                                       "written alike",
                                       p.dir.string(), key, first.dir.string()));
  }
}

// Parts in run order, 0..runs-1, each once.
std::vector<const Part*> in_run_order(const std::vector<Part>& parts, std::optional<int> runs) {
  std::map<int, const Part*> by_run;
  for (const Part& p : parts) {
    auto [it, added] = by_run.emplace(p.run, &p);
    if (!added)
      throw PartsRefused(fmt::format("{} and {} both hold run {}; give each run once", it->second->dir.string(),
                                     p.dir.string(), p.run));
  }
  const int n = runs ? *runs : by_run.rbegin()->first + 1;
  std::vector<int> missing;
  for (int r = 0; r < n; ++r)
    if (!by_run.count(r)) missing.push_back(r);
  if (!missing.empty()) {
    std::string list;
    for (std::size_t k = 0; k < missing.size() && k < 20; ++k) list += (k ? ", " : "") + std::to_string(missing[k]);
    if (missing.size() > 20) list += fmt::format(" and {} more", missing.size() - 20);
    throw PartsRefused(fmt::format("no part holds run{} {} of runs 0 to {}; write {} with --run-index first",
                                   missing.size() == 1 ? "" : "s", list, n - 1, missing.size() == 1 ? "it" : "them"));
  }
  if (by_run.rbegin()->first >= n)
    throw PartsRefused(fmt::format("{} holds run {}, beyond the {} runs asked for (--runs {})",
                                   by_run.rbegin()->second->dir.string(), by_run.rbegin()->first, n, n));
  std::vector<const Part*> order;
  for (const auto& [run, p] : by_run) order.push_back(p);
  return order;
}

void merge_timeseries(const std::vector<const Part*>& parts, std::size_t keys, std::size_t points,
                      const fs::path& out_file) {
  std::vector<Blocks> blocks;
  for (const Part* p : parts) {
    blocks.push_back(split_by_point(p->dir / "timeseries.csv", 3 + keys, points));  // scenario, run, seed, sweep
    if (blocks.back().header != blocks.front().header)
      throw PartsRefused(p->dir.string() + "/timeseries.csv: its header differs from the first part's");
  }
  std::ofstream out(out_file, std::ios::binary);
  out << blocks.front().header;
  for (std::size_t point = 0; point < points; ++point)
    for (std::size_t r = 0; r < parts.size(); ++r)
      out << read_range(parts[r]->dir / "timeseries.csv", blocks[r].point[point]);
  if (!out) throw std::runtime_error("cannot write " + out_file.string());
}

void merge_statistics(const std::vector<const Part*>& parts, std::size_t keys, std::size_t points,
                      ResultDirectory& dir, int threads) {
  const std::size_t R = parts.size();
  std::vector<Blocks> blocks;
  for (const Part* p : parts) {
    blocks.push_back(split_by_point(p->dir / "statistics.csv", 1 + keys, points));  // scenario, sweep
    if (blocks.back().header != blocks.front().header)
      throw PartsRefused(p->dir.string() + "/statistics.csv: its header differs from the first part's");
  }
  // Each distinct row of a point (its text up to the metric) gets a number, in the order
  // rows first appear run by run, as the values' `step`: the fold then keeps that order.
  const std::size_t key_fields = 1 + keys + 4;  // scenario, sweep, step, state, item, metric
  RunOrderStatistics statistics(dir.file(".run-values"), points, R);
  std::ofstream out(dir.file("statistics.csv"), std::ios::binary);
  out << blocks.front().header;
  for (std::size_t point = 0; point < points; ++point) {
    std::unordered_map<std::string, int> number;
    std::vector<std::string> text;
    for (std::size_t r = 0; r < R; ++r) {
      const fs::path file = parts[r]->dir / "statistics.csv";
      const std::string block = read_range(file, blocks[r].point[point]);
      std::vector<MetricRow> rows;
      for (std::size_t pos = 0; pos < block.size();) {
        std::size_t end = block.find('\n', pos);
        if (end == std::string::npos) end = block.size();
        const std::string_view line(block.data() + pos, end - pos);
        pos = end + 1;
        const std::size_t metric_at = after_fields(line, key_fields - 1), runs_at = after_fields(line, key_fields);
        const std::size_t mean_at = after_fields(line, key_fields + 1), mean_end = after_fields(line, key_fields + 2);
        const auto metric = metric_named(line.substr(metric_at, runs_at - metric_at - 1));
        const std::string_view n = line.substr(runs_at, mean_at - runs_at - 1);
        double value = 0;
        const auto parsed = std::from_chars(line.data() + mean_at, line.data() + mean_end - 1, value);
        if (!metric || n != "1" || parsed.ec != std::errc() || parsed.ptr != line.data() + mean_end - 1)
          throw PartsRefused(fmt::format("{}: a row is not one run's value of a metric: {}", file.string(),
                                         std::string(line.substr(0, 200))));
        auto [it, added] = number.try_emplace(std::string(line.substr(0, runs_at - 1)), static_cast<int>(text.size()));
        if (added) text.push_back(it->first);
        rows.push_back(MetricRow{it->second, 0, 0, *metric, value});
      }
      statistics.add(point * R + r, std::move(rows));
    }
    statistics.describe_point(point, threads, [&](const std::vector<RowStatistics>& described) {
      fmt::memory_buffer buf;
      for (const auto& row : described) {
        const auto& s = row.stats;
        fmt::format_to(std::back_inserter(buf), "{},{},{},{},{},{},{},{},{}\n", text[static_cast<std::size_t>(row.step)],
                       s.n, s.mean, s.sd, s.q05, s.q50, s.q95, s.ci95_low, s.ci95_high);
      }
      out.write(buf.data(), static_cast<std::streamsize>(buf.size()));
    });
  }
  if (!out) throw std::runtime_error("cannot write " + dir.file("statistics.csv").string());
}

std::string merged_summary(const std::vector<const Part*>& parts, std::size_t points) {
  std::vector<std::vector<HeadlineStatistics>> per_point;
  for (std::size_t point = 0; point < points; ++point) {
    std::vector<std::vector<HeadlineValue>> runs;
    for (const Part* p : parts) {
      runs.emplace_back();
      for (const auto& m : p->summary.at("statistics").at(point).at("metrics"))
        runs.back().push_back({m.at("metric"), m.at("group"), m.at("when"), m.at("mean").get<double>()});
    }
    per_point.push_back(describe_headlines(runs));
  }
  return restate_ensemble_summary(read_text(parts.front()->dir / "summary.json"), static_cast<int>(parts.size()),
                                  per_point);
}

std::string merged_manifest(const std::vector<const Part*>& parts, const std::string& command_line) {
  Json m = parts.front()->manifest;
  m["runs"] = parts.size();
  Json indices = Json::array(), seeds = Json::array(), world = Json::array(), from = Json::array();
  double wall = 0;
  for (const Part* p : parts) {
    indices.push_back(p->run);
    seeds.push_back(p->manifest.at("run_seeds").at(0));
    if (p->manifest.contains("world_seeds")) world.push_back(p->manifest["world_seeds"].at(0));
    from.push_back(Json{{"dir", p->dir.string()}, {"command_line", p->manifest.value("command_line", "")}});
    wall += p->manifest.value("wall_time_seconds", 0.0);
  }
  m["run_indices"] = indices;
  m["run_seeds"] = seeds;
  if (m.contains("point_run_seeds")) {
    Json per_point = Json::array();
    for (std::size_t point = 0; point < m["point_run_seeds"].size(); ++point) {
      Json s = Json::array();
      for (const Part* p : parts) s.push_back(p->manifest["point_run_seeds"].at(point).at(0));
      per_point.push_back(s);
    }
    m["point_run_seeds"] = per_point;
  }
  if (m.contains("world_seeds")) m["world_seeds"] = world;
  m["command_line"] = command_line;
  m["wall_time_seconds"] = wall;  // of the parts' runs, summed
  m["merged_from"] = from;
  return m.dump(2) + "\n";
}

}  // namespace

void merge_results(const std::vector<fs::path>& dirs, std::optional<int> runs, ResultDirectory& out,
                   const std::string& command_line, int threads) {
  if (dirs.empty()) throw PartsRefused("give the result directories to merge");
  const std::vector<Part> parts = read_parts(dirs);
  check_alike(parts);
  const std::vector<const Part*> ordered = in_run_order(parts, runs);
  const Json& sweep = ordered.front()->manifest.at("sweep");
  const std::size_t keys = sweep.at("keys").size(), points = std::max<std::size_t>(1, sweep.at("points").size());
  if (fs::exists(ordered.front()->dir / "timeseries.csv"))
    merge_timeseries(ordered, keys, points, out.file("timeseries.csv"));
  merge_statistics(ordered, keys, points, out, threads);
  out.write("summary.json", merged_summary(ordered, points));
  out.write("metrics.csv", read_text(ordered.front()->dir / "metrics.csv"));
  out.write("manifest.json", merged_manifest(ordered, command_line));
}

}  // namespace regimesim::output
