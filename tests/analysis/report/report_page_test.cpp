#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <unistd.h>

#include "report/csv_table.hpp"
#include "report/plain_words.hpp"
#include "report/report_page.hpp"

using namespace regimesim::report;
namespace fs = std::filesystem;

namespace {
fs::path fixture(const std::string& name) { return fs::path(REPORT_FIXTURES) / name; }

// A scratch copy of a fixture directory, removed at the end of the test.
struct Scratch {
  fs::path dir;
  explicit Scratch(const std::string& name)
      : dir(fs::temp_directory_path() / ("regimesim-report-test-" + name + "-" + std::to_string(::getpid()))) {
    fs::remove_all(dir);
    fs::copy(fixture(name), dir);
  }
  ~Scratch() { fs::remove_all(dir); }
};

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

nlohmann::json charts_of(const std::string& page) {
  const std::string open = "<script type=\"application/json\" id=\"report-charts\">";
  const auto from = page.find(open) + open.size();
  return nlohmann::json::parse(page.substr(from, page.find("</script>", from) - from));
}
}  // namespace

TEST_CASE("an ensemble's report: what was run, headlines with their spread, one div per chart", "[report][page]") {
  const std::string page = render_report(read_result_files(fixture("ensemble")));
  const auto charts = charts_of(page);
  // denial, price, market share, output loss over time; output loss by state.
  CHECK(charts.size() == 5);
  CHECK(count(page, "<div class=\"chart\"") == charts.size());
  for (const auto& c : charts) CHECK(count(page, "id=\"" + c["id"].get<std::string>() + "\"") == 1);
  CHECK(page.find("chip-embargo: USA embargoes chips to buyers in CHN, from step 2.") != std::string::npos);
  CHECK(page.find("<th>Runs</th><td>20</td>") != std::string::npos);
  CHECK(page.find("95% confidence interval of the mean: 58.0% to 62.0%); 90% of runs lay between 50.0% and 70.0%") !=
        std::string::npos);
  // summary.json's statistics as an ensemble writes them (a list per sweep point): the
  // sentences give the mean of the runs (60%), not run 0's value (65%).
  CHECK(page.find("At the end, 60.0% of the controlled items") != std::string::npos);
  CHECK(page.find("65.0%") == std::string::npos);
  CHECK(page.find("Mean of 20 runs: 60.0%") != std::string::npos);
  CHECK(page.find("world output was 7.5% below the baseline") != std::string::npos);  // the mean; run 0 had 8.0%
  CHECK(page.find("come from one run") == std::string::npos);
  CHECK(page.find("Zero in this result: Bystanders&#39; baseline trade blocked.") != std::string::npos);
  // Every chart can be saved as PNG and SVG, and says its name for `regimesim plot`.
  for (const auto& c : charts) {
    const std::string id = c["id"].get<std::string>();
    CHECK(id == "chart-" + c["name"].get<std::string>());
    CHECK(count(page, "data-chart=\"" + id + "\" data-format=\"png\"") == 1);
    CHECK(count(page, "data-chart=\"" + id + "\" data-format=\"svg\"") == 1);
    CHECK(count(page, "--chart " + c["name"].get<std::string>() + "</code>") == 1);
  }
  CHECK(page.find("The light band is where 90% of runs lay") != std::string::npos);
  CHECK(page.find("vegaEmbed") != std::string::npos);  // the library is inline
}

TEST_CASE("a one-run report says it is one run, not the mean of 1 runs", "[report][page]") {
  Scratch s("ensemble");
  fs::remove(s.dir / "statistics.csv");
  std::ofstream(s.dir / "timeseries.csv") << "scenario,run,seed,step,state,item,metric,value\n"
                                             "chip-embargo,0,7,0,WORLD,all,denial_effectiveness,0\n"
                                             "chip-embargo,0,7,1,WORLD,all,denial_effectiveness,0.65\n";
  for (const bool with_statistics : {false, true}) {
    // An ensemble of one run writes statistics over that one run: still no spread to show.
    std::ifstream in(s.dir / "summary.json");
    nlohmann::json j = nlohmann::json::parse(in);
    in.close();
    j["runs"] = 1;
    if (with_statistics) {
      for (auto& m : j["statistics"][0]["metrics"]) m["runs"] = 1;
    } else {
      j.erase("statistics");
    }
    std::ofstream(s.dir / "summary.json") << j.dump();
    const std::string page = render_report(read_result_files(s.dir));
    CHECK(page.find("runs:") == std::string::npos);
    CHECK(page.find("of 1 runs") == std::string::npos);
    CHECK(page.find("These numbers come from one run") != std::string::npos);
    CHECK(page.find("One run: each line is that run.") != std::string::npos);
    CHECK(page.find("At the end, 65.0% of the controlled items") != std::string::npos);
  }
}

TEST_CASE("a comparison's report: bars per headline and every scenario's path over time", "[report][page]") {
  const std::string page = render_report(read_result_files(fixture("comparison")));
  const auto charts = charts_of(page);
  std::vector<std::string> names;
  for (const auto& c : charts) names.push_back(c["name"].get<std::string>());
  CHECK(names == std::vector<std::string>{"comparison", "denial", "prices", "output-loss"});
  CHECK(page.find("<th>Scenarios compared</th><td>unilateral, small-circle, regime-wide</td>") != std::string::npos);
  CHECK(page.find("Zero in every scenario: Bystanders&#39; baseline trade blocked.") != std::string::npos);
  CHECK(page.find("Lines are the mean of 10 runs") != std::string::npos);
  // The three scenarios' world denial, with its bands, on one chart.
  const auto& denial = charts[1]["spec"];
  CHECK(denial["data"]["values"].size() == 18);
  // Three lines: each mean's 95% CI band and the lines; the wide bands of 90% of runs
  // would overlap into a wash, so they are left out, and the caption says where they are.
  CHECK(denial["layer"].size() == 2);
  CHECK(denial["layer"][0]["encoding"]["y"]["field"] == "ci95_low");
  CHECK(page.find("only each mean&#39;s 95% confidence band is drawn") != std::string::npos);
}

TEST_CASE("a section whose input is absent is left out", "[report][page]") {
  // The sweep fixture has statistics.csv only: no manifest, no summary, no comparison.
  const std::string page = render_report(read_result_files(fixture("sweep")));
  CHECK(page.find("id=\"over-time\"") != std::string::npos);
  CHECK(page.find("id=\"sweep\"") != std::string::npos);
  CHECK(page.find("id=\"headlines\"") == std::string::npos);
  CHECK(page.find("id=\"gains\"") == std::string::npos);
  CHECK(page.find("id=\"comparison\"") == std::string::npos);
  CHECK(page.find("<th>Program</th>") == std::string::npos);
}

TEST_CASE("the named firms: their own table from summary.json, and no lines among the states'", "[report][page][firms]") {
  Scratch s("ensemble");
  {
    std::ifstream in(s.dir / "summary.json");
    nlohmann::json j = nlohmann::json::parse(in);
    j["firms"] = {{"cn_fab", {{"state", "CHN"}, {"item", "chips"}, {"output_loss", {{"horizon", 0.4}, {"cumulative", 0.25}}},
                              {"blocked_trade_total", 720.0},
                              {"inputs", {{"gallium", {{"received_horizon", 60.0}, {"baseline_received_horizon", 100.0},
                                                       {"blocked_trade_total", 720.0}, {"resourced_receipts_total", 0.0}}}}}}}};
    std::ofstream(s.dir / "summary.json") << j.dump();
    // A firm row that moves more than any state's: it must not displace them in the charts.
    std::ofstream(s.dir / "statistics.csv", std::ios::app)
        << "chip-embargo,0,firm:cn_fab,all,denial_effectiveness,20,0.9,0,0.9,0.9,0.9,0.9,0.9\n"
        << "chip-embargo,0,firm:cn_fab,gallium,price_index,20,3,0,3,3,3,3,3\n";
  }
  const std::string page = render_report(read_result_files(s.dir));
  CHECK(page.find("<h2 id=\"firms\">The named firms</h2>") != std::string::npos);
  CHECK(page.find("<td>cn_fab</td><td>CHN</td><td>chips</td><td class=\"num loss\">40.0%</td>") != std::string::npos);
  CHECK(page.find("<td>cn_fab</td><td>gallium</td>") != std::string::npos);
  CHECK(charts_of(page).dump().find("firm:cn_fab") == std::string::npos);
  // Without `firms` the section is not there (the plain ensemble fixture).
  CHECK(render_report(read_result_files(fixture("ensemble"))).find("id=\"firms\"") == std::string::npos);
}

TEST_CASE("write_report puts report.html in place and leaves no partial file", "[report][page]") {
  Scratch s("ensemble");
  const auto written = write_report(s.dir);
  CHECK(written == s.dir / "report.html");
  CHECK(fs::file_size(written) > 100000);  // the chart library alone is larger
  for (const auto& e : fs::directory_iterator(s.dir)) CHECK(e.path().filename().string().find("partial") == std::string::npos);
}

TEST_CASE("a missing or malformed directory is a clear error", "[report][page]") {
  CHECK_THROWS_WITH(read_result_files(fixture("no-such-dir")), Catch::Contains("no-such-dir: no such directory"));
  Scratch s("ensemble");
  std::ofstream(s.dir / "summary.json") << "{\"scenario\": ";
  CHECK_THROWS_WITH(write_report(s.dir), Catch::Contains("summary.json: not valid JSON"));
  CHECK_FALSE(fs::exists(s.dir / "report.html"));
  fs::remove(s.dir / "summary.json");
  std::ofstream(s.dir / "statistics.csv", std::ios::app) << "chip-embargo,3,CHN,all,output_loss,20,oops,0,0,0,0,0,0\n";
  CHECK_THROWS_WITH(write_report(s.dir), Catch::Contains("statistics.csv:46: column 'mean': 'oops' is not a number"));
}

TEST_CASE("numbers and controls in plain words", "[report][words]") {
  CHECK(percent(0.1234) == "12.3%");
  CHECK(percent(-0.05) == "-5.0%");
  CHECK(percent(0.0004) == "0.04%");
  CHECK(html_escape("<a & \"b\">") == "&lt;a &amp; &quot;b&quot;&gt;");
  const auto sc = nlohmann::json::parse(R"({"world": {"states": [{"code": "USA"}, {"code": "CHN"}], "items": [{"id": "chips"}]},
    "controls": [{"id": "lic", "instrument": "licence_requirement", "issuers": ["USA", "NLD"], "items": ["chips"],
                  "destinations": {"states": ["CHN"], "end_uses": ["military"]},
                  "licence": {"approval_probability": 0.25, "delay_steps": 2}, "start": 3, "end": 9}]})");
  CHECK(world_in_words(sc) == "2 states (USA, CHN), 1 item");
  const auto lines = controls_in_words(sc);
  REQUIRE(lines.size() == 1);
  CHECK(lines[0] == "lic: USA and NLD require licences for chips to military buyers in CHN, approving 25.0% of licences "
                    "after 2 month(s), from step 3 until step 9.");
}

TEST_CASE("a negative export loss reads as exporting more, with the baseline volume beside it", "[report][words]") {
  const std::string loss = headline_sentence("controller_revenue_loss", "WORLD", "at the horizon", 0.05, std::nullopt, 120.0);
  CHECK(loss.find("exported 5.0% less, in volume") != std::string::npos);
  CHECK(loss.find("of a baseline month's 120") != std::string::npos);
  const std::string gain = headline_sentence("controller_revenue_loss", "WORLD", "at the horizon", -0.022, std::nullopt);
  CHECK(gain.find("exported 2.2% more") != std::string::npos);
  // A WMD level reads beside its level without the controls.
  const std::string wmd = headline_sentence("wmd_leakage", "WORLD", "at the horizon", 0.5, std::nullopt, 2.0);
  CHECK(wmd.find("against, without the controls, 2)") != std::string::npos);
}
