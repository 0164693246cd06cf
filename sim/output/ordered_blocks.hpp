// Blocks of text made on many threads, written to one stream in index order as soon
// as every earlier block has arrived: the bytes do not depend on which thread made
// what or when, and only the blocks that arrived early are held in memory.
#pragma once

#include <cstddef>
#include <map>
#include <mutex>
#include <ostream>
#include <sstream>
#include <string>

namespace regimesim::output {

class OrderedBlocks {
 public:
  explicit OrderedBlocks(std::ostream& out) : out_(out) {}

  // Thread-safe. Each index from 0 must be put exactly once.
  void put(std::size_t index, std::string block) {
    std::lock_guard lock(mutex_);
    pending_.emplace(index, std::move(block));
    write_what_is_due();
  }
  // The same with the block made by `write(stream)`: written straight to the stream
  // when every earlier block is in, so that the one table of a single run (150 MB of
  // text for the default world's 120 steps) is never held whole; else made as text
  // and kept until they are.
  template <class Write>
  void put_written(std::size_t index, Write&& write) {
    {
      std::lock_guard lock(mutex_);
      if (index == next_) {
        write(out_);
        ++next_;
        write_what_is_due();
        return;
      }
    }
    std::ostringstream text;
    write(static_cast<std::ostream&>(text));
    put(index, std::move(text).str());
  }
  std::size_t written() const { return next_; }

 private:
  void write_what_is_due() {
    while (!pending_.empty() && pending_.begin()->first == next_) {
      const std::string& b = pending_.begin()->second;
      out_.write(b.data(), static_cast<std::streamsize>(b.size()));
      pending_.erase(pending_.begin());
      ++next_;
    }
  }

  std::ostream& out_;
  std::mutex mutex_;
  std::map<std::size_t, std::string> pending_;
  std::size_t next_ = 0;
};

}  // namespace regimesim::output
