// The work done once per design point before the replicates (preparing it, its shared
// baseline, its shared first steps): one point per task on an arena of `threads`.
#pragma once

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <cstddef>

namespace regimesim::ensemble {

template <class PerPoint>
void for_each_point(std::size_t points, int threads, PerPoint&& per_point) {
  tbb::task_arena arena(std::max(1, threads));
  arena.execute([&] {
    tbb::parallel_for(
        tbb::blocked_range<std::size_t>(0, points, 1),
        [&](const tbb::blocked_range<std::size_t>& r) {
          for (std::size_t p = r.begin(); p != r.end(); ++p) per_point(p);
        },
        tbb::simple_partitioner());
  });
}

}  // namespace regimesim::ensemble
