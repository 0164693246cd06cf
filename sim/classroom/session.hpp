// A teacher's session: up to a few variants side by side, each beside its baseline,
// stepped together one month at a time. Every request on a session goes through its
// mutex; what the page reads is kept serialized after each change, so many browsers
// polling one session cost a string copy each. Play runs on the server (tick, called by
// the server's clock), so every screen polling the session sees the same month.
#pragma once

#include <chrono>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "classroom/class_roster.hpp"
#include "classroom/variant_run.hpp"

namespace regimesim::classroom {

inline constexpr std::size_t kMaxColumns = 6;  // three variants and their branches; wider is unreadable
inline constexpr std::size_t kDebriefReplays = 4;  // a debrief's replays stepped at once, beside one baseline

// The makers a firm team plays, as the variant follows them.
MakerGroup firm_group(const Team& team, const World& w);

class Session {
 public:
  Session(std::string id, std::string teacher_token, std::vector<std::unique_ptr<VariantRun>> variants);

  const std::string& id() const { return id_; }
  const std::string& teacher_token() const { return teacher_token_; }
  std::mutex& mutex() { return mutex_; }

  // All below: with mutex() held.
  // Steps every variant `months` months (in parallel); returns the wall time in ms.
  double step(int months);
  void reset();
  void set_playing(bool playing, std::optional<int> interval_ms);
  // Applies the change the body describes to one variant; returns the replay's ms.
  double change(std::size_t variant, const nlohmann::json& body, const std::string& by);
  // A new column: the variant with one more change, from its month, beside it.
  std::size_t branch(std::size_t variant, const nlohmann::json& change, const std::string& label);
  VariantRun& variant(std::size_t index);
  std::size_t variant_count() const { return variants_.size(); }
  ClassRoster* roster() { return roster_ ? &*roster_ : nullptr; }
  std::size_t class_variant() const { return class_variant_; }
  int round_left_s() const { return round_left_s_; }  // the round timer's seconds left; -1 without one
  // `firm_teams` as ClassRoster takes them; the variant then follows their makers' sales.
  ClassRoster& open_class(std::size_t variant, const std::vector<std::string>& states, int round_seconds,
                          std::string code, bool auto_advance = true,
                          const nlohmann::json& firm_teams = nlohmann::json::array());
  // Applies the teams' decisions of this round to the class's variant, then steps.
  nlohmann::json advance_round();
  void set_auto_advance(bool on);
  // The server's clock: a playing session steps when its interval has passed (a class
  // session advances its round, so the decisions apply); a class advances when every
  // team that joined has decided (auto_advance) or its round's time is up. Returns
  // whether it moved.
  bool tick(std::chrono::steady_clock::time_point now);
  // Fills the debrief's effects: each decision alone, at the last month run, measured
  // against the session replayed without that one decision (everything else kept). One
  // replay per decision that changed something, in parallel; measured again only once
  // the class column has moved on or changed.
  void measure_debrief();

  // The page's JSON, serialized after each change. Safe without mutex(): readers poll
  // it while a step holds the session, and get the last month's view meanwhile.
  std::shared_ptr<const std::string> view() const;
  void refresh();  // after any change, with mutex() held

 private:
  // Columns at month 0 whose scenarios differ only in their controls step one baseline.
  void share_baselines();

  std::vector<MakerGroup> firm_groups() const;  // the class's firm teams' makers
  std::string id_, teacher_token_;
  std::vector<std::unique_ptr<VariantRun>> variants_;
  std::optional<ClassRoster> roster_;
  std::size_t class_variant_ = 0;
  bool playing_ = false;
  int interval_ms_ = 1500;
  bool auto_advance_ = true;
  std::chrono::steady_clock::time_point next_play_, round_ends_;
  int round_left_s_ = -1;
  std::vector<std::string> skipped_;  // the last round's decisions not applied, and why (the view shows them)  // the round timer's seconds left, as last shown; -1 without a timer
  double last_step_ms_ = 0, last_replay_ms_ = 0;
  std::mutex mutex_;
  mutable std::mutex view_mutex_;  // guards only the pointer swap
  std::shared_ptr<const std::string> view_;
};

}  // namespace regimesim::classroom
