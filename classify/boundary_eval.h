// How well packets are split (issue #9): precision and recall of the
// boundaries found against the generator's truth. A boundary is the first
// page of every document but the first (page 1 always starts one, so it
// proves nothing); it is right when a true document starts on that page.
#pragma once

#include <string>
#include <vector>

#include <boost/json/object.hpp>

namespace docket {

struct BoundaryCase {
  std::string path;
  bool separators = false;        // the packet has separator sheets
  std::vector<int> true_starts;   // first pages of the true documents
  std::vector<int> found_starts;  // first pages of the parts found
};

// {"packets", "true", "found", "right", "precision", "recall", "f1",
//  "with_separators": {...the same...}, "without_separators": {...},
//  "wrong": [{"path", "missed": [pages], "extra": [pages]}]}.
// Precision and recall are 1 when there is nothing to find or found.
boost::json::object BoundaryReport(const std::vector<BoundaryCase>& cases);
std::string BoundaryReportText(const boost::json::object& report);

}  // namespace docket
