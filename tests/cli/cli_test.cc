// End to end: the real docket binary on every committed sample, a real
// archive and index in a temp folder. Ingests once for the whole suite.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <sstream>

#include <boost/json.hpp>

#include "tests/testutil/samples.h"
#include "tests/testutil/temp_dir.h"

namespace docket {
namespace {

namespace json = boost::json;
using testing::CorpusSamples;
using testing::DocketBinary;
using testing::RunCommand;
using testing::Sample;
using testing::JsonLines;
using testing::SamplePath;

std::string Quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

std::string Str(const json::object& o, const char* key) {
  auto it = o.find(key);
  return it == o.end() || !it->value().is_string() ? "" : std::string(it->value().get_string());
}

class CliTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new testing::TempDir();
    samples_ = new std::vector<Sample>(CorpusSamples());
    std::string cmd = Docket("ingest --json --quiet");
    for (const Sample& s : *samples_) cmd += " " + Quote(s.path);
    for (const char* bad : kBad) cmd += " " + Quote(SamplePath(std::string("bad/") + bad));
    ingest_exit_ = RunCommand(cmd, &ingest_out_);
  }
  static void TearDownTestSuite() {
    delete dir_;
    delete samples_;
  }

  // The archive is named by DOCKET_ARCHIVE, so `args` may end in redirections.
  static std::string Docket(const std::string& args) {
    return "DOCKET_ARCHIVE=" + Quote(*dir_ / "archive") + " " + DocketBinary() + " " + args;
  }

  // id -> the search's hit ids for each sample's keyword.
  std::map<std::string, std::vector<std::string>> SearchEveryKeyword() {
    std::map<std::string, std::vector<std::string>> out;
    for (const Sample& s : *samples_) {
      std::string text;
      EXPECT_EQ(RunCommand(Docket("search --json --limit 5 " + Quote(s.keyword)), &text), 0);
      json::object result = json::parse(text).as_object();
      for (const auto& h : result["hits"].as_array()) out[s.keyword].push_back(Str(h.as_object(), "id"));
    }
    return out;
  }

  static constexpr const char* kBad[] = {"empty.pdf", "truncated.pdf", "corrupt.pdf",
                                         "encrypted.pdf", "lying-header.tif", "bomb.png",
                                         "not-a-document.pdf", "notes.txt"};
  static testing::TempDir* dir_;
  static std::vector<Sample>* samples_;
  static std::string ingest_out_;
  static int ingest_exit_;
};

testing::TempDir* CliTest::dir_ = nullptr;
std::vector<Sample>* CliTest::samples_ = nullptr;
std::string CliTest::ingest_out_;
int CliTest::ingest_exit_ = -1;

TEST_F(CliTest, EverySampleIsArchivedAndEveryBadInputRejected) {
  EXPECT_EQ(ingest_exit_, 0);
  auto records = JsonLines(ingest_out_);
  size_t n = samples_->size();
  ASSERT_EQ(records.size(), n + std::size(kBad));
  for (size_t i = 0; i < n; ++i) {
    EXPECT_EQ(Str(records[i], "source"), (*samples_)[i].path);
    EXPECT_EQ(Str(records[i], "status"), "archived") << (*samples_)[i].path << ": " << Str(records[i], "error");
    EXPECT_EQ(records[i]["pages"].to_number<int>(), (*samples_)[i].pages) << (*samples_)[i].path;
    // The built-in model (trained on samples/corpus/train) knows every sample.
    EXPECT_EQ(Str(records[i], "type"), (*samples_)[i].type) << (*samples_)[i].path;
    // Fields only on the types that have them, each with a confidence and
    // the page it was read from (their values: tests/classify, docket eval).
    const auto& fields = records[i]["fields"].as_object();
    if (Str(records[i], "type") == "other") EXPECT_TRUE(fields.empty()) << (*samples_)[i].path;
    for (const auto& kv : fields) {
      const auto& f = kv.value().as_object();
      EXPECT_FALSE(f.at("value").as_string().empty()) << kv.key();
      EXPECT_GT(f.at("confidence").to_number<double>(), 0.0) << kv.key();
      EXPECT_LE(f.at("confidence").to_number<double>(), 1.0) << kv.key();
      EXPECT_GE(f.at("page").to_number<int>(), 1) << kv.key();
    }
  }
  for (size_t i = n; i < records.size(); ++i) {
    EXPECT_EQ(Str(records[i], "status"), "rejected") << Str(records[i], "source");
    EXPECT_FALSE(Str(records[i], "error").empty());
    EXPECT_EQ(Str(records[i], "error").find('\n'), std::string::npos);  // one line
  }
  // Nothing of the rejected files reached the archive.
  size_t originals = 0;
  for (const auto& e : std::filesystem::recursive_directory_iterator(*dir_ / "archive/originals")) {
    originals += e.is_regular_file();
  }
  EXPECT_EQ(originals, n);
}

TEST_F(CliTest, EachSampleIsFoundByItsOwnWord) {
  auto records = JsonLines(ingest_out_);
  std::map<std::string, std::string> id_of;
  for (const auto& r : records) id_of[Str(r, "source")] = Str(r, "id");
  auto hits = SearchEveryKeyword();
  for (const Sample& s : *samples_) {
    const auto& found = hits[s.keyword];
    ASSERT_EQ(found.size(), 1u) << s.format << " " << s.path << " keyword " << s.keyword;
    EXPECT_EQ(found[0], id_of[s.path]) << s.path;
  }
}

TEST_F(CliTest, ReindexGivesTheSameResults) {
  auto before = SearchEveryKeyword();
  std::string out;
  ASSERT_EQ(RunCommand(Docket("reindex"), &out), 0) << out;
  EXPECT_NE(out.find("indexed " + std::to_string(samples_->size()) + " records"), std::string::npos) << out;
  EXPECT_EQ(SearchEveryKeyword(), before);
  // And after the index is deleted outright.
  std::filesystem::remove_all(*dir_ / "archive/index");
  ASSERT_EQ(RunCommand(Docket("reindex"), &out), 0);
  EXPECT_EQ(SearchEveryKeyword(), before);
}

TEST_F(CliTest, ListAndShowAgreeWithIngest) {
  std::string out;
  ASSERT_EQ(RunCommand(Docket("list --json"), &out), 0);
  auto listed = JsonLines(out);
  ASSERT_EQ(listed.size(), samples_->size());
  for (size_t i = 1; i < listed.size(); ++i) {
    EXPECT_LE(Str(listed[i - 1], "archived_at"), Str(listed[i], "archived_at"));
  }
  std::string id = Str(listed[0], "id");
  ASSERT_EQ(RunCommand(Docket("show --json " + id), &out), 0);
  json::object shown = json::parse(out).as_object();
  // show adds the links it finds in the index; the rest is the record.
  ASSERT_TRUE(shown.contains("links"));
  EXPECT_TRUE(shown["links"].is_array());
  shown.erase("links");
  EXPECT_EQ(shown, listed[0]);
  ASSERT_EQ(RunCommand(Docket("show " + id), &out), 0);
  EXPECT_NE(out.find("id:          " + id), std::string::npos);
}

TEST_F(CliTest, SearchMarksMatchesAndTakesFieldsAndBooleans) {
  const Sample& s = (*samples_)[0];
  std::string out;
  ASSERT_EQ(RunCommand(Docket("search --json " + Quote(s.keyword)), &out), 0);
  json::object r = json::parse(out).as_object();
  ASSERT_EQ(r["total"].to_number<int>(), 1);
  std::string snippet = Str(r["hits"].as_array()[0].as_object(), "snippet");
  EXPECT_NE(snippet.find("<mark>"), std::string::npos) << snippet;
  ASSERT_EQ(RunCommand(Docket("search --json " + Quote("type:" + s.type + " " + s.keyword)), &out), 0);
  EXPECT_EQ(json::parse(out).as_object()["total"].to_number<int>(), 1);
  std::string other_type = s.type == "kyc" ? "loan" : "kyc";
  ASSERT_EQ(RunCommand(Docket("search --json " + Quote("type:" + other_type + " " + s.keyword)), &out), 0);
  EXPECT_EQ(json::parse(out).as_object()["total"].to_number<int>(), 0);
  ASSERT_EQ(RunCommand(Docket("search --json " + Quote(s.keyword + " OR " + (*samples_)[1].keyword)), &out), 0);
  EXPECT_EQ(json::parse(out).as_object()["total"].to_number<int>(), 2);
  ASSERT_EQ(RunCommand(Docket("search --json " + Quote("NOT " + s.keyword)), &out), 0);
  EXPECT_EQ(json::parse(out).as_object()["total"].to_number<size_t>(), samples_->size() - 1);
}

TEST_F(CliTest, UsageErrorsExitTwoAndArchiveErrorsExitOne) {
  std::string out;
  EXPECT_EQ(RunCommand(DocketBinary() + " frobnicate 2>/dev/null", &out), 2);
  EXPECT_EQ(RunCommand(DocketBinary() + " ingest --archive " + Quote(*dir_ / "archive") + " 2>/dev/null", &out), 2);
  EXPECT_EQ(RunCommand(Docket("show 0000000000000000 2>/dev/null"), &out), 2);
  EXPECT_EQ(RunCommand(DocketBinary() + " list --archive " + Quote(*dir_ / "none") + " 2>/dev/null", &out), 1);
  EXPECT_EQ(RunCommand(Docket("search --json 2>&1 " + Quote("date:2024-13-01")), &out), 2);
  EXPECT_EQ(RunCommand(DocketBinary() + " --help", &out), 0);
  EXPECT_NE(out.find("ingest"), std::string::npos);
}

}  // namespace
}  // namespace docket
