// The cases scenario discovery looks at: one row per case (a design point, or a run),
// the value of each uncertain input, and whether the outcome of interest held.
// Inputs are numbers (a rate, an effort) or categories (a coalition's member list).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace regimesim::analysis::discovery {

struct InputColumn {
  std::string name;                 // e.g. world.states.USA.enforcement_effort
  bool categorical = false;
  std::vector<double> numbers;      // per case, when numeric
  std::vector<int> codes;           // per case, when categorical: an index into `labels`
  std::vector<std::string> labels;  // the categories, in first-seen order
};

struct CaseTable {
  std::vector<InputColumn> inputs;
  std::vector<std::uint8_t> holds;  // per case: 1 when the outcome held
  std::size_t cases() const { return holds.size(); }
};

// A column of text values: numeric when every value reads as a finite number,
// categorical otherwise (each distinct text a category).
InputColumn column_from_text(const std::string& name, const std::vector<std::string>& values);

// Throws std::invalid_argument when columns and outcomes disagree in length, a
// numeric value is not finite, or a code names no label.
void check_table(const CaseTable& table);

}  // namespace regimesim::analysis::discovery
