// Facet counts (SearchOptions::facets): per type, vendor and month, over
// every matching document, not only the hits shown.
#include <gtest/gtest.h>

#include "index/searcher.h"
#include "index/writer.h"
#include "tests/index/index_samples.h"

namespace docket {
namespace {

using testing::SampleDocs;
using testing::TempDir;
using Counts = std::map<std::string, uint64_t>;

class FacetsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto w = IndexWriter::Open(dir_.path() + "/index");
    ASSERT_TRUE(w.ok()) << w.status().ToString();
    for (const auto& d : SampleDocs()) ASSERT_TRUE((*w)->Put(d.record, d.pages).ok());
    ASSERT_TRUE((*w)->Commit().ok());
    auto s = Searcher::Open(dir_.path() + "/index");
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    searcher_ = std::move(*s);
  }

  SearchResult Find(const std::string& query, int limit = 10, bool facets = true) {
    SearchOptions options;
    options.limit = limit;
    options.facets = facets;
    auto r = searcher_->Search(query, options);
    EXPECT_TRUE(r.ok()) << query << ": " << r.status().ToString();
    return r.ok() ? *r : SearchResult{};
  }

  TempDir dir_;
  std::unique_ptr<Searcher> searcher_;
};

TEST_F(FacetsTest, CountsEveryMatchNotOnlyTheHitsShown) {
  SearchResult r = Find("", /*limit=*/1);
  EXPECT_EQ(r.total, 5u);
  EXPECT_EQ(r.hits.size(), 1u);
  EXPECT_EQ(r.facets["type"], (Counts{{"invoice", 2}, {"kyc", 1}, {"loan", 1}, {"other", 1}}));
  EXPECT_EQ(r.facets["vendor"],
            (Counts{{"Acme Traders Pvt Ltd", 1}, {"Bharat Steel Works", 1}}));
  // invoice_date, else application_date, else the day archived.
  EXPECT_EQ(r.facets["month"],
            (Counts{{"2024-02", 1}, {"2024-03", 2}, {"2024-05", 1}, {"2024-06", 1}}));
}

TEST_F(FacetsTest, FollowTheQuery) {
  SearchResult r = Find("priya");
  EXPECT_EQ(r.total, 2u);
  EXPECT_EQ(r.facets["type"], (Counts{{"kyc", 1}, {"loan", 1}}));
  EXPECT_TRUE(r.facets["vendor"].empty());
  EXPECT_EQ(r.facets["month"], (Counts{{"2024-03", 2}}));

  r = Find("type:invoice date:2024-05");
  EXPECT_EQ(r.facets["vendor"], (Counts{{"Bharat Steel Works", 1}}));
}

TEST_F(FacetsTest, OnlyWhenAskedAndEmptyWithoutMatches) {
  EXPECT_TRUE(Find("chairs", 10, /*facets=*/false).facets.empty());
  SearchResult none = Find("zeppelin");
  EXPECT_EQ(none.total, 0u);
  EXPECT_TRUE(none.facets["type"].empty());
}

}  // namespace
}  // namespace docket
