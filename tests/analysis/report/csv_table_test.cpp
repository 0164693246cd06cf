#include <catch2/catch.hpp>

#include "report/csv_table.hpp"

using namespace regimesim::report;

TEST_CASE("CSV fields: quotes, doubled quotes, commas and newlines inside quotes", "[report][csv]") {
  const auto t = CsvTable::parse("a,b,c\n\"x, y\",\"say \"\"hi\"\"\",3\r\n\"two\nlines\",,-1.5\n", "t.csv");
  REQUIRE(t.header() == std::vector<std::string>{"a", "b", "c"});
  REQUIRE(t.rows().size() == 2);
  CHECK(t.rows()[0] == std::vector<std::string>{"x, y", "say \"hi\"", "3"});
  CHECK(t.rows()[1] == std::vector<std::string>{"two\nlines", "", "-1.5"});
  CHECK(t.number(1, t.column("c")) == -1.5);
}

TEST_CASE("CSV errors name the file, the line and what was wrong", "[report][csv]") {
  // The short row is the file's third line.
  CHECK_THROWS_WITH(CsvTable::parse("a,b\n1,2\n3\n", "t.csv"), "t.csv:3: 1 fields where the header has 2");
  // A quoted newline moves the next row's line number on by one.
  CHECK_THROWS_WITH(CsvTable::parse("a,b\n\"1\n\",2\n3,4,5\n", "t.csv"), "t.csv:4: 3 fields where the header has 2");
  const auto t = CsvTable::parse("a,b\n1,2\n1,x2\n", "t.csv");
  CHECK_THROWS_WITH(t.number(1, t.column("b")), "t.csv:3: column 'b': 'x2' is not a number");
  CHECK_THROWS_WITH(t.column("value"), "t.csv: no column 'value'; the header has: a,b");
  CHECK_THROWS_WITH(CsvTable::parse("", "e.csv"), "e.csv: the file is empty; a header line was expected");
  CHECK_THROWS_WITH(CsvTable::parse("a\n\"open\n", "q.csv"), "q.csv:2: a quoted field is not closed");
}
