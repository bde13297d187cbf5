#include "server/sessions.h"

#include <algorithm>
#include <vector>

#include "server/password.h"

namespace docket::server {

Session SessionStore::Create(const std::string& user) {
  Session s{RandomHex(32), RandomHex(32), user};
  std::lock_guard<std::mutex> lock(mu_);
  EvictLocked();
  sessions_[s.id] = Entry{s, Now()};
  return s;
}

std::optional<Session> SessionStore::Find(const std::string& id) {
  if (id.empty()) return std::nullopt;
  std::lock_guard<std::mutex> lock(mu_);
  auto it = sessions_.find(id);
  if (it == sessions_.end()) return std::nullopt;
  if (Now() - it->second.last_used > options_.idle_timeout) {
    sessions_.erase(it);
    return std::nullopt;
  }
  it->second.last_used = Now();
  return it->second.session;
}

void SessionStore::Remove(const std::string& id) {
  std::lock_guard<std::mutex> lock(mu_);
  sessions_.erase(id);
}

void SessionStore::RemoveUser(const std::string& user) {
  std::lock_guard<std::mutex> lock(mu_);
  std::erase_if(sessions_, [&](const auto& kv) { return kv.second.session.user == user; });
}

size_t SessionStore::size() {
  std::lock_guard<std::mutex> lock(mu_);
  return sessions_.size();
}

void SessionStore::AdvanceClockForTest(Clock::duration by) {
  std::lock_guard<std::mutex> lock(mu_);
  skew_ += by;
}

void SessionStore::EvictLocked() {
  auto now = Now();
  std::erase_if(sessions_, [&](const auto& kv) { return now - kv.second.last_used > options_.idle_timeout; });
  if (sessions_.size() < options_.max_sessions) return;
  // Full of live sessions (a flood of anonymous visits): drop the least
  // recently used tenth, anonymous ones first.
  std::vector<std::pair<std::pair<bool, Clock::time_point>, std::string>> order;
  order.reserve(sessions_.size());
  for (const auto& [id, e] : sessions_) order.push_back({{!e.session.user.empty(), e.last_used}, id});
  std::sort(order.begin(), order.end());
  size_t drop = std::max<size_t>(1, sessions_.size() / 10);
  for (size_t i = 0; i < drop && i < order.size(); ++i) sessions_.erase(order[i].second);
}

}  // namespace docket::server
