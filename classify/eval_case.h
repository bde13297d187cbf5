// One labelled document as `docket eval` sees it: the truth from its
// NAME.truth.json beside it, and what docket made of it.
#pragma once

#include <map>
#include <string>

#include "classify/classifier.h"
#include "store/record.h"

namespace docket {

struct EvalCase {
  std::string path;    // the document
  std::string format;  // truth "format": born_digital, scanned_pdf, fax_standard, ...
  std::string true_type;
  std::map<std::string, std::string> true_fields;  // normalised, as CONTRACT.md
  Classification predicted;
  FieldSet predicted_fields;
};

}  // namespace docket
