// Private to index/: docket's query language, a Xapian::QueryParser set up
// with the prefixes and ranges of the schema (writer.cc).
//
//   words              stemmed (English), AND by default: steel chairs
//   "a phrase"         words next to each other, on one page
//   AND OR NOT ( )     also in lower case; -word +word; wild*; NOT alone
//                      ("not paid") means "everything except"
//   type:invoice       type: id: boolean filters
//   <field>:value      exact field value, case, spaces and punctuation
//                      ignored: pan:"abcde 1234 f", invoice:INV-2024/001;
//                      value* for a prefix of it
//   vendor:"acme traders"  words or a phrase in a name field
//   date:2024-01-01..2024-03-31, date:2024-03, date:2024, date:..2024-03-31
//   amount:10000..50000, amount:25000, amount:..500
//   file:scan_acme     words of the original's file name
//
// Thread-compatible: one per Searcher.
#pragma once

#include <memory>
#include <string>

#include <xapian.h>

#include "base/status.h"

namespace docket::index_query {

struct ParseErrors;  // what field processors found wrong, per parse

class QueryLanguage {
 public:
  QueryLanguage();
  ~QueryLanguage();

  // Binds the parser to the database, for wildcards.
  void SetDatabase(const Xapian::Database& db);

  // The Xapian query for `text`; MatchAll for an empty query. Invalid, with
  // the reason, when the query does not parse.
  Result<Xapian::Query> Parse(const std::string& text);

  // The last parsed query with misspelt words corrected from the database's
  // spelling data; empty when no correction was found.
  const std::string& correction() const { return correction_; }

  // The stemmer the queries are built with (snippets need the same).
  const Xapian::Stem& stemmer() const { return stemmer_; }

 private:
  Xapian::Query ParseWithFlags(const std::string& text, unsigned flags);

  Xapian::Stem stemmer_;
  Xapian::QueryParser parser_;
  std::shared_ptr<ParseErrors> errors_;
  std::string correction_;
};

}  // namespace docket::index_query
