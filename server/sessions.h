// Login sessions, held in memory (a restart logs everyone out). A browser
// gets a session on its first visit, before logging in, so that the login
// form itself carries a CSRF token; logging in replaces the session with a
// new id (no fixation). Thread-safe.
#pragma once

#include <chrono>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace docket::server {

struct SessionOptions {
  std::chrono::seconds idle_timeout{8 * 3600};  // a working day without a request
  size_t max_sessions = 10000;                  // the least recently used go first
};

struct Session {
  std::string id;          // 256 random bits, hex; the cookie's value
  std::string csrf_token;  // 256 random bits, hex; required on every POST
  std::string user;        // empty until logged in
};

class SessionStore {
 public:
  using Clock = std::chrono::steady_clock;
  explicit SessionStore(SessionOptions options = {}) : options_(options) {}

  // A new session for `user` (empty: anonymous).
  Session Create(const std::string& user = "");
  // The live session with this id, touching it; nullopt when unknown or
  // expired. Ids are compared as map keys: they are random and secret, and
  // a lookup reveals nothing about other ids.
  std::optional<Session> Find(const std::string& id);
  void Remove(const std::string& id);
  // Ends every session of `user` (removed or changed in the users file).
  void RemoveUser(const std::string& user);
  size_t size();

  // For tests: pretend `by` has passed.
  void AdvanceClockForTest(Clock::duration by);

 private:
  struct Entry {
    Session session;
    Clock::time_point last_used;
  };
  Clock::time_point Now() const { return Clock::now() + skew_; }
  void EvictLocked();

  SessionOptions options_;
  std::mutex mu_;
  std::unordered_map<std::string, Entry> sessions_;
  Clock::duration skew_{0};
};

}  // namespace docket::server
