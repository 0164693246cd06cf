#include "report/report_charts.hpp"

#include "report/discovery_charts.hpp"

namespace regimesim::report {

std::vector<const Chart*> ReportCharts::all() const {
  std::vector<const Chart*> out;
  if (comparison) out.push_back(&*comparison);
  for (const auto& c : over_time) out.push_back(&c);
  for (const auto& c : response) out.push_back(&c);
  for (const auto& c : discovery) out.push_back(&c);
  if (by_state) out.push_back(&*by_state);
  return out;
}

const Chart* ReportCharts::find(const std::string& name) const {
  for (const Chart* c : all())
    if (c->name == name) return c;
  return nullptr;
}

ReportCharts report_charts(const ResultFiles& f) {
  ReportCharts r;
  r.comparison = comparison_chart(rows_that_move(f.comparison));
  if (f.discovery)
    for (std::size_t b = 0; b < (*f.discovery)["boxes"].size(); ++b) {
      r.discovery.push_back(trajectory_chart(*f.discovery, b));
      if (auto c = box_chart(*f.discovery, b)) r.discovery.push_back(std::move(*c));
    }
  if (!f.series) return r;
  for (auto make : {denial_chart, price_chart, market_share_chart, output_loss_chart})
    if (auto c = make(*f.series)) r.over_time.push_back(std::move(*c));
  r.response = response_curves(*f.series, &r.zero_response);
  r.by_state = state_output_loss_chart(*f.series);
  return r;
}

}  // namespace regimesim::report
