// Records and originals of another host's shard (README, "Growing past one
// machine"), with real processes on loopback ports: archive B is served by
// `docket serve --api-token-file` and xapian-tcpsrv; from archive A's side
// `docket show ID@b`, `docket pull --loan` and A's web application fetch
// B's records and originals through B's API with the peers' token, and a
// wrong token is refused (401) and said so.
//
// The loan file of samples/loanfile is split: the application in A, the
// applicant's PAN card and passport (the KYC papers) in B.
#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <regex>
#include <thread>

#include <boost/json.hpp>

#include "base/sha256.h"
#include "server/request_parsing.h"
#include "tests/server/server_fixture.h"
#include "tests/testutil/child_process.h"
#include "tests/testutil/samples.h"
#include "tests/testutil/temp_dir.h"

namespace docket {
namespace {

namespace fs = std::filesystem;
namespace json = boost::json;
using testing::ChildProcess;
using testing::DocketBinary;
using testing::ReadFileBytes;
using testing::RunCommand;
using testing::SamplePath;

constexpr char kTcpsrv[] = "/usr/bin/xapian-tcpsrv";
constexpr char kToken[] = "peer-token-7c0f33d1bada1547e2f1";
constexpr char kPassword[] = "lena-secret-pw";

// The port `docket serve --listen 127.0.0.1:0` prints, once it does.
int ServePort(const ChildProcess& p) {
  int port = -1;
  testing::WaitUntil(
      [&] {
        std::smatch m;
        std::string out = p.Output();
        if (!std::regex_search(out, m, std::regex("on http://127\\.0\\.0\\.1:([0-9]+)/"))) return false;
        port = std::stoi(m[1]);
        return true;
      },
      std::chrono::seconds(20));
  return port;
}

// Lines of an audit log with this user and action.
std::vector<json::object> AuditLines(const std::string& archive, const std::string& user, const std::string& action) {
  std::vector<json::object> out;
  for (json::object& o : testing::JsonLines(ReadFileBytes(archive + "/logs/audit.jsonl"))) {
    if (o["user"] == user.c_str() && o["action"] == action.c_str()) out.push_back(o);
  }
  return out;
}

class PeersTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    if (!fs::exists(kTcpsrv)) return;  // each test says why
    dir_ = new testing::TempDir();
    a_ = *dir_ / "a";
    b_ = *dir_ / "b";
    // The two archives are OCR'd at once, one core each.
    std::string ingested_a;
    std::thread ta([&] {
      RunCommand(DocketBinary() + " ingest --json --quiet --jobs 1 --archive " + a_ + " " +
                     SamplePath("loanfile/application-scanned_pdf.pdf"),
                 &ingested_a);
    });
    std::string ingested_b;
    RunCommand(DocketBinary() + " ingest --json --quiet --jobs 1 --archive " + b_ + " " +
                   SamplePath("loanfile/pan-card-photo.jpg") + " " + SamplePath("loanfile/passport-scanned_pdf.pdf") +
                   " " + SamplePath("rescans/invoice-rescan-born_digital.pdf"),
               &ingested_b);
    ta.join();
    for (const std::string& text : {ingested_a, ingested_b}) {
      for (json::object& r : testing::JsonLines(text)) {
        std::string source(r["source"].as_string()), id(r["id"].as_string());
        if (source.find("application") != std::string::npos) loan_id_ = id;
        if (source.find("pan-card") != std::string::npos) pan_id_ = id;
        if (source.find("passport") != std::string::npos) passport_id_ = id;
        if (source.find("invoice-rescan") != std::string::npos) invoice_id_ = id;
        if (r["type"] == "loan") loan_number_ = std::string(r["fields"].as_object()["loan_number"].as_object()["value"].as_string());
      }
    }
    std::string out;
    for (const std::string& archive : {a_, b_}) {
      RunCommand("echo " + std::string(kPassword) + " | " + DocketBinary() + " user add lena --role loan_processor --archive " +
                     archive + " >/dev/null 2>&1",
                 &out);
    }
    testing::WriteFile(*dir_ / "peer.token", std::string(kToken) + "\n");
    testing::WriteFile(*dir_ / "wrong.token", "not-the-peer-token-at-all\n");

    // Host B: its index behind xapian-tcpsrv, its API behind docket serve.
    tcp_port_ = testing::FreeLoopbackPort();
    tcpsrv_ = new ChildProcess({kTcpsrv, "--interface", "127.0.0.1", "--port", std::to_string(tcp_port_), b_ + "/index"},
                               *dir_ / "tcpsrv.out");
    b_serve_ = new ChildProcess({DocketBinary(), "serve", "--archive", b_, "--listen", "127.0.0.1:0",
                                 "--api-token-file", *dir_ / "peer.token"},
                                *dir_ / "b-serve.out");
    b_port_ = ServePort(*b_serve_);
    for (const char* which : {"peer", "wrong"}) {
      testing::WriteFile(*dir_ / (std::string(which) + ".shards.json"),
                         json::serialize(json::object{
                             {"shards", json::array{json::object{{"name", "a"}, {"index", a_}},
                                                    json::object{{"name", "b"},
                                                                 {"index", "tcp://127.0.0.1:" + std::to_string(tcp_port_)},
                                                                 {"api", "http://127.0.0.1:" + std::to_string(b_port_)}}}},
                             {"api_token_file", *dir_ / (std::string(which) + ".token")}}));
    }
    shards_ = *dir_ / "peer.shards.json";
    testing::WaitUntil([&] { return RunCommand(DocketBinary() + " search --shards " + shards_ + " x 2>/dev/null", &out) == 0; },
                       std::chrono::seconds(20));
    // Host A: the web application over both shards.
    a_serve_ = new ChildProcess({DocketBinary(), "serve", "--archive", a_, "--listen", "127.0.0.1:0", "--shards", shards_},
                                *dir_ / "a-serve.out");
    a_port_ = ServePort(*a_serve_);
  }
  static void TearDownTestSuite() {
    delete a_serve_;
    delete b_serve_;
    delete tcpsrv_;
    delete dir_;
  }

  void SetUp() override {
    if (!fs::exists(kTcpsrv)) GTEST_SKIP() << "xapian-tcpsrv missing (xapian-tools; scripts/setup.sh installs it)";
    ASSERT_FALSE(loan_id_.empty() || pan_id_.empty() || passport_id_.empty() || loan_number_.empty())
        << "the loan file was not ingested with its loan number";
    ASSERT_GT(b_port_, 0) << b_serve_->Errors();
    ASSERT_GT(a_port_, 0) << a_serve_->Errors();
  }

  static std::string Docket(const std::string& args) { return DocketBinary() + " " + args; }

  static testing::TempDir* dir_;
  static std::string a_, b_, shards_, loan_id_, pan_id_, passport_id_, loan_number_, invoice_id_;
  static int tcp_port_, b_port_, a_port_;
  static ChildProcess *tcpsrv_, *b_serve_, *a_serve_;
};

testing::TempDir* PeersTest::dir_ = nullptr;
std::string PeersTest::a_, PeersTest::b_, PeersTest::shards_, PeersTest::loan_id_, PeersTest::pan_id_,
    PeersTest::passport_id_, PeersTest::loan_number_, PeersTest::invoice_id_;
int PeersTest::tcp_port_ = -1, PeersTest::b_port_ = -1, PeersTest::a_port_ = -1;
ChildProcess *PeersTest::tcpsrv_ = nullptr, *PeersTest::b_serve_ = nullptr, *PeersTest::a_serve_ = nullptr;

TEST_F(PeersTest, ShowFetchesARecordOfAnotherShardThroughItsApi) {
  std::string out, local;
  ASSERT_EQ(RunCommand(Docket("show --json --shards " + shards_ + " " + pan_id_ + "@b"), &out), 0) << out;
  json::object shown = json::parse(out).as_object();
  ASSERT_EQ(RunCommand(Docket("show --json --archive " + b_ + " " + pan_id_), &local), 0) << local;
  json::object at_b = json::parse(local).as_object();
  EXPECT_EQ(shown["id"], at_b["id"]);
  EXPECT_EQ(shown["shard"], "b");
  EXPECT_EQ(shown["sha256"], at_b["sha256"]);
  EXPECT_EQ(shown["fields"], at_b["fields"]);
  // Links span the shards: the PAN card on B links to the application on A.
  std::set<std::string> links;
  for (const json::value& l : shown["links"].as_array()) links.insert(std::string(l.as_string()));
  EXPECT_TRUE(links.count(loan_id_ + "@a")) << out;
  EXPECT_TRUE(links.count(passport_id_ + "@b")) << out;
  // B's audit log holds the access, as a peer's, on behalf of whoever asked.
  auto views = AuditLines(b_, "peer", "view");
  ASSERT_FALSE(views.empty());
  EXPECT_EQ(views.back()["id"], pan_id_.c_str());
  EXPECT_NE(std::string(views.back()["for"].as_string()).find("(docket show)"), std::string::npos);

  // Without the shards an ID@SHARD cannot be found, and says why.
  EXPECT_EQ(RunCommand(Docket("show --archive " + a_ + " " + pan_id_ + "@b 2>&1"), &out), 2);
  EXPECT_NE(out.find("--shards"), std::string::npos) << out;
  // An unknown record of B is a 404 there and a usage error here.
  EXPECT_EQ(RunCommand(Docket("show --shards " + shards_ + " 0000000000000000@b 2>&1"), &out), 2);
  EXPECT_NE(out.find("shard b (http://127.0.0.1:" + std::to_string(b_port_) + ")"), std::string::npos) << out;
}

TEST_F(PeersTest, PullBundlesKycPapersOfAnotherShard) {
  std::string out;
  std::string bundle = *dir_ / "bundle";
  ASSERT_EQ(RunCommand(Docket("pull --json --shards " + shards_ + " --loan '" + loan_number_ + "' --out " + bundle), &out),
            0)
      << out;
  json::object manifest = json::parse(out).as_object();
  auto& files = manifest["files"].as_array();
  ASSERT_EQ(files.size(), 3u) << out;
  EXPECT_EQ(files[0].as_object()["id"], (loan_id_ + "@a").c_str());
  std::set<std::string> from_b;
  for (size_t i = 1; i < files.size(); ++i) {
    const json::object& f = files[i].as_object();
    EXPECT_EQ(f.at("type"), "kyc");
    EXPECT_EQ(f.at("shard"), "b");
    from_b.insert(std::string(f.at("id").as_string()));
  }
  EXPECT_EQ(from_b, (std::set<std::string>{pan_id_ + "@b", passport_id_ + "@b"}));
  // Every file holds the bytes its sha256 names, which are the sample's.
  std::set<std::string> samples;
  for (const char* s : {"application-scanned_pdf.pdf", "pan-card-photo.jpg", "passport-scanned_pdf.pdf"}) {
    samples.insert(*Sha256File(SamplePath(std::string("loanfile/") + s)));
  }
  for (const json::value& v : files) {
    const json::object& f = v.as_object();
    std::string path = bundle + "/" + std::string(f.at("file").as_string());
    ASSERT_TRUE(fs::exists(path)) << path;
    EXPECT_EQ(*Sha256File(path), f.at("sha256").as_string());
    EXPECT_TRUE(samples.count(*Sha256File(path))) << path;
  }
  EXPECT_EQ(std::distance(fs::directory_iterator(bundle), fs::directory_iterator{}), 4);  // no scratch left
  EXPECT_GE(AuditLines(b_, "peer", "download").size(), 2u);
}

TEST_F(PeersTest, WebAppShowsARecordAndOriginalOfAnotherShard) {
  testing::ApiClient clerk(static_cast<unsigned short>(a_port_));
  ASSERT_EQ(clerk.Login("lena", kPassword).status, 200);
  // One search over both shards.
  testing::Reply found = clerk.Get("/api/search?q=type:kyc");
  ASSERT_EQ(found.status, 200) << found.body;
  std::set<std::string> hits;
  json::value result = found.Json();  // kept: the loop reads into it
  for (const json::value& h : result.at("hits").as_array()) hits.insert(std::string(h.at("id").as_string()));
  EXPECT_EQ(hits, (std::set<std::string>{pan_id_ + "@b", passport_id_ + "@b"}));

  testing::Reply page = clerk.Get("/records/" + passport_id_ + "@b");
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_NE(page.body.find(passport_id_ + "@b"), std::string::npos);
  EXPECT_NE(page.body.find("/records/" + loan_id_ + "@a"), std::string::npos) << "no link to the loan on A";
  EXPECT_EQ(page.body.find("/corrections"), std::string::npos) << "another shard's record is read-only here";

  testing::Reply original = clerk.Get("/api/records/" + passport_id_ + "@b/original");
  ASSERT_EQ(original.status, 200) << original.body;
  EXPECT_EQ(original.body, ReadFileBytes(SamplePath("loanfile/passport-scanned_pdf.pdf")));
  testing::Reply png = clerk.Get("/api/records/" + passport_id_ + "@b/pages/1.png");
  ASSERT_EQ(png.status, 200) << png.body;
  EXPECT_EQ(png.body.substr(0, 4), "\x89PNG");

  testing::Reply refused =
      clerk.PostJson("/api/records/" + passport_id_ + "@b/corrections", json::object{{"type", "other"}});
  EXPECT_EQ(refused.status, 404);
  // B's audit names who asked on A.
  auto downloads = AuditLines(b_, "peer", "download");
  ASSERT_FALSE(downloads.empty());
  EXPECT_EQ(std::string(downloads.back()["for"].as_string()).rfind("lena@", 0), 0u);
}

// The web application's loan bundle over shards: the same bundle as
// `docket pull --shards`, B's originals fetched through its API on behalf
// of the loan processor.
TEST_F(PeersTest, WebAppBundlesKycPapersOfAnotherShard) {
  testing::ApiClient lena(static_cast<unsigned short>(a_port_));
  ASSERT_EQ(lena.Login("lena", kPassword).status, 200);
  size_t b_downloads = AuditLines(b_, "peer", "download").size();
  testing::Reply zip = lena.Get("/api/loans/" + server::UrlEncode(loan_number_) + "/bundle.zip");
  ASSERT_EQ(zip.status, 200) << zip.body;
  auto entries = testing::ZipEntries(zip.body);
  ASSERT_EQ(entries.size(), 4u);
  json::object manifest = json::parse(entries["manifest.json"]).as_object();
  auto& files = manifest["files"].as_array();
  ASSERT_EQ(files.size(), 3u) << entries["manifest.json"];
  EXPECT_EQ(files[0].as_object()["id"], (loan_id_ + "@a").c_str());
  std::set<std::string> from_b;
  for (size_t i = 1; i < files.size(); ++i) {
    EXPECT_EQ(files[i].as_object()["shard"], "b");
    from_b.insert(std::string(files[i].as_object()["id"].as_string()));
  }
  EXPECT_EQ(from_b, (std::set<std::string>{pan_id_ + "@b", passport_id_ + "@b"}));
  // Each entry holds its sample's bytes.
  for (const json::value& v : files) {
    std::string name(v.as_object().at("file").as_string());
    std::string sample = fs::path(std::string(v.as_object().at("source").as_string())).filename();
    EXPECT_EQ(entries[name], ReadFileBytes(SamplePath("loanfile/" + sample))) << name;
  }
  // B gave the two originals, and its log says for whom; A logged the pull.
  auto downloads = AuditLines(b_, "peer", "download");
  ASSERT_EQ(downloads.size(), b_downloads + 2);
  EXPECT_EQ(std::string(downloads.back()["for"].as_string()).rfind("lena@", 0), 0u);
  auto pulls = AuditLines(a_, "lena", "pull");
  ASSERT_FALSE(pulls.empty());
  EXPECT_EQ(pulls.back()["ids"].as_array().size(), 3u);
}

TEST_F(PeersTest, AWrongTokenIsRefusedAndSaidClearly) {
  auto port = static_cast<unsigned short>(b_port_);
  std::string target = "/api/records/" + pan_id_;
  testing::Reply wrong = testing::SendRequest(port, "GET", target, {{"Authorization", "Bearer not-the-peer-token"}});
  EXPECT_EQ(wrong.status, 401);
  EXPECT_EQ(wrong.Json().at("error"), "wrong API token");
  EXPECT_EQ(testing::SendRequest(port, "GET", target + "/original", {{"Authorization", "Basic bGVuYTp4"}}).status, 401);
  // The right token reads records and originals, nothing else.
  std::vector<std::pair<std::string, std::string>> bearer = {{"Authorization", std::string("Bearer ") + kToken}};
  EXPECT_EQ(testing::SendRequest(port, "GET", target, bearer).status, 200);
  testing::Reply search = testing::SendRequest(port, "GET", "/api/search?q=x", bearer);
  EXPECT_EQ(search.status, 403);
  EXPECT_NE(search.Json().at("error").as_string().find("only read records"), std::string::npos);
  EXPECT_EQ(testing::SendRequest(port, "POST", target + "/corrections", bearer, "{\"type\":\"other\"}").status, 403);

  std::string out;
  EXPECT_EQ(RunCommand(Docket("show --shards " + (*dir_ / "wrong.shards.json") + " " + pan_id_ + "@b 2>&1"), &out), 1);
  EXPECT_NE(out.find("shard b (http://127.0.0.1:" + std::to_string(b_port_) +
                     "): the API token was refused (401: wrong API token)"),
            std::string::npos)
      << out;
  bool denied = false;
  for (json::object& o : AuditLines(b_, "", "denied")) denied |= o["reason"] == "wrong API token";
  EXPECT_TRUE(denied);
}

// Issue #9's business keys across shards: a fax of an invoice whose
// born-digital copy is on B is flagged possible_duplicate_of ID@b by a
// third host's watcher (same vendor tax id and invoice number, other bytes).
TEST_F(PeersTest, BusinessDuplicateOnAnotherShardIsFlagged) {
  ASSERT_FALSE(invoice_id_.empty());
  std::string inbox = *dir_ / "inbox-c";
  fs::create_directories(inbox);
  fs::copy_file(SamplePath("rescans/invoice-rescan-fax_fine.tif"), inbox + "/fax.tif");
  std::string out;
  ASSERT_EQ(RunCommand(Docket("watch --once --json --stable-seconds 1 --archive " + (*dir_ / "c") +
                              " --host c --shards " + shards_ + " " + inbox),
                       &out),
            0)
      << out;
  auto records = testing::JsonLines(out);
  ASSERT_EQ(records.size(), 1u) << out;
  EXPECT_EQ(records[0]["status"], "archived");
  EXPECT_EQ(records[0]["possible_duplicate_of"], (invoice_id_ + "@b").c_str()) << out;
}

}  // namespace
}  // namespace docket
