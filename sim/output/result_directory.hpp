// A run's output directory appears only when complete: files are written into a
// hidden sibling, which is renamed into place by commit(). An uncommitted one (an
// error, Ctrl-C) is removed, so nothing that looks like a result is left behind.
//
// It never deletes what regimesim did not write: `.`, `..`, the working directory
// and its ancestors, the home directory and `/` are refused as targets, and
// --force replaces only a directory that holds the marker commit() leaves in every
// result (kResultMarker).
#pragma once

#include <filesystem>
#include <stdexcept>
#include <string>

namespace regimesim::output {

// The output directory named cannot be used: bad input (exit code 2), reported
// before any work starts.
struct OutputRefused : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// The user named a directory that exists and did not ask to replace it.
struct DirectoryExists : OutputRefused {
  using OutputRefused::OutputRefused;
};

// The hidden file every committed result holds; --force replaces only such a directory.
inline constexpr const char* kResultMarker = ".regimesim-result";

// Why `target` may not be a result directory ("" when it may): it is, or holds,
// the working directory, or it is the home directory or the root.
std::string unsafe_target_reason(const std::filesystem::path& target);

// Whether `dir` is a directory regimesim committed (it holds kResultMarker).
bool is_result_directory(const std::filesystem::path& dir);

class ResultDirectory {
 public:
  // Throws OutputRefused when `target` is unsafe, DirectoryExists when it exists
  // and `replace` is false or it is not a regimesim result.
  ResultDirectory(std::filesystem::path target, bool replace);
  ~ResultDirectory();
  ResultDirectory(const ResultDirectory&) = delete;
  ResultDirectory& operator=(const ResultDirectory&) = delete;

  std::filesystem::path file(const std::string& name) const { return staging_ / name; }
  void write(const std::string& name, const std::string& content) const;
  void commit();

 private:
  void refuse_unless_replaceable() const;

  std::filesystem::path target_;
  std::filesystem::path staging_;
  bool replace_;
  bool committed_ = false;
};

// Removes `.NAME.partial-PID` staging directories in `parent` whose process is
// gone (a run killed with SIGKILL leaves one); a live process's are kept.
void remove_stale_staging(const std::filesystem::path& parent);

}  // namespace regimesim::output
