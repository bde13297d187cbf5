// docket pull and links, end to end: a loan file whose applicant's PAN card
// and passport are separate documents, among unrelated papers.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include <boost/json.hpp>

#include "base/sha256.h"
#include "tests/testutil/samples.h"
#include "tests/testutil/temp_dir.h"

namespace docket {
namespace {

namespace fs = std::filesystem;
namespace json = boost::json;
using testing::DocketBinary;
using testing::RunCommand;
using testing::SamplePath;

class PullTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new testing::TempDir();
    // The loan file, and other loans and KYC papers that must stay out.
    std::string cmd = Docket("ingest --json --quiet") + " " + SamplePath("loanfile") + " " +
                      SamplePath("corpus/train/loan-000-born_digital.pdf") + " " +
                      SamplePath("corpus/train/kyc-000-born_digital.pdf") + " " +
                      SamplePath("corpus/train/invoice-000-born_digital.pdf") + " --skip '*.json'";
    exit_ = RunCommand(cmd, &ingested_);
  }
  static void TearDownTestSuite() { delete dir_; }

  static std::string Docket(const std::string& args) {
    return "DOCKET_ARCHIVE=" + (*dir_ / "archive") + " " + DocketBinary() + " " + args;
  }

  // The loan file's truth: source file name -> truth object.
  static std::map<std::string, json::object> Truth() {
    std::map<std::string, json::object> out;
    for (const auto& e : fs::directory_iterator(SamplePath("loanfile"))) {
      std::string p = e.path().string();
      if (p.size() < 11 || p.substr(p.size() - 11) != ".truth.json") continue;
      std::ifstream in(p);
      std::stringstream ss;
      ss << in.rdbuf();
      out[p] = json::parse(ss.str()).as_object();
    }
    return out;
  }

  static std::string LoanNumber() {
    for (auto& [p, t] : Truth()) {
      if (t["type"] == "loan") return std::string(t["fields"].as_object()["loan_number"].as_string());
    }
    return "";
  }

  static testing::TempDir* dir_;
  static std::string ingested_;
  static int exit_;
};

testing::TempDir* PullTest::dir_ = nullptr;
std::string PullTest::ingested_;
int PullTest::exit_ = -1;

TEST_F(PullTest, BundleHoldsTheLoanAndItsApplicantsKycPapers) {
  ASSERT_EQ(exit_, 0) << ingested_;
  std::string loan = LoanNumber();
  ASSERT_FALSE(loan.empty());
  std::string out;
  // Typed with other case and spacing, as a processor would.
  std::string typed = loan;
  for (char& c : typed) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  ASSERT_EQ(RunCommand(Docket("pull --json --loan '" + typed + "' --out " + (*dir_ / "bundle")), &out), 0) << out;
  json::object manifest = json::parse(out).as_object();
  auto& files = manifest["files"].as_array();
  ASSERT_EQ(files.size(), 3u) << out;
  // The loan first, then its applicant's PAN card and passport.
  EXPECT_EQ(files[0].as_object()["type"], "loan");
  std::set<std::string> kyc_types;
  for (size_t i = 1; i < files.size(); ++i) {
    auto& f = files[i].as_object();
    EXPECT_EQ(f["type"], "kyc");
    kyc_types.insert(std::string(f["fields"].as_object()["id_type"].as_string()));
  }
  EXPECT_EQ(kyc_types, (std::set<std::string>{"pan", "passport"}));
  // Every file is there, with the bytes the manifest names.
  for (const auto& v : files) {
    auto& f = v.as_object();
    std::string path = *dir_ / ("bundle/" + std::string(f.at("file").as_string()));
    ASSERT_TRUE(fs::exists(path)) << path;
    EXPECT_EQ(*Sha256File(path), f.at("sha256").as_string());
  }
  EXPECT_TRUE(fs::exists(*dir_ / "bundle/manifest.json"));
  EXPECT_EQ(std::distance(fs::directory_iterator(*dir_ / "bundle"), fs::directory_iterator{}), 4);
}

TEST_F(PullTest, RefusesToOverwriteAndWritesAZip) {
  ASSERT_EQ(exit_, 0);
  std::string loan = LoanNumber();
  fs::create_directories(*dir_ / "taken");
  std::string out;
  EXPECT_EQ(RunCommand(Docket("pull --loan '" + loan + "' --out " + (*dir_ / "taken") + " 2>&1"), &out), 2);
  EXPECT_NE(out.find("never overwrites"), std::string::npos) << out;
  EXPECT_TRUE(fs::is_empty(*dir_ / "taken"));

  ASSERT_EQ(RunCommand(Docket("pull --zip --loan '" + loan + "' --out " + (*dir_ / "loan.zip")), &out), 0) << out;
  ASSERT_TRUE(fs::exists(*dir_ / "loan.zip"));
  std::string listing;
  ASSERT_EQ(RunCommand("cd " + dir_->path() + " && /usr/bin/python3 -c \"import zipfile;print('\\n'.join(zipfile.ZipFile('loan.zip').namelist()))\"", &listing), 0);
  EXPECT_NE(listing.find("manifest.json"), std::string::npos) << listing;
  EXPECT_NE(listing.find("01-loan-"), std::string::npos) << listing;
  EXPECT_EQ(RunCommand(Docket("pull --zip --loan '" + loan + "' --out " + (*dir_ / "loan.zip") + " 2>/dev/null"), &out), 2);
  EXPECT_EQ(RunCommand(Docket("pull --loan NO-SUCH-LOAN --out " + (*dir_ / "none") + " 2>/dev/null"), &out), 2);
  EXPECT_FALSE(fs::exists(*dir_ / "none"));
}

TEST_F(PullTest, ShowListsLinkedRecords) {
  ASSERT_EQ(exit_, 0);
  std::map<std::string, std::string> id_of;  // source -> id
  std::istringstream in(ingested_);
  std::string line;
  while (std::getline(in, line)) {
    json::object r = json::parse(line).as_object();
    id_of[std::string(r["source"].as_string())] = std::string(r["id"].as_string());
  }
  std::string pan_id, passport_id, loan_id;
  for (const auto& [source, id] : id_of) {
    if (source.find("pan-card") != std::string::npos) pan_id = id;
    if (source.find("passport") != std::string::npos) passport_id = id;
    if (source.find("application") != std::string::npos) loan_id = id;
  }
  ASSERT_FALSE(pan_id.empty());
  std::string out;
  ASSERT_EQ(RunCommand(Docket("show --json " + pan_id), &out), 0);
  json::object r = json::parse(out).as_object();
  std::set<std::string> links;
  for (const auto& v : r["links"].as_array()) links.insert(std::string(v.as_string()));
  // The PAN card shares the PAN with the loan form, and name and birth date
  // with the passport; the unrelated papers are not linked.
  EXPECT_EQ(links, (std::set<std::string>{passport_id, loan_id}));
}

}  // namespace
}  // namespace docket
