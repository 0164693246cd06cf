// Every open session of one server, and the secrets that reach them: a teacher token
// per session (given when it is created), a join code per class, a token per team.
// Ids, codes and tokens come from std::random_device.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "classroom/session.hpp"

namespace regimesim::classroom {

// A flagship session on the default world holds about 1 GB (six simulations and their
// networks); eight fit the machines this project is run on, and a teacher's day.
inline constexpr std::size_t kMaxSessions = 8;

class SessionTable {
 public:
  // Throws BadRequest (503) when kMaxSessions are open: checked before the columns are
  // built (a second or so and a gigabyte each on the default world), and again when adding.
  void ensure_room() const;
  std::shared_ptr<Session> create(std::vector<std::unique_ptr<VariantRun>> variants);
  std::shared_ptr<Session> find(const std::string& id) const;  // BadRequest 404 when unknown
  // A class code or team token's session; null when unknown.
  std::shared_ptr<Session> by_code(const std::string& code) const;
  std::shared_ptr<Session> by_team_token(const std::string& token) const;
  // The server's clock (Session::tick) on every session; a session a request holds
  // waits for the next tick. A tick that fails pauses its session.
  void tick_all();
  std::string new_code(const std::string& session_id);
  std::string new_team_token(const std::string& session_id);

 private:
  mutable std::mutex mutex_;
  std::map<std::string, std::shared_ptr<Session>> sessions_;
  std::map<std::string, std::string> codes_, team_tokens_;  // -> session id
};

std::string random_hex(std::size_t bytes);

}  // namespace regimesim::classroom
