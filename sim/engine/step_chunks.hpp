// Fixed pieces of a sweep, so that one run can use several threads and still give
// the same bytes on any number of them. The pieces are cut from the network alone
// (about kLinksPerChunk links each), never from the thread count; a phase writes only
// its own piece's arrays, and whatever the pieces add up together (totals, lists of
// controlled links) is summed or joined afterwards in piece order on one thread.
#pragma once

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <cstdint>
#include <vector>

namespace regimesim::engine {

// Large enough that a piece's work dwarfs handing it to a thread; small enough that
// two threads on a 100k-firm world (1M links) get 30 pieces each.
inline constexpr std::uint32_t kLinksPerChunk = 1u << 14;

struct StepChunks {
  std::vector<std::uint32_t> begin;  // piece c is [begin[c], begin[c + 1]); size pieces + 1
  std::size_t size() const { return begin.empty() ? 0 : begin.size() - 1; }
};

// Cuts [0, n) into pieces of whole elements, each ending once it holds at least
// `per_piece` of the weight that `offsets` (size n + 1, as buyer_slot_begin) gives.
inline StepChunks cut_chunks(std::uint32_t n, const std::vector<std::uint32_t>& offsets, std::uint32_t per_piece) {
  StepChunks c;
  c.begin.push_back(0);
  for (std::uint32_t i = 0; i < n; ++i)
    if (offsets[i + 1] - offsets[c.begin.back()] >= per_piece || i + 1 == n) c.begin.push_back(i + 1);
  if (n == 0) c.begin.push_back(0);
  return c;
}

// Runs body(c, first, last) for every piece, on as many threads as the caller's TBB
// arena allows; the order pieces run in is free, so a body may write only its piece's
// elements and its own per-piece scratch.
template <class Body>
void for_each_chunk(const StepChunks& chunks, Body&& body) {
  tbb::parallel_for(
      tbb::blocked_range<std::size_t>(0, chunks.size(), 1),
      [&](const tbb::blocked_range<std::size_t>& r) {
        for (std::size_t c = r.begin(); c != r.end(); ++c) body(c, chunks.begin[c], chunks.begin[c + 1]);
      },
      tbb::simple_partitioner());
}

}  // namespace regimesim::engine
