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
  // The number of matching documents: exact when total_exact, else
  // Xapian's estimate (more than SearchOptions::exact_up_to matches).
  uint64_t total = 0;
  bool total_exact = true;
  std::vector<SearchHit> hits;
  // Counts over every matching document (not only the hits shown); filled
  // when SearchOptions::facets is set. Documents without a vendor are not
  // counted under "vendor". Scaled estimates when !total_exact.
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
  // Matches counted one by one before the total and the facets become
  // estimates: bounds the time of a query that matches much of a large
  // archive (a clerk reads "about 40,000", not the last digit).
  int exact_up_to = 250;
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

// One shard of an archive spread over several hosts (README, "Growing past
// one machine"): its name, which qualifies its record ids ("ID@NAME"), and
// where its index is: an archive folder on this machine, or
// "tcp://HOST:PORT", the host's index served read-only by xapian-tcpsrv.
struct Shard {
  std::string name;
  std::string where;
  bool remote() const { return where.rfind("tcp://", 0) == 0; }
};

// "NAME=WHERE" -> Shard. Invalid, with the reason, for a bad name (letters,
// digits, '-', '_') or a tcp:// address without HOST:PORT.
Result<Shard> ParseShard(const std::string& spec);

// "ID@SHARD", the id of a record in a search over several shards.
std::string QualifiedId(const std::string& id, const std::string& shard);
// Splits "ID@SHARD"; false (and *id = qualified) when there is no shard.
bool SplitQualifiedId(const std::string& qualified, std::string* id, std::string* shard);

struct ShardOptions {
  int connect_timeout_ms = 5000;  // a remote shard that does not answer
  int timeout_ms = 20000;         // one remote call
};

// What makes a document known: its bytes, and (issue #9) the business keys
// of BusinessKeys() in business_keys.h.
struct KnownKeys {
  std::string sha256;
  std::vector<std::string> business_keys;
};

// Thread-compatible: one Searcher per thread.
class Searcher {
 public:
  // A folder without a database yet is not an error: searches find nothing
  // until a writer creates it. Unsupported for a newer schema.
  static Result<std::unique_ptr<Searcher>> Open(const std::string& path);
  // Searches the shards as one database (Xapian's multi-database search):
  // one ranking, facets and snippets over all; hit, link and Ids() ids are
  // "ID@SHARD". A shard that cannot be opened or reached is an error naming
  // it. Invalid for no shards or two with one name.
  static Result<std::unique_ptr<Searcher>> OpenShards(const std::vector<Shard>& shards,
                                                      const ShardOptions& options = {});
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
  // The ids of indexed records with these bytes (the id is the sha256's
  // first 16 hex digits, longer only after a collision in one archive, so
  // the id terms find them) or one of these business keys; oldest first.
  virtual Result<std::vector<std::string>> FindKnown(const KnownKeys& keys) = 0;
};

}  // namespace docket
