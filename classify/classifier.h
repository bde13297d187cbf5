// Decides a document's type (invoice | loan | kyc | other) from its pages.
// Until the trained classifier lands (issue #4) every document is "other"
// with confidence 0: the seam is here so the pipeline need not change.
#pragma once

#include <string>
#include <vector>

#include "store/record.h"

namespace docket {

struct Classification {
  std::string type = "other";
  double confidence = 0;
  bool needs_review = false;
  std::vector<std::string> reasons;  // the features that weighed most
};

class Classifier {
 public:
  // Thread-safe: one classifier serves every worker.
  Classification Classify(const std::vector<Page>& pages) const;
};

}  // namespace docket
