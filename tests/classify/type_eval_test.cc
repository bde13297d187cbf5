#include "classify/type_eval.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>

namespace docket {
namespace {

EvalCase Case(const std::string& truth, const std::string& predicted, double confidence,
              const std::string& format) {
  EvalCase c;
  c.path = truth + "-" + format;
  c.true_type = truth;
  c.format = format;
  c.predicted.type = predicted;
  c.predicted.confidence = confidence;
  c.predicted.needs_review = confidence < 0.9;
  return c;
}

double Num(const boost::json::value& v) { return v.is_double() ? v.as_double() : double(v.to_number<int64_t>()); }

TEST(TypeReport, CountsAccuracyConfusionAndFormats) {
  std::vector<EvalCase> cases = {
      Case("invoice", "invoice", 0.99, "born_digital"), Case("invoice", "other", 0.6, "fax_standard"),
      Case("loan", "loan", 0.95, "fax_fine"),           Case("kyc", "kyc", 0.97, "photo"),
      Case("other", "other", 0.92, "tiff"),             Case("other", "loan", 0.85, "mixed_pdf"),
  };
  boost::json::object r = TypeReport(cases);
  EXPECT_DOUBLE_EQ(Num(r.at("accuracy")), 4.0 / 6);
  const auto& cm = r.at("confusion").as_object();
  EXPECT_EQ(Num(cm.at("invoice").as_object().at("other")), 1);
  EXPECT_EQ(Num(cm.at("other").as_object().at("loan")), 1);
  EXPECT_EQ(Num(cm.at("kyc").as_object().at("kyc")), 1);
  const auto& groups = r.at("per_format_group").as_object();
  EXPECT_DOUBLE_EQ(Num(groups.at("fax").as_object().at("accuracy")), 0.5);
  EXPECT_EQ(Num(groups.at("scanned").as_object().at("documents")), 2);  // tiff + mixed_pdf
  EXPECT_DOUBLE_EQ(Num(groups.at("photo").as_object().at("accuracy")), 1.0);
  const auto& conf = r.at("confident").as_object();
  EXPECT_EQ(Num(conf.at("documents")), 4);
  EXPECT_EQ(Num(conf.at("wrong")), 0);
  EXPECT_TRUE(conf.at("holds").as_bool());
  EXPECT_EQ(Num(r.at("needs_review").as_object().at("documents")), 2);
  EXPECT_EQ(r.at("errors").as_array().size(), 2u);
  std::string text = TypeReportText(r);
  for (const char* s : {"type accuracy: 66.67%", "confusion", "fax", "calibration", "holds", "misclassified"}) {
    EXPECT_NE(text.find(s), std::string::npos) << s << "\n" << text;
  }
}

TEST(TypeReport, TheOneInAHundredRule) {
  std::vector<EvalCase> cases;
  for (int i = 0; i < 99; ++i) cases.push_back(Case("loan", "loan", 0.97, "born_digital"));
  cases.push_back(Case("loan", "other", 0.93, "photo"));
  EXPECT_TRUE(TypeReport(cases).at("confident").as_object().at("holds").as_bool());
  cases.push_back(Case("kyc", "other", 0.999, "photo"));
  boost::json::object r = TypeReport(cases);
  EXPECT_FALSE(r.at("confident").as_object().at("holds").as_bool());
  EXPECT_NE(TypeReportText(r).find("FAILS"), std::string::npos);
  // The calibration table puts each case in its bin.
  int total = 0;
  for (const auto& b : r.at("calibration").as_array()) total += static_cast<int>(Num(b.as_object().at("documents")));
  EXPECT_EQ(total, 101);
}

}  // namespace
}  // namespace docket
