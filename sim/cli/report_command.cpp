// regimesim report DIR: writes DIR/report.html from the files a run or a comparison
// left in DIR. The page is one self-contained file (analysis/report/).
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <iostream>

#include "cli/commands.hpp"
#include "report/csv_table.hpp"
#include "report/report_page.hpp"

namespace regimesim::cli {

int write_report(const std::string& dir) {
  // The report library reports every failure as bad input (exit 2); a directory we
  // cannot write into is a failure of the system, not of the input (exit 1).
  std::error_code ec;
  if (std::filesystem::is_directory(dir, ec) && ::access(dir.c_str(), W_OK) != 0) {
    std::cerr << "error: cannot write " << (std::filesystem::path(dir) / "report.html").string() << ": "
              << std::strerror(errno) << "\n";
    return kExitFailure;
  }
  try {
    const auto page = report::write_report(dir);
    std::cout << "Wrote " << page.string() << "\n";
    return kExitOk;
  } catch (const report::ReportInputError& e) {
    std::cerr << "error: " << e.what() << "\n";
    return kExitBadInput;
  }
}

void add_report_command(CLI::App& app, Action& action) {
  auto dir = std::make_shared<std::string>();
  CLI::App* cmd = app.add_subcommand("report", "Write DIR/report.html: a self-contained page of a run's or comparison's results");
  cmd->add_option("dir", *dir, "A directory written by `regimesim run --out` or `regimesim compare --out`")->required();
  cmd->callback([dir, &action] { action = [dir] { return write_report(*dir); }; });
}

}  // namespace regimesim::cli
