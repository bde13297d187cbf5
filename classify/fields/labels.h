// The label synonyms of every field, read from fields/labels.txt (embedded
// into the binary at build time, so docket needs no data files at run
// time). Thread-safe: parsed once, then read-only.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace docket::fields {

struct Label {
  std::string text;                 // as written in the file
  std::vector<std::string> tokens;  // LabelTokens(text)
  double weight = 1.0;              // how surely the label names its field
  bool inside_line = false;         // "~": may appear anywhere in a line
};

using LabelTable = std::map<std::string, std::vector<Label>>;  // key -> labels

// Parses the format of labels.txt; Invalid names the first bad line.
Result<LabelTable> ParseLabels(std::string_view text);

// The embedded table. The embedded file is checked by a unit test, so a
// malformed one never ships; should it fail to parse all the same, the
// table is empty and no field is found by label.
const LabelTable& Labels();

// The labels of `key`, or an empty list.
const std::vector<Label>& LabelsFor(const std::string& key);

// Lower-cased runs of letters and digits, with '#' a token of its own:
// "Invoice No.:" -> {"invoice", "no"}, "P.O. #" -> {"p", "o", "#"}.
std::vector<std::string> LabelTokens(std::string_view text);

}  // namespace docket::fields
