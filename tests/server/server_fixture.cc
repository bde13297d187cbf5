#include "tests/server/server_fixture.h"

#include <zip.h>

#include <chrono>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <gtest/gtest.h>

#include "base/sha256.h"
#include "index/writer.h"
#include "server/password.h"
#include "tests/testutil/samples.h"

namespace docket::testing {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;

namespace {

std::string Put(Archive* archive, IndexWriter* writer, const std::string& sample, Record r,
                const std::string& text) {
  auto sha = Sha256File(sample);
  EXPECT_TRUE(sha.ok());
  r.sha256 = *sha;
  r.id = archive->IdFor(*sha);
  r.source = sample;
  r.status = "archived";
  r.format = "pdf";
  r.pages = 1;
  Page p;
  p.number = 1;
  p.origin = "text_layer";
  p.text = text;
  EXPECT_TRUE(archive->PutOriginal(sample, *sha).ok());
  EXPECT_TRUE(archive->PutPages(r.id, {p}).ok());
  EXPECT_TRUE(archive->PutRecord(r).ok());
  EXPECT_TRUE(writer->Put(r, {p}).ok());
  return r.id;
}

}  // namespace

ServerArchive MakeServerArchive(const std::string& dir) {
  ServerArchive out;
  out.dir = dir;
  auto archive = Archive::Open(dir);
  EXPECT_TRUE(archive.ok());
  auto writer = IndexWriter::Open((*archive)->IndexPath());
  EXPECT_TRUE(writer.ok());

  Record inv;
  inv.type = "invoice";
  inv.confidence = 0.97;
  inv.archived_at = "2024-05-01T10:00:00.000000Z";
  Field vendor;
  vendor.value = "Marigold Traders";
  vendor.confidence = 0.95;
  vendor.page = 1;
  vendor.box = Box{0.1, 0.1, 0.4, 0.13};
  Field total;
  total.value = "1234.50";
  total.confidence = 0.4;
  total.page = 1;
  inv.fields["vendor_name"] = vendor;
  inv.fields["total_amount"] = total;
  out.invoice_original = SamplePath("corpus/train/invoice-000-born_digital.pdf");
  out.invoice_id = Put(archive->get(), writer->get(), out.invoice_original, inv,
                       "TAX INVOICE\nMarigold Traders\nSteel chairs 4\nTotal 1234.50");

  Record loan;
  loan.type = "loan";
  loan.confidence = 0.6;
  loan.archived_at = "2024-05-02T10:00:00.000000Z";
  loan.extra["needs_review"] = true;
  out.loan_id = Put(archive->get(), writer->get(), SamplePath("corpus/train/loan-000-born_digital.pdf"), loan,
                    "LOAN APPLICATION\nApplicant Priya Raman\nAmount 250000.00");
  EXPECT_TRUE((*writer)->Commit().ok());
  return out;
}

std::vector<server::User> TestUsers() {
  std::vector<server::User> users;
  for (auto [name, role] : {std::pair{"asha", server::Role::kClerk}, std::pair{"lena", server::Role::kLoanProcessor},
                            std::pair{"root", server::Role::kAdmin}}) {
    auto hash = server::HashPassword(std::string(name) + "-secret-pw");
    EXPECT_TRUE(hash.ok());
    users.push_back(server::User{name, role, *hash});
  }
  return users;
}

const std::vector<server::User>& CachedTestUsers() {
  static const std::vector<server::User> users = TestUsers();
  return users;
}

Status ServeApp(Archive* archive, ServedApp* out, std::chrono::seconds read_timeout) {
  auto audit = server::AuditLog::Open(archive->dir() + "/logs/audit.jsonl");
  if (!audit.ok()) return audit.status();
  out->audit = std::move(*audit);
  server::WebAppOptions o;
  o.archive = archive;
  o.audit = out->audit.get();
  o.users = CachedTestUsers();
  auto app = server::WebApp::Create(o);
  if (!app.ok()) return app.status();
  out->app = std::move(*app);
  server::HttpServerOptions h;
  h.port = 0;
  h.threads = 2;
  if (read_timeout.count() > 0) h.read_timeout = read_timeout;
  server::WebApp* handler = out->app.get();
  auto srv = server::HttpServer::Start(h, [handler](const server::HttpRequest& r) { return handler->Handle(r); });
  if (!srv.ok()) return srv.status();
  out->server = std::move(*srv);
  return Status::Ok();
}

std::string Reply::Header(const std::string& name) const {
  auto it = headers.find(name);
  return it == headers.end() ? std::string() : it->second;
}

boost::json::value Reply::Json() const {
  boost::system::error_code ec;
  boost::json::value v = boost::json::parse(body, ec);
  return ec ? boost::json::value() : v;
}

Reply SendRequest(unsigned short port, const std::string& method, const std::string& target,
                  const std::vector<std::pair<std::string, std::string>>& headers, const std::string& body) {
  Reply out;
  try {
    net::io_context ioc;
    beast::tcp_stream stream(ioc);
    stream.expires_after(std::chrono::seconds(30));
    stream.connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), port));
    http::request<http::string_body> req(http::string_to_verb(method), target, 11);
    req.set(http::field::host, "127.0.0.1:" + std::to_string(port));
    for (const auto& [k, v] : headers) req.set(k, v);
    req.body() = body;
    req.prepare_payload();
    http::write(stream, req);
    beast::flat_buffer buffer;
    http::response_parser<http::string_body> parser;
    parser.body_limit(100 << 20);
    http::read(stream, buffer, parser);
    auto res = parser.release();
    out.status = res.result_int();
    for (const auto& h : res) {
      std::string name(h.name_string());
      for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      out.headers.emplace(name, std::string(h.value()));
    }
    out.body = std::move(res.body());
  } catch (const std::exception& e) {
    ADD_FAILURE() << method << " " << target << ": " << e.what();
  }
  return out;
}

std::string RawExchange(unsigned short port, const std::string& bytes) {
  std::string got;
  try {
    net::io_context ioc;
    beast::tcp_stream stream(ioc);
    stream.expires_after(std::chrono::seconds(10));
    stream.connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), port));
    net::write(stream.socket(), net::buffer(bytes));
    char buf[4096];
    for (;;) {
      boost::system::error_code ec;
      size_t n = stream.socket().read_some(net::buffer(buf), ec);
      got.append(buf, n);
      if (ec) break;
    }
  } catch (const std::exception& e) {
    // A reset after the reply is fine: the reply is what counts.
  }
  return got;
}

std::map<std::string, std::string> ZipEntries(const std::string& zip_bytes) {
  std::map<std::string, std::string> out;
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* src = zip_source_buffer_create(zip_bytes.data(), zip_bytes.size(), 0, &error);
  zip_t* z = src ? zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &error) : nullptr;
  if (z == nullptr) {
    ADD_FAILURE() << "not a zip: " << zip_error_strerror(&error);
    if (src) zip_source_free(src);
    zip_error_fini(&error);
    return out;
  }
  zip_error_fini(&error);
  zip_int64_t n = zip_get_num_entries(z, 0);
  for (zip_int64_t i = 0; i < n; ++i) {
    zip_stat_t st;
    zip_file_t* f = zip_stat_index(z, i, 0, &st) == 0 ? zip_fopen_index(z, i, 0) : nullptr;
    if (f == nullptr) {
      ADD_FAILURE() << "cannot read entry " << i << ": " << zip_strerror(z);
      continue;
    }
    std::string bytes(st.size, '\0');
    zip_int64_t got = zip_fread(f, bytes.data(), st.size);
    zip_fclose(f);
    if (got != static_cast<zip_int64_t>(st.size)) ADD_FAILURE() << "short entry " << st.name;
    out[st.name] = std::move(bytes);
  }
  zip_discard(z);  // read-only: frees the archive and its source
  return out;
}

void ApiClient::TakeCookie(const Reply& r) {
  auto [b, e] = r.headers.equal_range("set-cookie");
  for (auto it = b; it != e; ++it) {
    const std::string& c = it->second;
    if (c.rfind("docket_session=", 0) != 0) continue;
    cookie = c.substr(15, c.find(';') - 15);
  }
}

void ApiClient::StartSession() {
  Reply r = Get("/api/session");
  ASSERT_EQ(r.status, 200) << r.body;
  csrf = std::string(r.Json().at("csrf_token").as_string());
}

Reply ApiClient::Login(const std::string& name, const std::string& password) {
  StartSession();
  Reply r = PostJson("/api/login", boost::json::object{{"name", name}, {"password", password}});
  if (r.status == 200) csrf = std::string(r.Json().at("csrf_token").as_string());
  return r;
}

Reply ApiClient::Get(const std::string& target) {
  std::vector<std::pair<std::string, std::string>> h;
  if (!cookie.empty()) h.emplace_back("Cookie", "docket_session=" + cookie);
  Reply r = SendRequest(port_, "GET", target, h);
  TakeCookie(r);
  return r;
}

Reply ApiClient::PostJson(const std::string& target, const boost::json::value& body, const std::string* token) {
  std::vector<std::pair<std::string, std::string>> h = {{"Content-Type", "application/json"}};
  if (!cookie.empty()) h.emplace_back("Cookie", "docket_session=" + cookie);
  std::string t = token ? *token : csrf;
  if (!t.empty()) h.emplace_back("X-CSRF-Token", t);
  Reply r = SendRequest(port_, "POST", target, h, boost::json::serialize(body));
  TakeCookie(r);
  return r;
}

Reply ApiClient::PostForm(const std::string& target, const std::string& body) {
  std::vector<std::pair<std::string, std::string>> h = {{"Content-Type", "application/x-www-form-urlencoded"}};
  if (!cookie.empty()) h.emplace_back("Cookie", "docket_session=" + cookie);
  Reply r = SendRequest(port_, "POST", target, h, body);
  TakeCookie(r);
  return r;
}

}  // namespace docket::testing
