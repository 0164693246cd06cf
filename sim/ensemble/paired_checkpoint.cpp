#include "ensemble/paired_checkpoint.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <optional>

#include <boost/crc.hpp>

#include "output/step_aggregates.hpp"

namespace regimesim::ensemble {
namespace {

template <class T>
void add(boost::crc_32_type& crc, const std::vector<T>& v) {
  const std::uint64_t n = v.size();
  crc.process_bytes(&n, sizeof n);
  crc.process_bytes(v.data(), v.size() * sizeof(T));
}

// Rows and flows are saved column by column: a struct's padding is not state.
template <class Row, class T>
std::vector<T> column(const std::vector<Row>& rows, T Row::*field) {
  std::vector<T> out;
  out.reserve(rows.size());
  for (const Row& r : rows) out.push_back(r.*field);
  return out;
}

std::string joined(const std::vector<std::string>& ids) {
  std::string out;
  for (const auto& id : ids) out += id + "\n";
  return out;
}

std::vector<std::string> split(const std::string& text) {
  std::vector<std::string> ids;
  for (std::size_t at = 0, end; (end = text.find('\n', at)) != std::string::npos; at = end + 1)
    ids.push_back(text.substr(at, end - at));
  return ids;
}

std::vector<std::string> control_ids(const Scenario& sc) {
  std::vector<std::string> ids;
  for (const Control& c : sc.controls) ids.push_back(c.id);
  return ids;
}

std::vector<std::string> reported_firm_ids(const Scenario& sc) {
  std::vector<std::string> ids;
  for (FirmId f : sc.reported_firms) ids.push_back(sc.world.firms[f].id);
  return ids;
}

// Whether `saved` is where `now` starts; otherwise what differs, for the refusal.
std::optional<std::string> kept_in_order(const std::vector<std::string>& saved, const std::vector<std::string>& now) {
  for (std::size_t i = 0; i < saved.size(); ++i) {
    if (i >= now.size()) return fmt::format("'{}' (number {}) is gone", saved[i], i + 1);
    if (now[i] != saved[i]) return fmt::format("number {} was '{}' and is now '{}'", i + 1, saved[i], now[i]);
  }
  return std::nullopt;
}

}  // namespace

std::uint32_t world_fingerprint(const PreparedScenario& p) {
  boost::crc_32_type crc;
  const engine::SupplyNetwork& n = p.network;
  crc.process_bytes(&n.firm_count, sizeof n.firm_count);
  crc.process_bytes(&n.consumer_count, sizeof n.consumer_count);
  add(crc, n.buyer_state);
  add(crc, n.buyer_item);
  add(crc, n.buyer_slot_begin);
  add(crc, n.slot_item);
  add(crc, n.slot_coefficient);
  add(crc, n.slot_link_begin);
  add(crc, n.link_supplier);
  add(crc, n.link_base_share);
  add(crc, p.equilibrium.output);
  add(crc, p.equilibrium.capacity);
  return crc.checksum();
}

OpenCheckpoint::OpenCheckpoint(const std::string& path) : reader_(path) {
  if (reader_.get_text("kind") != "paired run") reader_.refuse("kind", "is not of a paired run");
  header_.step = reader_.get_value<std::int32_t>("step");
  header_.seed = reader_.get_value<std::uint64_t>("seed");
  header_.world = reader_.get_value<std::uint32_t>("world");
  header_.scenario = reader_.get_text("scenario");
  header_.controls = split(reader_.get_text("controls"));
  header_.reported_firms = split(reader_.get_text("reported_firms"));
}

void OpenCheckpoint::check_fits(const PreparedScenario& prepared) const {
  if (world_fingerprint(prepared) != header_.world)
    reader_.refuse("world", fmt::format("was saved on another world than scenario '{}' has (world fingerprint {:08x}, "
                                        "this one {:08x}): a run continues only on the world it ran on, so keep "
                                        "world and world.generate as they were",
                                        prepared.scenario.name, header_.world, world_fingerprint(prepared)));
  if (prepared.scenario.steps <= header_.step)
    reader_.refuse("step", fmt::format("was saved after step {}, and scenario '{}' runs {} steps: give --steps more "
                                       "than {}",
                                       header_.step, prepared.scenario.name, prepared.scenario.steps, header_.step));
  // The saved months' rows per control, and the answers' memories per control, are
  // indexed by the saving run's controls: a branch may change a control's terms, end
  // it, or add controls after them, but not drop or reorder them.
  if (auto differs = kept_in_order(header_.controls, control_ids(prepared.scenario)))
    reader_.refuse("controls", fmt::format("was saved by a run whose controls were [{}]; in scenario '{}', {}: a branch "
                                           "keeps the saved controls in their order and may add others after them "
                                           "(to stop one, give it `end:` at the branch's step)",
                                           fmt::join(header_.controls, ", "), prepared.scenario.name, *differs));
  if (auto differs = kept_in_order(header_.reported_firms, reported_firm_ids(prepared.scenario)))
    reader_.refuse("reported_firms",
                   fmt::format("was saved by a run that named the firms [{}]; in scenario '{}', {}: a branch keeps the "
                               "saved named firms in their order and may add others after them",
                               fmt::join(header_.reported_firms, ", "), prepared.scenario.name, *differs));
}

void save_paired(const std::string& path, const PreparedScenario& prepared, std::uint64_t seed,
                 const engine::Simulation& run, const engine::Simulation& baseline,
                 const output::MetricRecorder& recorder, const std::vector<output::FlowRow>* recorded_flows) {
  static const std::vector<output::FlowRow> none;
  const auto& flows = recorded_flows ? *recorded_flows : none;
  checkpoint::Writer out;
  out.put_text("kind", "paired run");
  out.put_value<std::int32_t>("step", run.state().step);
  out.put_value<std::uint64_t>("seed", seed);
  out.put_value<std::uint32_t>("world", world_fingerprint(prepared));
  out.put_text("scenario", prepared.scenario.name);
  out.put_text("controls", joined(control_ids(prepared.scenario)));
  out.put_text("reported_firms", joined(reported_firm_ids(prepared.scenario)));
  run.save(out, "run.");
  baseline.save(out, "baseline.");
  const auto& rows = recorder.rows();
  out.put("rows.step", column(rows, &output::MetricRow::step));
  out.put("rows.state", column(rows, &output::MetricRow::state));
  out.put("rows.item", column(rows, &output::MetricRow::item));
  out.put("rows.metric", column(rows, &output::MetricRow::metric));
  out.put("rows.value", column(rows, &output::MetricRow::value));
  out.put("rows.baseline", column(rows, &output::MetricRow::baseline));
  out.put("cumulative_output", recorder.cumulative_output());
  out.put("cumulative_baseline_output", recorder.cumulative_baseline_output());
  out.put_value<std::uint8_t>("flows.recorded", recorded_flows ? 1 : 0);
  out.put("flows.step", column(flows, &output::FlowRow::step));
  out.put("flows.exporter", column(flows, &output::FlowRow::exporter));
  out.put("flows.importer", column(flows, &output::FlowRow::importer));
  out.put("flows.item", column(flows, &output::FlowRow::item));
  out.put("flows.controlled", column(flows, &output::FlowRow::controlled));
  out.put("flows.value", column(flows, &output::FlowRow::value));
  out.put("flows.baseline", column(flows, &output::FlowRow::baseline));
  out.save(path);
}

int restore_paired(OpenCheckpoint& from, const PreparedScenario& prepared, engine::Simulation& run,
                   engine::Simulation& baseline, output::MetricRecorder& recorder,
                   std::vector<output::FlowRow>* flows) {
  from.check_fits(prepared);
  checkpoint::Reader& in = from.reader();
  run.restore(in, "run.");
  baseline.restore(in, "baseline.");
  std::vector<int> step;
  std::vector<std::uint32_t> state, item;
  std::vector<output::Metric> metric;
  std::vector<double> value, base;
  in.get("rows.step", step);
  const std::size_t n = step.size();
  in.get("rows.state", state, n);
  in.get("rows.item", item, n);
  in.get("rows.metric", metric, n);
  in.get("rows.value", value, n);
  in.get("rows.baseline", base, n);
  std::vector<output::MetricRow> rows(n);
  for (std::size_t i = 0; i < n; ++i) rows[i] = {step[i], state[i], item[i], metric[i], value[i], base[i]};
  std::vector<double> cumulative, cumulative_baseline;
  in.get("cumulative_output", cumulative, recorder.cumulative_output().size());
  in.get("cumulative_baseline_output", cumulative_baseline, recorder.cumulative_baseline_output().size());
  recorder.restore(std::move(rows), std::move(cumulative), std::move(cumulative_baseline));
  // The aimed-at buyers' orders of the step saved, which the next step's receipts answer
  // (order_shortfall, orders_unfilled_share), are read again from the restored states,
  // not saved: a branch under other controls aims at other buyers, and these are theirs.
  if (const policy::ControlRoles* roles = run.roles(); roles && from.header().step > 0) {
    const World& w = prepared.scenario.world;
    const int saved_step = from.header().step - 1;
    const auto* firms = &prepared.scenario.reported_firms;
    recorder.note_orders(
        output::aggregate_step(w, prepared.network, run.state(), roles, saved_step, baseline.state(), firms),
        output::aggregate_step(w, prepared.network, baseline.state(), roles, saved_step, baseline.state(), firms));
  }

  const bool recorded = in.get_value<std::uint8_t>("flows.recorded") != 0;
  if (flows && !recorded && from.header().step > 0)
    in.refuse("flows.recorded", "was saved by a run that kept no flows (--flows none), so flows.csv would lack its "
                                "first steps: continue with --flows none");
  std::vector<int> fstep;
  std::vector<StateId> exporter, importer;
  std::vector<ItemId> fitem;
  std::vector<std::uint8_t> controlled;
  std::vector<double> fvalue, fbase;
  in.get("flows.step", fstep);
  const std::size_t m = fstep.size();
  in.get("flows.exporter", exporter, m);
  in.get("flows.importer", importer, m);
  in.get("flows.item", fitem, m);
  in.get("flows.controlled", controlled, m);
  in.get("flows.value", fvalue, m);
  in.get("flows.baseline", fbase, m);
  if (flows) flows->resize(m);
  for (std::size_t i = 0; flows && i < m; ++i)
    (*flows)[i] = {fstep[i], exporter[i], importer[i], fitem[i], controlled[i] != 0, fvalue[i], fbase[i]};
  if (!in.at_end()) in.refuse(in.peek_name(), "holds more than this build saves");
  return from.header().step;
}

}  // namespace regimesim::ensemble
