// Dates, amounts, rates and terms as printed, to CONTRACT.md's normal forms.
#include <gtest/gtest.h>

#include "classify/fields/normalise_amount.h"
#include "classify/fields/normalise_date.h"
#include "classify/fields/normalise_term.h"

namespace docket::fields {
namespace {

std::string Date(const std::string& s, DateOrder o = DateOrder::kDayFirst) {
  auto d = FindDate(s, o);
  return d ? d->iso : "";
}

TEST(NormaliseDate, PrintedForms) {
  EXPECT_EQ(Date("07/03/2024"), "2024-03-07");
  EXPECT_EQ(Date("7 March 2024"), "2024-03-07");
  EXPECT_EQ(Date("Mar 7, 2024"), "2024-03-07");
  EXPECT_EQ(Date("2024-03-07"), "2024-03-07");
  EXPECT_EQ(Date("07-MAR-24"), "2024-03-07");
  EXPECT_EQ(Date("01.02.2023"), "2023-02-01");
  EXPECT_EQ(Date("Dated: 14-Nov-2023"), "2023-11-14");
  EXPECT_EQ(Date("19 MAR 1986"), "1986-03-19");
  EXPECT_EQ(Date("September 30, 2024"), "2024-09-30");
  EXPECT_EQ(Date("31/02/2024"), "");  // no such day
  EXPECT_EQ(Date("+91 24 6960 1323"), "");
}

TEST(NormaliseDate, DayOrMonthFirst) {
  EXPECT_EQ(Date("07/03/2024", DateOrder::kMonthFirst), "2024-07-03");
  EXPECT_EQ(Date("25/03/2024", DateOrder::kMonthFirst), "2024-03-25");  // 25 cannot be a month
  auto d = FindDate("07/03/2024", DateOrder::kUnknown);
  ASSERT_TRUE(d);
  EXPECT_TRUE(d->ambiguous);
  EXPECT_FALSE(FindDate("25/03/2024", DateOrder::kUnknown)->ambiguous);
}

std::string Amount(const std::string& s, std::string* cur = nullptr, bool dots = false) {
  AmountOptions o;
  o.dot_groups = dots;
  auto a = FindAmount(s, o);
  if (cur) *cur = a ? a->currency : "";
  return a ? a->value : "";
}

TEST(NormaliseAmount, Groupings) {
  std::string c;
  EXPECT_EQ(Amount("1,234,567.89"), "1234567.89");
  EXPECT_EQ(Amount("\xE2\x82\xB9" "12,34,567.89", &c), "1234567.89");
  EXPECT_EQ(c, "INR");
  EXPECT_EQ(Amount("1.234.567,89 \xE2\x82\xAC", &c), "1234567.89");
  EXPECT_EQ(c, "EUR");
  EXPECT_EQ(Amount("1.234,50 \xE2\x82\xAC"), "1234.50");
  EXPECT_EQ(Amount("\xE2\x82\xB9" "1,50,000.00"), "150000.00");
  EXPECT_EQ(Amount("Rs.24,443.41", &c), "24443.41");
  EXPECT_EQ(c, "INR");
  EXPECT_EQ(Amount("Rs. 30,00,000/-"), "3000000.00");
  EXPECT_EQ(Amount("INR 5,000"), "5000.00");
  EXPECT_EQ(Amount("$2,143.39", &c), "2143.39");
  EXPECT_EQ(c, "USD");
  EXPECT_EQ(Amount("\xC2\xA3" "228,000.00", &c), "228000.00");
  EXPECT_EQ(c, "GBP");
  EXPECT_EQ(Amount("EUR 4.229,98", &c, true), "4229.98");
  EXPECT_EQ(c, "EUR");
  EXPECT_EQ(Amount("Rs.62,50, 000.00"), "6250000.00");  // OCR's space after a comma
  EXPECT_EQ(Amount("12 lakh"), "1200000.00");
  EXPECT_EQ(Amount("1.5 crore"), "15000000.00");
  EXPECT_EQ(Amount("1,2345.00"), "");  // no such grouping
  EXPECT_EQ(Amount("18%"), "");
  EXPECT_EQ(Amount("IGST @ 18% 15,688.74"), "15688.74");
  EXPECT_EQ(Amount("LED panel 40W"), "");
}

TEST(NormaliseTerm, RatesAndTerms) {
  EXPECT_EQ(FindRate("8.75% p.a.")->value, "8.75");
  EXPECT_EQ(FindRate("5,95 % p.a.")->value, "5.95");
  EXPECT_EQ(FindRate("6.875% (fixed)")->value, "6.875");
  EXPECT_FALSE(FindRate("8.75 p.a."));
  EXPECT_EQ(FindTermMonths("20 years")->value, "240");
  EXPECT_EQ(FindTermMonths("84 months")->value, "84");
  EXPECT_EQ(FindTermMonths("5 years 6 months")->value, "66");
  EXPECT_FALSE(FindTermMonths("ECS mandate"));
}

// Found by fuzz/amount (fuzz/regressions/amount): a sign between two numbers
// was claimed by both, so the amounts overlapped.
TEST(NormaliseAmount, SignBetweenTwoNumbersBelongsToTheFirst) {
  std::string text = "1.247,43 \xE2\x82\xAC" "81";
  std::vector<FoundAmount> all = FindAmounts(text);
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].value, "1247.43");
  EXPECT_EQ(all[0].currency, "EUR");
  EXPECT_EQ(all[1].value, "81.00");
  EXPECT_EQ(all[1].currency, "");
  EXPECT_GE(all[1].begin, all[0].end);
}

}  // namespace
}  // namespace docket::fields
