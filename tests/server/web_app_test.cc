// The web application over real sockets: a real HttpServer and WebApp on a
// real archive and index, driven by a Boost.Beast client as a browser or a
// script would. Auth, CSRF, roles, ids, limits, the JSON API, the audit log.
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "classify/archive_model.h"
#include "server/audit_log.h"
#include "server/web_app.h"
#include "tests/server/server_fixture.h"
#include "tests/testutil/temp_dir.h"

namespace docket {
namespace {

namespace json = boost::json;
using testing::ApiClient;
using testing::Reply;

class WebAppTest : public ::testing::Test {
 protected:
  void SetUp() override {
    fixture_ = testing::MakeServerArchive(tmp_ / "archive");
    auto archive = Archive::Open(fixture_.dir);
    ASSERT_TRUE(archive.ok());
    archive_ = std::move(*archive);
    Status served = testing::ServeApp(archive_.get(), &served_, std::chrono::seconds(5));
    ASSERT_TRUE(served.ok()) << served.ToString();
    port_ = served_.port();
  }

  static const std::vector<server::User>& Users() { return testing::CachedTestUsers(); }

  std::vector<json::object> AuditLines() {
    std::ifstream in(fixture_.dir + "/logs/audit.jsonl");
    std::vector<json::object> out;
    std::string line;
    while (std::getline(in, line)) out.push_back(json::parse(line).as_object());
    return out;
  }
  bool Audited(const std::string& action, const std::string& id = "") {
    for (const auto& l : AuditLines()) {
      if (l.at("action").as_string() == action && (id.empty() || (l.contains("id") && l.at("id").as_string() == id))) {
        return true;
      }
    }
    return false;
  }

  testing::TempDir tmp_;
  testing::ServerArchive fixture_;
  std::unique_ptr<Archive> archive_;
  testing::ServedApp served_;
  unsigned short port_ = 0;
};

TEST_F(WebAppTest, LoginPageGivesASessionCookieThatIsHttpOnlySameSiteStrictSecure) {
  Reply r = testing::SendRequest(port_, "GET", "/login");
  ASSERT_EQ(r.status, 200);
  std::string cookie = r.Header("set-cookie");
  EXPECT_NE(cookie.find("docket_session="), std::string::npos);
  EXPECT_NE(cookie.find("HttpOnly"), std::string::npos);
  EXPECT_NE(cookie.find("SameSite=Strict"), std::string::npos);
  EXPECT_NE(cookie.find("Secure"), std::string::npos);
  EXPECT_NE(r.body.find("name=\"csrf\""), std::string::npos);
  EXPECT_NE(r.Header("content-security-policy").find("default-src 'none'"), std::string::npos);
  EXPECT_EQ(r.Header("x-content-type-options"), "nosniff");
}

TEST_F(WebAppTest, EverythingButTheLoginNeedsALogin) {
  Reply page = testing::SendRequest(port_, "GET", "/records/" + fixture_.invoice_id);
  EXPECT_EQ(page.status, 303);
  EXPECT_EQ(page.Header("location"), "/login?next=%2Frecords%2F" + fixture_.invoice_id);
  for (std::string t : std::vector<std::string>{"/api/search?q=", "/api/records/" + fixture_.invoice_id,
                        "/api/records/" + fixture_.invoice_id + "/original", "/api/review"}) {
    EXPECT_EQ(testing::SendRequest(port_, "GET", t).status, 401) << t;
  }
  EXPECT_EQ(testing::SendRequest(port_, "GET", "/static/style.css").status, 200);
}

TEST_F(WebAppTest, WrongPasswordAndUnknownUserAreRefused) {
  ApiClient c(port_);
  EXPECT_EQ(c.Login("asha", "not-her-password").status, 401);
  EXPECT_EQ(c.Get("/api/search?q=").status, 401);
  EXPECT_EQ(c.Login("nobody", "asha-secret-pw").status, 401);
  EXPECT_EQ(c.Login("asha", "").status, 401);
  EXPECT_TRUE(Audited("login_failed"));
  EXPECT_EQ(c.Login("asha", "asha-secret-pw").status, 200);
  EXPECT_EQ(c.Get("/api/search?q=").status, 200);
  EXPECT_TRUE(Audited("login"));
}

TEST_F(WebAppTest, LoginWithoutOrWithAForgedCsrfTokenIsRefused) {
  json::object creds{{"name", "asha"}, {"password", "asha-secret-pw"}};
  // No session at all.
  Reply none = testing::SendRequest(port_, "POST", "/api/login", {{"Content-Type", "application/json"}},
                                    json::serialize(creds));
  EXPECT_EQ(none.status, 403);
  ApiClient c(port_);
  c.StartSession();
  std::string empty, forged(c.csrf.size(), 'a');
  EXPECT_EQ(c.PostJson("/api/login", creds, &empty).status, 403);
  EXPECT_EQ(c.PostJson("/api/login", creds, &forged).status, 403);
  EXPECT_EQ(c.Get("/api/review").status, 401);
  // Another session's token does not fit this one.
  ApiClient other(port_);
  other.StartSession();
  EXPECT_EQ(c.PostJson("/api/login", creds, &other.csrf).status, 403);
  EXPECT_EQ(c.PostJson("/api/login", creds).status, 200);
}

TEST_F(WebAppTest, ForgedOrStaleSessionCookiesAreNotLoggedIn) {
  ApiClient c(port_);
  c.cookie = std::string(64, 'f');
  EXPECT_EQ(c.Get("/api/review").status, 401);
  ASSERT_EQ(c.Login("asha", "asha-secret-pw").status, 200);
  std::string good = c.cookie;
  // Logging in gave a new id: the anonymous one is dead.
  ApiClient pre(port_);
  pre.StartSession();
  std::string anonymous = pre.cookie;
  ASSERT_EQ(pre.PostJson("/api/login", json::object{{"name", "asha"}, {"password", "asha-secret-pw"}}).status, 200);
  EXPECT_NE(pre.cookie, anonymous);
  ApiClient planted(port_);
  planted.cookie = anonymous;
  EXPECT_EQ(planted.Get("/api/review").status, 401);
  // Idle sessions expire.
  served_.app->sessions().AdvanceClockForTest(std::chrono::hours(9));
  c.cookie = good;
  EXPECT_EQ(c.Get("/api/review").status, 401);
}

TEST_F(WebAppTest, LogoutEndsTheSessionAndNeedsTheToken) {
  ApiClient c(port_);
  ASSERT_EQ(c.Login("asha", "asha-secret-pw").status, 200);
  std::string wrong = "x";
  EXPECT_EQ(c.PostJson("/api/logout", json::object{}, &wrong).status, 403);
  EXPECT_EQ(c.Get("/api/review").status, 200);
  EXPECT_EQ(c.PostJson("/api/logout", json::object{}).status, 200);
  EXPECT_EQ(c.Get("/api/review").status, 401);
}

TEST_F(WebAppTest, CorrectionsNeedTheSessionsCsrfToken) {
  ApiClient c(port_);
  ASSERT_EQ(c.Login("asha", "asha-secret-pw").status, 200);
  json::object body{{"field", "vendor_name"}, {"value", "Evil Corp"}};
  std::string target = "/api/records/" + fixture_.invoice_id + "/corrections";
  std::string empty, forged(64, '0');
  EXPECT_EQ(c.PostJson(target, body, &empty).status, 403);
  EXPECT_EQ(c.PostJson(target, body, &forged).status, 403);
  // The form route too: a cross-site form post carries no token.
  EXPECT_EQ(c.PostForm("/records/" + fixture_.invoice_id + "/corrections", "field=vendor_name&value=Evil+Corp").status,
            403);
  auto r = archive_->GetRecord(fixture_.invoice_id);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->fields.at("vendor_name").value, "Marigold Traders");
  EXPECT_TRUE(Audited("denied", fixture_.invoice_id));
}

TEST_F(WebAppTest, ALoanProcessorMayViewButNotCorrect) {
  ApiClient c(port_);
  ASSERT_EQ(c.Login("lena", "lena-secret-pw").status, 200);
  EXPECT_EQ(c.Get("/api/records/" + fixture_.invoice_id).status, 200);
  Reply r = c.PostJson("/api/records/" + fixture_.invoice_id + "/corrections",
                       json::object{{"field", "vendor_name"}, {"value", "Other"}});
  EXPECT_EQ(r.status, 403);
  // The record page offers her no correction forms.
  Reply page = c.Get("/records/" + fixture_.invoice_id);
  EXPECT_EQ(page.body.find("correct-field"), std::string::npos);
  EXPECT_TRUE(server::Allowed(server::Role::kLoanProcessor, server::Permission::kPull));
  EXPECT_FALSE(server::Allowed(server::Role::kClerk, server::Permission::kPull));
  EXPECT_TRUE(server::Allowed(server::Role::kAdmin, server::Permission::kCorrect));
}

TEST_F(WebAppTest, AClerksFieldCorrectionIsKeptWithHistoryAndSearchFollows) {
  ApiClient c(port_);
  ASSERT_EQ(c.Login("asha", "asha-secret-pw").status, 200);
  ASSERT_EQ(c.Get("/api/search?q=vendor:juniper").Json().at("total").as_int64(), 0);
  Reply r = c.PostJson("/api/records/" + fixture_.invoice_id + "/corrections",
                       json::object{{"field", "vendor_name"}, {"value", "  Juniper   Supplies "}});
  ASSERT_EQ(r.status, 200) << r.body;
  json::object rec = r.Json().as_object();
  EXPECT_EQ(rec.at("fields").at("vendor_name").at("value").as_string(), "Juniper Supplies");
  EXPECT_EQ(rec.at("fields").at("vendor_name").at("confidence").to_number<double>(), 1.0);
  const json::object& h = rec.at("history").as_array().back().as_object();
  EXPECT_EQ(h.at("by").as_string(), "asha");
  EXPECT_EQ(h.at("field").as_string(), "vendor_name");
  EXPECT_EQ(h.at("old").as_string(), "Marigold Traders");
  EXPECT_EQ(h.at("new").as_string(), "Juniper Supplies");
  EXPECT_FALSE(h.at("at").as_string().empty());
  // Stored, and the index follows at once.
  EXPECT_EQ(archive_->GetRecord(fixture_.invoice_id)->fields.at("vendor_name").value, "Juniper Supplies");
  json::value found = c.Get("/api/search?q=vendor:juniper").Json();
  ASSERT_EQ(found.at("total").as_int64(), 1);
  EXPECT_EQ(found.at("hits").at(0).at("id").as_string(), fixture_.invoice_id);
  EXPECT_EQ(found.at("hits").at(0).at("fields").at("vendor_name").as_string(), "Juniper Supplies");
  EXPECT_EQ(c.Get("/api/search?q=vendor:marigold").Json().at("total").as_int64(), 0);
  EXPECT_TRUE(Audited("correction", fixture_.invoice_id));
}

TEST_F(WebAppTest, ATypeCorrectionBecomesTrainingData) {
  ApiClient c(port_);
  ASSERT_EQ(c.Login("asha", "asha-secret-pw").status, 200);
  Reply r = c.PostJson("/api/records/" + fixture_.loan_id + "/corrections", json::object{{"type", "kyc"}});
  ASSERT_EQ(r.status, 200) << r.body;
  json::object rec = r.Json().as_object();
  EXPECT_EQ(rec.at("type").as_string(), "kyc");
  EXPECT_EQ(rec.at("type_corrected").at("from").as_string(), "loan");
  EXPECT_EQ(rec.at("type_corrected").at("by").as_string(), "asha");
  EXPECT_FALSE(rec.at("needs_review").as_bool());
  // docket train reads exactly this.
  auto examples = CorrectedExamples(archive_.get());
  ASSERT_TRUE(examples.ok());
  ASSERT_EQ(examples->size(), 1u);
  EXPECT_EQ((*examples)[0].label, "kyc");
  EXPECT_EQ(c.Get("/api/search?q=type:kyc").Json().at("total").as_int64(), 1);
}

TEST_F(WebAppTest, ValuesNotInNormalFormAndUnknownFieldsAreRefused) {
  ApiClient c(port_);
  ASSERT_EQ(c.Login("asha", "asha-secret-pw").status, 200);
  std::string t = "/api/records/" + fixture_.invoice_id + "/corrections";
  EXPECT_EQ(c.PostJson(t, json::object{{"field", "invoice_date"}, {"value", "31/02/2024"}}).status, 400);
  EXPECT_EQ(c.PostJson(t, json::object{{"field", "loan_number"}, {"value", "LN1"}}).status, 400);
  EXPECT_EQ(c.PostJson(t, json::object{{"type", "receipt"}}).status, 400);
  EXPECT_EQ(c.PostJson(t, json::object{{"nothing", 1}}).status, 400);
  EXPECT_EQ(c.PostJson(t, json::value("not an object")).status, 400);
  Reply amount = c.PostJson(t, json::object{{"field", "total_amount"}, {"value", "1,234.50"}});
  ASSERT_EQ(amount.status, 200);
  EXPECT_EQ(amount.Json().at("fields").at("total_amount").at("value").as_string(), "1234.50");
  // An empty value (or null) removes a field.
  Reply removed = c.PostJson(t, json::object{{"field", "total_amount"}, {"value", nullptr}});
  ASSERT_EQ(removed.status, 200) << removed.body;
  EXPECT_FALSE(removed.Json().at("fields").as_object().contains("total_amount"));
}

TEST_F(WebAppTest, TheReviewQueueHoldsUnsureTypesAndLowFieldsUntilCorrected) {
  ApiClient c(port_);
  ASSERT_EQ(c.Login("asha", "asha-secret-pw").status, 200);
  json::value q = c.Get("/api/review").Json();
  ASSERT_EQ(q.at("total").as_int64(), 2);
  // Oldest first: the invoice (low total_amount), then the loan (unsure type).
  EXPECT_EQ(q.at("records").at(0).at("id").as_string(), fixture_.invoice_id);
  EXPECT_EQ(q.at("records").at(0).at("low_fields").at(0).as_string(), "total_amount");
  EXPECT_TRUE(q.at("records").at(1).at("needs_review").as_bool());
  ASSERT_EQ(c.PostJson("/api/records/" + fixture_.invoice_id + "/corrections",
                       json::object{{"field", "total_amount"}, {"value", "1234.50"}})
                .status,
            200);
  ASSERT_EQ(c.PostJson("/api/records/" + fixture_.loan_id + "/corrections", json::object{{"type", "loan"}}).status,
            200);
  EXPECT_EQ(c.Get("/api/review").Json().at("total").as_int64(), 0);
  EXPECT_NE(c.Get("/review").body.find("0 records need"), std::string::npos);
}

TEST_F(WebAppTest, RecordIdsCannotReachOutsideTheArchive) {
  ApiClient c(port_);
  ASSERT_EQ(c.Login("root", "root-secret-pw").status, 200);
  for (std::string t : std::vector<std::string>{"/api/records/..%2F..%2F..%2Fetc%2Fpasswd", "/api/records/../docket", "/api/records/%2e%2e/original",
                        "/api/records/.hidden/original", "/api/records/..", "/records/..%2Fdocket",
                        "/api/records/" + fixture_.invoice_id + "%00/original", "/static/..%2F..%2Fetc%2Fpasswd",
                        "/static/../../etc/passwd", "/api/records/" + fixture_.invoice_id + "/pages/..%2F1.png",
                        "/api/records/" + fixture_.invoice_id + "/pages/0.png",
                        "/api/records/" + fixture_.invoice_id + "/pages/2.png",
                        "/api/records/" + std::string(200, 'a')}) {
    Reply r = c.Get(t);
    EXPECT_EQ(r.status, 404) << t;
    EXPECT_EQ(r.body.find("root:"), std::string::npos) << t;
  }
}

TEST_F(WebAppTest, TheRecordItsOriginalAndItsPageImage) {
  ApiClient c(port_);
  ASSERT_EQ(c.Login("lena", "lena-secret-pw").status, 200);
  json::value rec = c.Get("/api/records/" + fixture_.invoice_id).Json();
  EXPECT_EQ(rec.at("id").as_string(), fixture_.invoice_id);
  EXPECT_EQ(rec.at("fields").at("total_amount").at("value").as_string(), "1234.50");

  Reply orig = c.Get("/api/records/" + fixture_.invoice_id + "/original");
  ASSERT_EQ(orig.status, 200);
  std::ifstream in(fixture_.invoice_original, std::ios::binary);
  std::stringstream want;
  want << in.rdbuf();
  EXPECT_TRUE(orig.body == want.str());
  EXPECT_EQ(orig.Header("content-type"), "application/pdf");
  EXPECT_NE(orig.Header("content-disposition").find("attachment"), std::string::npos);

  Reply png = c.Get("/api/records/" + fixture_.invoice_id + "/pages/1.png");
  ASSERT_EQ(png.status, 200) << png.body;
  EXPECT_EQ(png.Header("content-type"), "image/png");
  EXPECT_EQ(png.body.substr(0, 8), std::string("\x89PNG\r\n\x1a\n", 8));
  EXPECT_GT(png.body.size(), 5000u);

  json::value pages = c.Get("/api/records/" + fixture_.invoice_id + "/pages").Json();
  EXPECT_NE(std::string(pages.at("pages").at(0).at("text").as_string()).find("Marigold"), std::string::npos);

  Reply page = c.Get("/records/" + fixture_.invoice_id);
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("class=\"field low\""), std::string::npos);  // total_amount at 40%
  EXPECT_NE(page.body.find("/pages/1.png"), std::string::npos);
  EXPECT_TRUE(Audited("view", fixture_.invoice_id));
  EXPECT_TRUE(Audited("download", fixture_.invoice_id));
  EXPECT_TRUE(Audited("view_page", fixture_.invoice_id));
}

TEST_F(WebAppTest, SearchApiHasTheContractShapePlusFacetsAndPaging) {
  ApiClient c(port_);
  ASSERT_EQ(c.Login("asha", "asha-secret-pw").status, 200);
  json::value all = c.Get("/api/search?q=&limit=1").Json();
  EXPECT_EQ(all.at("total").as_int64(), 2);
  EXPECT_EQ(all.at("hits").as_array().size(), 1u);
  EXPECT_EQ(all.at("facets").at("type").at("invoice").as_int64(), 1);
  json::value second = c.Get("/api/search?q=&limit=1&offset=1").Json();
  EXPECT_NE(second.at("hits").at(0).at("id"), all.at("hits").at(0).at("id"));
  json::value hit = c.Get("/api/search?q=marigold").Json().at("hits").at(0);
  for (const char* k : {"id", "type", "score", "snippet", "fields"}) EXPECT_TRUE(hit.as_object().contains(k)) << k;
  EXPECT_NE(std::string(hit.at("snippet").as_string()).find("<mark>"), std::string::npos);
  EXPECT_EQ(c.Get("/api/search?q=date%3Atomorrow").status, 400);
  EXPECT_EQ(c.Get("/api/search?q=&sort=sideways").status, 400);
  json::value oldest = c.Get("/api/search?q=&sort=oldest").Json();
  EXPECT_EQ(oldest.at("sort").as_string(), "oldest");
  EXPECT_EQ(oldest.at("hits").as_array().size(), 2u);
  // The record carries its links (computed from the index, as docket show).
  EXPECT_TRUE(c.Get("/api/records/" + fixture_.invoice_id).Json().at("links").is_array());
  EXPECT_TRUE(Audited("search"));
}

TEST_F(WebAppTest, OversizedAndMalformedRequestsAreRefused) {
  // A body over 1 MiB is refused from its length, before it is read.
  std::string raw = testing::RawExchange(
      port_, "POST /api/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: " +
                 std::to_string(2 << 20) + "\r\n\r\n{");
  EXPECT_EQ(raw.rfind("HTTP/1.1 413", 0), 0u) << raw.substr(0, 80);
  // A chunked body is counted as it comes.
  std::string chunk(512 << 10, 'x');
  std::string chunked = "POST /api/login HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n";
  for (int i = 0; i < 3; ++i) chunked += "80000\r\n" + chunk + "\r\n";
  chunked += "0\r\n\r\n";
  raw = testing::RawExchange(port_, chunked);
  EXPECT_EQ(raw.rfind("HTTP/1.1 413", 0), 0u) << raw.substr(0, 80);
  raw = testing::RawExchange(
      port_, "GET / HTTP/1.1\r\nHost: x\r\nX-Filler: " + std::string(64 << 10, 'a') + "\r\n\r\n");
  EXPECT_EQ(raw.rfind("HTTP/1.1 431", 0), 0u) << raw.substr(0, 80);
  raw = testing::RawExchange(port_, "THIS IS NOT HTTP\r\n\r\n");
  EXPECT_EQ(raw.rfind("HTTP/1.1 400", 0), 0u) << raw.substr(0, 80);
  raw = testing::RawExchange(port_, "GET / HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n");
  EXPECT_EQ(raw.rfind("HTTP/1.1 400", 0), 0u) << raw.substr(0, 80);
  EXPECT_EQ(testing::SendRequest(port_, "DELETE", "/api/records/x").status, 405);
  // The server is still well after all that.
  EXPECT_EQ(testing::SendRequest(port_, "GET", "/login").status, 200);
}

TEST_F(WebAppTest, TheAuditLogIsOnlyAppended) {
  ApiClient c(port_);
  ASSERT_EQ(c.Login("asha", "asha-secret-pw").status, 200);
  c.Get("/api/records/" + fixture_.invoice_id);
  size_t before = AuditLines().size();
  std::ifstream in(fixture_.dir + "/logs/audit.jsonl");
  std::string first;
  std::getline(in, first);
  c.Get("/api/records/" + fixture_.loan_id);
  auto lines = AuditLines();
  EXPECT_EQ(lines.size(), before + 1);
  EXPECT_EQ(json::serialize(lines.front()), json::serialize(json::parse(first)));
  EXPECT_EQ(lines.back().at("user").as_string(), "asha");
  EXPECT_EQ(lines.back().at("action").as_string(), "view");
  EXPECT_EQ(lines.back().at("remote").as_string(), "127.0.0.1");
}

TEST_F(WebAppTest, RemovingAUserEndsTheirSessions) {
  ApiClient c(port_);
  ASSERT_EQ(c.Login("asha", "asha-secret-pw").status, 200);
  std::vector<server::User> fewer;
  for (const auto& u : Users()) {
    if (u.name != "asha") fewer.push_back(u);
  }
  served_.app->SetUsers(fewer);
  EXPECT_EQ(c.Get("/api/review").status, 401);
}

}  // namespace
}  // namespace docket
