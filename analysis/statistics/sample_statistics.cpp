#include "statistics/sample_statistics.hpp"

#include <algorithm>
#include <boost/math/distributions/students_t.hpp>
#include <cmath>
#include <stdexcept>

namespace regimesim::analysis {

double quantile_sorted(const std::vector<double>& sorted, double p) {
  if (sorted.empty()) throw std::invalid_argument("quantile of no values");
  const double h = static_cast<double>(sorted.size() - 1) * p;
  const auto lo = static_cast<std::size_t>(std::floor(h));
  if (lo + 1 >= sorted.size()) return sorted.back();
  return sorted[lo] + (h - static_cast<double>(lo)) * (sorted[lo + 1] - sorted[lo]);
}

double student_t_quantile(double probability, double df) {
  return boost::math::quantile(boost::math::students_t_distribution<double>(df), probability);
}

SampleStatistics describe(const std::vector<double>& values) {
  if (values.empty()) throw std::invalid_argument("statistics of no values");
  SampleStatistics s;
  s.n = values.size();
  double sum = 0;
  for (double v : values) sum += v;
  s.mean = sum / static_cast<double>(s.n);
  if (s.n > 1) {
    double squares = 0;
    for (double v : values) squares += (v - s.mean) * (v - s.mean);
    s.sd = std::sqrt(squares / static_cast<double>(s.n - 1));
  }
  std::vector<double> sorted = values;
  std::sort(sorted.begin(), sorted.end());
  s.q05 = quantile_sorted(sorted, 0.05);
  s.q50 = quantile_sorted(sorted, 0.50);
  s.q95 = quantile_sorted(sorted, 0.95);
  // The t quantile depends on n alone and costs a root search: keep the last one.
  thread_local std::size_t cached_n = 0;
  thread_local double cached_t = 0;
  if (s.n > 1 && s.n != cached_n) {
    cached_t = student_t_quantile(0.975, static_cast<double>(s.n - 1));
    cached_n = s.n;
  }
  const double half = s.n > 1 ? cached_t * s.sd / std::sqrt(static_cast<double>(s.n)) : 0.0;
  s.ci95_low = s.mean - half;
  s.ci95_high = s.mean + half;
  return s;
}

}  // namespace regimesim::analysis
