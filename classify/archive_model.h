// Each archive keeps its own type model, ARCHIVE/model/classifier.json, so
// that `docket train` can improve it from that archive's documents and its
// clerks' corrections without touching any other archive.
#pragma once

#include <string>
#include <vector>

#include "base/fs.h"
#include "base/status.h"
#include "classify/classifier.h"
#include "classify/model.h"
#include "store/archive.h"
#include "store/record.h"

namespace docket {

// ARCHIVE/model/classifier.json
std::string ArchiveModelPath(const Archive& archive);

// The archive's classifier. An archive without a model gets a copy of the
// built-in one first (written atomically), so later builds with another
// default never change how an existing archive classifies. A damaged model
// is an error (Corrupt), not a silent fallback.
Result<Classifier> OpenArchiveClassifier(const Archive& archive, const ClassifierOptions& options,
                                         Fs* fs = nullptr);

// A clerk's correction of a record's type lives in the record as
//   "type_corrected": {"by": "clerk name", "at": "ISO 8601", "from": "old type"}
// with `type` then holding the corrected type. True when `r` has one.
bool TypeCorrected(const Record& r);

// Training examples from the records a clerk corrected (their type as the
// label, their stored page texts), in the order of AllRecords().
Result<std::vector<Example>> CorrectedExamples(Archive* archive);

}  // namespace docket
