// `docket train` learning, end to end with the real binary: a new invoice
// layout (samples/novel, fee memoranda) that the default model gets wrong is
// classified right after training on the five in samples/novel/train, from
// labelled folders and from a clerk's corrections. The novel samples are
// born digital, so no OCR runs and the test is quick.
#include <gtest/gtest.h>

#include <sstream>

#include <boost/json.hpp>

#include "store/archive.h"
#include "tests/testutil/samples.h"
#include "tests/testutil/temp_dir.h"

namespace docket {
namespace {

namespace json = boost::json;
using testing::DocketBinary;
using testing::RunCommand;
using testing::SamplePath;

std::string Docket(const std::string& args) {
  return "env -u DOCKET_ARCHIVE " + DocketBinary() + " " + args + " 2>/dev/null";
}

// `docket eval --json` on a folder: the classification report.
json::object Eval(const std::string& extra, const std::string& dir) {
  std::string out;
  int code = RunCommand(Docket("eval --json --jobs 1 " + extra + " " + dir), &out);
  EXPECT_EQ(code, 0) << out;
  boost::system::error_code ec;
  json::value v = json::parse(out, ec);
  if (ec || !v.is_object()) {
    ADD_FAILURE() << "not JSON: " << out;
    return {};
  }
  return v.as_object().at("classification").as_object();
}

double Accuracy(const json::object& report) { return report.at("accuracy").to_number<double>(); }

TEST(TrainCli, TheDefaultModelGetsTheNovelLayoutWrongAndIsUnsure) {
  json::object r = Eval("", SamplePath("novel"));
  ASSERT_FALSE(r.empty());
  EXPECT_EQ(Accuracy(r), 0.0);
  // It knows it does not know: none of them passes the review threshold.
  EXPECT_EQ(r.at("confident").as_object().at("documents").to_number<int>(), 0);
  EXPECT_EQ(r.at("needs_review").as_object().at("documents").to_number<int>(), 8);
}

TEST(TrainCli, LearnsTheNovelLayoutFromAFewLabelledExamples) {
  testing::TempDir dir;
  std::string archive = dir / "archive";
  std::string out;
  ASSERT_EQ(RunCommand(Docket("train --json --jobs 1 --archive " + archive + " " + SamplePath("novel/train")),
                       &out),
            0)
      << out;
  json::object summary = json::parse(out).as_object();
  const json::object& sources = summary.at("sources").as_object();
  EXPECT_EQ(sources.at("labelled documents").to_number<int>(), 5);
  EXPECT_EQ(sources.at("the current model's examples").to_number<int>(), 30);
  EXPECT_EQ(summary.at("per_label").as_object().at("invoice").to_number<int>(), 8 + 5);

  json::object after = Eval("--model " + archive, SamplePath("novel/heldout"));
  EXPECT_EQ(Accuracy(after), 1.0);
  EXPECT_TRUE(after.at("confident").as_object().at("holds").as_bool());

  // Ingest uses the archive's model, and show says why.
  std::string doc = SamplePath("novel/heldout/invoice-004-born_digital.pdf");
  ASSERT_EQ(RunCommand(Docket("ingest --json --quiet --archive " + archive + " " + doc), &out), 0);
  json::object rec = json::parse(out).as_object();
  EXPECT_EQ(rec.at("type").as_string(), "invoice");
  ASSERT_TRUE(rec.contains("reasons"));
  EXPECT_FALSE(rec.at("reasons").as_array().empty());
  ASSERT_EQ(RunCommand(Docket("show --archive " + archive + " " + std::string(rec.at("id").as_string())), &out), 0);
  EXPECT_NE(out.find("why invoice:"), std::string::npos) << out;
}

TEST(TrainCli, LearnsFromAClerksCorrections) {
  testing::TempDir dir;
  std::string archive = dir / "archive";
  std::string out;
  std::string docs;
  for (const char* n : {"000", "002", "003", "005", "006"}) {
    docs += " " + SamplePath(std::string("novel/train/invoice-") + n + "-born_digital.pdf");
  }
  ASSERT_EQ(RunCommand(Docket("ingest --json --quiet --archive " + archive + docs), &out), 0) << out;
  // What a clerk's review does (a later issue's UI): the type corrected, and
  // a note of who, when and from what.
  {
    ArchiveOptions ao;
    ao.create_if_missing = false;
    auto a = Archive::Open(archive, ao);
    ASSERT_TRUE(a.ok());
    auto records = (*a)->AllRecords();
    ASSERT_TRUE(records.ok());
    ASSERT_EQ(records->size(), 5u);
    for (Record r : *records) {
      EXPECT_EQ(r.type, "other");  // the default model's mistake
      r.extra["type_corrected"] = json::object{{"by", "asha"}, {"at", "2024-05-02T09:00:00Z"}, {"from", r.type}};
      r.type = "invoice";
      ASSERT_TRUE((*a)->PutRecord(r).ok());
    }
  }
  ASSERT_EQ(RunCommand(Docket("train --json --archive " + archive), &out), 0) << out;
  json::object summary = json::parse(out).as_object();
  EXPECT_EQ(summary.at("sources").as_object().at("records a clerk corrected").to_number<int>(), 5);
  EXPECT_EQ(Accuracy(Eval("--model " + archive, SamplePath("novel/heldout"))), 1.0);
  // The model keeps what it learned: training again with nothing new keeps the examples.
  ASSERT_EQ(RunCommand(Docket("train --json --archive " + archive), &out), 0) << out;
  summary = json::parse(out).as_object();
  EXPECT_EQ(summary.at("examples").to_number<int>(), 35);
  EXPECT_EQ(Accuracy(Eval("--model " + archive, SamplePath("novel/heldout"))), 1.0);
}

TEST(TrainCli, UsageErrors) {
  std::string out;
  EXPECT_EQ(RunCommand(Docket("train"), &out), 2);
  testing::TempDir dir;
  EXPECT_EQ(RunCommand(Docket("train --archive " + (dir / "a") + " " + (dir / "nothing-here")), &out), 2);
  EXPECT_EQ(RunCommand(Docket("eval --model " + (dir / "no-model.json") + " " + SamplePath("novel")), &out), 2);
}

}  // namespace
}  // namespace docket
