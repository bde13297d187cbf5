// The record: what docket knows about one archived file. It is the truth of
// the archive (CONTRACT.md fixes its JSON); the index is derived from it.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <boost/json/object.hpp>

#include "base/status.h"

namespace docket {

// Where on a page something was read: fractions of the page's width and
// height, so the box holds whatever resolution the page is shown at.
struct Box {
  double left = 0, top = 0, right = 0, bottom = 0;
};

struct Field {
  std::string value;        // in the normal form of CONTRACT.md
  double confidence = 0;    // 0..1
  int page = 0;             // from 1; 0 when unknown
  std::optional<Box> box;
};

// Field name (CONTRACT.md) -> field. A field the document lacks is absent.
using FieldSet = std::map<std::string, Field>;

struct Record {
  std::string id;
  std::string source;       // the path as given
  std::string sha256;
  std::string status;       // archived | duplicate | rejected
  std::string error;        // why, when rejected
  std::string type = "other";
  double confidence = 0;
  int pages = 0;
  int ocr_pages = 0;
  FieldSet fields;

  // docket's own additions to the contract.
  std::string format;       // pdf | tiff | png | jpeg
  uint64_t size = 0;        // bytes of the original
  std::string archived_at;  // ISO 8601 UTC; records list oldest first

  // A part of a packet (issue #9: one document of a stacked scan): the id
  // of the packet's record, and where the part starts in the original (from
  // 1); `pages` is then the part's page count, and the JSON says
  // "pages": [first, last]. Empty / 0 for a record of a whole file.
  std::string packet;
  int first_page = 0;
  int last_page() const { return first_page + pages - 1; }

  // Members written by later features that this build does not know: kept
  // so that rewriting a record never drops them.
  boost::json::object extra;
};

// A word as read from a page, by OCR or from a PDF's text layer.
struct Word {
  std::string text;
  Box box;
  float confidence = 100;   // 0..100, as Tesseract reports; 100 for text layers
};

// One page's text, kept beside the record so that later stages (fields,
// snippets, retraining) never need to decode or OCR the original again.
struct Page {
  int number = 0;           // from 1
  std::string origin;       // "text_layer" | "ocr" | "blank"
  int rotation = 0;         // degrees turned to make the page upright
  double skew = 0;          // degrees corrected
  std::string text;         // lines separated by '\n'
  std::vector<Word> words;
  // Barcode values read on the page: only on scanned pages short of text
  // (where a separator sheet can be; see ingest/pipeline.cc), else empty.
  std::vector<std::string> barcodes;
};

boost::json::object ToJson(const Record& r);
Result<Record> RecordFromJson(const boost::json::value& v);

boost::json::object ToJson(const Page& p);
Result<Page> PageFromJson(const boost::json::value& v);

}  // namespace docket
