// The clerks' web application and its JSON API: routes, login sessions,
// CSRF checks, roles, the audit log. Pages and API read and write the
// archive through store/ and index/; nothing here listens on a socket
// (http_server.h does), so tests can call Handle() directly too.
//
//   GET  /                          search page (q, offset)
//   GET  /records/ID                record page
//   POST /records/ID/corrections    form: type, or field + value
//   GET  /review                    review queue
//   GET  /login, POST /login, POST /logout
//   GET  /static/NAME               style.css, app.js
//   GET  /api/session               {"user", "role", "csrf_token"}
//   POST /api/login                 {"name", "password"}
//   POST /api/logout
//   GET  /api/search?q=&offset=&limit=
//   GET  /api/records/ID            the record (CONTRACT.md)
//   GET  /api/records/ID/pages      text and words of each page
//   GET  /api/records/ID/pages/N.png
//   GET  /api/records/ID/original
//   GET  /api/review?offset=&limit=
//   POST /api/records/ID/corrections  {"type": T} or {"field": F, "value": V}
//   GET  /api/loans/NO/bundle.zip   the loan's bundle (loan_bundle.h); loan_processor, admin
//
// With shards (WebAppOptions::shards) search spans them all and ids are
// "ID@SHARD"; /records/ID@SHARD and /api/records/ID@SHARD[/original,
// /pages/N.png] read a record of another shard from its archive folder or
// through its host's API (peer_client.h), read-only.
//
// Peers (other hosts' docket) send "Authorization: Bearer TOKEN" instead of
// a session: with WebAppOptions::api_token they may GET /api/records/ID and
// /api/records/ID/original of this archive, nothing else; each access is in
// the audit log as user "peer".
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <boost/json/object.hpp>

#include "index/searcher.h"
#include "ingest/page_render.h"
#include "server/audit_log.h"
#include "server/corrections.h"
#include "server/http_server.h"
#include "server/peer_client.h"
#include "server/sessions.h"
#include "server/users.h"
#include "store/archive.h"

namespace docket::server {

struct WebAppOptions {
  Archive* archive = nullptr;  // not owned; outlives the app
  AuditLog* audit = nullptr;   // not owned; outlives the app
  std::vector<User> users;
  // Cookies carry `Secure`. Browsers accept Secure cookies from
  // http://localhost and http://127.0.0.1 (potentially trustworthy
  // origins); turn off only to serve plain http on another address.
  bool secure_cookies = true;
  int page_size = 20;
  int max_page_size = 100;
  CorrectionOptions corrections;
  SessionOptions sessions;
  PageRenderOptions render;
  // The peers' bearer token (docket serve --api-token-file); empty: a
  // request with a bearer token is refused (401).
  std::string api_token;
  // Search these shards as one (Searcher::OpenShards) instead of the
  // archive's own index. A shard whose index is a folder is read from it;
  // a remote one through its host's API, as `peers` says.
  std::vector<Shard> shards;
  std::map<std::string, PeerOptions> peers;  // shard name -> its API and the token
  std::string host_name;  // this host, in X-Docket-For ("asha@h1") to peers
};

class WebApp {
 public:
  // Fails when the options lack an archive or an audit log.
  static Result<std::unique_ptr<WebApp>> Create(WebAppOptions options);

  // Thread-safe.
  HttpResponse Handle(const HttpRequest& request);

  // Replaces the users (the users file was reread). Sessions of users who
  // are gone, or whose role or password changed, end. Thread-safe.
  void SetUsers(std::vector<User> users);

  SessionStore& sessions() { return sessions_; }

  static constexpr const char* kSessionCookie = "docket_session";

 private:
  struct Context;
  explicit WebApp(WebAppOptions options);

  HttpResponse Route(Context& c);
  // A request with "Authorization: Bearer ...": a peer host, not a browser.
  HttpResponse PeerRoute(Context& c);
  HttpResponse Static(const std::string& name);
  HttpResponse LoginForm(Context& c);
  HttpResponse LoginPost(Context& c, bool api);
  HttpResponse Logout(Context& c, bool api);
  HttpResponse SessionInfo(Context& c);
  HttpResponse Search(Context& c, bool api);
  HttpResponse Review(Context& c, bool api);
  HttpResponse RecordGet(Context& c, const std::string& id, bool api);
  HttpResponse RecordPages(Context& c, const std::string& id);
  HttpResponse PageImage(Context& c, const std::string& id, const std::string& png_name);
  HttpResponse Original(Context& c, const std::string& id);
  HttpResponse Correct(Context& c, const std::string& id, bool api);
  // POST /records/ID/boundaries (form "starts": "1, 4, 7") and
  // /api/records/ID/boundaries {"starts": [1, 4, 7]}: a clerk moves the
  // boundaries of a packet (server/boundaries.h).
  HttpResponse Boundaries(Context& c, const std::string& id, bool api);
  // GET /api/loans/NO/bundle.zip (NO percent-encoded, "VL%2FHYD%2F2023%2F43877"):
  // the loan's bundle as one zip, built in a scratch file under TMPDIR and
  // streamed; over shards as `docket pull --shards` builds it. 403 for a
  // role that may not pull, 404 for a loan without documents.
  HttpResponse LoanBundleZip(Context& c, const std::string& encoded_loan);
  // The same for "ID@SHARD": a record of a shard, perhaps on another host.
  HttpResponse ShardRecordGet(Context& c, const std::string& qualified, bool api);
  HttpResponse ShardOriginal(Context& c, const std::string& qualified);
  HttpResponse ShardPageImage(Context& c, const std::string& qualified, const std::string& png_name);

  // The searcher over the shards, else over the archive's own index.
  Result<std::unique_ptr<Searcher>> OpenSearcher();
  // A shard's record (its plain id), from its folder or its host's API.
  // NotFound for an unknown shard or record.
  Result<Record> ShardRecord(const Context& c, const std::string& shard, const std::string& id);
  // The original's bytes of `record` (of `shard`), verified by its sha256.
  Result<std::string> ShardOriginalBytes(const Context& c, const std::string& shard, const Record& record);
  // The archive holding shard `name` on this machine, or null.
  Archive* LocalShard(const std::string& name);
  Result<PeerClient> Peer(const Context& c, const std::string& shard);

  // The user behind the request, if logged in and still in the users file.
  std::optional<User> CurrentUser(const Context& c);
  std::optional<User> FindUser(const std::string& name);
  bool CsrfOk(const Context& c, const std::string& form_token);
  // Appends to the audit log; false (and logged) when it cannot be written.
  bool Audit(const Context& c, const std::string& action, boost::json::object details = {});
  std::string SessionCookie(const std::string& id) const;
  std::string ExpiredCookie() const;

  HttpResponse Fail(const Context& c, bool api, int status, const std::string& message);
  HttpResponse NeedLogin(const Context& c, bool api);

  WebAppOptions options_;
  SessionStore sessions_;
  std::mutex users_mu_;
  std::vector<User> users_;
  // A hash nobody's password matches: checked for unknown names so that a
  // login takes as long whether or not the name exists.
  std::string dummy_hash_;
  // Corrections are read-modify-write of a record: one at a time.
  std::mutex correct_mu_;
  // Shards whose index is a folder on this machine, opened once: this
  // archive itself, or one of owned_shards_.
  std::map<std::string, Archive*> local_shards_;
  std::vector<std::unique_ptr<Archive>> owned_shards_;
};

}  // namespace docket::server
