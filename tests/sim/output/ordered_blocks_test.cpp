// Blocks made on many threads reach the stream in index order, whichever way each
// was handed over and whatever the order they arrive in.
#include <catch2/catch.hpp>

#include <algorithm>
#include <numeric>
#include <random>
#include <sstream>
#include <thread>

#include "output/ordered_blocks.hpp"

using namespace regimesim::output;

namespace {
std::string block_text(std::size_t k) { return "block " + std::to_string(k) + std::string(k % 7, '.') + "\n"; }
}  // namespace

TEST_CASE("A block that is due is written at once; one that is early waits for those before it",
          "[output][blocks]") {
  std::ostringstream out;
  OrderedBlocks blocks(out);
  blocks.put_written(0, [](std::ostream& o) { o << block_text(0); });
  CHECK(out.str() == block_text(0));  // due: on the stream before any later block exists
  blocks.put_written(2, [](std::ostream& o) { o << block_text(2); });
  CHECK(out.str() == block_text(0));  // early: held
  CHECK(blocks.written() == 1);
  blocks.put(1, block_text(1));
  CHECK(out.str() == block_text(0) + block_text(1) + block_text(2));
  CHECK(blocks.written() == 3);
}

TEST_CASE("Blocks put from four threads in a shuffled order come out in index order", "[output][blocks]") {
  const std::size_t n = 400;
  std::vector<std::size_t> order(n);
  std::iota(order.begin(), order.end(), 0);
  std::shuffle(order.begin(), order.end(), std::mt19937_64(11));
  std::ostringstream out;
  OrderedBlocks blocks(out);
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      for (std::size_t i = t; i < n; i += 4) {
        const std::size_t k = order[i];
        if (k % 2)  // both ways of handing a block over, mixed
          blocks.put(k, block_text(k));
        else
          blocks.put_written(k, [k](std::ostream& o) { o << block_text(k); });
      }
    });
  for (auto& th : threads) th.join();
  std::string expected;
  for (std::size_t k = 0; k < n; ++k) expected += block_text(k);
  CHECK(out.str() == expected);
  CHECK(blocks.written() == n);
}
