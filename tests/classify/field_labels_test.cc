// The embedded label file parses, and its format rejects what it should.
#include <gtest/gtest.h>

#include "classify/fields/labels.h"

namespace docket::fields {
namespace {

TEST(Labels, EmbeddedFileParsesAndCoversEveryField) {
  for (const char* f : {"invoice_number", "invoice_date", "due_date", "po_number", "total_amount", "tax_amount",
                        "customer_name", "vendor_tax_id", "loan_number", "applicant_name", "loan_amount",
                        "interest_rate", "term_months", "application_date", "date_of_birth", "expiry_date"}) {
    EXPECT_FALSE(LabelsFor(f).empty()) << f;
  }
  bool found = false;
  for (const Label& l : LabelsFor("total_amount")) found = found || l.text == "Grand Total";
  EXPECT_TRUE(found);
}

TEST(Labels, Format) {
  auto t = ParseLabels("# comment\nx: Invoice No. | Date (0.6) | ~payable to | Given Name(s)\n");
  ASSERT_TRUE(t.ok());
  const auto& x = t->at("x");
  ASSERT_EQ(x.size(), 4u);
  EXPECT_EQ(x[0].tokens, (std::vector<std::string>{"invoice", "no"}));
  EXPECT_DOUBLE_EQ(x[1].weight, 0.6);
  EXPECT_TRUE(x[2].inside_line);
  EXPECT_EQ(x[3].text, "Given Name(s)");
  EXPECT_FALSE(ParseLabels("no colon here\n").ok());
  EXPECT_FALSE(ParseLabels("x: a (1.5)\n").ok());
  EXPECT_EQ(LabelTokens("P.O. #"), (std::vector<std::string>{"p", "o", "#"}));
}

}  // namespace
}  // namespace docket::fields
