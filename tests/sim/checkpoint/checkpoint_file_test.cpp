// The checkpoint file format: what is saved comes back exactly, and a file that is
// not one, is damaged, or holds other sections is refused with a message.
#include <catch2/catch.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "checkpoint/checkpoint_file.hpp"

using namespace regimesim;

namespace {

std::string temp_path(const std::string& name) {
  return (std::filesystem::temp_directory_path() / ("regimesim_ckpt_test_" + name)).string();
}

std::string refusal(const std::string& path) {
  try {
    checkpoint::Reader r(path);
  } catch (const ScenarioError& e) {
    return e.message();
  }
  return "";
}

void write_sample(const std::string& path) {
  checkpoint::Writer w;
  w.put_text("kind", "sample");
  w.put("prices", std::vector<double>{1.0, 0.1 + 0.2, -0.0, 1e-300});
  w.put("flags", std::vector<bool>{true, false, true});
  w.put_value<std::int32_t>("step", -7);
  w.put("empty", std::vector<std::uint16_t>{});
  w.save(path);
}

}  // namespace

TEST_CASE("checkpoint: sections come back exactly, in order", "[checkpoint]") {
  const std::string path = temp_path("roundtrip");
  write_sample(path);
  checkpoint::Reader r(path);
  CHECK(r.get_text("kind") == "sample");
  std::vector<double> prices;
  r.get("prices", prices, 4);
  REQUIRE(prices.size() == 4);
  CHECK(prices[1] == 0.1 + 0.2);  // bit for bit, not rounded through text
  CHECK(std::signbit(prices[2]));
  CHECK(prices[3] == 1e-300);
  std::vector<bool> flags;
  r.get("flags", flags);
  CHECK(flags == std::vector<bool>{true, false, true});
  CHECK(r.get_value<std::int32_t>("step") == -7);
  std::vector<std::uint16_t> empty{9};
  r.get("empty", empty);
  CHECK(empty.empty());
  CHECK(r.at_end());
  std::filesystem::remove(path);
}

TEST_CASE("checkpoint: a reader expecting other sections is told which", "[checkpoint]") {
  const std::string path = temp_path("sections");
  write_sample(path);
  {
    checkpoint::Reader r(path);
    CHECK_THROWS_WITH(r.get_text("name"), Catch::Contains("holds section 'kind' where this build expects 'name'"));
  }
  {
    checkpoint::Reader r(path);
    r.get_text("kind");
    std::vector<float> as_float;
    CHECK_THROWS_WITH(r.get("prices", as_float), Catch::Contains("8-byte elements"));
  }
  {
    checkpoint::Reader r(path);
    r.get_text("kind");
    std::vector<double> prices;
    CHECK_THROWS_WITH(r.get("prices", prices, 5), Catch::Contains("holds 4 elements where this run has 5"));
  }
  std::filesystem::remove(path);
}

TEST_CASE("checkpoint: foreign, truncated, damaged and other-version files are refused", "[checkpoint]") {
  const std::string path = temp_path("bad");
  write_sample(path);
  std::vector<char> bytes;
  {
    std::ifstream f(path, std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(f), {});
  }
  auto write = [&](const std::vector<char>& b) {
    std::ofstream f(path, std::ios::binary | std::ios::trunc);
    f.write(b.data(), static_cast<std::streamsize>(b.size()));
  };
  CHECK(refusal(temp_path("missing")).find("no checkpoint file") != std::string::npos);

  write(std::vector<char>{'n', 'a', 'm', 'e', ':', ' ', 'x', '\n'});
  CHECK(refusal(path).find("not a regimesim checkpoint") != std::string::npos);

  write(std::vector<char>(bytes.begin(), bytes.end() - 3));
  CHECK(refusal(path).find("truncated") != std::string::npos);

  auto damaged = bytes;
  damaged[damaged.size() / 2] ^= 0x10;
  write(damaged);
  CHECK(refusal(path).find("damaged") != std::string::npos);

  auto other_version = bytes;
  other_version[8] = 99;
  write(other_version);
  CHECK(refusal(path).find("a version 99 checkpoint; this build reads version 7") != std::string::npos);

  write(bytes);
  CHECK(refusal(path).empty());
  std::filesystem::remove(path);
}

TEST_CASE("checkpoint: a file is written whole or not at all", "[checkpoint]") {
  const std::string dir = temp_path("no_such_dir");
  checkpoint::Writer w;
  w.put_text("kind", "sample");
  CHECK_THROWS(w.save(dir + "/sub/file"));
  CHECK_FALSE(std::filesystem::exists(dir + "/sub/file"));
  CHECK_FALSE(std::filesystem::exists(dir + "/sub/file.partial"));
}
