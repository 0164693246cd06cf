// A CSV file (RFC 4180 quoting) as a header and rows of text fields, so the report
// can pick columns by name; or scanned row by row when only some rows are kept.
// Errors name the file and line.
#pragma once

#include <filesystem>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace regimesim::report {

// A result file that cannot be read as the report expects: the message names the
// file (and line) and what was wrong.
class ReportInputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Called with the header first (line 1), then with each row and the line it starts on.
using CsvRowVisitor = std::function<void(const std::vector<std::string>& fields, int line)>;

// Throws ReportInputError when a row's field count differs from the header's.
void scan_csv(const std::string& text, const std::string& name, const CsvRowVisitor& visit);
std::string read_text_file(const std::filesystem::path& file);

// The field as a number; throws naming file, line and column when it is not one.
double csv_number(const std::string& field, const std::string& name, int line, const std::string& column);

class CsvTable {
 public:
  static CsvTable read(const std::filesystem::path& file);
  static CsvTable parse(const std::string& text, const std::string& name);

  const std::vector<std::string>& header() const { return header_; }
  const std::vector<std::vector<std::string>>& rows() const { return rows_; }
  const std::string& name() const { return name_; }
  std::optional<std::size_t> find(const std::string& column) const;
  // Throws ReportInputError naming the file and the columns it has.
  std::size_t column(const std::string& column) const;
  double number(std::size_t row, std::size_t column) const;

 private:
  std::string name_;
  std::vector<std::string> header_;
  std::vector<std::vector<std::string>> rows_;
  std::vector<int> lines_;  // where each row starts in the file, for messages
};

// The index of `column` in `header`, or a ReportInputError naming what the header has.
std::size_t column_index(const std::vector<std::string>& header, const std::string& column, const std::string& name);

}  // namespace regimesim::report
