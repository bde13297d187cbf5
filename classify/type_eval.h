// Classification figures for `docket eval`: accuracy, confusion matrix,
// accuracy per format group, calibration table and the promise that among
// records with confidence >= 0.9 at most 1 in 100 is wrong.
#pragma once

#include <string>
#include <vector>

#include <boost/json/object.hpp>

#include "classify/eval_case.h"

namespace docket {

// `review_below`: the needs_review threshold the cases were classified with.
boost::json::object TypeReport(const std::vector<EvalCase>& cases, double review_below = 0.9);
std::string TypeReportText(const boost::json::object& report);

}  // namespace docket
