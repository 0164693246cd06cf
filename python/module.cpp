// regimesim._core: the engine as the Python package (python/regimesim/) calls it.
// Thin: every function here hands plain values to the library the command line uses
// and hands back the tables and texts the command line would write or print.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <optional>

#include "design_run.hpp"
#include "discovery/box_words.hpp"
#include "discovery/discovery_json.hpp"
#include "discovery/prim.hpp"
#include "discovery/sweep_cases.hpp"
#include "interruptible.hpp"
#include "model/scenario_error.hpp"
#include "version.hpp"

namespace py = pybind11;
using namespace regimesim;
using namespace regimesim::analysis::discovery;

namespace {

py::dict tables_dict(const python::DesignTables& t) {
  py::dict d;
  d["timeseries"] = py::bytes(t.timeseries);  // bytes: pandas reads them without a copy into str
  d["statistics"] = py::bytes(t.statistics);
  d["summary"] = t.summary;
  d["flows"] = py::bytes(t.flows);
  d["interrupted"] = t.interrupted;
  d["runs_complete"] = t.runs_complete;
  d["runs_total"] = t.runs_total;
  return d;
}

py::dict discovery_dict(const CaseTable& table, const Discovery& d, const PrimOptions& o, const std::string& words,
                        const nlohmann::ordered_json& outcome) {
  py::dict out;
  std::string text = describe_discovery(table, d, words);
  for (std::size_t b = 0; b < d.boxes.size(); ++b)
    text += "\nPeeling trajectory of box " + std::to_string(b + 1) + ":\n" + trajectory_table(d.boxes[b]);
  out["text"] = text;
  out["json"] = discovery_json(table, d, o, outcome).dump();
  return out;
}

PrimOptions prim_options(double alpha, double min_support, double min_coverage, std::optional<std::size_t> step,
                         int boxes) {
  PrimOptions o;
  o.alpha = alpha;
  o.min_support = min_support;
  o.min_coverage = min_coverage;
  o.step = step;
  o.boxes = boxes;
  return o;
}

}  // namespace

PYBIND11_MODULE(_core, m) {
  m.doc() = "regimesim's engine, called by the regimesim package";
  m.attr("version") = std::string(kVersion) + " (" + kGitCommit + ")";
  py::register_exception<ScenarioError>(m, "ScenarioError", PyExc_ValueError);

  m.def(
      "run_design",
      [](const std::string& scenario, const std::vector<std::string>& overrides, const std::vector<std::string>& sweeps,
         const std::vector<std::vector<std::string>>& point_overrides, const std::vector<std::string>& design_keys,
         const std::vector<std::vector<std::string>>& design_cells,
         const std::vector<std::vector<std::string>>& design_json, int runs, int threads, const std::string& flows,
         const std::string& detail, const std::vector<std::string>& metrics, const std::vector<std::string>& states,
         const std::vector<std::string>& items, const std::string& per_run) {
        python::DesignRequest r{scenario,    overrides, sweeps,  point_overrides, design_keys,
                                design_cells, design_json, runs, threads, flows,
                                output::RowChoice{detail, metrics, states, items}, per_run};
        const auto tables =
            python::run_interruptibly([&r](const std::atomic<bool>* stop) { return python::run_design(r, stop); });
        return tables_dict(tables);
      },
      py::arg("scenario"), py::arg("overrides"), py::arg("sweeps"), py::arg("point_overrides"), py::arg("design_keys"),
      py::arg("design_cells"), py::arg("design_json"), py::arg("runs"), py::arg("threads"), py::arg("flows"),
      py::arg("detail"), py::arg("metrics"), py::arg("states"), py::arg("items"), py::arg("per_run"));

  m.def(
      "discover_table",
      [](const std::vector<std::string>& names, const std::vector<std::vector<std::string>>& columns,
         const std::vector<double>& values, std::optional<double> above, std::optional<double> below,
         const std::string& outcome_words, double alpha, double min_support, double min_coverage,
         std::optional<std::size_t> step, int boxes) {
        CaseTable table;
        const Threshold threshold{above, below};
        for (std::size_t j = 0; j < names.size(); ++j) table.inputs.push_back(column_from_text(names[j], columns.at(j)));
        for (double v : values) table.holds.push_back(threshold.holds(v) ? 1 : 0);
        const auto o = prim_options(alpha, min_support, min_coverage, step, boxes);
        const auto d = discover(table, o);
        nlohmann::ordered_json outcome{{"above", above ? nlohmann::ordered_json(*above) : nullptr},
                                       {"below", below ? nlohmann::ordered_json(*below) : nullptr},
                                       {"words", outcome_words + " " + threshold.words()}};
        return discovery_dict(table, d, o, outcome_words + " " + threshold.words(), outcome);
      },
      py::arg("names"), py::arg("columns"), py::arg("values"), py::arg("above"), py::arg("below"),
      py::arg("outcome_words"), py::arg("alpha"), py::arg("min_support"), py::arg("min_coverage"), py::arg("step"),
      py::arg("boxes"));

  m.def(
      "discover_result",
      [](const std::string& dir, const std::string& metric, std::optional<double> above, std::optional<double> below,
         const std::string& group, const std::string& when, const std::string& statistic, double alpha,
         double min_support, double min_coverage, std::optional<std::size_t> step, int boxes) {
        OutcomeChoice choice{metric, group, when, statistic, Threshold{above, below}};
        choice.threshold.words();  // throws without a threshold
        const auto cases = read_sweep_cases(dir, choice);
        const auto o = prim_options(alpha, min_support, min_coverage, step, boxes);
        const auto d = discover(cases.table, o);
        nlohmann::ordered_json outcome{{"metric", metric},
                                       {"group", group},
                                       {"when", cases.when},
                                       {"statistic", statistic},
                                       {"above", above ? nlohmann::ordered_json(*above) : nullptr},
                                       {"below", below ? nlohmann::ordered_json(*below) : nullptr},
                                       {"words", cases.outcome_words},
                                       {"result", dir}};
        return discovery_dict(cases.table, d, o, cases.outcome_words, outcome);
      },
      py::arg("dir"), py::arg("metric"), py::arg("above"), py::arg("below"), py::arg("group"), py::arg("when"),
      py::arg("statistic"), py::arg("alpha"), py::arg("min_support"), py::arg("min_coverage"), py::arg("step"),
      py::arg("boxes"));
}
