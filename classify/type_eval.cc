#include "classify/type_eval.h"

#include <boost/json.hpp>

namespace docket {

boost::json::object TypeReport(const std::vector<EvalCase>& cases) {
  size_t right = 0;
  for (const EvalCase& c : cases) right += c.predicted.type == c.true_type ? 1 : 0;
  return boost::json::object{{"documents", cases.size()},
                             {"accuracy", cases.empty() ? 0.0 : double(right) / cases.size()}};
}

std::string TypeReportText(const boost::json::object& report) {
  return "type accuracy: " + boost::json::serialize(report.at("accuracy")) + " over " +
         boost::json::serialize(report.at("documents")) + " documents\n";
}

}  // namespace docket
