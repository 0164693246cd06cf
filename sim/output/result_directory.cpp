#include "output/result_directory.hpp"

#include <fstream>
#include <stdexcept>
#include <unistd.h>

namespace regimesim::output {
namespace fs = std::filesystem;

ResultDirectory::ResultDirectory(fs::path target, bool replace) : target_(std::move(target)), replace_(replace) {
  if (target_.filename().empty()) target_ = target_.parent_path();
  if (fs::exists(target_) && !replace_)
    throw DirectoryExists("output directory '" + target_.string() +
                             "' already exists; choose another or pass --force to replace it");
  const fs::path parent = target_.has_parent_path() ? target_.parent_path() : fs::path(".");
  fs::create_directories(parent);
  staging_ = parent / ("." + target_.filename().string() + ".partial-" + std::to_string(::getpid()));
  fs::remove_all(staging_);
  fs::create_directories(staging_);
}

ResultDirectory::~ResultDirectory() {
  if (!committed_) {
    std::error_code ec;
    fs::remove_all(staging_, ec);
  }
}

void ResultDirectory::write(const std::string& name, const std::string& content) const {
  std::ofstream out(file(name), std::ios::binary);
  out << content;
  if (!out) throw std::runtime_error("cannot write " + file(name).string());
}

void ResultDirectory::commit() {
  if (fs::exists(target_)) {
    if (!replace_) throw std::runtime_error("output directory '" + target_.string() + "' appeared while running");
    fs::remove_all(target_);
  }
  fs::rename(staging_, target_);
  committed_ = true;
}

}  // namespace regimesim::output
