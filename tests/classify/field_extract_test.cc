// Extraction on real stored pages of samples (tests/classify/fixtures: the
// pages docket stored for samples/corpus/train documents), against their
// truth files.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include <boost/json.hpp>

#include "classify/extract.h"
#include "classify/field_eval.h"
#include "tests/classify/fixture_pages.h"
#include "tests/testutil/samples.h"

namespace docket {
namespace {

using testing::LoadFixturePages;

std::map<std::string, std::string> Truth(const std::string& sample) {
  std::ifstream in(testing::SamplePath("corpus/train/" + sample + ".truth.json"));
  std::stringstream ss;
  ss << in.rdbuf();
  std::map<std::string, std::string> out;
  boost::json::value doc = boost::json::parse(ss.str());
  for (const auto& kv : doc.at("fields").as_object()) {
    out[kv.key()] = kv.value().as_string().c_str();
  }
  return out;
}

// Every field of the truth found with its value, nothing else found, each
// with a confidence, a page and a box on the page.
void ExpectAllFields(const std::string& type, const std::string& fixture, const std::string& sample) {
  FieldSet found = ExtractFields(type, LoadFixturePages(fixture));
  auto truth = Truth(sample);
  for (const auto& [name, value] : truth) {
    auto it = found.find(name);
    ASSERT_NE(it, found.end()) << sample << ": " << name << " missing";
    EXPECT_TRUE(SameFieldValue(name, value, it->second.value)) << sample << ": " << name << " = " << it->second.value;
    EXPECT_GT(it->second.confidence, 0.5);
    EXPECT_LE(it->second.confidence, 1.0);
    EXPECT_GE(it->second.page, 1);
    ASSERT_TRUE(it->second.box.has_value()) << name;
    EXPECT_LT(it->second.box->left, it->second.box->right);
  }
  for (const auto& [name, f] : found) EXPECT_TRUE(truth.count(name)) << sample << ": extra " << name << " = " << f.value;
}

TEST(Extract, IndianGstInvoiceFromTextLayer) {
  ExpectAllFields("invoice", "invoice_in_gst_pdf.pages.json", "invoice-000-born_digital");
}

TEST(Extract, UsInvoiceFromStandardFax) {
  ExpectAllFields("invoice", "invoice_us_fax.pages.json", "invoice-006-fax_standard");
}

TEST(Extract, UkMortgageOfferInSentences) {
  ExpectAllFields("loan", "loan_uk_offer_tiff.pages.json", "loan-006-tiff");
}

TEST(Extract, AadhaarFromFax) {
  ExpectAllFields("kyc", "aadhaar_fax.pages.json", "kyc-003-fax_standard");
}

TEST(Extract, OtherTypesHaveNoFields) {
  EXPECT_TRUE(ExtractFields("other", LoadFixturePages("invoice_us_fax.pages.json")).empty());
}

TEST(Extract, ArithmeticLowersAMisreadTotal) {
  // The total no longer equals subtotal + tax: neither is accepted as sure.
  std::vector<Page> pages = LoadFixturePages("invoice_us_fax.pages.json");
  for (Word& w : pages[0].words) {
    if (w.text == "$2,143.39") w.text = "$2,148.39";
  }
  FieldSet f = ExtractFields("invoice", pages);
  auto it = f.find("total_amount");
  EXPECT_TRUE(it == f.end() || it->second.confidence < 0.9);
}

TEST(Extract, InvalidGstinIsNotAccepted) {
  std::vector<Page> pages = LoadFixturePages("invoice_in_gst_pdf.pages.json");
  for (Word& w : pages[0].words) {
    if (w.text == "36KMSFA8877B3ZZ") w.text = "36KMSFA8877B3ZY";
  }
  FieldSet f = ExtractFields("invoice", pages);
  EXPECT_FALSE(f.count("vendor_tax_id") && f["vendor_tax_id"].value == "36KMSFA8877B3ZY");
}

TEST(FieldEval, ComparesNormalForms) {
  EXPECT_TRUE(SameFieldValue("interest_rate", "10.50", "10.5"));
  EXPECT_FALSE(SameFieldValue("interest_rate", "10.50", "10.05"));
  EXPECT_TRUE(SameFieldValue("full_name", "ANIL QURESHI", "Anil  Qureshi"));
  EXPECT_FALSE(SameFieldValue("id_number", "ABCDE1234F", "abcde1234f"));
  EXPECT_EQ(FormatGroup("tiff"), "scanned");
  EXPECT_EQ(FormatGroup("fax_fine"), "fax");
}

TEST(FieldEval, CountsWrongValuesAsFoundAndMissed) {
  EvalCase c;
  c.format = "fax_fine";
  c.true_type = "invoice";
  c.true_fields = {{"invoice_number", "A1"}, {"total_amount", "10.00"}};
  c.predicted_fields["invoice_number"].value = "A7";
  c.predicted_fields["total_amount"].value = "10";
  c.predicted_fields["no_truth_labels_this"].value = "x";  // not scored
  auto r = FieldReport({c});
  EXPECT_EQ(r.at("unscored").to_number<int>(), 1);
  const auto& all = r.at("overall").as_object();
  EXPECT_EQ(all.at("right").to_number<int>(), 1);
  EXPECT_EQ(all.at("found").to_number<int>(), 2);
  EXPECT_EQ(all.at("truth").to_number<int>(), 2);
  EXPECT_DOUBLE_EQ(r.at("by_format_group").at("fax").at("precision").to_number<double>(), 0.5);
}

}  // namespace
}  // namespace docket
