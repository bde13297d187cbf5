#include "classify/extract.h"

namespace docket {

FieldSet ExtractFields(const std::string&, const std::vector<Page>&) { return {}; }

}  // namespace docket
