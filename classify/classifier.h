// Decides a document's type from its pages. Until the trained classifier
// lands (issue #4), every document is "other" with confidence 0 and no
// fields: the seam is here so the pipeline need not change when it does.
#pragma once

#include <string>
#include <vector>

#include "store/record.h"

namespace docket {

struct Classification {
  std::string type = "other";
  double confidence = 0;
  std::vector<std::string> reasons;
};

class Classifier {
 public:
  // Thread-safe: one classifier serves every worker.
  Classification Classify(const std::vector<Page>& pages) const;
  // The fields of a document of `type`; empty until field extraction lands.
  FieldSet Extract(const std::string& type, const std::vector<Page>& pages) const;
};

}  // namespace docket
