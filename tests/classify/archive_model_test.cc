#include "classify/archive_model.h"

#include <gtest/gtest.h>

#include "tests/classify/corpus_pages.h"
#include "tests/testutil/temp_dir.h"

namespace docket {
namespace {

using testing::CorpusDoc;
using testing::CorpusSplit;

Record RecordOf(const CorpusDoc& d, const std::string& type) {
  Record r;
  r.id = d.sha256.substr(0, 16);
  r.sha256 = d.sha256;
  r.source = d.file;
  r.status = "archived";
  r.type = type;
  r.pages = static_cast<int>(d.pages.size());
  r.archived_at = "2024-05-01T10:00:00Z";
  return r;
}

TEST(ArchiveModel, AnArchiveGetsItsOwnCopyOfTheDefault) {
  testing::TempDir dir;
  auto archive = Archive::Open(dir / "a");
  ASSERT_TRUE(archive.ok());
  std::string path = ArchiveModelPath(**archive);
  EXPECT_EQ(path, dir / "a/model/classifier.json");
  EXPECT_FALSE(DefaultFs()->Exists(path));
  auto c = OpenArchiveClassifier(**archive, {});
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  ASSERT_TRUE(DefaultFs()->Exists(path));
  auto saved = DefaultFs()->ReadFile(path);
  ASSERT_TRUE(saved.ok());
  EXPECT_TRUE(*saved == Classifier().model()->Serialize());

  // The archive's own model is used from then on, whatever the default says.
  std::vector<Example> only_two;
  for (const CorpusDoc& d : CorpusSplit("train")) {
    if (d.type == "kyc" || d.type == "other") only_two.push_back(d.AsExample());
  }
  auto m = TypeModel::Train(only_two, {}, nullptr);
  ASSERT_TRUE(m.ok());
  ASSERT_TRUE(Classifier(*m, {}).Save(path).ok());
  auto again = OpenArchiveClassifier(**archive, {});
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->model()->examples().size(), only_two.size());
}

TEST(ArchiveModel, ADamagedModelIsReportedNotReplaced) {
  testing::TempDir dir;
  auto archive = Archive::Open(dir / "a");
  ASSERT_TRUE(archive.ok());
  DefaultFs()->MakeDirs(dir / "a/model");
  testing::WriteFile(ArchiveModelPath(**archive), "{\"format\":\"docket-type-model\"");
  auto c = OpenArchiveClassifier(**archive, {});
  EXPECT_EQ(c.status().code(), Status::Code::kCorrupt);
  auto still = DefaultFs()->ReadFile(ArchiveModelPath(**archive));
  EXPECT_EQ(*still, "{\"format\":\"docket-type-model\"");
}

TEST(ArchiveModel, CorrectionsBecomeExamples) {
  testing::TempDir dir;
  auto archive = Archive::Open(dir / "a");
  ASSERT_TRUE(archive.ok());
  auto docs = CorpusSplit("heldout");
  ASSERT_GE(docs.size(), 3u);
  // docs[0]: a clerk corrected it; docs[1]: docket's own guess; docs[2]: corrected to a non-type.
  for (int i = 0; i < 3; ++i) {
    Record r = RecordOf(docs[i], i == 2 ? "packet" : docs[i].type);
    if (i != 1) {
      r.extra["type_corrected"] = boost::json::object{{"by", "asha"}, {"at", "2024-05-02T09:00:00Z"},
                                                      {"from", "other"}};
    }
    ASSERT_TRUE((*archive)->PutPages(r.id, docs[i].AsPages()).ok());
    ASSERT_TRUE((*archive)->PutRecord(r).ok());
    EXPECT_EQ(TypeCorrected(r), i != 1);
  }
  auto ex = CorrectedExamples(archive->get());
  ASSERT_TRUE(ex.ok()) << ex.status().ToString();
  ASSERT_EQ(ex->size(), 1u);
  EXPECT_EQ((*ex)[0].sha256, docs[0].sha256);
  EXPECT_EQ((*ex)[0].label, docs[0].type);
  EXPECT_EQ((*ex)[0].origin, "corrected");
  EXPECT_EQ((*ex)[0].pages, docs[0].pages);
}

}  // namespace
}  // namespace docket
