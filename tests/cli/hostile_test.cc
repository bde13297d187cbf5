// Hostile inputs through the real binary: each is rejected or handled
// within the per-document budget, with a clear reason, and nothing breaks
// the JSON other programs read.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
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
using testing::SourceDir;

class HostileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(RunCommand("/usr/bin/python3 " + SourceDir() + "/tests/cli/make_hostile.py " + (dir_ / "in"), nullptr), 0);
  }
  std::string Docket(const std::string& args) {
    return "DOCKET_ARCHIVE=" + (dir_ / "archive") + " " + DocketBinary() + " " + args;
  }
  testing::TempDir dir_;
};

TEST_F(HostileTest, HostileDocumentsAreRejectedOrHandledInBoundedTime) {
  std::string out;
  auto start = std::chrono::steady_clock::now();
  ASSERT_EQ(RunCommand(Docket("ingest --json --quiet --page-timeout 30000 ") + (dir_ / "in"), &out), 0);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::map<std::string, json::object> by_name;
  for (auto& r : JsonLines(out)) by_name[fs::path(std::string(r["source"].as_string())).filename()] = r;
  ASSERT_EQ(by_name.size(), 5u) << out;

  EXPECT_EQ(by_name["thousands.pdf"]["status"], "rejected");
  EXPECT_NE(std::string(by_name["thousands.pdf"]["error"].as_string()).find("3000 pages"), std::string::npos);
  EXPECT_EQ(by_name["cyclic.pdf"]["status"], "rejected");
  EXPECT_FALSE(by_name["cyclic.pdf"]["error"].as_string().empty());
  // Nested objects and a script are only data to docket: read, never run.
  EXPECT_EQ(by_name["nested.pdf"]["status"], "archived") << json::serialize(by_name["nested.pdf"]);
  EXPECT_EQ(by_name["script.pdf"]["status"], "archived");
  EXPECT_EQ(by_name["hundreds.tif"]["status"], "archived");
  EXPECT_EQ(by_name["hundreds.tif"]["pages"].to_number<int>(), 300);
  ASSERT_EQ(RunCommand(Docket("search --json pelican"), &out), 0);
  EXPECT_EQ(json::parse(out).as_object()["total"].to_number<int>(), 1);
  // The whole batch within a budget far below a page timeout per page.
  EXPECT_LT(seconds, 240) << "hostile batch took " << seconds << " s";
}

TEST_F(HostileTest, OddFileNamesGiveValidJsonAndSurviveTheFailedFolder) {
  std::string odd = std::string("we\nird \"quoted\" \xff name");
  fs::create_directories(dir_ / "inbox");
  fs::copy_file(SamplePath("corpus/train/invoice-000-born_digital.pdf"), dir_ / ("inbox/" + odd + ".pdf"));
  testing::WriteFile(dir_ / ("inbox/" + odd + ".txt"), "not a document\n");
  fs::create_symlink("/etc/passwd", dir_ / "inbox/outside.pdf");
  std::string out;
  ASSERT_EQ(RunCommand(Docket("watch --once --json --stable-seconds 0 ") + (dir_ / "inbox") + " 2>/dev/null", &out), 0);
  auto records = JsonLines(out);  // throws on invalid UTF-8
  ASSERT_EQ(records.size(), 3u) << out;
  int archived = 0;
  for (auto& r : records) {
    std::string source(r["source"].as_string());
    if (r["status"] == "archived") {
      ++archived;
      EXPECT_NE(source.find("\\xff"), std::string::npos) << source;
    }
  }
  EXPECT_EQ(archived, 1);
  // The unreadable file keeps its exact name in the failed folder, with a
  // valid reason beside it; the link was not followed.
  EXPECT_TRUE(fs::exists(dir_ / ("inbox/failed/" + odd + ".txt")));
  std::ifstream why(dir_ / ("inbox/failed/" + odd + ".txt.error.json"));
  std::stringstream ss;
  ss << why.rdbuf();
  json::object reason = json::parse(ss.str()).as_object();
  EXPECT_NE(std::string(reason["reason"].as_string()).find("plain text"), std::string::npos);
  EXPECT_TRUE(fs::is_symlink(dir_ / "inbox/failed/outside.pdf"));
  std::ifstream link_why(dir_ / "inbox/failed/outside.pdf.error.json");
  std::stringstream ls;
  ls << link_why.rdbuf();
  EXPECT_NE(ls.str().find("symbolic link"), std::string::npos);
  ASSERT_EQ(RunCommand(Docket("list --json"), &out), 0);
  EXPECT_EQ(JsonLines(out).size(), 1u);
}

}  // namespace
}  // namespace docket
