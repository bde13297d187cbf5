// A loan's bundle from the web application (GET /api/loans/NO/bundle.zip,
// server/loan_bundle.h): samples/loanfile (an application, a PAN card, a
// passport) and unrelated papers archived by the docket binary, a real
// WebApp and HttpServer on loopback, the zip opened with libzip. A loan
// processor gets the bundle, byte for byte the samples, with the manifest
// of `docket pull`; a clerk is refused; an unknown loan is 404; the audit
// log holds the pull with its record ids; no scratch file stays behind.
#include "server/loan_bundle.h"

#include <stdlib.h>

#include <filesystem>
#include <set>

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "base/sha256.h"
#include "server/request_parsing.h"
#include "server/web_app.h"
#include "tests/server/server_fixture.h"
#include "tests/testutil/samples.h"
#include "tests/testutil/temp_dir.h"

namespace docket {
namespace {

namespace fs = std::filesystem;
namespace json = boost::json;
using testing::ApiClient;
using testing::DocketBinary;
using testing::Reply;
using testing::RunCommand;
using testing::SamplePath;

std::string Sha256Hex(const std::string& bytes) {
  Sha256 h;
  h.Update(bytes);
  return h.HexDigest();
}

constexpr const char* kLoanfile[] = {"application-scanned_pdf.pdf", "pan-card-photo.jpg", "passport-scanned_pdf.pdf"};

class LoanBundleTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new testing::TempDir();
    // The loan file, and another loan and KYC paper that must stay out.
    std::string out;
    exit_ = RunCommand(DocketBinary() + " ingest --json --quiet --archive " + (*dir_ / "archive") + " " +
                           SamplePath("loanfile") + " " + SamplePath("corpus/train/loan-000-born_digital.pdf") +
                           " " + SamplePath("corpus/train/kyc-000-born_digital.pdf") + " --skip '*.json'",
                       &out);
    ingested_ = new std::string(out);
    ids_ = new std::set<std::string>();
    for (json::object& r : testing::JsonLines(out)) {
      std::string source(r["source"].as_string());
      if (source.find("/loanfile/") != std::string::npos) ids_->insert(std::string(r["id"].as_string()));
      if (source.find("application") != std::string::npos) {
        loan_number_ = new std::string(r["fields"].as_object()["loan_number"].as_object()["value"].as_string());
      }
    }
  }
  static void TearDownTestSuite() {
    delete dir_;
    delete ingested_;
    delete ids_;
    delete loan_number_;
  }

  void SetUp() override {
    ASSERT_EQ(exit_, 0) << *ingested_;
    ASSERT_NE(loan_number_, nullptr) << "the application was not read with its loan number: " << *ingested_;
    ASSERT_EQ(ids_->size(), 3u) << *ingested_;
    // Scratch bundles go to TMPDIR: a folder of this test's, to see that
    // none is left.
    fs::create_directories(scratch_.path());
    setenv("TMPDIR", scratch_.path().c_str(), 1);
    auto archive = Archive::Open(*dir_ / "archive");
    ASSERT_TRUE(archive.ok()) << archive.status().ToString();
    archive_ = std::move(*archive);
    Status served = testing::ServeApp(archive_.get(), &served_);
    ASSERT_TRUE(served.ok()) << served.ToString();
  }
  void TearDown() override { unsetenv("TMPDIR"); }

  static std::string BundleTarget(const std::string& loan) {
    return "/api/loans/" + server::UrlEncode(loan) + "/bundle.zip";
  }
  std::vector<json::object> AuditLines(const std::string& action) {
    std::vector<json::object> out;
    for (json::object& o : testing::JsonLines(testing::ReadFileBytes(*dir_ / "archive/logs/audit.jsonl"))) {
      if (o["action"] == action.c_str()) out.push_back(o);
    }
    return out;
  }
  size_t ScratchFiles() { return std::distance(fs::directory_iterator(scratch_.path()), fs::directory_iterator{}); }

  static testing::TempDir* dir_;
  static std::string* ingested_;
  static std::set<std::string>* ids_;  // the loan file's records
  static std::string* loan_number_;
  static int exit_;
  testing::TempDir scratch_;
  std::unique_ptr<Archive> archive_;
  testing::ServedApp served_;
};

testing::TempDir* LoanBundleTest::dir_ = nullptr;
std::string* LoanBundleTest::ingested_ = nullptr;
std::set<std::string>* LoanBundleTest::ids_ = nullptr;
std::string* LoanBundleTest::loan_number_ = nullptr;
int LoanBundleTest::exit_ = -1;

TEST_F(LoanBundleTest, ALoanProcessorDownloadsTheBundleAsTheSamples) {
  ApiClient lena(served_.port());
  ASSERT_EQ(lena.Login("lena", "lena-secret-pw").status, 200);
  // The loan number has slashes; typed in lower case, as a processor might.
  std::string typed = *loan_number_;
  for (char& ch : typed) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  size_t pulls_before = AuditLines("pull").size();
  Reply r = lena.Get(BundleTarget(typed));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.Header("content-type"), "application/zip");
  EXPECT_EQ(r.Header("content-disposition"),
            "attachment; filename=\"" + server::LoanBundleZipName(typed) + "\"");
  EXPECT_NE(r.Header("content-disposition").find("loan-"), std::string::npos);

  auto entries = testing::ZipEntries(r.body);
  ASSERT_EQ(entries.size(), 4u);
  ASSERT_TRUE(entries.count("manifest.json"));
  json::object manifest = json::parse(entries["manifest.json"]).as_object();
  EXPECT_EQ(manifest["loan"], typed.c_str());
  auto& files = manifest["files"].as_array();
  ASSERT_EQ(files.size(), 3u) << entries["manifest.json"];
  // The application first, then its applicant's PAN card and passport,
  // under the names `docket pull` gives them.
  EXPECT_EQ(files[0].as_object()["type"], "loan");
  EXPECT_EQ(std::string(files[0].as_object()["file"].as_string()).rfind("01-loan-", 0), 0u);
  std::set<std::string> kyc_names, ids;
  for (size_t i = 1; i < files.size(); ++i) kyc_names.insert(std::string(files[i].as_object()["file"].as_string()));
  std::set<std::string> kinds;  // "02-kyc-pan-NAME.jpg" -> "kyc-pan"
  for (const std::string& n : kyc_names) kinds.insert(n.substr(3, n.find('-', 8) - 3));
  EXPECT_EQ(kinds, (std::set<std::string>{"kyc-pan", "kyc-passport"})) << entries["manifest.json"];
  // Every entry holds the bytes its sha256 names, and those are the samples'.
  std::set<std::string> sample_sha, bundle_sha;
  for (const char* s : kLoanfile) sample_sha.insert(*Sha256File(SamplePath(std::string("loanfile/") + s)));
  for (const json::value& v : files) {
    const json::object& f = v.as_object();
    std::string name(f.at("file").as_string());
    ASSERT_TRUE(entries.count(name)) << name;
    EXPECT_EQ(Sha256Hex(entries[name]), f.at("sha256").as_string()) << name;
    bundle_sha.insert(Sha256Hex(entries[name]));
    ids.insert(std::string(f.at("id").as_string()));
  }
  EXPECT_EQ(bundle_sha, sample_sha);
  EXPECT_EQ(ids, *ids_);

  // The pull is audited with the user, the loan and the records.
  auto pulls = AuditLines("pull");
  ASSERT_EQ(pulls.size(), pulls_before + 1);
  EXPECT_EQ(pulls.back()["user"], "lena");
  EXPECT_EQ(pulls.back()["loan"], typed.c_str());
  std::set<std::string> audited;
  for (const json::value& id : pulls.back()["ids"].as_array()) audited.insert(std::string(id.as_string()));
  EXPECT_EQ(audited, *ids_);
  // The zip was built in a scratch file and streamed: none is left.
  EXPECT_EQ(ScratchFiles(), 0u);

  // An admin may pull too.
  ApiClient root(served_.port());
  ASSERT_EQ(root.Login("root", "root-secret-pw").status, 200);
  EXPECT_EQ(root.Get(BundleTarget(*loan_number_)).status, 200);
}

TEST_F(LoanBundleTest, TheRecordPageOffersTheBundleToThoseWhoMayPull) {
  std::string loan_id;
  for (json::object& r : testing::JsonLines(*ingested_)) {
    if (std::string(r["source"].as_string()).find("application") != std::string::npos) {
      loan_id = std::string(r["id"].as_string());
    }
  }
  ApiClient lena(served_.port()), asha(served_.port());
  ASSERT_EQ(lena.Login("lena", "lena-secret-pw").status, 200);
  ASSERT_EQ(asha.Login("asha", "asha-secret-pw").status, 200);
  std::string link = "href=\"" + server::HtmlEscape(BundleTarget(*loan_number_)) + "\"";
  Reply page = lena.Get("/records/" + loan_id);
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find(link), std::string::npos) << "no bundle link " << link;
  EXPECT_NE(page.body.find("Download loan bundle"), std::string::npos);
  // The link as the browser follows it works.
  EXPECT_EQ(lena.Get(BundleTarget(*loan_number_)).status, 200);
  Reply clerk_page = asha.Get("/records/" + loan_id);
  ASSERT_EQ(clerk_page.status, 200);
  EXPECT_EQ(clerk_page.body.find("download-bundle"), std::string::npos) << "a clerk may not pull";
}

TEST_F(LoanBundleTest, AClerkIsRefusedWithAClearError) {
  ApiClient asha(served_.port());
  ASSERT_EQ(asha.Login("asha", "asha-secret-pw").status, 200);
  size_t pulls_before = AuditLines("pull").size();
  Reply r = asha.Get(BundleTarget(*loan_number_));
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(r.Header("content-type"), "application/json");
  EXPECT_EQ(r.Json().at("error"), "a clerk may not pull a loan's bundle (a loan_processor or an admin may)");
  EXPECT_EQ(AuditLines("pull").size(), pulls_before);
  auto denied = AuditLines("denied");
  ASSERT_FALSE(denied.empty());
  EXPECT_EQ(denied.back()["user"], "asha");
  EXPECT_EQ(denied.back()["reason"], "role may not pull");
  EXPECT_EQ(ScratchFiles(), 0u);
  // Not logged in: 401, as every API call.
  EXPECT_EQ(testing::SendRequest(served_.port(), "GET", BundleTarget(*loan_number_)).status, 401);
}

TEST_F(LoanBundleTest, AnUnknownLoanIsNotFound) {
  ApiClient lena(served_.port());
  ASSERT_EQ(lena.Login("lena", "lena-secret-pw").status, 200);
  size_t pulls_before = AuditLines("pull").size();
  Reply r = lena.Get(BundleTarget("HL/NOWHERE/1999/00001"));
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.Json().at("error"), "no document of loan HL/NOWHERE/1999/00001 in the archive");
  EXPECT_EQ(AuditLines("pull").size(), pulls_before);
  EXPECT_EQ(ScratchFiles(), 0u);
  // An empty or absurd loan number is a bad request, not a search.
  EXPECT_EQ(lena.Get("/api/loans/" + std::string(120, '7') + "/bundle.zip").status, 400);
  EXPECT_EQ(lena.Get("/api/loans/%0A/bundle.zip").status, 400);
}

}  // namespace
}  // namespace docket
