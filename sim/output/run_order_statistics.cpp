#include "output/run_order_statistics.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace regimesim::output {

std::size_t RunOrderStatistics::KeyHash::operator()(const Key& k) const {
  std::uint64_t h = static_cast<std::uint64_t>(static_cast<std::uint32_t>(k.step)) * 0x9e3779b97f4a7c15ULL;
  h ^= (static_cast<std::uint64_t>(k.state) << 32 | k.item) + 0xbf58476d1ce4e5b9ULL + (h << 6) + (h >> 2);
  h ^= static_cast<std::uint64_t>(k.metric) * 0x94d049bb133111ebULL;
  return static_cast<std::size_t>(h);
}

RunOrderStatistics::RunOrderStatistics(std::filesystem::path values_file, std::size_t points,
                                       std::size_t runs_per_point)
    : path_(std::move(values_file)), runs_per_point_(runs_per_point), points_(points) {
  fd_ = ::open(path_.c_str(), O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd_ < 0) throw std::runtime_error("cannot create " + path_.string() + ": " + std::strerror(errno));
}

RunOrderStatistics::~RunOrderStatistics() {
  if (fd_ >= 0) ::close(fd_);
  std::error_code ignored;
  std::filesystem::remove(path_, ignored);  // written by this object alone
}

void RunOrderStatistics::append(const void* data, std::size_t bytes) {
  const char* p = static_cast<const char*>(data);
  while (bytes > 0) {
    const ssize_t n = ::pwrite(fd_, p, bytes, static_cast<off_t>(end_));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) throw std::runtime_error("cannot write " + path_.string() + ": " + std::strerror(errno));
    p += n, bytes -= static_cast<std::size_t>(n), end_ += static_cast<std::uint64_t>(n);
  }
}

void RunOrderStatistics::add(std::size_t k, std::vector<MetricRow> rows) {
  std::unique_lock lock(mutex_);
  waiting_.emplace(k, std::move(rows));
  if (folding_) return;  // the thread folding now takes it in its turn
  folding_ = true;
  try {
    for (auto it = waiting_.find(next_); it != waiting_.end(); it = waiting_.find(next_)) {
      const std::vector<MetricRow> run = std::move(it->second);
      waiting_.erase(it);
      lock.unlock();  // the others go on running and adding while this one folds
      fold(next_, run);
      lock.lock();
      ++next_;
    }
  } catch (...) {
    if (!lock.owns_lock()) lock.lock();
    folding_ = false;
    throw;
  }
  folding_ = false;
}

// Only one thread folds at a time, in run order: the rows' indices, hence the order
// of statistics.csv, are those of step_statistics (the order rows first appear, run by run).
void RunOrderStatistics::fold(std::size_t k, const std::vector<MetricRow>& rows) {
  Point& point = points_.at(k / runs_per_point_);
  std::vector<std::uint32_t> at(rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const MetricRow& r = rows[i];
    const Key key{r.step, r.state, r.item, r.metric};
    // The usual case: the run's rows come in the order of the point's first run.
    if (i < point.keys.size() && point.keys[i] == key) {
      at[i] = static_cast<std::uint32_t>(i);
      continue;
    }
    auto [it, added] = point.index.try_emplace(key, static_cast<std::uint32_t>(point.keys.size()));
    if (added) point.keys.push_back(key);
    at[i] = it->second;
  }
  const std::size_t n = point.keys.size();
  std::vector<double> value(n, 0.0);  // an absent value is 0.0, as in step_statistics
  std::vector<std::uint8_t> recorded(n, 0);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    value[at[i]] = rows[i].value;  // a row recorded twice keeps its last value, as in step_statistics
    recorded[at[i]] = 1;
  }
  Segment seg;
  seg.offset = end_;
  seg.rows = static_cast<std::uint32_t>(n);
  seg.all_recorded = std::find(recorded.begin(), recorded.end(), 0) == recorded.end();
  append(value.data(), n * sizeof(double));
  if (!seg.all_recorded) append(recorded.data(), n);
  point.runs.push_back(seg);
  if (point.runs.size() == runs_per_point_) point.index = {};  // its rows are all known
}

void RunOrderStatistics::describe_point(std::size_t p, int threads,
                                        const std::function<void(const std::vector<RowStatistics>&)>& write,
                                        std::size_t slice_bytes) const {
  const Point& point = points_.at(p);
  const std::size_t R = point.runs.size(), n = point.keys.size();
  if (R == 0) return;
  const std::size_t slice = std::max<std::size_t>(1, slice_bytes / (R * (sizeof(double) + 1) + sizeof(RowStatistics)));
  std::vector<double> value;          // row in slice * R + run
  std::vector<std::uint8_t> recorded;  // the same layout
  std::vector<double> run_values;
  std::vector<std::uint8_t> run_recorded;
  std::vector<RowStatistics> out;
  tbb::task_arena arena(std::max(1, threads));
  auto read = [&](void* into, std::size_t bytes, std::uint64_t offset) {
    char* q = static_cast<char*>(into);
    while (bytes > 0) {
      const ssize_t got = ::pread(fd_, q, bytes, static_cast<off_t>(offset));
      if (got < 0 && errno == EINTR) continue;
      if (got <= 0) throw std::runtime_error("cannot read " + path_.string() + ": " + std::strerror(errno));
      q += got, bytes -= static_cast<std::size_t>(got), offset += static_cast<std::uint64_t>(got);
    }
  };
  for (std::size_t a = 0; a < n; a += slice) {
    const std::size_t b = std::min(n, a + slice), m = b - a;
    value.assign(m * R, 0.0);
    recorded.assign(m * R, 0);
    for (std::size_t r = 0; r < R; ++r) {
      const Segment& seg = point.runs[r];
      if (seg.rows <= a) continue;  // rows that first appeared after this run: absent in it
      const std::size_t have = std::min<std::size_t>(b, seg.rows) - a;
      run_values.resize(have);
      read(run_values.data(), have * sizeof(double), seg.offset + a * sizeof(double));
      run_recorded.assign(have, 1);
      if (!seg.all_recorded) read(run_recorded.data(), have, seg.offset + seg.rows * sizeof(double) + a);
      for (std::size_t j = 0; j < have; ++j) {
        value[j * R + r] = run_values[j];
        recorded[j * R + r] = run_recorded[j];
      }
    }
    out.resize(m);
    arena.execute([&] {
      tbb::parallel_for(tbb::blocked_range<std::size_t>(0, m, 4096), [&](const tbb::blocked_range<std::size_t>& range) {
        std::vector<double> values;
        for (std::size_t j = range.begin(); j != range.end(); ++j) {
          const Key& key = point.keys[a + j];
          values.clear();
          const bool zero = absent_means_zero(key.metric);
          for (std::size_t r = 0; r < R; ++r)
            if (recorded[j * R + r] || zero) values.push_back(value[j * R + r]);
          out[j] = RowStatistics{key.step, key.state, key.item, key.metric, analysis::describe(values)};
        }
      });
    });
    write(out);
  }
}

}  // namespace regimesim::output
