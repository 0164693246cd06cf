#include "classroom/session_table.hpp"

#include <chrono>
#include <random>

namespace regimesim::classroom {

std::string random_hex(std::size_t bytes) {
  static std::mutex m;
  static std::random_device device;
  std::lock_guard lock(m);
  static constexpr char digits[] = "0123456789abcdef";
  std::string out;
  for (std::size_t k = 0; k < bytes; ++k) {
    const unsigned v = device() & 0xff;
    out += digits[v >> 4];
    out += digits[v & 15];
  }
  return out;
}

void SessionTable::ensure_room() const {
  std::lock_guard lock(mutex_);
  if (sessions_.size() >= kMaxSessions)
    throw BadRequest(503, "this server holds " + std::to_string(kMaxSessions) + " sessions already; restart it to begin afresh");
}

std::shared_ptr<Session> SessionTable::create(std::vector<std::unique_ptr<VariantRun>> variants) {
  std::string id = random_hex(6);
  auto session = std::make_shared<Session>(id, random_hex(16), std::move(variants));
  std::lock_guard lock(mutex_);
  if (sessions_.size() >= kMaxSessions)
    throw BadRequest(503, "this server holds " + std::to_string(kMaxSessions) + " sessions already; restart it to begin afresh");
  sessions_.emplace(id, session);
  return session;
}

void SessionTable::tick_all() {
  std::vector<std::shared_ptr<Session>> open;
  {
    std::lock_guard lock(mutex_);
    for (const auto& [id, s] : sessions_) open.push_back(s);
  }
  const auto now = std::chrono::steady_clock::now();
  for (const auto& s : open) {
    std::unique_lock lock(s->mutex(), std::try_to_lock);
    if (!lock.owns_lock()) continue;
    try {
      s->tick(now);
    } catch (const std::exception&) {
      s->set_playing(false, std::nullopt);
    }
  }
}

std::shared_ptr<Session> SessionTable::find(const std::string& id) const {
  std::lock_guard lock(mutex_);
  const auto it = sessions_.find(id);
  if (it == sessions_.end()) throw BadRequest(404, "session '" + id + "' is not open on this server");
  return it->second;
}

std::shared_ptr<Session> SessionTable::by_code(const std::string& code) const {
  std::lock_guard lock(mutex_);
  const auto c = codes_.find(code);
  if (c == codes_.end()) return nullptr;
  return sessions_.at(c->second);
}

std::shared_ptr<Session> SessionTable::by_team_token(const std::string& token) const {
  std::lock_guard lock(mutex_);
  const auto t = team_tokens_.find(token);
  if (t == team_tokens_.end()) return nullptr;
  return sessions_.at(t->second);
}

std::string SessionTable::new_code(const std::string& session_id) {
  // Five letters and digits a class can read off a projector: no 0/O, 1/I.
  static constexpr char alphabet[] = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  std::lock_guard lock(mutex_);
  for (;;) {
    const std::string hex = random_hex(5);
    std::string code;
    for (std::size_t k = 0; k < 5; ++k) code += alphabet[std::stoi(hex.substr(2 * k, 2), nullptr, 16) % 32];
    if (codes_.emplace(code, session_id).second) return code;
  }
}

std::string SessionTable::new_team_token(const std::string& session_id) {
  std::string token = random_hex(16);
  std::lock_guard lock(mutex_);
  team_tokens_.emplace(token, session_id);
  return token;
}

}  // namespace regimesim::classroom
