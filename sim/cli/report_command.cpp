// regimesim report DIR: writes DIR/report.html from the files a run or a comparison
// left in DIR. The page is one self-contained file (analysis/report/). Over a sweep,
// `--metric M --above X` also finds, and draws, where the outcome holds (PRIM).
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <iostream>

#include "cli/commands.hpp"
#include "cli/discovery_question.hpp"
#include "report/csv_table.hpp"
#include "report/discovery_charts.hpp"
#include "report/report_page.hpp"

namespace regimesim::cli {

namespace {

struct ReportOptions {
  std::string dir, discovery_file;
  DiscoveryQuestion question;
};

// The boxes the page draws, when asked for: found now by PRIM over DIR (--metric), or
// read from a file `discover --out` wrote (--discovery). Without either, DIR's own
// discovery.json, if it has one, is drawn (report::read_result_files).
int write_report_with_discovery(const ReportOptions& o) {
  std::optional<nlohmann::json> found;
  std::string source;
  try {
    if (!o.question.choice.metric.empty()) {
      const nlohmann::ordered_json j = answer(o.dir, o.question).json;
      found = report::read_discovery(j.dump(), "the boxes found");
      source = "the boxes PRIM found in summary.json for " + j["outcome"]["words"].get<std::string>();
    } else if (!o.discovery_file.empty()) {
      found = report::read_discovery(report::read_text_file(o.discovery_file), o.discovery_file);
      source = o.discovery_file;
    }
  } catch (const std::invalid_argument& e) {
    std::cerr << "report: error: " << e.what() << "\n";
    return kExitBadInput;
  } catch (const report::ReportInputError& e) {
    std::cerr << "error: " << e.what() << "\n";
    return kExitBadInput;
  }
  return write_report(o.dir, found, source);
}

}  // namespace

int write_report(const std::string& dir, const std::optional<nlohmann::json>& discovery, const std::string& source) {
  // The report library reports every failure as bad input (exit 2); a directory we
  // cannot write into is a failure of the system, not of the input (exit 1).
  std::error_code ec;
  if (std::filesystem::is_directory(dir, ec) && ::access(dir.c_str(), W_OK) != 0) {
    std::cerr << "error: cannot write " << (std::filesystem::path(dir) / "report.html").string() << ": "
              << std::strerror(errno) << "\n";
    return kExitFailure;
  }
  try {
    const auto page = report::write_report(dir, discovery, source);
    std::cout << "Wrote " << page.string() << "\n";
    return kExitOk;
  } catch (const report::ReportInputError& e) {
    std::cerr << "error: " << e.what() << "\n";
    return kExitBadInput;
  }
}

int write_report(const std::string& dir) { return write_report(dir, std::nullopt, ""); }

void add_report_command(CLI::App& app, Action& action) {
  auto o = std::make_shared<ReportOptions>();
  CLI::App* cmd = app.add_subcommand("report", "Write DIR/report.html: a self-contained page of a run's or comparison's results");
  cmd->add_option("dir", o->dir, "A directory written by `regimesim run --out` or `regimesim compare --out`")->required();
  auto* file = cmd->add_option("--discovery", o->discovery_file,
                               "Draw the boxes of this file (regimesim discover --out FILE) in the page")
                   ->check(CLI::ExistingFile);
  add_discovery_options(cmd, o->question, false);
  // The threshold and PRIM's settings mean something only with --metric.
  for (const char* name : {"--above", "--below", "--group", "--when", "--statistic", "--alpha", "--min-support",
                           "--min-coverage", "--step", "--boxes"})
    cmd->get_option(name)->needs("--metric");
  cmd->get_option("--metric")->excludes(file);
  cmd->callback([o, &action] { action = [o] { return write_report_with_discovery(*o); }; });
}

}  // namespace regimesim::cli
