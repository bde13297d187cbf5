// The records of a packet (a file holding several documents, issue #9):
// one record per part, classified and extracted from its own pages as a
// file of its own would be, and the file's record, of type "packet", that
// lists them. Used by ingest and when a clerk moves a boundary.
//
// A part's id is the packet's id, '-', and its place from 1
// ("9d8f6a44a221905d-2"); its record has "packet" (the packet's id),
// "pages": [first, last] and the packet's source and sha256: the original
// is stored once, as the packet's. The packet's record has type "packet",
// no fields, "parts": [{"id", "type", "pages": [first, last]}] and
// "separator_pages" (separator sheets and blank pages between documents).
#pragma once

#include <string>
#include <vector>

#include <boost/json/array.hpp>

#include "classify/classifier.h"
#include "classify/packet_split.h"
#include "store/archive.h"
#include "store/record.h"

namespace docket {

struct PacketRecords {
  Record packet;
  std::vector<Record> parts;
};

// `file` is the record the whole file would have had (id, source, sha256,
// format, size, archived_at, ocr_pages); `pages` all of its pages.
// `doubtful` pages (PacketSplit::doubtful_continuations) mark the part
// holding them for review, as an uncertain start does.
PacketRecords MakePacketRecords(const Record& file, const std::vector<Page>& pages,
                                const std::vector<PacketPart>& parts, const std::vector<int>& separator_pages,
                                const std::vector<std::pair<int, std::string>>& doubtful,
                                const Classifier& classifier, const std::string& type_hint);

// The packet's "parts" member for these part records.
boost::json::array PartsSummary(const std::vector<Record>& parts);

// The starts (first pages) and separator pages a packet record lists.
std::vector<int> PartStarts(const Record& packet);
std::vector<int> SeparatorPages(const Record& packet);
// The ids in a packet record's "parts".
std::vector<std::string> PartIds(const Record& packet);

// What a packet's record looks like to a reader (CONTRACT.md: each part a
// full record): replaces the stored summaries in "parts" by the parts'
// current records. A part that cannot be read keeps its summary.
void ExpandParts(Archive* archive, Record* packet);

}  // namespace docket
