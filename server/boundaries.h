// A clerk moves the boundaries of a packet (a file of several documents,
// issue #9): the parts are made again from the stored pages (classified
// and extracted as at ingest), the records follow, and the packet keeps
// the history: {"by", "at", "field": "boundaries", "old": [first pages],
// "new": [first pages]}.
//
// A part whose pages did not change keeps its record (and its
// corrections); a part no longer needed is removed; one first page only
// makes the file one document again (no parts); a file of one document
// given several first pages becomes a packet.
#pragma once

#include <string>
#include <vector>

#include "base/status.h"
#include "classify/classifier.h"
#include "store/archive.h"
#include "store/record.h"

namespace docket::server {

struct BoundaryEdit {
  std::string by;          // the user
  std::string at;          // ISO 8601; empty: now
  std::vector<int> starts; // the first page of every document, from 1
};

// Applies `edit` to the file of record `id` (a packet, one of its parts,
// or a record of a whole file), writes the records (parts first, the
// packet last) and brings the index at `index_path` in step. Returns the
// packet's (or the whole file's) new record. Invalid for first pages that
// are not increasing pages of the file or that are separator sheets. Not
// thread-safe for one file: callers serialise.
Result<Record> MoveBoundaries(Archive* archive, const std::string& index_path, const std::string& id,
                              const BoundaryEdit& edit, const Classifier& classifier);

// "1, 4, 7" (commas or spaces) as first pages; Invalid otherwise.
Result<std::vector<int>> ParseStarts(const std::string& text);

}  // namespace docket::server
