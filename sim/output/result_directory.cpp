#include "output/result_directory.hpp"

#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstdlib>
#include <fstream>
#include <stdexcept>

namespace regimesim::output {
namespace fs = std::filesystem;

namespace {

// The path as it resolves now, symbolic links followed, for comparisons.
fs::path resolved(const fs::path& p) {
  std::error_code ec;
  fs::path r = fs::weakly_canonical(fs::absolute(p, ec), ec);
  if (ec) r = fs::absolute(p).lexically_normal();
  if (r.filename().empty() && r.has_parent_path() && r != r.root_path()) r = r.parent_path();
  return r;
}

// Whether `ancestor` is `p` or one of its parents.
bool contains(const fs::path& ancestor, const fs::path& p) {
  auto a = ancestor.begin(), b = p.begin();
  for (; a != ancestor.end(); ++a, ++b)
    if (b == p.end() || *a != *b) return false;
  return true;
}

bool process_alive(long pid) {
  if (pid <= 0) return true;  // not ours to judge
  if (::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH) return false;
  // A zombie has ended and only waits to be reaped, which in a container whose first
  // process reaps nothing may be never (an MPI rank killed with its job, for one).
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string line;
  if (!std::getline(stat, line)) return true;  // no /proc: trust kill
  const auto close = line.rfind(')');  // "PID (COMMAND) STATE ...": COMMAND may hold spaces and ')'
  return close == std::string::npos || close + 2 >= line.size() || line[close + 2] != 'Z';
}

// "cannot write X: why", naming the user's path rather than the hidden staging one.
std::runtime_error write_error(const fs::path& shown, const std::error_code& ec) {
  return std::runtime_error("cannot write '" + shown.string() + "'" + (ec ? ": " + ec.message() : std::string()));
}

}  // namespace

std::string unsafe_target_reason(const fs::path& target) {
  const fs::path t = resolved(target);
  if (t == t.root_path()) return "it is the root directory";
  std::error_code ec;
  const fs::path cwd = resolved(fs::current_path(ec));
  if (!ec && contains(t, cwd))
    return t == cwd ? "it is the working directory" : "it holds the working directory";
  if (const char* home = std::getenv("HOME"); home && *home && t == resolved(home)) return "it is the home directory";
  return "";
}

bool is_result_directory(const fs::path& dir) {
  std::error_code ec;
  return fs::is_directory(dir, ec) && fs::is_regular_file(dir / kResultMarker, ec);
}

void remove_stale_staging(const fs::path& parent) {
  std::error_code ec;
  for (fs::directory_iterator it(parent, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    const auto mark = name.rfind(".partial-");
    if (name.empty() || name[0] != '.' || mark == std::string::npos || mark == 0) continue;
    const char* digits = name.data() + mark + 9;
    long pid = 0;
    auto [end_ptr, err] = std::from_chars(digits, name.data() + name.size(), pid);
    if (err != std::errc() || end_ptr != name.data() + name.size() || process_alive(pid)) continue;
    std::error_code rm;
    fs::remove_all(it->path(), rm);
  }
}

ResultDirectory::ResultDirectory(fs::path target, bool replace) : target_(std::move(target)), replace_(replace) {
  if (target_.filename().empty() && target_.has_parent_path()) target_ = target_.parent_path();
  const std::string unsafe = unsafe_target_reason(target_);
  if (!unsafe.empty())
    throw OutputRefused("refusing output directory '" + target_.string() + "': " + unsafe +
                        "; name a new directory for the result, e.g. --out results/run1");
  const std::string name = target_.filename().string();
  if (name.empty() || name == "." || name == "..")
    throw OutputRefused("refusing output directory '" + target_.string() + "': name a new directory, e.g. --out results/run1");
  refuse_unless_replaceable();
  const fs::path parent = target_.has_parent_path() ? target_.parent_path() : fs::path(".");
  std::error_code ec;
  fs::create_directories(parent, ec);
  if (ec) throw write_error(parent, ec);
  remove_stale_staging(parent);
  staging_ = parent / ("." + name + ".partial-" + std::to_string(::getpid()));
  fs::remove_all(staging_, ec);
  fs::create_directories(staging_, ec);
  if (ec) throw write_error(target_, ec);
}

void ResultDirectory::refuse_unless_replaceable() const {
  std::error_code ec;
  if (!fs::exists(fs::symlink_status(target_, ec))) return;
  if (!replace_)
    throw DirectoryExists("output directory '" + target_.string() +
                          "' already exists; choose another or pass --force to replace it");
  if (!is_result_directory(target_))
    throw DirectoryExists("output directory '" + target_.string() +
                          "' exists and is not a regimesim result (it has no " + kResultMarker +
                          "); --force replaces only a directory regimesim wrote. Choose another directory");
}

ResultDirectory::~ResultDirectory() {
  if (!committed_ && !staging_.empty()) {
    std::error_code ec;
    fs::remove_all(staging_, ec);
  }
}

void ResultDirectory::write(const std::string& name, const std::string& content) const {
  std::ofstream out(file(name), std::ios::binary);
  out << content;
  out.close();
  if (!out) throw write_error(target_ / name, std::error_code(errno, std::generic_category()));
}

void ResultDirectory::commit() {
  write(kResultMarker, "written by regimesim; `--force` may replace this directory\n");
  std::error_code ec;
  if (fs::exists(fs::symlink_status(target_, ec))) {
    if (!replace_) throw std::runtime_error("output directory '" + target_.string() + "' appeared while running");
    refuse_unless_replaceable();  // it may have been replaced while we ran
    fs::remove_all(target_, ec);
    if (ec) throw write_error(target_, ec);
  }
  fs::rename(staging_, target_, ec);
  if (ec) throw write_error(target_, ec);
  committed_ = true;
}

}  // namespace regimesim::output
