// A teacher's session: up to a few variants side by side, each beside its baseline,
// stepped together one month at a time. Every request on a session goes through its
// mutex; what the page reads is kept serialized after each change, so many browsers
// polling one session cost a string copy each.
#pragma once

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
  ClassRoster& open_class(std::size_t variant, const std::vector<std::string>& states, int round_seconds,
                          std::string code);
  // Applies the teams' decisions of this round to the class's variant, then steps.
  nlohmann::json advance_round();

  // The page's JSON, serialized after each change. Safe without mutex(): readers poll
  // it while a step holds the session, and get the last month's view meanwhile.
  std::shared_ptr<const std::string> view() const;
  void refresh();  // after any change, with mutex() held

 private:
  std::string id_, teacher_token_;
  std::vector<std::unique_ptr<VariantRun>> variants_;
  std::optional<ClassRoster> roster_;
  std::size_t class_variant_ = 0;
  bool playing_ = false;
  int interval_ms_ = 1500;
  double last_step_ms_ = 0, last_replay_ms_ = 0;
  std::mutex mutex_;
  mutable std::mutex view_mutex_;  // guards only the pointer swap
  std::shared_ptr<const std::string> view_;
};

}  // namespace regimesim::classroom
