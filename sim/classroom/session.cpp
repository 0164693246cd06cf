#include "classroom/session.hpp"

#include <algorithm>
#include <chrono>
#include <tbb/parallel_for.h>

namespace regimesim::classroom {
namespace {

double ms_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

void step_together(const std::vector<VariantRun*>& columns) {
  // The month in two phases: every column's run (and own baseline) and every shared
  // baseline once, side by side; then what each column measured against its baseline.
  std::vector<VariantRun*> running;
  std::vector<BaselineRun*> baselines;
  for (VariantRun* v : columns) {
    if (v->finished()) continue;
    running.push_back(v);
    BaselineRun* b = v->shared_baseline().get();
    if (b && b->month() == v->month() && std::find(baselines.begin(), baselines.end(), b) == baselines.end())
      baselines.push_back(b);
  }
  tbb::parallel_for(std::size_t{0}, running.size() + baselines.size(), [&](std::size_t t) {
    if (t < running.size()) running[t]->step_run();
    else baselines[t - running.size()]->step();
  });
  tbb::parallel_for(std::size_t{0}, running.size(), [&](std::size_t v) { running[v]->record_step(); });
}

}  // namespace

Session::Session(std::string id, std::string teacher_token, std::vector<std::unique_ptr<VariantRun>> variants)
    : id_(std::move(id)), teacher_token_(std::move(teacher_token)), variants_(std::move(variants)) {
  share_baselines();
  refresh();
}

void Session::share_baselines() {
  std::vector<VariantRun*> leaders;  // the first column of each world
  for (auto& v : variants_) {
    if (v->month() != 0) continue;
    auto leader = std::find_if(leaders.begin(), leaders.end(),
                               [&](const VariantRun* l) { return same_baseline(*l->prepared(), *v->prepared()); });
    if (leader == leaders.end()) {
      leaders.push_back(v.get());
      continue;
    }
    if (!(*leader)->shared_baseline()) (*leader)->share_baseline(std::make_shared<BaselineRun>((*leader)->prepared()));
    v->share_baseline((*leader)->shared_baseline());
  }
}

VariantRun& Session::variant(std::size_t index) {
  if (index >= variants_.size())
    throw BadRequest(400, "variant: " + std::to_string(index) + " is not a column of this session; valid: 0 to " +
                              std::to_string(variants_.size() - 1));
  return *variants_[index];
}

double Session::step(int months) {
  const auto start = std::chrono::steady_clock::now();
  std::vector<VariantRun*> columns;
  for (auto& v : variants_) columns.push_back(v.get());
  for (int k = 0; k < months; ++k) step_together(columns);
  last_step_ms_ = ms_since(start);
  refresh();
  return last_step_ms_;
}

void Session::reset() {
  for (auto& v : variants_) v->reset();
  share_baselines();
  if (roster_) {
    roster_->debrief_.clear();
    roster_->measured_ = {-1, 0};
  }
  playing_ = false;
  refresh();
}

void Session::set_playing(bool playing, std::optional<int> interval_ms) {
  if (interval_ms) {
    if (*interval_ms < 100 || *interval_ms > 60000) throw BadRequest(400, "interval_ms: 100 to 60000");
    interval_ms_ = *interval_ms;
  }
  playing_ = playing;
  next_play_ = std::chrono::steady_clock::now() + std::chrono::milliseconds(interval_ms_);
  refresh();
}

double Session::change(std::size_t index, const nlohmann::json& body, const std::string& by) {
  VariantRun& v = variant(index);
  ParameterChange c = read_change(body, v.month(), v.running());
  c.by = by;
  last_replay_ms_ = v.apply(c);
  refresh();
  return last_replay_ms_;
}

std::size_t Session::branch(std::size_t index, const nlohmann::json& body, const std::string& label) {
  VariantRun& v = variant(index);
  if (variants_.size() >= kMaxColumns)
    throw BadRequest(409, "this session shows " + std::to_string(kMaxColumns) + " columns already; reset or start another");
  ParameterChange c = read_change(body, v.month(), v.running());
  const auto start = std::chrono::steady_clock::now();
  variants_.insert(variants_.begin() + static_cast<std::ptrdiff_t>(index) + 1,
                   v.branch(label.empty() ? v.label() + ": " + describe(c, v.running()) : label, c));
  last_replay_ms_ = ms_since(start);
  if (roster_ && class_variant_ > index) ++class_variant_;
  refresh();
  return index + 1;
}

ClassRoster& Session::open_class(std::size_t index, const std::vector<std::string>& states, int round_seconds,
                                 std::string code, bool auto_advance, const nlohmann::json& firm_teams) {
  roster_.emplace(std::move(code), states, round_seconds, variant(index).running(), firm_teams);
  class_variant_ = index;
  if (!firm_teams.empty()) variants_[index]->follow(firm_groups());
  auto_advance_ = auto_advance;
  round_ends_ = std::chrono::steady_clock::now() + std::chrono::seconds(round_seconds);
  round_left_s_ = round_seconds > 0 ? round_seconds : -1;
  refresh();
  return *roster_;
}

nlohmann::json Session::advance_round() {
  if (!roster_) throw BadRequest(409, "this session has no class; open one first");
  VariantRun& v = *variants_[class_variant_];
  if (v.finished()) throw BadRequest(409, "the run has ended; reset to play again");
  const int round = roster_->round();
  const int month = v.month();
  std::vector<std::string> skipped;
  // Two teams' decisions may clash (both leave a one-state control): each is checked
  // against the scenario as the ones before it left it, then all replay at once.
  Scenario scratch = v.running();
  std::vector<ParameterChange> accepted;
  for (const ParameterChange& c : roster_->close_round()) {
    try {
      ParameterChange again = read_change(to_json(c), month, scratch);
      again.by = c.by;
      write_into(scratch, again);
      accepted.push_back(std::move(again));
    } catch (const BadRequest& e) {
      skipped.push_back(c.by + ": " + e.what());
    }
  }
  last_replay_ms_ = v.apply(accepted);
  step(1);
  const int after = v.month() - 1;
  for (const auto& [id, words] : roster_->closed_) {
    const std::string state = roster_->by_id(id)->state;  // a firm team's is its makers' state
    DebriefRow row{};
    row.round = round;
    row.month = month;
    row.state = id;
    row.decision = words;
    row.denial = v.value_at(output::Metric::denial_effectiveness, after);
    row.controllers_loss = v.value_at(output::Metric::controller_revenue_loss, after);
    row.own_output_loss = v.value_at(output::Metric::output_loss, after, v.running().world.find_state(state));
    roster_->record(std::move(row));
  }
  round_ends_ = std::chrono::steady_clock::now() + std::chrono::seconds(roster_->round_seconds());
  round_left_s_ = roster_->round_seconds() > 0 ? roster_->round_seconds() : -1;
  skipped_ = skipped;
  refresh();
  return {{"round", round}, {"month", v.month()}, {"skipped", skipped}};
}

void Session::set_auto_advance(bool on) {
  if (!roster_) throw BadRequest(409, "this session has no class; open one first");
  auto_advance_ = on;
  refresh();
}

bool Session::tick(std::chrono::steady_clock::time_point now) {
  const bool ended = std::all_of(variants_.begin(), variants_.end(), [](const auto& v) { return v->finished(); });
  const bool class_ended = roster_ && variants_[class_variant_]->finished();
  if (playing_ && ended) {
    playing_ = false;
    refresh();
    return false;
  }
  if (playing_ && now >= next_play_) {
    next_play_ = now + std::chrono::milliseconds(interval_ms_);
    if (roster_ && !class_ended) {
      advance_round();
    } else {
      step(1);
    }
    return true;
  }
  if (!roster_ || class_ended) return false;
  const bool someone = std::any_of(roster_->teams().begin(), roster_->teams().end(),
                                   [](const Team& t) { return !t.token.empty(); });
  const bool decided = someone && roster_->all_decided() &&
                       std::any_of(roster_->teams().begin(), roster_->teams().end(),
                                   [](const Team& t) { return t.decision.has_value(); });
  if ((auto_advance_ && decided) || (roster_->round_seconds() > 0 && now >= round_ends_)) {
    advance_round();
    return true;
  }
  if (roster_->round_seconds() > 0) {
    // Every screen shows the same countdown: the view carries it, refreshed each second.
    const int left = static_cast<int>(std::chrono::ceil<std::chrono::seconds>(round_ends_ - now).count());
    if (left != round_left_s_) {
      round_left_s_ = left;
      refresh();
    }
  }
  return false;
}

void Session::measure_debrief() {
  if (!roster_) return;
  const VariantRun& v = *variants_[class_variant_];
  const std::pair<int, std::size_t> now{v.month(), v.changes().size()};
  if (v.month() == 0 || roster_->measured_ == now) return;
  const int at = v.month() - 1;  // the last month run
  const World& w = v.running().world;
  struct Figures {
    double denial, controllers_loss, own_output_loss;
  };
  auto figures = [&](const VariantRun& run, const std::optional<StateId>& s) {
    return Figures{run.value_at(output::Metric::denial_effectiveness, at),
                   run.value_at(output::Metric::controller_revenue_loss, at),
                   run.value_at(output::Metric::output_loss, at, s)};
  };
  std::vector<DebriefRow>& rows = roster_->debrief_;
  std::vector<std::optional<StateId>> state(rows.size());  // the team's state (a firm team's: its makers')
  std::vector<std::string> by(rows.size());
  std::vector<std::size_t> replayed;  // the rows whose decision changed something
  for (std::size_t k = 0; k < rows.size(); ++k) {
    const Team* team = roster_->by_id(rows[k].state);  // a team's id: a state's code, or a firm team's
    state[k] = team ? w.find_state(team->state) : std::nullopt;
    if (!state[k]) continue;
    by[k] = team_author(team->name);
    if (v.has_decision(by[k], rows[k].month)) replayed.push_back(k);
  }
  // A decision that changed nothing (or was skipped) has no change to take out: its
  // replay would be this run, so its effect is 0 without one.
  std::vector<Figures> without(rows.size());
  for (std::size_t k = 0; k < rows.size(); ++k) without[k] = figures(v, state[k]);
  // The replays of a batch step side by side with one baseline (they differ from the
  // class column only in changes the baseline does not read), at most kDebriefReplays at
  // once: each holds its own run of the world (memory, not cores, bounds them).
  for (std::size_t first = 0; first < replayed.size(); first += kDebriefReplays) {
    const std::size_t n = std::min(kDebriefReplays, replayed.size() - first);
    std::vector<std::unique_ptr<VariantRun>> replays(n);
    tbb::parallel_for(std::size_t{0}, n, [&](std::size_t i) {
      const std::size_t k = replayed[first + i];
      replays[i] = v.without(by[k], rows[k].month);
    });
    auto baseline = std::make_shared<BaselineRun>(replays.front()->prepared());
    std::vector<VariantRun*> batch;
    for (auto& r : replays) {
      r->share_baseline(baseline);
      batch.push_back(r.get());
    }
    while (batch.front()->month() < v.month()) step_together(batch);
    for (std::size_t i = 0; i < n; ++i) without[replayed[first + i]] = figures(*replays[i], state[replayed[first + i]]);
  }
  for (std::size_t k = 0; k < rows.size(); ++k) {
    DebriefRow& r = rows[k];
    const Figures with = figures(v, state[k]);
    // The row's own figures again: a later join counts its state among the controllers
    // for the whole run (docs/METRICS.md), so the month that followed may read differently.
    r.denial = v.value_at(output::Metric::denial_effectiveness, r.month);
    r.controllers_loss = v.value_at(output::Metric::controller_revenue_loss, r.month);
    r.own_output_loss = v.value_at(output::Metric::output_loss, r.month, state[k]);
    r.denial_effect = with.denial - without[k].denial;
    r.controllers_loss_effect = with.controllers_loss - without[k].controllers_loss;
    r.own_output_loss_effect = with.own_output_loss - without[k].own_output_loss;
    r.effect_month = at;
  }
  roster_->measured_ = now;
  refresh();
}

void Session::refresh() {
  nlohmann::json variants = nlohmann::json::array();
  for (const auto& v : variants_) variants.push_back(v->view());
  nlohmann::json j{{"id", id_},
                   {"playing", playing_},
                   {"interval_ms", interval_ms_},
                   {"last_step_ms", last_step_ms_},
                   {"last_replay_ms", last_replay_ms_},
                   {"variants", variants}};
  if (roster_) {
    nlohmann::json teams = nlohmann::json::array();
    for (const Team& t : roster_->teams())
      teams.push_back({{"state", t.state}, {"name", t.name}, {"joined", !t.token.empty()}, {"decided", t.decision.has_value()},
                       {"decision", t.decision ? ClassRoster::words(*t.decision) : ""}, {"team", t.id},
                       {"role", t.firms() ? "firms" : "state"}, {"items", t.items}});
    nlohmann::json debrief = nlohmann::json::array();
    auto effect = [](const std::optional<double>& e) { return e ? nlohmann::json(*e) : nlohmann::json(); };
    for (const DebriefRow& r : roster_->debrief())
      debrief.push_back({{"round", r.round}, {"month", r.month}, {"state", r.state}, {"decision", r.decision},
                         {"denial_effectiveness", r.denial}, {"controller_revenue_loss", r.controllers_loss},
                         {"own_output_loss", r.own_output_loss}, {"denial_effectiveness_effect", effect(r.denial_effect)},
                         {"controller_revenue_loss_effect", effect(r.controllers_loss_effect)},
                         {"own_output_loss_effect", effect(r.own_output_loss_effect)},
                         {"effect_month", r.effect_month ? nlohmann::json(*r.effect_month) : nlohmann::json()}});
    j["class"] = {{"code", roster_->code()}, {"variant", class_variant_}, {"round", roster_->round()},
                  {"round_seconds", roster_->round_seconds()}, {"round_left_s", round_left_s_},
                  {"auto_advance", auto_advance_}, {"all_decided", roster_->all_decided()}, {"skipped", skipped_},
                  {"teams", teams}, {"debrief", debrief}};
  }
  auto fresh = std::make_shared<const std::string>(j.dump());
  std::lock_guard lock(view_mutex_);
  view_ = std::move(fresh);
}

std::shared_ptr<const std::string> Session::view() const {
  std::lock_guard lock(view_mutex_);
  return view_;
}

std::vector<MakerGroup> Session::firm_groups() const {
  std::vector<MakerGroup> out;
  if (!roster_) return out;
  const World& w = variants_[class_variant_]->running().world;
  for (const Team& t : roster_->teams_) if (t.firms()) out.push_back(firm_group(t, w));
  return out;
}

MakerGroup firm_group(const Team& team, const World& w) {
  MakerGroup g{*w.find_state(team.state), {}};
  for (const std::string& i : team.items) g.items.push_back(*w.find_item(i));
  std::sort(g.items.begin(), g.items.end());
  return g;
}

}  // namespace regimesim::classroom
