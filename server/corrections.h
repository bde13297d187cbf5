// A clerk's correction of a record's type or of one field. The record keeps
// its history in "history": [{"by", "at", "field", "old", "new"}] ("field"
// is "type" for the type; "old"/"new" null when the field was absent /
// removed); a corrected value gets confidence 1.0. A type correction also
// writes the marker `docket train` learns from (classify/archive_model.h):
//   "type_corrected": {"by", "at", "from": old type}
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "store/archive.h"
#include "store/record.h"

namespace docket::server {

struct CorrectionOptions {
  double review_below = 0.9;          // a type less sure than this needs review (as ingest)
  double low_field_confidence = 0.8;  // a field less sure than this needs review
};

struct Correction {
  std::string by;                   // the user
  std::string at;                   // ISO 8601; empty: now
  std::optional<std::string> type;  // set: correct the type
  std::string field;                // otherwise: this field ...
  std::string value;                // ... to this value (empty: remove it)
};

// The fields CONTRACT.md gives a type ("other" and "packet": none).
const std::vector<std::string>& FieldsOf(const std::string& type);
// Types a clerk may choose.
const std::vector<std::string>& CorrectableTypes();

// `value` in the normal form of CONTRACT.md for `field` (dates YYYY-MM-DD,
// amounts plain decimals, codes upper case without spaces, ...), or
// Invalid with what was expected.
Result<std::string> NormaliseFieldValue(const std::string& field, const std::string& value);

// Whether the record belongs in the review queue: marked needs_review, or a
// field below low_field_confidence. After a correction needs_review is
// recomputed: true while the type is unsettled (no clerk set it and its
// confidence is below review_below) or a field is below
// low_field_confidence.
bool NeedsReview(const Record& r, const CorrectionOptions& options);
// Names of the fields below low_field_confidence.
std::vector<std::string> LowFields(const Record& r, const CorrectionOptions& options);

// Applies `c` to `r` in memory (history, values, markers, needs_review).
// Invalid for an unknown type or field, a field the record's type does not
// carry, or a value not in normal form.
Status ApplyCorrection(Record* r, const Correction& c, const CorrectionOptions& options);

// Loads record `id`, applies `c`, writes the record atomically, then puts
// it into the index at `index_path` and commits, so a search finds the new
// value at once. Not thread-safe for one record: callers serialise.
Result<Record> CorrectRecord(Archive* archive, const std::string& index_path, const std::string& id,
                             const Correction& c, const CorrectionOptions& options);

}  // namespace docket::server
