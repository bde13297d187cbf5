// Searches the archive's index with docket's query language (query.h).
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "base/status.h"
#include "store/record.h"

namespace docket {

struct SearchHit {
  std::string id;
  std::string type;
  // Xapian's percentage / 100: 1.0 for the best hit, the others relative
  // to it; 1.0 for every hit of a query of filters only (type:, pan:, ...).
  double score = 0;
  // A passage of the text around the matched words, HTML-escaped, the
  // matched words marked <mark>…</mark>.
  std::string snippet;
  std::map<std::string, std::string> fields;  // name -> normalised value
};

// Facet name ("type", "vendor", "month") -> value -> number of matching
// documents with that value. Months are "YYYY-MM" of the document's date.
using Facets = std::map<std::string, std::map<std::string, uint64_t>>;

// Hits best first; equal scores newest (archived_at) first.
struct SearchResult {
  uint64_t total = 0;  // exact number of matching documents
  std::vector<SearchHit> hits;
  // Counts over every matching document (not only the hits shown); filled
  // when SearchOptions::facets is set. Documents without a vendor are not
  // counted under "vendor".
  Facets facets;
  // The query with misspelt words replaced by words the archive holds
  // (Xapian's spelling data); empty when nothing looked misspelt.
  std::string suggestion;
};

enum class SortOrder {
  kRelevance,   // best match first, equal scores newest first
  kNewest,      // the document's date (invoice, application, else archived), latest first
  kOldest,
  kAmountHigh,  // total or loan amount, largest first
  kAmountLow,
};

struct SearchOptions {
  int offset = 0;
  int limit = 10;
  bool facets = false;  // count matches per type, vendor and month
  SortOrder sort = SortOrder::kRelevance;
};

// A record linked to another, and why: "loan_number" (the same loan),
// "applicant" (the same PAN, Aadhaar or passport number, or the same name
// with the same date of birth) or "vendor" (the same tax id, else name).
struct Link {
  std::string id;
  std::string type;
  std::string why;
};

// Thread-compatible: one Searcher per thread.
class Searcher {
 public:
  // A folder without a database yet is not an error: searches find nothing
  // until a writer creates it. Unsupported for a newer schema.
  static Result<std::unique_ptr<Searcher>> Open(const std::string& path);
  virtual ~Searcher() = default;
  // Sees everything committed before the call, also after `docket reindex`
  // swapped the database. An empty query matches every document. Invalid
  // for a query that does not parse, with the reason.
  virtual Result<SearchResult> Search(const std::string& query, const SearchOptions& options) = 0;
  // The records that share a loan number, an applicant or a vendor with
  // `record` (itself excluded), at most `max`, by id.
  virtual Result<std::vector<Link>> Linked(const Record& record, size_t max) = 0;
  // The id of every indexed document (for `docket check`), unordered.
  virtual Result<std::vector<std::string>> Ids() = 0;
};

}  // namespace docket
