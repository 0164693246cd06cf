// statistics.csv of many runs without keeping their rows: each finished run's
// values are folded in run order into a file of exact values (doubles as computed),
// and each row's statistics are described from that file a slice of rows at a time.
// The result is byte for byte that of step_statistics over all the runs' rows kept
// in memory; what stays in memory is one entry per distinct row of a point, the runs
// that finished before an earlier one, and one slice, whatever the number of runs.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <mutex>
#include <unordered_map>
#include <vector>

#include "output/metrics.hpp"
#include "output/step_statistics.hpp"

namespace regimesim::output {

class RunOrderStatistics {
 public:
  // Values go to `values_file` (in the result's staging directory), which the
  // destructor removes. Runs are numbered k = point * runs_per_point + run.
  RunOrderStatistics(std::filesystem::path values_file, std::size_t points, std::size_t runs_per_point);
  ~RunOrderStatistics();
  RunOrderStatistics(const RunOrderStatistics&) = delete;
  RunOrderStatistics& operator=(const RunOrderStatistics&) = delete;

  // Hands over run k's rows, from any thread, in any order. They are folded in run
  // order: a run that finishes before an earlier one waits here until that one comes.
  void add(std::size_t k, std::vector<MetricRow> rows);

  // After every run of point p was added: its rows' statistics as step_statistics
  // gives them, passed to `write` in order, in slices of about `slice_bytes` of
  // values read back and statistics described (what a writer makes of a slice is
  // text of about the statistics' size): a single run's slices are as small as an
  // ensemble's, not all its rows at once. Rows are described in parallel on `threads` threads.
  void describe_point(std::size_t p, int threads, const std::function<void(const std::vector<RowStatistics>&)>& write,
                      std::size_t slice_bytes = std::size_t{64} << 20) const;

  // Bytes the file holds so far.
  std::uint64_t file_bytes() const { return end_; }

 private:
  struct Key {
    int step;
    std::uint32_t state, item;
    Metric metric;
    bool operator==(const Key&) const = default;
  };
  struct KeyHash {
    std::size_t operator()(const Key& k) const;
  };
  // One run's values in the file: one double per row of the point known when it was
  // folded (`rows`, by the point's row index), then, unless every one was recorded,
  // a byte per row saying whether it was.
  struct Segment {
    std::uint64_t offset = 0;
    std::uint32_t rows = 0;
    bool all_recorded = true;
  };
  struct Point {
    std::vector<Key> keys;  // in the order rows first appear, run by run
    std::unordered_map<Key, std::uint32_t, KeyHash> index;  // dropped once the point's runs are folded
    std::vector<Segment> runs;
  };
  void fold(std::size_t k, const std::vector<MetricRow>& rows);
  void append(const void* data, std::size_t bytes);

  std::filesystem::path path_;
  int fd_ = -1;
  std::uint64_t end_ = 0;
  std::size_t runs_per_point_;
  std::vector<Point> points_;
  std::mutex mutex_;
  std::map<std::size_t, std::vector<MetricRow>> waiting_;  // finished before run next_
  std::size_t next_ = 0;
  bool folding_ = false;
};

}  // namespace regimesim::output
