// Faults, end to end with the real binary: the archive's disk fills up
// mid-batch (a real, small tmpfs), a record is damaged, the index is
// damaged. Nothing half-written, the rest usable, and repairable.
#include <sys/mount.h>

#include <cerrno>
#include <cstring>

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include <boost/json.hpp>

#include "tests/testutil/samples.h"
#include "tests/testutil/temp_dir.h"

namespace docket {
namespace {

namespace fs = std::filesystem;
namespace json = boost::json;
using testing::DocketBinary;
using testing::RunCommand;
using testing::JsonLines;
using testing::SamplePath;

std::vector<std::string> TempDebris(const std::string& dir) {
  std::vector<std::string> out;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (e.path().filename().string().find(".tmp.") != std::string::npos) out.push_back(e.path());
  }
  return out;
}

// Born-digital and scanned samples: enough bytes to fill a small disk.
std::string Inputs() {
  std::string s;
  for (const auto& e : fs::directory_iterator(SamplePath("corpus/train"))) {
    std::string p = e.path().string();
    if (p.find("born_digital.pdf") != std::string::npos || p.find("scanned_pdf.pdf") != std::string::npos) {
      s += " " + p;
    }
  }
  return s + " " + SamplePath("loanfile/application-scanned_pdf.pdf");
}

class TmpfsArchive {
 public:
  explicit TmpfsArchive(const std::string& dir) : dir_(dir) {
    fs::create_directories(dir_);
    mounted_ = mount("tmpfs", dir_.c_str(), "tmpfs", 0, "size=700k") == 0;
    if (!mounted_) why_ = std::string("cannot mount a tmpfs here: ") + std::strerror(errno);
  }
  ~TmpfsArchive() {
    if (mounted_) umount2(dir_.c_str(), MNT_DETACH);
  }
  bool Grow() { return mount("tmpfs", dir_.c_str(), "tmpfs", MS_REMOUNT, "size=256m") == 0; }
  bool mounted() const { return mounted_; }
  const std::string& why() const { return why_; }

 private:
  std::string dir_;
  bool mounted_ = false;
  std::string why_;
};

TEST(FaultsTest, DiskFullMidBatchStopsCleanlyAndCompletesOnceSpaceIsFreed) {
  testing::TempDir dir;
  TmpfsArchive disk(dir / "disk");
  if (!disk.mounted()) GTEST_SKIP() << disk.why() << " (the test needs root, as CI has)";
  std::string archive = dir / "disk/archive";
  std::string ingest = "DOCKET_ARCHIVE=" + archive + " " + DocketBinary() + " ingest --json --quiet" + Inputs();

  std::string out;
  int first = RunCommand(ingest + " 2>/dev/null", &out);
  auto records = JsonLines(out);
  EXPECT_EQ(first, 1) << "the disk did not fill up: make the inputs larger";
  size_t archived = 0, refused = 0;
  for (const auto& r : records) {
    if (r.at("status") == "archived") ++archived;
    if (r.at("status") == "rejected") ++refused;
  }
  EXPECT_GT(archived, 0u);
  EXPECT_GT(refused, 0u);
  // Nothing half-written: no temp files, and every record whole.
  EXPECT_TRUE(TempDebris(archive).empty());
  std::string check;
  RunCommand("DOCKET_ARCHIVE=" + archive + " " + DocketBinary() + " check --json 2>/dev/null", &check);
  for (const auto& p : JsonLines(check)) {
    // The index may lag the records after a failed commit; nothing else.
    EXPECT_EQ(p.at("problem"), "not_indexed") << json::serialize(p);
  }

  ASSERT_TRUE(disk.Grow());
  int second = RunCommand(ingest + " 2>/dev/null", &out);
  EXPECT_EQ(second, 0);
  std::set<std::string> ids;
  for (const auto& r : JsonLines(out)) {
    EXPECT_TRUE(r.at("status") == "archived" || r.at("status") == "duplicate") << json::serialize(r);
    ids.insert(std::string(r.at("id").as_string()));
  }
  EXPECT_EQ(RunCommand("DOCKET_ARCHIVE=" + archive + " " + DocketBinary() + " check 2>/dev/null", &check), 0)
      << check;
  std::string found;
  ASSERT_EQ(RunCommand("DOCKET_ARCHIVE=" + archive + " " + DocketBinary() + " search --json ''", &found), 0);
  EXPECT_EQ(json::parse(found).as_object()["total"].to_number<size_t>(), ids.size());
}

class DamageTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string out;
    ASSERT_EQ(RunCommand(Docket("ingest --json --quiet") + " " + SamplePath("corpus/train/invoice-000-born_digital.pdf") +
                             " " + SamplePath("corpus/train/loan-000-born_digital.pdf") + " " +
                             SamplePath("corpus/train/kyc-000-born_digital.pdf"),
                         &out),
              0);
    for (const auto& r : JsonLines(out)) ids_.push_back(std::string(r.at("id").as_string()));
    ASSERT_EQ(ids_.size(), 3u);
  }
  std::string Docket(const std::string& args) {
    return "DOCKET_ARCHIVE=" + (dir_ / "archive") + " " + DocketBinary() + " " + args;
  }
  testing::TempDir dir_;
  std::vector<std::string> ids_;
};

TEST_F(DamageTest, DamagedRecordIsReportedAndTheRestStaysUsable) {
  testing::WriteFile(dir_ / ("archive/records/" + ids_[1] + ".json"), "{\"id\": \"" + ids_[1] + "\", trunc");
  std::string out;
  EXPECT_EQ(RunCommand(Docket("check --json 2>/dev/null"), &out), 1);
  auto problems = JsonLines(out);
  ASSERT_FALSE(problems.empty());
  EXPECT_EQ(problems[0].at("problem"), "unreadable_record");
  EXPECT_EQ(problems[0].at("id").as_string(), ids_[1]);
  // The other records list, show and search as before.
  EXPECT_EQ(RunCommand(Docket("list --json 2>/dev/null"), &out), 1);  // says something is wrong
  EXPECT_EQ(JsonLines(out).size(), 2u);
  EXPECT_EQ(RunCommand(Docket("show " + ids_[0]), &out), 0);
  EXPECT_EQ(RunCommand(Docket("search --json type:invoice"), &out), 0);
  EXPECT_EQ(json::parse(out).as_object()["total"].to_number<int>(), 1);
}

TEST_F(DamageTest, DamagedOrDeletedIndexIsRestoredByReindex) {
  std::string before, out;
  ASSERT_EQ(RunCommand(Docket("search --json ''"), &before), 0);
  for (const auto& e : fs::directory_iterator(dir_ / "archive/index")) {
    if (e.is_regular_file()) testing::WriteFile(e.path(), "garbage");
  }
  EXPECT_NE(RunCommand(Docket("search --json '' 2>&1"), &out), 0);
  EXPECT_NE(out.find("reindex"), std::string::npos) << out;
  EXPECT_EQ(RunCommand(Docket("check 2>/dev/null"), &out), 1);
  ASSERT_EQ(RunCommand(Docket("reindex"), &out), 0) << out;
  ASSERT_EQ(RunCommand(Docket("search --json ''"), &out), 0);
  EXPECT_EQ(json::parse(out).as_object()["total"], json::parse(before).as_object()["total"]);
  EXPECT_EQ(RunCommand(Docket("check"), &out), 0) << out;
  fs::remove_all(dir_ / "archive/index");
  ASSERT_EQ(RunCommand(Docket("reindex"), &out), 0) << out;
  EXPECT_EQ(RunCommand(Docket("check"), &out), 0) << out;
}

}  // namespace
}  // namespace docket
