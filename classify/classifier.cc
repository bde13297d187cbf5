#include "classify/classifier.h"

namespace docket {

Classification Classifier::Classify(const std::vector<Page>&) const { return Classification{}; }

FieldSet Classifier::Extract(const std::string&, const std::vector<Page>&) const { return {}; }

}  // namespace docket
