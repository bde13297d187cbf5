// Field extraction figures for `docket eval`: precision, recall and F1 per
// field, per type and per format.
#pragma once

#include <string>
#include <vector>

#include <boost/json/object.hpp>

#include "classify/eval_case.h"

namespace docket {

boost::json::object FieldReport(const std::vector<EvalCase>& cases);
std::string FieldReportText(const boost::json::object& report);

}  // namespace docket
