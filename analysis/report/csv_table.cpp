#include "report/csv_table.hpp"

#include <fmt/format.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

namespace regimesim::report {

std::string read_text_file(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw ReportInputError(fmt::format("{}: cannot open the file", file.string()));
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void scan_csv(const std::string& text, const std::string& name, const CsvRowVisitor& visit) {
  std::vector<std::string> row;
  std::string field;
  std::size_t width = 0;
  bool quoted = false, in_quotes = false, any = false;
  int line = 1, row_start = 1;
  auto end_row = [&] {
    row.push_back(std::move(field));
    field.clear();
    if (width == 0) width = row.size();
    else if (row.size() != width)
      throw ReportInputError(
          fmt::format("{}:{}: {} fields where the header has {}", name, row_start, row.size(), width));
    visit(row, row_start);
    row.clear();
    any = quoted = false;
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_quotes) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') field += '"', ++i;
      else if (c == '"') in_quotes = false;
      else field += c, line += c == '\n';
      continue;
    }
    if (c == '"' && field.empty() && !quoted) { in_quotes = quoted = any = true; continue; }
    if (c == ',') { row.push_back(std::move(field)); field.clear(); quoted = false; any = true; continue; }
    if (c == '\r') continue;
    if (c == '\n') { if (any || !field.empty()) end_row(); row_start = ++line; continue; }
    field += c;
    any = true;
  }
  if (in_quotes) throw ReportInputError(fmt::format("{}:{}: a quoted field is not closed", name, row_start));
  if (any || !field.empty()) end_row();
  if (width == 0) throw ReportInputError(fmt::format("{}: the file is empty; a header line was expected", name));
}

double csv_number(const std::string& s, const std::string& name, int line, const std::string& column) {
  char* end = nullptr;
  const double v = std::strtod(s.c_str(), &end);
  if (s.empty() || end != s.c_str() + s.size())
    throw ReportInputError(fmt::format("{}:{}: column '{}': '{}' is not a number", name, line, column, s));
  return v;
}

std::size_t column_index(const std::vector<std::string>& header, const std::string& column, const std::string& name) {
  for (std::size_t i = 0; i < header.size(); ++i)
    if (header[i] == column) return i;
  throw ReportInputError(fmt::format("{}: no column '{}'; the header has: {}", name, column, fmt::join(header, ",")));
}

CsvTable CsvTable::read(const std::filesystem::path& file) { return parse(read_text_file(file), file.string()); }

CsvTable CsvTable::parse(const std::string& text, const std::string& name) {
  CsvTable t;
  t.name_ = name;
  scan_csv(text, name, [&](const std::vector<std::string>& fields, int line) {
    if (t.header_.empty()) {
      t.header_ = fields;
      return;
    }
    t.rows_.push_back(fields);
    t.lines_.push_back(line);
  });
  return t;
}

std::optional<std::size_t> CsvTable::find(const std::string& column) const {
  for (std::size_t i = 0; i < header_.size(); ++i)
    if (header_[i] == column) return i;
  return std::nullopt;
}

std::size_t CsvTable::column(const std::string& column) const { return column_index(header_, column, name_); }

double CsvTable::number(std::size_t row, std::size_t column) const {
  return csv_number(rows_[row][column], name_, lines_[row], header_[column]);
}

}  // namespace regimesim::report
