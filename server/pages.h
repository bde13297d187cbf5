// The HTML of the clerks' pages, rendered on the server: plain HTML that
// works without JavaScript; /static/app.js only places the boxes of fields
// over the page images. Every value from a record or a request is escaped
// here; search snippets arrive escaped from the index with <mark>s.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "index/searcher.h"
#include "server/corrections.h"
#include "server/users.h"
#include "store/record.h"

namespace docket::server {

// Who is looking, for the header and the forms.
struct Viewer {
  std::string user;        // empty: not logged in
  Role role = Role::kClerk;
  std::string csrf_token;  // put into every form that changes something
};

std::string LoginPage(const std::string& csrf_token, const std::string& next, const std::string& name,
                      const std::string& error);

struct SearchView {
  std::string query;
  std::string sort;  // "", "newest", "oldest", "amount_high", "amount_low"
  int offset = 0;
  int limit = 20;
  const SearchResult* result = nullptr;  // null when the query failed
  std::string error;
  std::map<std::string, Record> records;  // the hits' records, for their file names
};
std::string SearchPage(const Viewer& viewer, const SearchView& view);

struct RecordView {
  const Record* record = nullptr;
  const std::vector<Page>* pages = nullptr;  // may be null: text unavailable
  std::vector<Link> links;                   // from the index; else the record's "links"
  CorrectionOptions corrections;
  std::string notice;  // "saved", shown once after a correction
  std::string error;   // why a correction was refused
  // A record of another shard ("ID@SHARD"): shown, never corrected here.
  bool read_only = false;
};
std::string RecordPage(const Viewer& viewer, const RecordView& view);

struct ReviewItem {
  Record record;
  std::vector<std::string> low_fields;
};
std::string ReviewPage(const Viewer& viewer, const std::vector<ReviewItem>& items, size_t total, int offset,
                       int limit);

std::string ErrorPage(const Viewer& viewer, int status, const std::string& message);

// The ids a record links to, from its "links" member: an array of ids or of
// objects with an "id" (and perhaps a "reason"/"why"/"by"). Pairs of id
// and reason; ids that are not plain ids are skipped.
std::vector<std::pair<std::string, std::string>> RecordLinks(const Record& r);

// A record id as docket makes them: 1-64 letters, digits, '-' or '_'.
bool ValidRecordId(const std::string& id);
// A record id, or "ID@SHARD" with a valid id and shard name (a search or
// links over several shards).
bool ValidQualifiedId(const std::string& id);

}  // namespace docket::server
