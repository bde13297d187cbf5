#include "classify/field_eval.h"

#include <boost/json.hpp>

namespace docket {

boost::json::object FieldReport(const std::vector<EvalCase>& cases) {
  size_t truth = 0, found = 0, right = 0;
  for (const EvalCase& c : cases) {
    truth += c.true_fields.size();
    found += c.predicted_fields.size();
    for (const auto& [name, f] : c.predicted_fields) {
      auto it = c.true_fields.find(name);
      right += it != c.true_fields.end() && it->second == f.value ? 1 : 0;
    }
  }
  double p = found ? double(right) / found : 0, r = truth ? double(right) / truth : 0;
  return boost::json::object{{"precision", p}, {"recall", r}, {"f1", p + r > 0 ? 2 * p * r / (p + r) : 0.0}};
}

std::string FieldReportText(const boost::json::object& report) {
  return "fields: precision " + boost::json::serialize(report.at("precision")) + ", recall " +
         boost::json::serialize(report.at("recall")) + ", F1 " + boost::json::serialize(report.at("f1")) + "\n";
}

}  // namespace docket
