// Which charts a result directory has, each with its name: the report page draws
// them in its sections, and `regimesim plot --chart NAME` writes one of them alone,
// so that both always agree on what a chart shows.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "report/chart_data.hpp"
#include "report/result_files.hpp"

namespace regimesim::report {

struct ReportCharts {
  std::optional<Chart> comparison;  // a comparison's headline bars
  std::vector<Chart> over_time;     // denial, prices, market shares, output loss
  std::vector<Chart> response;      // a sweep's response curves
  std::vector<std::string> zero_response;  // metrics zero at every sweep point: named, not drawn
  std::optional<Chart> by_state;    // output lost or gained by each state
  std::vector<Chart> discovery;     // per box found: its peeling trajectory, and the box over the points

  std::vector<const Chart*> all() const;  // in the page's order
  const Chart* find(const std::string& name) const;
};

ReportCharts report_charts(const ResultFiles& files);

}  // namespace regimesim::report
