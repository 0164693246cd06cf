// A run's output directory appears only when complete: files are written into a
// hidden sibling, which is renamed into place by commit(). An uncommitted one (an
// error, Ctrl-C) is removed, so nothing that looks like a result is left behind.
#pragma once

#include <filesystem>
#include <stdexcept>
#include <string>

namespace regimesim::output {

// The user named a directory that exists and did not ask to replace it: bad input
// (exit code 2), reported before any work starts.
struct DirectoryExists : std::runtime_error {
  using std::runtime_error::runtime_error;
};

class ResultDirectory {
 public:
  // Throws DirectoryExists when `target` exists and `replace` is false.
  ResultDirectory(std::filesystem::path target, bool replace);
  ~ResultDirectory();
  ResultDirectory(const ResultDirectory&) = delete;
  ResultDirectory& operator=(const ResultDirectory&) = delete;

  std::filesystem::path file(const std::string& name) const { return staging_ / name; }
  void write(const std::string& name, const std::string& content) const;
  void commit();

 private:
  std::filesystem::path target_;
  std::filesystem::path staging_;
  bool replace_;
  bool committed_ = false;
};

}  // namespace regimesim::output
