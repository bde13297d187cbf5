#include "classify/classifier.h"

namespace docket {

Classification Classifier::Classify(const std::vector<Page>&) const { return Classification{}; }

}  // namespace docket
