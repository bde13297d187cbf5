// How records and hits look on the terminal: JSON (CONTRACT.md) or a
// readable plain form.
#pragma once

#include <ostream>

#include "index/searcher.h"
#include "store/record.h"

namespace docket::cli {

// One line per ingested file.
void PrintIngested(std::ostream& out, const Record& r, bool json);
// A whole record (show).
void PrintRecord(std::ostream& out, const Record& r, bool json);
// One line per record (list).
void PrintListed(std::ostream& out, const Record& r, bool json);
void PrintSearch(std::ostream& out, const SearchResult& result, bool json);

}  // namespace docket::cli
