#include "index/searcher.h"

#include <gtest/gtest.h>

#include "index/writer.h"
#include "tests/index/index_samples.h"

namespace docket {
namespace {

using testing::MakeDoc;
using testing::SampleDocs;
using testing::SortedIds;
using testing::TempDir;
using Ids = std::vector<std::string>;

class SearcherTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto w = IndexWriter::Open(IndexPath());
    ASSERT_TRUE(w.ok()) << w.status().ToString();
    for (const auto& d : SampleDocs()) ASSERT_TRUE((*w)->Put(d.record, d.pages).ok());
    ASSERT_TRUE((*w)->Commit().ok());
    auto s = Searcher::Open(IndexPath());
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    searcher_ = std::move(*s);
  }

  std::string IndexPath() const { return dir_.path() + "/index"; }

  SearchResult Find(const std::string& query, SearchOptions options = {}) {
    auto r = searcher_->Search(query, options);
    EXPECT_TRUE(r.ok()) << query << ": " << r.status().ToString();
    return r.ok() ? *r : SearchResult{};
  }

  Ids FindIds(const std::string& query) { return SortedIds(Find(query, {0, 100})); }

  TempDir dir_;
  std::unique_ptr<Searcher> searcher_;
};

TEST_F(SearcherTest, Words) {
  EXPECT_EQ(FindIds("chairs"), Ids{"inv1"});
  EXPECT_EQ(FindIds("chair"), Ids{"inv1"});  // stemmed
  EXPECT_EQ(FindIds("CHENNAI"), Ids{"loan1"});
  EXPECT_EQ(FindIds("priya"), (Ids{"kyc1", "loan1"}));
  EXPECT_EQ(FindIds("zeppelin"), Ids{});
}

TEST_F(SearcherTest, Phrases) {
  EXPECT_EQ(FindIds("\"office chairs\""), Ids{"inv1"});
  EXPECT_EQ(FindIds("\"chairs office\""), Ids{});
  // Pages are apart: no phrase across a page break.
  EXPECT_EQ(FindIds("\"cabinets total\""), Ids{});
}

TEST_F(SearcherTest, BooleanOperators) {
  EXPECT_EQ(FindIds("steel chairs"), Ids{"inv1"});  // AND by default
  EXPECT_EQ(FindIds("chairs OR rods"), (Ids{"inv1", "inv2"}));
  EXPECT_EQ(FindIds("steel NOT chairs"), Ids{"inv2"});
  EXPECT_EQ(FindIds("steel -chairs"), Ids{"inv2"});
  EXPECT_EQ(FindIds("(chairs OR rods) AND pune"), Ids{"inv2"});
}

TEST_F(SearcherTest, LowerCaseOperators) {
  EXPECT_EQ(FindIds("chairs or rods"), (Ids{"inv1", "inv2"}));
  EXPECT_EQ(FindIds("steel not chairs"), Ids{"inv2"});
  EXPECT_EQ(FindIds("not steel"), (Ids{"kyc1", "loan1", "other1"}));
  // Where they cannot be operators they are words, not an error.
  auto r = searcher_->Search("meeting and", {});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(SortedIds(*r), Ids{"other1"});
}

TEST_F(SearcherTest, TypeFilter) {
  EXPECT_EQ(FindIds("type:invoice"), (Ids{"inv1", "inv2"}));
  EXPECT_EQ(FindIds("type:Invoice steel rods"), Ids{"inv2"});
  EXPECT_EQ(FindIds("type:loan type:kyc"), (Ids{"kyc1", "loan1"}));  // same prefix ORs
  EXPECT_EQ(FindIds("priya -type:kyc"), Ids{"loan1"});
  EXPECT_EQ(FindIds("id:kyc1"), Ids{"kyc1"});
}

TEST_F(SearcherTest, ReferenceFieldsIgnoreSpacingAndCase) {
  EXPECT_EQ(FindIds("pan:\"abcde 1234 f\""), Ids{"kyc1"});
  EXPECT_EQ(FindIds("pan:abcde1234f"), Ids{"kyc1"});
  EXPECT_EQ(FindIds("id_number:ABCDE1234F"), Ids{"kyc1"});
  EXPECT_EQ(FindIds("pan:ABCDE1234G"), Ids{});
  EXPECT_EQ(FindIds("invoice:\"inv 2024 001\""), Ids{"inv1"});
  EXPECT_EQ(FindIds("invoice_number:inv-2024001"), Ids{"inv1"});
  EXPECT_EQ(FindIds("invoice:bsw778"), Ids{"inv2"});
  EXPECT_EQ(FindIds("loan:hl0042"), Ids{"loan1"});
  EXPECT_EQ(FindIds("invoice:INV*"), Ids{"inv1"});
  EXPECT_EQ(FindIds("invoice:inv-2024001 invoice:bsw/778"), (Ids{"inv1", "inv2"}));
}

TEST_F(SearcherTest, OtherFieldsMatchExactly) {
  EXPECT_EQ(FindIds("currency:inr"), (Ids{"inv1", "inv2"}));
  EXPECT_EQ(FindIds("total_amount:25000.00"), Ids{"inv1"});
  EXPECT_EQ(FindIds("total_amount:2500000"), Ids{});  // '.' is kept
  EXPECT_EQ(FindIds("dob:1990-01-01"), Ids{"kyc1"});
}

TEST_F(SearcherTest, NameFields) {
  EXPECT_EQ(FindIds("vendor:\"Acme Traders\""), Ids{"inv1"});
  EXPECT_EQ(FindIds("vendor:acme"), Ids{"inv1"});
  EXPECT_EQ(FindIds("vendor:ACME"), Ids{"inv1"});
  EXPECT_EQ(FindIds("vendor:\"Traders Acme\""), Ids{});
  EXPECT_EQ(FindIds("vendor:northwind"), Ids{});  // the customer, not the vendor
  EXPECT_EQ(FindIds("customer:northwind"), Ids{"inv1"});
  EXPECT_EQ(FindIds("vendor:bhar*"), Ids{"inv2"});
  EXPECT_EQ(FindIds("applicant:\"priya raman\""), Ids{"loan1"});
  EXPECT_EQ(FindIds("name:\"Priya Raman\""), (Ids{"kyc1", "loan1"}));
}

TEST_F(SearcherTest, FileName) {
  EXPECT_EQ(FindIds("file:acme"), Ids{"inv1"});
  EXPECT_EQ(FindIds("file:scan_acme_feb.pdf"), Ids{"inv1"});
  EXPECT_EQ(FindIds("bharat"), Ids{"inv2"});
}

TEST_F(SearcherTest, DateRange) {
  // kyc1 has no document date: it is dated by its arrival (2024-03-12).
  EXPECT_EQ(FindIds("date:2024-02-01..2024-03-31"), (Ids{"inv1", "kyc1", "loan1"}));
  EXPECT_EQ(FindIds("date:2024-02-01..2024-03-11"), (Ids{"inv1", "loan1"}));
  EXPECT_EQ(FindIds("date:2024-02-15..2024-02-15"), Ids{"inv1"});
  EXPECT_EQ(FindIds("date:2024-05"), Ids{"inv2"});
  EXPECT_EQ(FindIds("date:2024-03-10"), Ids{"loan1"});
  EXPECT_EQ(FindIds("date:..2024-02-29"), Ids{"inv1"});
  EXPECT_EQ(FindIds("date:2024-05-01.."), (Ids{"inv2", "other1"}));
  EXPECT_EQ(FindIds("date:2024-02..2024-03 priya"), (Ids{"kyc1", "loan1"}));
  EXPECT_EQ(FindIds("date:2024-02..2024-03 priya -type:kyc"), Ids{"loan1"});
}

TEST_F(SearcherTest, AmountRange) {
  EXPECT_EQ(FindIds("amount:10000..50000"), Ids{"inv1"});
  EXPECT_EQ(FindIds("amount:100000.."), (Ids{"inv2", "loan1"}));
  EXPECT_EQ(FindIds("amount:25000"), Ids{"inv1"});
  EXPECT_EQ(FindIds("amount:1,00,000..2,00,000"), Ids{"inv2"});
}

TEST_F(SearcherTest, SnippetMarksTheMatchedWord) {
  SearchResult r = Find("chairs");
  ASSERT_EQ(r.hits.size(), 1u);
  EXPECT_NE(r.hits[0].snippet.find("<mark>chairs</mark>"), std::string::npos) << r.hits[0].snippet;
  EXPECT_EQ(r.hits[0].snippet.find('\n'), std::string::npos) << "a snippet is one line";
  SearchResult phrase = Find("\"steel rods\"");
  ASSERT_EQ(phrase.hits.size(), 1u);
  EXPECT_NE(phrase.hits[0].snippet.find("<mark>"), std::string::npos);
}

TEST_F(SearcherTest, LongTextSnippetIsAPassageAroundTheMatch) {
  std::string text;
  for (int i = 0; i < 200; ++i) text += "routine ledger line " + std::to_string(i) + ". ";
  text += "The auditor flagged a discrepancy here. ";
  for (int i = 0; i < 200; ++i) text += "more routine lines " + std::to_string(i) + ". ";
  auto d = MakeDoc("long1", "other", "2024-01-01T00:00:00Z", "long.pdf", {}, {text});
  {
    auto w = IndexWriter::Open(IndexPath());
    ASSERT_TRUE(w.ok());
    ASSERT_TRUE((*w)->Put(d.record, d.pages).ok());
  }
  SearchResult r = Find("discrepancy");
  ASSERT_EQ(r.hits.size(), 1u);
  const std::string& snippet = r.hits[0].snippet;
  EXPECT_NE(snippet.find("<mark>discrepancy</mark>"), std::string::npos) << snippet;
  EXPECT_LT(snippet.size(), 400u) << snippet;
  EXPECT_EQ(snippet.find("line 0."), std::string::npos) << snippet;
}

TEST_F(SearcherTest, SnippetIsHtmlEscaped) {
  SearchResult r = Find("auditors");
  ASSERT_EQ(r.hits.size(), 1u);
  EXPECT_EQ(r.hits[0].snippet.find("<and>"), std::string::npos) << r.hits[0].snippet;
  EXPECT_NE(r.hits[0].snippet.find("&lt;and&gt;"), std::string::npos) << r.hits[0].snippet;
}

TEST_F(SearcherTest, HitsCarryTheRecord) {
  SearchResult r = Find("pan:ABCDE1234F");
  ASSERT_EQ(r.hits.size(), 1u);
  const SearchHit& h = r.hits[0];
  EXPECT_EQ(h.id, "kyc1");
  EXPECT_EQ(h.type, "kyc");
  EXPECT_EQ(h.fields.at("full_name"), "Priya Raman");
  EXPECT_EQ(h.fields.at("id_number"), "ABCDE1234F");
  EXPECT_FALSE(h.snippet.empty());
  SearchResult words = Find("priya chennai");
  ASSERT_EQ(words.hits.size(), 1u);
  EXPECT_GT(words.hits[0].score, 0.0);
  EXPECT_LE(words.hits[0].score, 1.0);
}

TEST_F(SearcherTest, EmptyQueryMatchesEverythingNewestFirst) {
  SearchResult r = Find("", {0, 100});
  EXPECT_EQ(r.total, 5u);
  ASSERT_EQ(r.hits.size(), 5u);
  EXPECT_EQ(r.hits[0].id, "other1");
  EXPECT_EQ(r.hits[4].id, "inv1");
  EXPECT_EQ(Find("   ").total, 5u);
}

TEST_F(SearcherTest, TotalIsExactBeyondThePage) {
  {
    auto w = IndexWriter::Open(IndexPath());
    ASSERT_TRUE(w.ok());
    for (int i = 0; i < 300; ++i) {
      std::string filler = (i % 3 == 0) ? "ledger voucher" : "ledger";
      auto d = MakeDoc("bulk" + std::to_string(i), "other", "2023-01-01T00:00:00Z", "bulk.pdf", {},
                       {filler + " entry number " + std::to_string(i)});
      ASSERT_TRUE((*w)->Put(d.record, d.pages).ok());
    }
  }
  SearchOptions first5{0, 5};
  first5.exact_up_to = 1000;
  SearchResult r = Find("ledger", first5);
  EXPECT_TRUE(r.total_exact);
  EXPECT_EQ(r.total, 300u);
  EXPECT_EQ(r.hits.size(), 5u);
  SearchResult voucher = Find("ledger voucher", {95, 10});
  EXPECT_EQ(voucher.total, 100u);
  EXPECT_EQ(voucher.hits.size(), 5u);
  EXPECT_EQ(Find("ledger", {0, 0}).hits.size(), 0u);
}

// Past SearchOptions::exact_up_to matches the total and the facets are
// estimates, and the result says so; the hits themselves stay the best ones.
TEST_F(SearcherTest, PastExactUpToTheTotalIsAnEstimateAndSaysSo) {
  {
    auto w = IndexWriter::Open(IndexPath());
    ASSERT_TRUE(w.ok());
    for (int i = 0; i < 600; ++i) {
      // Every fifth is an invoice; every tenth says "audit" twice, so those
      // rank first for "ledger audit".
      std::string text = "ledger entry " + std::to_string(i) + (i % 10 == 0 ? " audit audit" : " audit");
      auto d = MakeDoc("bulk" + std::to_string(i), i % 5 == 0 ? "invoice" : "other",
                       "2023-01-01T00:00:00Z", "bulk.pdf", {}, {text});
      ASSERT_TRUE((*w)->Put(d.record, d.pages).ok());
    }
  }
  SearchOptions exact{0, 10, /*facets=*/true};
  exact.exact_up_to = 1000;
  SearchResult all = Find("ledger audit", exact);
  ASSERT_TRUE(all.total_exact);
  ASSERT_EQ(all.total, 600u);
  EXPECT_EQ(all.facets["type"], (std::map<std::string, uint64_t>{{"invoice", 120}, {"other", 480}}));

  SearchOptions bounded = exact;
  bounded.exact_up_to = 50;
  SearchResult some = Find("ledger audit", bounded);
  EXPECT_FALSE(some.total_exact);
  // Xapian's estimate: in the right range, not a count of what was checked.
  EXPECT_GT(some.total, 50u);
  EXPECT_LE(some.total, 600u);
  // The facets are scaled to the estimate, in about the right proportion.
  uint64_t invoices = some.facets["type"]["invoice"], others = some.facets["type"]["other"];
  EXPECT_NEAR(static_cast<double>(invoices + others), static_cast<double>(some.total), 2.0);
  EXPECT_GT(others, invoices);
  EXPECT_EQ(SortedIds(some), SortedIds(all));
  for (const SearchHit& h : some.hits) EXPECT_EQ(std::stoi(h.id.substr(4)) % 10, 0) << h.id;
}

TEST_F(SearcherTest, ParseErrorsAreInvalid) {
  for (const char* bad : {"chairs AND", "1..2", "amount:lots..more", "date:2024-13-01",
                          "date:yesterday..today", "amount:cheap"}) {
    auto r = searcher_->Search(bad, {});
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.status().code(), Status::Code::kInvalid) << bad;
    EXPECT_FALSE(r.status().message().empty());
  }
}

TEST_F(SearcherTest, SeesLaterCommits) {
  EXPECT_EQ(Find("invoice").total, 2u);
  auto w = IndexWriter::Open(IndexPath());
  ASSERT_TRUE(w.ok());
  // Several commits, so that an unrefreshed reader would be left behind.
  for (int i = 0; i < 4; ++i) {
    auto d = MakeDoc("late" + std::to_string(i), "invoice", "2024-07-01T00:00:00Z", "late.pdf", {},
                     {"late invoice number " + std::to_string(i)});
    ASSERT_TRUE((*w)->Put(d.record, d.pages).ok());
    ASSERT_TRUE((*w)->Commit().ok());
  }
  EXPECT_EQ(Find("invoice").total, 6u);
}

TEST(SearcherNoIndexTest, MissingIndexFindsNothingUntilWritten) {
  TempDir dir;
  std::string path = dir.path() + "/index";
  auto s = Searcher::Open(path);
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  auto empty = (*s)->Search("", {});
  ASSERT_TRUE(empty.ok());
  EXPECT_EQ(empty->total, 0u);
  EXPECT_FALSE((*s)->Search("chairs AND", {}).ok());  // still checked

  auto w = IndexWriter::Open(path);
  ASSERT_TRUE(w.ok());
  auto d = SampleDocs()[0];
  ASSERT_TRUE((*w)->Put(d.record, d.pages).ok());
  ASSERT_TRUE((*w)->Commit().ok());
  auto found = (*s)->Search("chairs", {});
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(found->total, 1u);
}

}  // namespace
}  // namespace docket

namespace docket {
namespace {

class SearchOrderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto w = IndexWriter::Open(dir_.path() + "/index");
    ASSERT_TRUE(w.ok());
    for (const auto& d : testing::SampleDocs()) ASSERT_TRUE((*w)->Put(d.record, d.pages).ok());
    ASSERT_TRUE((*w)->Commit().ok());
    searcher_ = std::move(*Searcher::Open(dir_.path() + "/index"));
  }
  std::vector<std::string> Order(const std::string& q, SortOrder sort) {
    SearchOptions o;
    o.limit = 100;
    o.sort = sort;
    auto r = searcher_->Search(q, o);
    EXPECT_TRUE(r.ok());
    std::vector<std::string> ids;
    for (const SearchHit& h : r->hits) ids.push_back(h.id);
    return ids;
  }
  testing::TempDir dir_;
  std::unique_ptr<Searcher> searcher_;
};

TEST_F(SearchOrderTest, SortsByDocumentDateAndAmount) {
  // inv1 2024-02-15, loan1 2024-03-10, inv2 2024-05-02.
  EXPECT_EQ(Order("type:invoice OR type:loan", SortOrder::kNewest),
            (std::vector<std::string>{"inv2", "loan1", "inv1"}));
  EXPECT_EQ(Order("type:invoice OR type:loan", SortOrder::kOldest),
            (std::vector<std::string>{"inv1", "loan1", "inv2"}));
  // 25,000 < 1,20,000 < 25,00,000.
  EXPECT_EQ(Order("type:invoice OR type:loan", SortOrder::kAmountHigh),
            (std::vector<std::string>{"loan1", "inv2", "inv1"}));
  EXPECT_EQ(Order("type:invoice OR type:loan", SortOrder::kAmountLow),
            (std::vector<std::string>{"inv1", "inv2", "loan1"}));
}

TEST_F(SearchOrderTest, SuggestsTheSpellingTheArchiveHolds) {
  auto r = searcher_->Search("cabinnets", SearchOptions{});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->total, 0u);
  EXPECT_EQ(r->suggestion, "cabinets");
  auto right = searcher_->Search("cabinets", SearchOptions{});
  ASSERT_TRUE(right.ok());
  EXPECT_EQ(right->total, 1u);
  EXPECT_EQ(right->suggestion, "");
}

}  // namespace
}  // namespace docket
