#include "index/reindex.h"

#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>
#include <xapian.h>

#include "index/searcher.h"
#include "index/writer.h"
#include "tests/index/index_samples.h"

namespace docket {
namespace {

using testing::MakeDoc;
using testing::SampleDocs;
using testing::SortedIds;
using testing::TempDir;
using Ids = std::vector<std::string>;

const char* const kQueries[] = {
    "",          "chairs",           "\"office chairs\"",          "type:invoice",
    "priya",     "pan:\"abcde 1234 f\"", "vendor:\"acme traders\"", "date:2024-02..2024-03",
    "amount:10000..50000", "steel NOT chairs", "file:minutes",
};

class ReindexTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto a = Archive::Open(dir_.path() + "/archive");
    ASSERT_TRUE(a.ok()) << a.status().ToString();
    archive_ = std::move(*a);
    for (const auto& d : SampleDocs()) {
      ASSERT_TRUE(archive_->PutPages(d.record.id, d.pages).ok());
      ASSERT_TRUE(archive_->PutRecord(d.record).ok());
    }
  }

  // Indexes the samples the way ingest does, one Put per record.
  void IndexDirectly(const std::vector<testing::SampleDoc>& docs) {
    auto w = IndexWriter::Open(archive_->IndexPath());
    ASSERT_TRUE(w.ok()) << w.status().ToString();
    for (const auto& d : docs) ASSERT_TRUE((*w)->Put(d.record, d.pages).ok());
  }

  Ids FindIds(const std::string& query) {
    auto s = Searcher::Open(archive_->IndexPath());
    EXPECT_TRUE(s.ok()) << s.status().ToString();
    if (!s.ok()) return {};
    auto r = (*s)->Search(query, {0, 100});
    EXPECT_TRUE(r.ok()) << query << ": " << r.status().ToString();
    return r.ok() ? SortedIds(*r) : Ids{};
  }

  std::map<std::string, Ids> AllAnswers() {
    std::map<std::string, Ids> answers;
    for (const char* q : kQueries) answers[q] = FindIds(q);
    return answers;
  }

  uint64_t IndexedCount() { return Xapian::Database(archive_->IndexPath()).get_doccount(); }

  TempDir dir_;
  std::unique_ptr<Archive> archive_;
};

TEST_F(ReindexTest, GivesTheSameAnswersAsIngest) {
  IndexDirectly(SampleDocs());
  std::map<std::string, Ids> before = AllAnswers();
  EXPECT_EQ(before["type:invoice"], (Ids{"inv1", "inv2"}));  // the index really answered

  std::vector<std::pair<uint64_t, uint64_t>> calls;
  auto stats = Reindex(*archive_, [&](uint64_t done, uint64_t total) { calls.emplace_back(done, total); });
  ASSERT_TRUE(stats.ok()) << stats.status().ToString();
  EXPECT_EQ(stats->indexed, 5u);
  EXPECT_EQ(stats->unreadable, 0u);
  ASSERT_EQ(calls.size(), 5u);
  EXPECT_EQ(calls.back(), std::make_pair(uint64_t{5}, uint64_t{5}));

  EXPECT_EQ(AllAnswers(), before);
  EXPECT_EQ(Xapian::Database(archive_->IndexPath()).get_metadata("docket_schema"), "1");
}

TEST_F(ReindexTest, BuildsFromNothingAndLeavesNoScratchFolders) {
  auto stats = Reindex(*archive_);
  ASSERT_TRUE(stats.ok()) << stats.status().ToString();
  EXPECT_EQ(IndexedCount(), 5u);
  EXPECT_EQ(FindIds("vendor:acme"), Ids{"inv1"});
  EXPECT_FALSE(std::filesystem::exists(archive_->IndexPath() + ".new"));
  EXPECT_FALSE(std::filesystem::exists(archive_->IndexPath() + ".old"));
}

TEST_F(ReindexTest, RemovesStaleDocuments) {
  auto stale = MakeDoc("gone1", "invoice", "2024-01-01T00:00:00Z", "gone.pdf", {},
                       {"a document whose record was removed"});
  auto docs = SampleDocs();
  docs.push_back(stale);
  IndexDirectly(docs);
  EXPECT_EQ(FindIds("removed"), Ids{"gone1"});

  ASSERT_TRUE(Reindex(*archive_).ok());
  EXPECT_EQ(FindIds("removed"), Ids{});
  EXPECT_EQ(IndexedCount(), 5u);
}

TEST_F(ReindexTest, IndexesArchivedRecordsOnly) {
  auto dup = MakeDoc("dup1", "other", "2024-07-01T00:00:00Z", "copy.pdf", {}, {"duplicate copy"});
  dup.record.status = "duplicate";
  auto rej = MakeDoc("rej1", "other", "2024-07-01T00:00:00Z", "bad.pdf", {}, {"rejected file"});
  rej.record.status = "rejected";
  rej.record.error = "encrypted";
  for (const auto* d : {&dup, &rej}) {
    ASSERT_TRUE(archive_->PutPages(d->record.id, d->pages).ok());
    ASSERT_TRUE(archive_->PutRecord(d->record).ok());
  }
  auto stats = Reindex(*archive_);
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->indexed, 5u);
  EXPECT_EQ(IndexedCount(), 5u);
  EXPECT_EQ(FindIds("copy OR rejected"), Ids{});
}

TEST_F(ReindexTest, CountsUnreadableRecordsAndKeepsRecordsWithoutPages) {
  auto nopages = MakeDoc("nopages1", "invoice", "2024-07-01T00:00:00Z", "x.pdf",
                         {{"invoice_number", testing::F("NP-1")}}, {});
  ASSERT_TRUE(archive_->PutRecord(nopages.record).ok());  // no pages file
  std::ofstream(archive_->dir() + "/records/broken1.json") << "{ not json";

  auto stats = Reindex(*archive_);
  ASSERT_TRUE(stats.ok()) << stats.status().ToString();
  EXPECT_EQ(stats->indexed, 6u);
  EXPECT_EQ(stats->unreadable, 1u);
  EXPECT_EQ(FindIds("invoice:np1"), Ids{"nopages1"});
}

TEST_F(ReindexTest, ClearsLeftoversOfAnInterruptedRun) {
  std::filesystem::create_directories(archive_->IndexPath() + ".new/junk");
  std::filesystem::create_directories(archive_->IndexPath() + ".old/junk");
  ASSERT_TRUE(Reindex(*archive_).ok());
  EXPECT_EQ(IndexedCount(), 5u);
  EXPECT_FALSE(std::filesystem::exists(archive_->IndexPath() + ".new"));
  EXPECT_FALSE(std::filesystem::exists(archive_->IndexPath() + ".old"));
}

TEST_F(ReindexTest, BusyWhileAnotherWriterHoldsTheIndex) {
  IndexDirectly(SampleDocs());
  auto w = IndexWriter::Open(archive_->IndexPath());
  ASSERT_TRUE(w.ok());
  auto stats = Reindex(*archive_);
  ASSERT_FALSE(stats.ok());
  EXPECT_EQ(stats.status().code(), Status::Code::kBusy);
  EXPECT_FALSE(std::filesystem::exists(archive_->IndexPath() + ".new"));
}

TEST_F(ReindexTest, ReplacesADamagedIndex) {
  std::filesystem::create_directories(archive_->IndexPath());
  std::ofstream(archive_->IndexPath() + "/iamglass") << "garbage";
  auto stats = Reindex(*archive_);
  ASSERT_TRUE(stats.ok()) << stats.status().ToString();
  EXPECT_EQ(IndexedCount(), 5u);
}

TEST_F(ReindexTest, LongLivedSearcherSeesTheSwappedIndex) {
  IndexDirectly(SampleDocs());
  auto s = Searcher::Open(archive_->IndexPath());
  ASSERT_TRUE(s.ok());
  EXPECT_EQ((*s)->Search("", {})->total, 5u);
  // A record added to the store only; reindex picks it up.
  auto late = MakeDoc("late1", "other", "2024-08-01T00:00:00Z", "late.pdf", {}, {"latecomer"});
  ASSERT_TRUE(archive_->PutPages(late.record.id, late.pages).ok());
  ASSERT_TRUE(archive_->PutRecord(late.record).ok());
  ASSERT_TRUE(Reindex(*archive_).ok());
  auto r = (*s)->Search("latecomer", {});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->total, 1u);
}

}  // namespace
}  // namespace docket
