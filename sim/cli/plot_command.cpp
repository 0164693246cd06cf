// regimesim plot DIR --chart NAME [--format png|svg] [--out FILE]: one of the report's
// charts as an image file for a slide, drawn without a browser window (headless
// Chromium, analysis/report/chart_render). `--list` names the charts DIR has.
#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <unistd.h>

#include "cli/commands.hpp"
#include "report/chart_render.hpp"
#include "report/chart_specs.hpp"
#include "report/csv_table.hpp"
#include "report/report_charts.hpp"

namespace regimesim::cli {
namespace {
namespace fs = std::filesystem;

struct PlotOptions {
  std::string dir, chart, format, out;
  int scale = 2;
  bool force = false, list = false;
};

std::string names_of(const report::ReportCharts& charts) {
  std::string s;
  for (const auto* c : charts.all()) s += fmt::format("  {:<40} {}\n", c->name, c->title);
  return s;
}

int plot(const PlotOptions& o) {
  report::ReportCharts charts;
  try {
    charts = report::report_charts(report::read_result_files(o.dir));
  } catch (const report::ReportInputError& e) {
    std::cerr << "error: " << e.what() << "\n";
    return kExitBadInput;
  }
  if (o.list) {
    if (charts.all().empty()) std::cout << o.dir << " has no chart to draw.\n";
    else std::cout << "Charts of " << o.dir << " (give one to --chart):\n" << names_of(charts);
    return kExitOk;
  }
  if (o.chart.empty()) {
    std::cerr << "error: name the chart to draw with --chart NAME; " << o.dir << " has:\n" << names_of(charts);
    return kExitBadInput;
  }
  const report::Chart* chart = charts.find(o.chart);
  if (!chart) {
    std::cerr << fmt::format("error: {} has no chart '{}'; it has:\n{}", o.dir, o.chart, names_of(charts));
    if (charts.all().empty()) std::cerr << "  (none: is it a run's or a comparison's result?)\n";
    return kExitBadInput;
  }
  // The format: --format, else the file's extension, else PNG.
  std::string format = o.format;
  if (format.empty()) format = fs::path(o.out).extension() == ".svg" ? "svg" : "png";
  const fs::path out = o.out.empty() ? fs::path(o.chart + "." + format) : fs::path(o.out);
  if (fs::exists(out) && !o.force) {
    std::cerr << "error: " << out.string() << " exists; pass --force to replace it\n";
    return kExitBadInput;
  }
  std::string bytes;
  try {
    bytes = report::render_chart(report::vega_lite_spec(*chart), format == "svg" ? report::ImageFormat::svg
                                                                                  : report::ImageFormat::png, o.scale);
  } catch (const report::ChromiumMissing& e) {
    std::cerr << "error: " << e.what() << "\n";
    return kExitBadInput;
  } catch (const report::ChartRenderError& e) {
    std::cerr << "error: " << e.what() << "\n";
    return kExitFailure;
  }
  // Written under a hidden name beside the target and renamed, so a half-written image never appears.
  const fs::path partial = out.parent_path() / fmt::format(".{}.partial-{}", out.filename().string(), ::getpid());
  {
    std::ofstream file(partial, std::ios::binary);
    file << bytes;
    if (!file) {
      std::error_code ec;
      fs::remove(partial, ec);
      std::cerr << "error: cannot write " << out.string() << "\n";
      return kExitFailure;
    }
  }
  std::error_code ec;
  fs::rename(partial, out, ec);
  if (ec) {
    fs::remove(partial, ec);
    std::cerr << "error: cannot write " << out.string() << ": " << ec.message() << "\n";
    return kExitFailure;
  }
  std::cout << fmt::format("Wrote {} ({}, {} bytes): {}\n", out.string(), format == "svg" ? "SVG" : "PNG", bytes.size(),
                           chart->title);
  return kExitOk;
}

}  // namespace

void add_plot_command(CLI::App& app, Action& action) {
  auto o = std::make_shared<PlotOptions>();
  CLI::App* cmd = app.add_subcommand("plot", "Write one of the report's charts as a PNG or SVG file, for a slide");
  cmd->add_option("dir", o->dir, "A directory written by `regimesim run --out` or `regimesim compare --out`")->required();
  cmd->add_option("--chart", o->chart, "The chart to draw, by name (see --list)");
  cmd->add_option("--format", o->format, "png or svg (default: from --out's extension, else png)")
      ->check(CLI::IsMember({"png", "svg"}));
  cmd->add_option("--out", o->out, "The image file to write (default: NAME.FORMAT in the current directory)");
  cmd->add_option("--scale", o->scale, "A PNG's pixels per drawn pixel (default 2, sharp on a slide)")
      ->check(CLI::Range(1, 8));
  cmd->add_flag("--force", o->force, "Replace the file if it exists");
  cmd->add_flag("--list", o->list, "List the charts DIR has, and write nothing");
  cmd->callback([o, &action] { action = [o] { return plot(*o); }; });
}

}  // namespace regimesim::cli
