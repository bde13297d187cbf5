// Field extraction figures for `docket eval`: precision, recall and F1
// overall, per field, per type, per format group and per format, comparing
// normal forms (numbers numerically, names ignoring case and spacing).
#pragma once

#include <string>
#include <vector>

#include <boost/json/object.hpp>

#include "classify/eval_case.h"

namespace docket {

struct FieldReportOptions {
  bool list_errors = false;  // add "errors": every wrong, missing and extra field
};

// The format group a truth "format" belongs to: born_digital; scanned
// (scanned_pdf, mixed_pdf, tiff); fax (fax_standard, fax_fine); photo.
std::string FormatGroup(const std::string& format);

// True when `found` is `truth` for field `name` by the rules above.
bool SameFieldValue(const std::string& name, const std::string& truth, const std::string& found);

// {"overall": {...}, "by_field": {...}, "by_type": {...}, "by_format_group":
// {...}, "by_format": {...}}, each figure {"precision", "recall", "f1",
// "right", "found", "truth"}; a wrong value counts as found and as missed.
// Fields of a name that no truth file in `cases` labels are not scored
// ("unscored" counts them).
boost::json::object FieldReport(const std::vector<EvalCase>& cases, const FieldReportOptions& options = {});
std::string FieldReportText(const boost::json::object& report);

}  // namespace docket
