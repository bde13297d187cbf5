// Shared by tests/server: a real archive with two born-digital samples
// (records, pages, originals, index), users with real Argon2id hashes, and
// a small Boost.Beast client that keeps a session cookie.
#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <boost/json.hpp>

#include "server/audit_log.h"
#include "server/http_server.h"
#include "server/users.h"
#include "server/web_app.h"
#include "store/archive.h"

namespace docket::testing {

struct ServerArchive {
  std::string dir;
  std::string invoice_id;  // vendor_name "Marigold Traders" (95%), total_amount 1234.50 (low, 40%)
  std::string loan_id;     // needs_review, type confidence 0.6
  std::string invoice_original;  // the sample's path
};

// Builds the archive in `dir` (must not exist or be empty).
ServerArchive MakeServerArchive(const std::string& dir);

// asha: clerk, lena: loan_processor, root: admin; password "<name>-secret-pw".
std::vector<server::User> TestUsers();
// TestUsers hashed once per test program (hashing is slow on purpose).
const std::vector<server::User>& CachedTestUsers();

// What `docket serve` runs: the web application over an archive, with the
// test users and the audit log in ARCHIVE/logs/audit.jsonl, served on a
// free port of 127.0.0.1. Stops when destroyed.
struct ServedApp {
  std::unique_ptr<server::AuditLog> audit;
  std::unique_ptr<server::WebApp> app;
  std::unique_ptr<server::HttpServer> server;
  unsigned short port() const { return server->port(); }
  ~ServedApp() {
    if (server) server->Stop();
  }
};

// Starts `out` over `archive` (which must outlive it); a zero
// `read_timeout` keeps the server's default.
Status ServeApp(Archive* archive, ServedApp* out, std::chrono::seconds read_timeout = std::chrono::seconds(0));

struct Reply {
  int status = 0;
  std::multimap<std::string, std::string> headers;  // lower-case names
  std::string body;
  std::string Header(const std::string& name) const;
  boost::json::value Json() const;
};

// One request on a fresh connection to 127.0.0.1:port.
Reply SendRequest(unsigned short port, const std::string& method, const std::string& target,
                  const std::vector<std::pair<std::string, std::string>>& headers = {},
                  const std::string& body = "");

// Writes `bytes` as they are and returns whatever comes back until the
// server closes the connection (or 10 s pass).
std::string RawExchange(unsigned short port, const std::string& bytes);

// The entries of a zip file's bytes (a loan's bundle), name -> bytes, read
// with libzip. Fails the test and returns what it read when the zip is bad.
std::map<std::string, std::string> ZipEntries(const std::string& zip_bytes);

// A browser-like client: keeps the session cookie and the CSRF token.
class ApiClient {
 public:
  explicit ApiClient(unsigned short port) : port_(port) {}
  // GET /api/session: a session and its token.
  void StartSession();
  // StartSession, then POST /api/login; the reply of the login.
  Reply Login(const std::string& name, const std::string& password);
  Reply Get(const std::string& target);
  // POST with the session cookie and, unless `csrf` is given, its token.
  Reply PostJson(const std::string& target, const boost::json::value& body, const std::string* csrf = nullptr);
  Reply PostForm(const std::string& target, const std::string& body);

  std::string cookie;  // the docket_session value
  std::string csrf;

 private:
  void TakeCookie(const Reply& r);
  unsigned short port_;
};

}  // namespace docket::testing
