// libFuzzer harness for the scenario loader: YAML, includes, --set and --sweep.
//
// The input is split at lines `#file a.yaml`, `#file b.yaml` into up to three files
// (the first part is main.yaml, which may include the others), and every line
// `#set key=value` or `#sweep key=spec` becomes an override. A bad scenario must end
// in ScenarioError; anything else (a crash, a sanitizer report, another exception,
// a hang) is a finding.
#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

#include "load/sweep.hpp"
#include "model/scenario_error.hpp"

namespace {

namespace fs = std::filesystem;

const fs::path& work_dir() {
  static const fs::path dir = [] {
    fs::path d = fs::temp_directory_path() / ("regimesim-fuzz-loader-" + std::to_string(::getpid()));
    fs::create_directories(d);
    return d;
  }();
  return dir;
}

void write(const fs::path& p, std::string_view text) {
  std::ofstream out(p, std::ios::binary | std::ios::trunc);
  out.write(text.data(), static_cast<std::streamsize>(text.size()));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > 64 * 1024) return -1;  // large inputs only slow the search down
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  std::string files[3];
  int current = 0;
  std::vector<std::string> sets, sweeps;
  std::size_t at = 0;
  while (at <= input.size()) {
    std::size_t end = input.find('\n', at);
    if (end == std::string_view::npos) end = input.size();
    const std::string_view line = input.substr(at, end - at);
    if (line == "#file a.yaml") {
      current = 1;
    } else if (line == "#file b.yaml") {
      current = 2;
    } else if (line.rfind("#set ", 0) == 0) {
      sets.emplace_back(line.substr(5));
    } else if (line.rfind("#sweep ", 0) == 0) {
      sweeps.emplace_back(line.substr(7));
    } else {
      files[current].append(line);
      files[current].push_back('\n');
    }
    at = end + 1;
  }
  write(work_dir() / "main.yaml", files[0]);
  write(work_dir() / "a.yaml", files[1]);
  write(work_dir() / "b.yaml", files[2]);
  try {
    const auto loaded = regimesim::load::load_design((work_dir() / "main.yaml").string(), sets, sweeps);
    (void)loaded;
  } catch (const regimesim::ScenarioError&) {
    // refused with a located message: what a bad input should get
  }
  return 0;
}
