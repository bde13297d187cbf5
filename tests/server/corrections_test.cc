// Corrections on records: normal forms, history, the training marker,
// needs_review; CorrectRecord on a real archive and index.
#include <gtest/gtest.h>

#include "index/searcher.h"
#include "server/corrections.h"
#include "tests/server/server_fixture.h"
#include "tests/testutil/temp_dir.h"

namespace docket::server {
namespace {

Record Invoice() {
  Record r;
  r.id = "abc";
  r.status = "archived";
  r.type = "invoice";
  r.confidence = 0.95;
  Field f;
  f.value = "INV-1";
  f.confidence = 0.5;
  f.page = 1;
  f.box = Box{0.1, 0.1, 0.2, 0.12};
  r.fields["invoice_number"] = f;
  return r;
}

TEST(NormaliseFieldValue, ValuesTakeTheContractsNormalForms) {
  EXPECT_EQ(*NormaliseFieldValue("invoice_date", " 2024-02-29 "), "2024-02-29");
  EXPECT_FALSE(NormaliseFieldValue("invoice_date", "2023-02-29").ok());
  EXPECT_FALSE(NormaliseFieldValue("due_date", "07/03/2024").ok());
  EXPECT_EQ(*NormaliseFieldValue("total_amount", "1,50,000.00"), "150000.00");
  EXPECT_FALSE(NormaliseFieldValue("total_amount", "12.3.4").ok());
  EXPECT_FALSE(NormaliseFieldValue("loan_amount", "ten").ok());
  EXPECT_EQ(*NormaliseFieldValue("currency", "inr"), "INR");
  EXPECT_FALSE(NormaliseFieldValue("currency", "RUPEES").ok());
  EXPECT_EQ(*NormaliseFieldValue("interest_rate", "8.75 %"), "8.75");
  EXPECT_EQ(*NormaliseFieldValue("term_months", "240"), "240");
  EXPECT_FALSE(NormaliseFieldValue("term_months", "20 years").ok());
  EXPECT_EQ(*NormaliseFieldValue("id_number", "abcde 1234f"), "ABCDE1234F");
  EXPECT_EQ(*NormaliseFieldValue("nationality", "ind"), "IND");
  EXPECT_TRUE(NormaliseFieldValue("id_type", "passport").ok());
  EXPECT_FALSE(NormaliseFieldValue("id_type", "library card").ok());
  EXPECT_EQ(*NormaliseFieldValue("full_name", "  Priya   Raman "), "Priya Raman");
  EXPECT_FALSE(NormaliseFieldValue("favourite_colour", "blue").ok());
  EXPECT_FALSE(NormaliseFieldValue("vendor_name", std::string(300, 'a')).ok());
}

TEST(ApplyCorrection, AFieldKeepsItsPlaceAndGainsHistory) {
  Record r = Invoice();
  CorrectionOptions o;
  EXPECT_TRUE(NeedsReview(r, o));  // invoice_number at 50%
  ASSERT_TRUE(ApplyCorrection(&r, {"asha", "2024-06-01T09:00:00Z", std::nullopt, "invoice_number", "inv-2"}, o).ok());
  const Field& f = r.fields.at("invoice_number");
  EXPECT_EQ(f.value, "INV-2");
  EXPECT_EQ(f.confidence, 1.0);
  EXPECT_EQ(f.page, 1);
  EXPECT_TRUE(f.box.has_value());
  const auto& h = r.extra.at("history").as_array().at(0).as_object();
  EXPECT_EQ(h.at("by").as_string(), "asha");
  EXPECT_EQ(h.at("at").as_string(), "2024-06-01T09:00:00Z");
  EXPECT_EQ(h.at("old").as_string(), "INV-1");
  EXPECT_EQ(h.at("new").as_string(), "INV-2");
  EXPECT_FALSE(r.extra.at("needs_review").as_bool());
  EXPECT_FALSE(NeedsReview(r, o));
  // Added, then removed: old null, then new null.
  ASSERT_TRUE(ApplyCorrection(&r, {"asha", "", std::nullopt, "currency", "usd"}, o).ok());
  ASSERT_TRUE(ApplyCorrection(&r, {"asha", "", std::nullopt, "currency", ""}, o).ok());
  const auto& hist = r.extra.at("history").as_array();
  ASSERT_EQ(hist.size(), 3u);
  EXPECT_TRUE(hist[1].at("old").is_null());
  EXPECT_TRUE(hist[2].at("new").is_null());
  EXPECT_FALSE(r.fields.count("currency"));
  // A field another type has, or removing what is not there: refused.
  EXPECT_FALSE(ApplyCorrection(&r, {"asha", "", std::nullopt, "loan_number", "L1"}, o).ok());
  EXPECT_FALSE(ApplyCorrection(&r, {"asha", "", std::nullopt, "po_number", ""}, o).ok());
}

TEST(ApplyCorrection, ATypeCorrectionSettlesTheTypeAndMarksItForTraining) {
  Record r = Invoice();
  r.confidence = 0.55;
  r.extra["needs_review"] = true;
  r.fields.clear();
  CorrectionOptions o;
  Record unsure = r;
  ASSERT_TRUE(ApplyCorrection(&unsure, {"asha", "", std::nullopt, "vendor_name", "Acme"}, o).ok());
  EXPECT_TRUE(unsure.extra.at("needs_review").as_bool());  // the type is still unsure
  ASSERT_TRUE(ApplyCorrection(&r, {"asha", "2024-06-01T09:00:00Z", std::string("loan"), "", ""}, o).ok());
  EXPECT_EQ(r.type, "loan");
  EXPECT_EQ(r.confidence, 1.0);
  const auto& tc = r.extra.at("type_corrected").as_object();
  EXPECT_EQ(tc.at("by").as_string(), "asha");
  EXPECT_EQ(tc.at("at").as_string(), "2024-06-01T09:00:00Z");
  EXPECT_EQ(tc.at("from").as_string(), "invoice");
  EXPECT_FALSE(r.extra.at("needs_review").as_bool());
  EXPECT_FALSE(ApplyCorrection(&r, {"asha", "", std::string("receipt"), "", ""}, o).ok());
  Record dup = Invoice();
  dup.status = "duplicate";
  EXPECT_FALSE(ApplyCorrection(&dup, {"asha", "", std::string("loan"), "", ""}, o).ok());
}

TEST(CorrectRecord, StoresTheRecordAndTheIndexFollows) {
  testing::TempDir tmp;
  auto fx = testing::MakeServerArchive(tmp / "a");
  auto archive = Archive::Open(fx.dir);
  ASSERT_TRUE(archive.ok());
  auto r = CorrectRecord(archive->get(), (*archive)->IndexPath(), fx.invoice_id,
                         {"asha", "", std::nullopt, "vendor_name", "Juniper Supplies"}, {});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ((*archive)->GetRecord(fx.invoice_id)->fields.at("vendor_name").value, "Juniper Supplies");
  auto searcher = Searcher::Open((*archive)->IndexPath());
  ASSERT_TRUE(searcher.ok());
  auto found = (*searcher)->Search("vendor:juniper", {});
  ASSERT_TRUE(found.ok());
  ASSERT_EQ(found->total, 1u);
  EXPECT_EQ(found->hits[0].id, fx.invoice_id);
  EXPECT_FALSE(CorrectRecord(archive->get(), (*archive)->IndexPath(), "0000000000000000",
                             {"asha", "", std::string("loan"), "", ""}, {})
                   .ok());
}

}  // namespace
}  // namespace docket::server
