#include "server/web_app.h"

#include "classify/archive_model.h"
#include "ingest/packet_records.h"
#include "server/boundaries.h"
#include "server/loan_bundle.h"

#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include <boost/json.hpp>

#include "base/log.h"
#include "index/searcher.h"
#include "server/pages.h"
#include "server/password.h"
#include "server/request_parsing.h"
#include "server/web_assets.h"

namespace docket::server {

namespace json = boost::json;

struct WebApp::Context {
  const HttpRequest& req;
  std::vector<std::string> segments;          // the path split at '/', not decoded
  std::map<std::string, std::string> query;   // decoded
  std::optional<Session> session;
  std::optional<User> user;
  bool peer = false;  // a peer host with the right bearer token
  std::vector<std::string> set_cookies;

  Viewer viewer() const {
    Viewer v;
    if (user) {
      v.user = user->name;
      v.role = user->role;
    }
    if (session) v.csrf_token = session->csrf_token;
    return v;
  }
};

namespace {

HttpResponse Html(int status, std::string body) {
  HttpResponse r;
  r.status = status;
  r.body = std::move(body);
  return r;
}

HttpResponse Json(int status, const json::value& v) {
  HttpResponse r;
  r.status = status;
  r.content_type = "application/json";
  r.body = json::serialize(v) + "\n";
  return r;
}

HttpResponse Redirect(const std::string& location) {
  HttpResponse r;
  r.status = 303;
  r.headers.emplace_back("Location", location);
  r.body = "<a href=\"" + HtmlEscape(location) + "\">continue</a>\n";
  return r;
}

std::vector<std::string> Split(const std::string& path) {
  std::vector<std::string> out;
  size_t i = 1;  // paths start with '/'
  while (i <= path.size()) {
    size_t slash = path.find('/', i);
    if (slash == std::string::npos) slash = path.size();
    out.push_back(path.substr(i, slash - i));
    i = slash + 1;
  }
  if (!out.empty() && out.back().empty()) out.pop_back();  // "/review/" is "/review"
  return out;
}

// Only local paths: never "//host" or "http://...", so a login link cannot
// send a clerk elsewhere.
std::string SafeNext(const std::string& next) {
  if (next.size() < 1 || next[0] != '/' || (next.size() > 1 && (next[1] == '/' || next[1] == '\\'))) return "/";
  for (char c : next) {
    if (static_cast<unsigned char>(c) < 0x20) return "/";
  }
  return next;
}

json::object HitJson(const SearchHit& h) {
  json::object fields;
  for (const auto& [k, v] : h.fields) fields[k] = v;
  return json::object{{"id", h.id}, {"type", h.type}, {"score", h.score}, {"snippet", h.snippet},
                      {"fields", std::move(fields)}};
}

const char* MimeOf(const std::string& format) {
  if (format == "pdf") return "application/pdf";
  if (format == "tiff") return "image/tiff";
  if (format == "png") return "image/png";
  if (format == "jpeg") return "image/jpeg";
  return "application/octet-stream";
}

json::value ToJsonOrNull(const std::string* s) { return s ? json::value(*s) : json::value(nullptr); }

}  // namespace

Result<std::unique_ptr<WebApp>> WebApp::Create(WebAppOptions options) {
  if (options.archive == nullptr) return Status::Invalid("the web application needs an archive");
  if (options.audit == nullptr) return Status::Invalid("the web application needs an audit log");
  DOCKET_RETURN_IF_ERROR(InitCrypto());
  std::unique_ptr<WebApp> app(new WebApp(std::move(options)));
  std::error_code ec;
  auto own = std::filesystem::weakly_canonical(app->options_.archive->dir(), ec);
  for (const Shard& shard : app->options_.shards) {
    if (shard.remote()) continue;
    if (std::filesystem::weakly_canonical(shard.where, ec) == own) {
      app->local_shards_[shard.name] = app->options_.archive;
      continue;
    }
    auto archive = Archive::Open(shard.where);
    if (!archive.ok()) return archive.status().Annotate("shard " + shard.name);
    app->local_shards_[shard.name] = archive->get();
    app->owned_shards_.push_back(std::move(*archive));
  }
  auto dummy = HashPassword(RandomHex(16));
  if (!dummy.ok()) return dummy.status();
  app->dummy_hash_ = *dummy;
  return app;
}

WebApp::WebApp(WebAppOptions options)
    : options_(std::move(options)), sessions_(options_.sessions), users_(options_.users) {}

void WebApp::SetUsers(std::vector<User> users) {
  std::vector<std::string> ended;
  {
    std::lock_guard<std::mutex> lock(users_mu_);
    for (const User& old : users_) {
      auto it = std::find_if(users.begin(), users.end(), [&](const User& u) { return u.name == old.name; });
      if (it == users.end() || it->role != old.role || it->password_hash != old.password_hash) {
        ended.push_back(old.name);
      }
    }
    users_ = std::move(users);
  }
  for (const std::string& name : ended) sessions_.RemoveUser(name);
}

std::optional<User> WebApp::FindUser(const std::string& name) {
  std::lock_guard<std::mutex> lock(users_mu_);
  for (const User& u : users_) {
    if (u.name == name) return u;
  }
  return std::nullopt;
}

std::optional<User> WebApp::CurrentUser(const Context& c) {
  if (!c.session || c.session->user.empty()) return std::nullopt;
  return FindUser(c.session->user);
}

bool WebApp::CsrfOk(const Context& c, const std::string& form_token) {
  if (!c.session) return false;
  std::string token = c.req.Header("x-csrf-token");
  if (token.empty()) token = form_token;
  return ConstantTimeEquals(token, c.session->csrf_token);
}

bool WebApp::Audit(const Context& c, const std::string& action, json::object details) {
  details["remote"] = c.req.remote;
  std::string user = c.user ? c.user->name : std::string();
  if (c.peer) {
    // Who asked on the peer's side: informational, the token decided.
    user = "peer";
    std::string asked_for = c.req.Header("x-docket-for").substr(0, 200);
    if (!asked_for.empty()) details["for"] = asked_for;
  }
  Status st = options_.audit->Append(user, action, std::move(details));
  if (!st.ok()) LogError("server: audit log: " + st.ToString());
  return st.ok();
}

std::string WebApp::SessionCookie(const std::string& id) const {
  return std::string(kSessionCookie) + "=" + id + "; Path=/; HttpOnly; SameSite=Strict" +
         (options_.secure_cookies ? "; Secure" : "");
}

std::string WebApp::ExpiredCookie() const {
  return std::string(kSessionCookie) + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict" +
         (options_.secure_cookies ? "; Secure" : "");
}

HttpResponse WebApp::Fail(const Context& c, bool api, int status, const std::string& message) {
  if (api) return Json(status, json::object{{"error", message}});
  return Html(status, ErrorPage(c.viewer(), status, message));
}

HttpResponse WebApp::NeedLogin(const Context& c, bool api) {
  if (api) return Json(401, json::object{{"error", "log in first (POST /api/login)"}});
  return Redirect("/login?next=" + UrlEncode(c.req.target));
}

HttpResponse WebApp::Handle(const HttpRequest& req) {
  Context c{req, Split(req.path), ParseQuery(req.query), std::nullopt, std::nullopt, false, {}};
  std::string sid = CookieValue(req.Header("cookie"), kSessionCookie);
  if (!sid.empty()) c.session = sessions_.Find(sid);
  c.user = CurrentUser(c);
  HttpResponse r;
  try {
    r = Route(c);
  } catch (const std::exception& e) {
    // Boost.JSON and the standard library throw; nothing leaves the app.
    LogError("server: " + req.method + " " + req.path + ": " + e.what());
    r = Fail(c, !c.segments.empty() && c.segments[0] == "api", 500, "internal error");
  }
  for (const std::string& cookie : c.set_cookies) r.headers.emplace_back("Set-Cookie", cookie);
  // Pages load only their own scripts, styles and images, are never framed,
  // and are not cached (they hold personal data); page images of an
  // unchanging original may be cached privately.
  r.headers.emplace_back("Content-Security-Policy",
                         "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
                         "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
  r.headers.emplace_back("X-Content-Type-Options", "nosniff");
  r.headers.emplace_back("X-Frame-Options", "DENY");
  r.headers.emplace_back("Referrer-Policy", "same-origin");
  bool cache_set = std::any_of(r.headers.begin(), r.headers.end(),
                               [](const auto& h) { return h.first == "Cache-Control"; });
  if (!cache_set) r.headers.emplace_back("Cache-Control", "no-store");
  return r;
}

HttpResponse WebApp::Route(Context& c) {
  const auto& s = c.segments;
  const std::string& m = c.req.method;
  bool get = m == "GET", post = m == "POST";
  bool api = !s.empty() && s[0] == "api";
  if (!get && !post) {
    HttpResponse r = Fail(c, api, 405, "method not allowed");
    r.headers.emplace_back("Allow", "GET, POST");
    return r;
  }
  // A peer host's bearer token, never mixed with sessions and cookies.
  if (!c.req.Header("authorization").empty()) return PeerRoute(c);
  // Open to everyone: the login, the static files, the session probe.
  if (s.size() == 2 && s[0] == "static" && get) return Static(s[1]);
  if (s.size() == 1 && s[0] == "login") return get ? LoginForm(c) : LoginPost(c, false);
  if (s.size() == 2 && api && s[1] == "session" && get) return SessionInfo(c);
  if (s.size() == 2 && api && s[1] == "login" && post) return LoginPost(c, true);
  if (s.size() == 1 && s[0] == "logout" && post) return Logout(c, false);
  if (s.size() == 2 && api && s[1] == "logout" && post) return Logout(c, true);

  if (!c.user) return NeedLogin(c, api);
  if (api) {
    if (s.size() == 2 && s[1] == "search" && get) return Search(c, true);
    if (s.size() == 2 && s[1] == "review" && get) return Review(c, true);
    if (s.size() >= 3 && s[1] == "records" && s[2].find('@') != std::string::npos) {
      const std::string& id = s[2];
      if (s.size() == 3 && get) return ShardRecordGet(c, id, true);
      if (s.size() == 4 && s[3] == "original" && get) return ShardOriginal(c, id);
      if (s.size() == 5 && s[3] == "pages" && get) return ShardPageImage(c, id, s[4]);
      return Fail(c, true, 404, "a record of another shard is read-only here: its record, original and page images");
    }
    if (s.size() >= 3 && s[1] == "records") {
      const std::string& id = s[2];
      if (s.size() == 3 && get) return RecordGet(c, id, true);
      if (s.size() == 4 && s[3] == "original" && get) return Original(c, id);
      if (s.size() == 4 && s[3] == "pages" && get) return RecordPages(c, id);
      if (s.size() == 5 && s[3] == "pages" && get) return PageImage(c, id, s[4]);
      if (s.size() == 4 && s[3] == "corrections" && post) return Correct(c, id, true);
      if (s.size() == 4 && s[3] == "boundaries" && post) return Boundaries(c, id, true);
    }
    if (s.size() == 4 && s[1] == "loans" && s[3] == "bundle.zip" && get) return LoanBundleZip(c, s[2]);
    return Fail(c, true, 404, "no such endpoint");
  }
  if (s.empty() && get) return Search(c, false);
  if (s.size() == 1 && s[0] == "review" && get) return Review(c, false);
  if (s.size() == 2 && s[0] == "records" && get) {
    return s[1].find('@') != std::string::npos ? ShardRecordGet(c, s[1], false) : RecordGet(c, s[1], false);
  }
  if (s.size() == 3 && s[0] == "records" && s[2] == "corrections" && post) return Correct(c, s[1], false);
  if (s.size() == 3 && s[0] == "records" && s[2] == "boundaries" && post) return Boundaries(c, s[1], false);
  return Fail(c, false, 404, "There is no such page.");
}

HttpResponse WebApp::Static(const std::string& name) {
  const WebAsset* asset = FindWebAsset(name);
  if (asset == nullptr) return Html(404, "not found\n");
  HttpResponse r;
  r.content_type = asset->content_type;
  r.body = std::string(asset->data);
  r.headers.emplace_back("Cache-Control", "no-cache");
  return r;
}

HttpResponse WebApp::SessionInfo(Context& c) {
  if (!c.session) {
    c.session = sessions_.Create();
    c.set_cookies.push_back(SessionCookie(c.session->id));
  }
  return Json(200, json::object{{"user", c.user ? json::value(c.user->name) : json::value(nullptr)},
                                {"role", c.user ? json::value(RoleName(c.user->role)) : json::value(nullptr)},
                                {"csrf_token", c.session->csrf_token}});
}

HttpResponse WebApp::LoginForm(Context& c) {
  std::string next = SafeNext(c.query.count("next") ? c.query["next"] : "/");
  if (c.user) return Redirect(next);
  if (!c.session) {
    // The form's CSRF token lives in a session of its own, so that the
    // login itself cannot be forged from another site.
    c.session = sessions_.Create();
    c.set_cookies.push_back(SessionCookie(c.session->id));
  }
  return Html(200, LoginPage(c.session->csrf_token, next, "", ""));
}

HttpResponse WebApp::LoginPost(Context& c, bool api) {
  std::string name, password, form_token, next = "/";
  if (api) {
    boost::system::error_code ec;
    json::value v = json::parse(c.req.body, ec);
    if (ec || !v.is_object()) return Fail(c, true, 400, "expected {\"name\": ..., \"password\": ...}");
    const json::object& o = v.get_object();
    if (auto it = o.find("name"); it != o.end() && it->value().is_string()) name = it->value().get_string();
    if (auto it = o.find("password"); it != o.end() && it->value().is_string()) password = it->value().get_string();
  } else {
    auto form = ParseQuery(c.req.body);
    name = form["name"];
    password = form["password"];
    form_token = form["csrf"];
    next = SafeNext(form.count("next") ? form["next"] : "/");
  }
  if (!CsrfOk(c, form_token)) {
    Audit(c, "denied", {{"reason", "login without a valid CSRF token"}, {"name", name}});
    if (api) return Fail(c, true, 403, "missing or wrong CSRF token (GET /api/session first)");
    if (!c.session) {
      c.session = sessions_.Create();
      c.set_cookies.push_back(SessionCookie(c.session->id));
    }
    return Html(403, LoginPage(c.session->csrf_token, next, name, "The form expired; please log in again."));
  }
  std::optional<User> user = ValidUserName(name) ? FindUser(name) : std::nullopt;
  // Verify against a dummy hash for unknown names: the same time either way.
  bool ok = VerifyPassword(password, user ? user->password_hash : dummy_hash_) && user.has_value();
  if (!ok) {
    Audit(c, "login_failed", {{"name", ValidUserName(name) ? name : std::string("(invalid name)")}});
    if (api) return Fail(c, true, 401, "wrong name or password");
    return Html(401, LoginPage(c.session->csrf_token, next, name, "Wrong name or password."));
  }
  // A fresh session id on login: an id planted before cannot be used after.
  sessions_.Remove(c.session->id);
  c.session = sessions_.Create(user->name);
  c.user = user;
  c.set_cookies.push_back(SessionCookie(c.session->id));
  if (!Audit(c, "login")) return Fail(c, api, 503, "the audit log cannot be written");
  if (api) {
    return Json(200, json::object{{"user", user->name}, {"role", RoleName(user->role)},
                                  {"csrf_token", c.session->csrf_token}});
  }
  return Redirect(next);
}

HttpResponse WebApp::Logout(Context& c, bool api) {
  auto form = ParseQuery(c.req.body);
  if (!CsrfOk(c, form["csrf"])) {
    Audit(c, "denied", {{"reason", "logout without a valid CSRF token"}});
    return Fail(c, api, 403, "missing or wrong CSRF token");
  }
  Audit(c, "logout");
  sessions_.Remove(c.session->id);
  c.set_cookies.push_back(ExpiredCookie());
  if (api) return Json(200, json::object{{"ok", true}});
  return Redirect("/login");
}

HttpResponse WebApp::Search(Context& c, bool api) {
  std::string q = c.query["q"];
  if (q.size() > 1000) return Fail(c, api, 400, "the query is too long");
  SearchOptions so;
  std::string sort = c.query["sort"];
  if (sort == "newest") {
    so.sort = SortOrder::kNewest;
  } else if (sort == "oldest") {
    so.sort = SortOrder::kOldest;
  } else if (sort == "amount_high") {
    so.sort = SortOrder::kAmountHigh;
  } else if (sort == "amount_low") {
    so.sort = SortOrder::kAmountLow;
  } else if (!sort.empty() && sort != "relevance") {
    return Fail(c, api, 400, "sort is one of relevance, newest, oldest, amount_high, amount_low");
  } else {
    sort.clear();
  }
  so.offset = ParseCount(c.query["offset"], 0, 1'000'000);
  so.limit = api ? ParseCount(c.query["limit"], options_.page_size, options_.max_page_size) : options_.page_size;
  so.facets = true;
  auto searcher = OpenSearcher();
  if (!searcher.ok()) return Fail(c, api, 500, "the index cannot be opened: " + searcher.status().message());
  auto result = (*searcher)->Search(q, so);
  if (!Audit(c, "search", {{"query", q}, {"offset", so.offset}})) {
    return Fail(c, api, 503, "the audit log cannot be written");
  }
  if (!result.ok()) {
    if (result.status().code() != Status::Code::kInvalid) return Fail(c, api, 500, result.status().message());
    if (api) return Fail(c, true, 400, result.status().message());
    SearchView view;
    view.query = q;
    view.sort = sort;
    view.error = result.status().message();
    return Html(400, SearchPage(c.viewer(), view));
  }
  if (api) {
    json::array hits;
    for (const SearchHit& h : result->hits) hits.push_back(HitJson(h));
    json::object facets;
    for (const auto& [name, values] : result->facets) {
      json::object counts;
      for (const auto& [value, n] : values) counts[value] = n;
      facets[name] = std::move(counts);
    }
    json::object out{{"total", result->total}, {"hits", std::move(hits)}, {"facets", std::move(facets)},
                     {"query", q}, {"offset", so.offset}, {"limit", so.limit},
                     {"sort", sort.empty() ? "relevance" : sort}};
    if (!result->total_exact) out["total_exact"] = false;
    if (!result->suggestion.empty()) out["suggestion"] = result->suggestion;
    return Json(200, out);
  }
  SearchView view;
  view.query = q;
  view.sort = sort;
  view.offset = so.offset;
  view.limit = so.limit;
  view.result = &*result;
  for (const SearchHit& h : result->hits) {
    // File names for the hits of this machine's shards; a remote hit shows
    // its id rather than cost a call to its host.
    std::string id, shard;
    Archive* archive = SplitQualifiedId(h.id, &id, &shard) ? LocalShard(shard) : options_.archive;
    if (archive == nullptr) continue;
    auto r = archive->GetRecord(id);
    if (r.ok()) view.records.emplace(h.id, std::move(*r));
  }
  return Html(200, SearchPage(c.viewer(), view));
}

HttpResponse WebApp::Review(Context& c, bool api) {
  int offset = ParseCount(c.query["offset"], 0, 1'000'000);
  int limit = api ? ParseCount(c.query["limit"], options_.page_size, options_.max_page_size) : options_.page_size;
  auto records = options_.archive->AllRecords();
  if (!records.ok()) return Fail(c, api, 500, records.status().message());
  std::vector<ReviewItem> items;
  size_t total = 0;
  for (Record& r : *records) {
    if (!NeedsReview(r, options_.corrections)) continue;
    if (total++ < static_cast<size_t>(offset)) continue;
    if (items.size() >= static_cast<size_t>(limit)) continue;
    items.push_back(ReviewItem{std::move(r), {}});
    items.back().low_fields = LowFields(items.back().record, options_.corrections);
  }
  if (!Audit(c, "review", {{"offset", offset}})) return Fail(c, api, 503, "the audit log cannot be written");
  if (!api) return Html(200, ReviewPage(c.viewer(), items, total, offset, limit));
  json::array out;
  for (const ReviewItem& it : items) {
    const Record& r = it.record;
    auto nr = r.extra.find("needs_review");
    json::array low;
    for (const auto& f : it.low_fields) low.push_back(json::value(f));
    out.push_back(json::object{{"id", r.id}, {"type", r.type}, {"confidence", r.confidence}, {"source", r.source},
                               {"archived_at", r.archived_at},
                               {"needs_review", nr != r.extra.end() && nr->value().is_bool() && nr->value().get_bool()},
                               {"low_fields", std::move(low)}});
    if (auto d = r.extra.find("possible_duplicate_of"); d != r.extra.end()) {
      out.back().as_object()["possible_duplicate_of"] = d->value();
    }
    if (!r.packet.empty()) out.back().as_object()["packet"] = r.packet;
    if (r.extra.contains("boundary_uncertain")) out.back().as_object()["boundary_uncertain"] = true;
  }
  return Json(200, json::object{{"total", total}, {"offset", offset}, {"limit", limit}, {"records", std::move(out)}});
}

HttpResponse WebApp::RecordGet(Context& c, const std::string& id, bool api) {
  if (!ValidRecordId(id)) return Fail(c, api, 404, "no record " + id);
  auto record = options_.archive->GetRecord(id);
  if (!record.ok()) {
    bool missing = record.status().IsNotFound() || record.status().code() == Status::Code::kInvalid;
    return Fail(c, api, missing ? 404 : 500, record.status().message());
  }
  if (!Audit(c, "view", {{"id", id}})) return Fail(c, api, 503, "the audit log cannot be written");
  // Links come from the index each time (as in docket show), so they
  // follow every correction; a record that already carries links keeps them.
  std::vector<Link> links;
  if (auto searcher = Searcher::Open(options_.archive->IndexPath()); searcher.ok()) {
    if (auto found = (*searcher)->Linked(*record, 50); found.ok()) links = std::move(*found);
  }
  if (!links.empty() || !record->extra.contains("links")) {
    json::array ids;
    for (const Link& l : links) ids.emplace_back(l.id);
    record->extra["links"] = std::move(ids);
  }
  if (api) {
    ExpandParts(options_.archive, &*record);  // CONTRACT.md: each part a full record
    return Json(200, ToJson(*record));
  }
  auto pages = options_.archive->GetPages(id);
  RecordView view;
  view.links = std::move(links);
  view.record = &*record;
  view.pages = pages.ok() ? &*pages : nullptr;
  view.corrections = options_.corrections;
  if (c.query.count("saved")) view.notice = "Saved.";
  return Html(200, RecordPage(c.viewer(), view));
}

HttpResponse WebApp::RecordPages(Context& c, const std::string& id) {
  if (!ValidRecordId(id)) return Fail(c, true, 404, "no record " + id);
  auto record = options_.archive->GetRecord(id);
  if (!record.ok()) return Fail(c, true, 404, record.status().message());
  auto pages = options_.archive->GetPages(id);
  if (!pages.ok()) return Fail(c, true, 500, pages.status().message());
  if (!Audit(c, "view_text", {{"id", id}})) return Fail(c, true, 503, "the audit log cannot be written");
  json::array out;
  for (const Page& p : *pages) out.push_back(ToJson(p));
  return Json(200, json::object{{"id", id}, {"pages", std::move(out)}});
}

HttpResponse WebApp::PageImage(Context& c, const std::string& id, const std::string& png_name) {
  if (!ValidRecordId(id)) return Fail(c, true, 404, "no record " + id);
  // "N.png" with N a page number.
  if (png_name.size() < 5 || png_name.substr(png_name.size() - 4) != ".png") return Fail(c, true, 404, "no such page");
  int n = ParseCount(png_name.substr(0, png_name.size() - 4), -1, 100000);
  auto record = options_.archive->GetRecord(id);
  if (!record.ok()) return Fail(c, true, 404, record.status().message());
  // A part of a packet has the pages first..last of the original.
  const int first = record->packet.empty() ? 1 : record->first_page;
  if (n < first || n >= first + record->pages || record->status != "archived") {
    return Fail(c, true, 404, "no such page");
  }
  auto png = RenderPagePng(options_.archive->OriginalPath(record->sha256), n, options_.render);
  if (!png.ok()) return Fail(c, true, png.status().IsNotFound() ? 404 : 500, png.status().message());
  if (!Audit(c, "view_page", {{"id", id}, {"page", n}})) return Fail(c, true, 503, "the audit log cannot be written");
  HttpResponse r;
  r.content_type = "image/png";
  r.body = std::move(*png);
  r.headers.emplace_back("Cache-Control", "private, max-age=3600");
  return r;
}

HttpResponse WebApp::Original(Context& c, const std::string& id) {
  if (!ValidRecordId(id)) return Fail(c, true, 404, "no record " + id);
  auto record = options_.archive->GetRecord(id);
  if (!record.ok()) return Fail(c, true, 404, record.status().message());
  if (record->status != "archived") return Fail(c, true, 404, "no original for " + id);
  // The path comes from the stored record's sha256, never from the request.
  std::string path = options_.archive->OriginalPath(record->sha256);
  if (!Audit(c, "download", {{"id", id}, {"sha256", record->sha256}})) {
    return Fail(c, true, 503, "the audit log cannot be written");
  }
  HttpResponse r;
  r.content_type = MimeOf(record->format);
  r.file = path;
  std::string ext = record->format == "jpeg" ? "jpg" : record->format.empty() ? "bin" : record->format;
  r.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + id + "." + ext + "\"");
  return r;
}

HttpResponse WebApp::Correct(Context& c, const std::string& id, bool api) {
  std::map<std::string, std::string> form;
  json::object body;
  if (api) {
    boost::system::error_code ec;
    json::value v = json::parse(c.req.body, ec);
    if (ec || !v.is_object()) return Fail(c, true, 400, "expected {\"type\": T} or {\"field\": F, \"value\": V}");
    body = v.get_object();
  } else {
    form = ParseQuery(c.req.body);
  }
  if (!CsrfOk(c, form["csrf"])) {
    Audit(c, "denied", {{"reason", "correction without a valid CSRF token"}, {"id", id}});
    return Fail(c, api, 403, "missing or wrong CSRF token");
  }
  if (!Allowed(c.user->role, Permission::kCorrect)) {
    Audit(c, "denied", {{"reason", "role may not correct"}, {"id", id}});
    return Fail(c, api, 403, std::string("a ") + RoleName(c.user->role) + " may not correct records");
  }
  if (!ValidRecordId(id)) return Fail(c, api, 404, "no record " + id);

  Correction corr;
  corr.by = c.user->name;
  auto str = [&](const char* key, std::string* out) {
    if (api) {
      auto it = body.find(key);
      if (it == body.end()) return false;
      if (it->value().is_null()) return true;  // "value": null removes
      if (!it->value().is_string()) return false;
      *out = it->value().get_string();
      return true;
    }
    auto it = form.find(key);
    if (it == form.end()) return false;
    *out = it->second;
    return true;
  };
  std::string type;
  if (str("type", &type)) {
    corr.type = type;
  } else if (!str("field", &corr.field) || !str("value", &corr.value)) {
    return Fail(c, api, 400, "give a type, or a field and a value");
  }

  Result<Record> updated = Status::Invalid("unset");
  std::string old_value;
  bool had_old = false;
  {
    std::lock_guard<std::mutex> lock(correct_mu_);
    auto before = options_.archive->GetRecord(id);
    if (!before.ok()) {
      bool missing = before.status().IsNotFound() || before.status().code() == Status::Code::kInvalid;
      return Fail(c, api, missing ? 404 : 500, before.status().message());
    }
    if (corr.type) {
      old_value = before->type;
      had_old = true;
    } else if (auto it = before->fields.find(corr.field); it != before->fields.end()) {
      old_value = it->second.value;
      had_old = true;
    }
    updated = CorrectRecord(options_.archive, options_.archive->IndexPath(), id, corr, options_.corrections);
  }
  if (!updated.ok()) {
    int status = updated.status().code() == Status::Code::kInvalid ? 400 : 500;
    if (api || status == 500) return Fail(c, api, status, updated.status().message());
    auto record = options_.archive->GetRecord(id);
    if (!record.ok()) return Fail(c, false, 400, updated.status().message());
    auto pages = options_.archive->GetPages(id);
    RecordView view;
    view.record = &*record;
    view.pages = pages.ok() ? &*pages : nullptr;
    view.corrections = options_.corrections;
    view.error = updated.status().message();
    return Html(400, RecordPage(c.viewer(), view));
  }
  std::string field = corr.type ? "type" : corr.field;
  const std::string* new_value = nullptr;
  if (corr.type) {
    new_value = &updated->type;
  } else if (auto it = updated->fields.find(corr.field); it != updated->fields.end()) {
    new_value = &it->second.value;
  }
  if (!Audit(c, "correction", {{"id", id}, {"field", field}, {"old", ToJsonOrNull(had_old ? &old_value : nullptr)},
                               {"new", ToJsonOrNull(new_value)}})) {
    return Fail(c, api, 503, "the correction is stored, but the audit log cannot be written");
  }
  if (api) return Json(200, ToJson(*updated));
  return Redirect("/records/" + id + "?saved=" + UrlEncode(field) + "#fields");
}

HttpResponse WebApp::Boundaries(Context& c, const std::string& id, bool api) {
  std::map<std::string, std::string> form;
  std::vector<int> starts;
  std::string bad;
  if (api) {
    boost::system::error_code ec;
    json::value v = json::parse(c.req.body, ec);
    const json::value* a = !ec && v.is_object() ? v.get_object().if_contains("starts") : nullptr;
    if (a == nullptr || !a->is_array()) {
      bad = "expected {\"starts\": [first page of every document]}";
    } else {
      for (const json::value& n : a->get_array()) {
        if (!n.is_int64() || n.get_int64() < 1 || n.get_int64() > 1000000) {
          bad = "first pages are whole numbers from 1";
          break;
        }
        starts.push_back(static_cast<int>(n.get_int64()));
      }
    }
  } else {
    form = ParseQuery(c.req.body);
  }
  if (!CsrfOk(c, form["csrf"])) {
    Audit(c, "denied", {{"reason", "boundaries without a valid CSRF token"}, {"id", id}});
    return Fail(c, api, 403, "missing or wrong CSRF token");
  }
  if (!Allowed(c.user->role, Permission::kCorrect)) {
    Audit(c, "denied", {{"reason", "role may not correct"}, {"id", id}});
    return Fail(c, api, 403, std::string("a ") + RoleName(c.user->role) + " may not correct records");
  }
  if (!ValidRecordId(id)) return Fail(c, api, 404, "no record " + id);
  if (!api) {
    auto parsed = ParseStarts(form["starts"]);
    if (parsed.ok()) {
      starts = std::move(*parsed);
    } else {
      bad = parsed.status().message();
    }
  }
  if (!bad.empty()) return Fail(c, api, 400, bad);

  Result<Record> updated = Status::Invalid("unset");
  {
    std::lock_guard<std::mutex> lock(correct_mu_);
    auto classifier = OpenArchiveClassifier(*options_.archive, ClassifierOptions{options_.corrections.review_below});
    if (!classifier.ok()) return Fail(c, api, 500, "the archive's type model: " + classifier.status().message());
    BoundaryEdit edit;
    edit.by = c.user->name;
    edit.starts = starts;
    updated = MoveBoundaries(options_.archive, options_.archive->IndexPath(), id, edit, *classifier);
  }
  if (!updated.ok()) {
    bool missing = updated.status().IsNotFound();
    int status = missing ? 404 : updated.status().code() == Status::Code::kInvalid ? 400 : 500;
    return Fail(c, api, status, updated.status().message());
  }
  json::array new_starts;
  for (int s : PartStarts(*updated)) new_starts.emplace_back(s);
  if (!Audit(c, "boundaries", {{"id", updated->id}, {"new", std::move(new_starts)}})) {
    return Fail(c, api, 503, "the boundaries are stored, but the audit log cannot be written");
  }
  if (api) {
    ExpandParts(options_.archive, &*updated);
    return Json(200, ToJson(*updated));
  }
  return Redirect("/records/" + updated->id + "?saved=boundaries#packet");
}

HttpResponse WebApp::PeerRoute(Context& c) {
  const auto& s = c.segments;
  const std::string auth = c.req.Header("authorization");
  if (options_.api_token.empty()) {
    Audit(c, "denied", {{"reason", "an API token, but this server takes none"}});
    return Fail(c, true, 401, "this server takes no API token (docket serve --api-token-file)");
  }
  // Compared in constant time (sodium_memcmp): the token is the peers' password.
  const std::string prefix = "Bearer ";
  if (auth.size() <= prefix.size() || auth.compare(0, prefix.size(), prefix) != 0 ||
      !ConstantTimeEquals(std::string_view(auth).substr(prefix.size()), options_.api_token)) {
    Audit(c, "denied", {{"reason", "wrong API token"}, {"path", c.req.path.substr(0, 200)}});
    return Fail(c, true, 401, "wrong API token");
  }
  c.peer = true;
  // Read-only, this archive's own records only: a peer never reaches a
  // third host through this one, and never corrects.
  bool record = c.req.method == "GET" && s.size() >= 3 && s[0] == "api" && s[1] == "records" &&
                s[2].find('@') == std::string::npos;
  if (record && s.size() == 3) return RecordGet(c, s[2], true);
  if (record && s.size() == 4 && s[3] == "original") return Original(c, s[2]);
  Audit(c, "denied", {{"reason", "the API token does not allow this"}, {"path", c.req.path.substr(0, 200)}});
  return Fail(c, true, 403,
              "an API token may only read records (GET /api/records/ID) and originals (GET /api/records/ID/original)");
}

Result<std::unique_ptr<Searcher>> WebApp::OpenSearcher() {
  if (options_.shards.empty()) return Searcher::Open(options_.archive->IndexPath());
  return Searcher::OpenShards(options_.shards);
}

Archive* WebApp::LocalShard(const std::string& name) {
  auto it = local_shards_.find(name);
  return it == local_shards_.end() ? nullptr : it->second;
}

Result<PeerClient> WebApp::Peer(const Context& c, const std::string& shard) {
  auto it = options_.peers.find(shard);
  if (it == options_.peers.end()) {
    bool known = std::any_of(options_.shards.begin(), options_.shards.end(),
                             [&](const Shard& s) { return s.name == shard; });
    if (!known) return Status::NotFound("no shard " + shard);
    return Status::NotFound("shard " + shard + " has no api in the shards file: its records cannot be fetched");
  }
  PeerOptions o = it->second;
  if (c.user) o.on_behalf_of = c.user->name + "@" + options_.host_name;
  return PeerClient::Create(std::move(o));
}

Result<Record> WebApp::ShardRecord(const Context& c, const std::string& shard, const std::string& id) {
  if (Archive* local = LocalShard(shard)) return local->GetRecord(id);
  auto peer = Peer(c, shard);
  if (!peer.ok()) return peer.status();
  return peer->GetRecord(id);
}

Result<std::string> WebApp::ShardOriginalBytes(const Context& c, const std::string& shard, const Record& record) {
  if (Archive* local = LocalShard(shard)) {
    std::ifstream in(local->OriginalPath(record.sha256), std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (!in.good() && !in.eof()) return Status::IoError("shard " + shard + ": cannot read the original of " + record.id);
    return bytes;
  }
  auto peer = Peer(c, shard);
  if (!peer.ok()) return peer.status();
  return peer->GetOriginal(record.id, record.sha256);
}

namespace {

// 404 for what is not there, 502 for a peer that failed (the clerk's
// request was fine; the host behind it was not).
int ShardFailure(const Status& st) { return st.IsNotFound() || st.code() == Status::Code::kInvalid ? 404 : 502; }

}  // namespace

HttpResponse WebApp::ShardRecordGet(Context& c, const std::string& qualified, bool api) {
  std::string id, shard;
  SplitQualifiedId(qualified, &id, &shard);
  if (!ValidRecordId(id) || !ValidRecordId(shard)) return Fail(c, api, 404, "no record " + qualified);
  // This archive's own records stay correctable under their plain id.
  if (LocalShard(shard) == options_.archive) return RecordGet(c, id, api);
  auto record = ShardRecord(c, shard, id);
  if (!record.ok()) return Fail(c, api, ShardFailure(record.status()), record.status().message());
  if (!Audit(c, "view", {{"id", qualified}})) return Fail(c, api, 503, "the audit log cannot be written");
  // Links over every shard, so that a KYC paper here links to the loan there.
  std::vector<Link> links;
  if (auto searcher = OpenSearcher(); searcher.ok()) {
    if (auto found = (*searcher)->Linked(*record, 50); found.ok()) links = std::move(*found);
  }
  json::array ids;
  for (const Link& l : links) ids.emplace_back(l.id);
  record->extra["links"] = std::move(ids);
  record->extra["shard"] = shard;
  if (api) return Json(200, ToJson(*record));
  // The page's links (download, JSON, page images) use the qualified id.
  record->id = qualified;
  RecordView view;
  view.links = std::move(links);
  view.record = &*record;
  view.corrections = options_.corrections;
  view.read_only = true;
  return Html(200, RecordPage(c.viewer(), view));
}

HttpResponse WebApp::ShardOriginal(Context& c, const std::string& qualified) {
  std::string id, shard;
  SplitQualifiedId(qualified, &id, &shard);
  if (!ValidRecordId(id) || !ValidRecordId(shard)) return Fail(c, true, 404, "no record " + qualified);
  if (LocalShard(shard) == options_.archive) return Original(c, id);
  auto record = ShardRecord(c, shard, id);
  if (!record.ok()) return Fail(c, true, ShardFailure(record.status()), record.status().message());
  if (record->status != "archived") return Fail(c, true, 404, "no original for " + qualified);
  auto bytes = ShardOriginalBytes(c, shard, *record);
  if (!bytes.ok()) return Fail(c, true, ShardFailure(bytes.status()), bytes.status().message());
  if (!Audit(c, "download", {{"id", qualified}, {"sha256", record->sha256}})) {
    return Fail(c, true, 503, "the audit log cannot be written");
  }
  HttpResponse r;
  r.content_type = MimeOf(record->format);
  r.body = std::move(*bytes);
  std::string ext = record->format == "jpeg" ? "jpg" : record->format.empty() ? "bin" : record->format;
  r.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + id + "." + ext + "\"");
  return r;
}

HttpResponse WebApp::ShardPageImage(Context& c, const std::string& qualified, const std::string& png_name) {
  std::string id, shard;
  SplitQualifiedId(qualified, &id, &shard);
  if (!ValidRecordId(id) || !ValidRecordId(shard)) return Fail(c, true, 404, "no record " + qualified);
  if (LocalShard(shard) == options_.archive) return PageImage(c, id, png_name);
  if (png_name.size() < 5 || png_name.substr(png_name.size() - 4) != ".png") return Fail(c, true, 404, "no such page");
  int n = ParseCount(png_name.substr(0, png_name.size() - 4), -1, 100000);
  auto record = ShardRecord(c, shard, id);
  if (!record.ok()) return Fail(c, true, ShardFailure(record.status()), record.status().message());
  // A part of a packet has the pages first..last of the original.
  const int first = record->packet.empty() ? 1 : record->first_page;
  if (n < first || n >= first + record->pages || record->status != "archived") {
    return Fail(c, true, 404, "no such page");
  }
  std::string path;
  std::string scratch;
  if (Archive* local = LocalShard(shard)) {
    path = local->OriginalPath(record->sha256);
  } else {
    // Peers serve records and originals only: the page is rendered here
    // from the original fetched through the API, in a scratch file that
    // lives only for this request.
    auto bytes = ShardOriginalBytes(c, shard, *record);
    if (!bytes.ok()) return Fail(c, true, ShardFailure(bytes.status()), bytes.status().message());
    const char* tmpdir = std::getenv("TMPDIR");
    scratch = std::string(tmpdir && *tmpdir ? tmpdir : "/tmp") + "/docket-peer-XXXXXX";
    int fd = mkstemp(scratch.data());
    if (fd < 0) return Fail(c, true, 500, "no scratch file for a page of " + qualified);
    bool written = write(fd, bytes->data(), bytes->size()) == static_cast<ssize_t>(bytes->size());
    close(fd);
    if (!written) {
      unlink(scratch.c_str());
      return Fail(c, true, 500, "no scratch file for a page of " + qualified);
    }
    path = scratch;
  }
  auto png = RenderPagePng(path, n, options_.render);
  if (!scratch.empty()) unlink(scratch.c_str());
  if (!png.ok()) return Fail(c, true, png.status().IsNotFound() ? 404 : 500, png.status().message());
  if (!Audit(c, "view_page", {{"id", qualified}, {"page", n}})) {
    return Fail(c, true, 503, "the audit log cannot be written");
  }
  HttpResponse r;
  r.content_type = "image/png";
  r.body = std::move(*png);
  r.headers.emplace_back("Cache-Control", "private, max-age=3600");
  return r;
}

HttpResponse WebApp::LoanBundleZip(Context& c, const std::string& encoded_loan) {
  // A path segment: '+' is a plus there, and "/" arrives as %2F.
  std::string loan = UrlDecode(encoded_loan, /*plus_is_space=*/false);
  if (!Allowed(c.user->role, Permission::kPull)) {
    Audit(c, "denied", {{"reason", "role may not pull"}, {"loan", loan.substr(0, 200)}});
    return Fail(c, true, 403,
                std::string("a ") + RoleName(c.user->role) +
                    " may not pull a loan's bundle (a loan_processor or an admin may)");
  }
  bool printable = std::all_of(loan.begin(), loan.end(), [](unsigned char ch) { return ch >= 0x20 && ch != 0x7f; });
  if (loan.empty() || loan.size() > 100 || !printable) {
    return Fail(c, true, 400, "a loan number is 1 to 100 printable characters");
  }
  auto searcher = OpenSearcher();
  if (!searcher.ok()) return Fail(c, true, 500, "the index cannot be opened: " + searcher.status().message());

  // Records and originals as the rest of the app reads them: this archive,
  // shards on this machine in place, other hosts through their API on
  // behalf of this user (Peer()).
  LoanBundleSources sources;
  sources.searcher = searcher->get();
  sources.over_shards = !options_.shards.empty();
  sources.record = [&](const std::string& id) -> Result<Record> {
    std::string plain, shard;
    if (sources.over_shards && SplitQualifiedId(id, &plain, &shard)) return ShardRecord(c, shard, plain);
    return options_.archive->GetRecord(id);
  };
  sources.original = [&](const std::string& id, const Record& r) -> Result<BundleOriginal> {
    std::string plain, shard;
    Archive* holder = options_.archive;
    if (sources.over_shards && SplitQualifiedId(id, &plain, &shard)) {
      holder = LocalShard(shard);
      if (holder == nullptr) {
        auto peer = Peer(c, shard);
        if (!peer.ok()) return peer.status();
        auto bytes = peer->GetOriginal(r.id, r.sha256);
        if (!bytes.ok()) return bytes.status();
        return BundleOriginal{"", std::move(*bytes)};
      }
    }
    return BundleOriginal{holder->OriginalPath(r.sha256), ""};
  };
  const char* tmpdir = std::getenv("TMPDIR");
  LoanBundleOptions bundle;
  bundle.loan = loan;
  bundle.zip = true;
  // A fresh random name: never another request's, and WriteLoanBundle
  // builds beside it and renames, so the file is whole when it is sent.
  bundle.out = std::string(tmpdir && *tmpdir ? tmpdir : "/tmp") + "/docket-bundle-" + RandomHex(16) + ".zip";
  auto written = WriteLoanBundle(bundle, sources);
  if (!written.ok()) {
    const Status& st = written.status();
    // A host behind a shard that failed is a bad gateway, not our fault
    // nor the clerk's; what is not there is 404.
    int status = st.IsNotFound() ? 404 : sources.over_shards && st.code() == Status::Code::kIoError ? 502 : 500;
    if (status != 404) LogError("server: bundle of loan " + loan + ": " + st.ToString());
    return Fail(c, true, status, st.message());
  }
  json::array ids;
  for (const std::string& id : written->ids) ids.emplace_back(id);
  if (!Audit(c, "pull", {{"loan", loan}, {"ids", std::move(ids)}})) {
    unlink(bundle.out.c_str());
    return Fail(c, true, 503, "the audit log cannot be written");
  }
  HttpResponse r;
  r.content_type = "application/zip";
  r.file = bundle.out;
  r.remove_file = true;
  r.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + LoanBundleZipName(loan) + "\"");
  return r;
}

}  // namespace docket::server
