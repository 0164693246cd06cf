// What a sample of runs says about a quantity: mean, spread, quantiles and a
// confidence interval of the mean. Plain numbers in, plain numbers out.
#pragma once

#include <cstddef>
#include <vector>

namespace regimesim::analysis {

struct SampleStatistics {
  std::size_t n = 0;
  double mean = 0;
  double sd = 0;  // with n - 1 in the denominator; 0 for one value
  double q05 = 0, q50 = 0, q95 = 0;
  double ci95_low = 0, ci95_high = 0;  // Student t with n - 1 degrees of freedom; the mean itself when n = 1
};

// The p-quantile of sorted values by linear interpolation between order statistics
// (Hyndman and Fan 1996 type 7, the default of R and numpy): h = (n - 1) p,
// q = x[floor h] + (h - floor h) (x[floor h + 1] - x[floor h]).
double quantile_sorted(const std::vector<double>& sorted, double p);

// The 1 - alpha/2 quantile of Student's t with `df` degrees of freedom (df >= 1).
double student_t_quantile(double probability, double df);

// Sums run in the order given, so the same values in the same order give the same
// bits. Requires at least one value.
SampleStatistics describe(const std::vector<double>& values);

}  // namespace regimesim::analysis
