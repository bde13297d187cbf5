// Classification figures for `docket eval`: accuracy, confusion matrix,
// accuracy per format, calibration.
#pragma once

#include <string>
#include <vector>

#include <boost/json/object.hpp>

#include "classify/eval_case.h"

namespace docket {

boost::json::object TypeReport(const std::vector<EvalCase>& cases);
std::string TypeReportText(const boost::json::object& report);

}  // namespace docket
