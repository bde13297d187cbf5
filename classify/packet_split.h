// Splits a stacked scan (a "packet": a loan file fed through the scanner
// at once) into its documents, page by page, from what each page says:
// a separator sheet or a blank page, "Page 1 of N" restarting, the type of
// the page changing, a new invoice, loan or id number, a page that names
// the number of the document before it. Each boundary is either certain
// (a cue that decides) or a guess, which the caller marks for review.
#pragma once

#include <string>
#include <vector>

#include "classify/classifier.h"
#include "store/record.h"

namespace docket {

struct PacketSplitOptions {
  // Splitting at all; off, every file is one document (as before #9).
  bool enabled = true;
  // A page holding one of these (case, spacing and punctuation ignored) and
  // little else is a separator sheet: a certain boundary, and no part of
  // any document. Mailrooms print their own; docket's generator prints the
  // first.
  std::vector<std::string> separator_keywords = {"DOCKET SEPARATOR SHEET", "DOCUMENT SEPARATOR"};
  // A page with a barcode (Page::barcodes) of one of these values is a
  // separator sheet, whatever else it says: certain. Compared ignoring
  // case; a value ending in '*' is a prefix ("SEP*" takes "SEP-0042").
  // Empty: barcodes decide nothing (and ingest reads none).
  std::vector<std::string> separator_barcodes = {"DOCKET-SEPARATOR"};
  // A separator sheet carries at most this many words besides the keyword.
  int separator_max_words = 40;
  // A page alone classified at least this sure "knows" its type.
  double sure_type = 0.8;
};

// One document found in a packet. Pages are numbered from 1 as in Page.
struct PacketPart {
  int first_page = 0;
  int last_page = 0;
  // Whether the boundary at first_page was decided by a cue that decides
  // (the first part: always true); false when it is a guess.
  bool certain = true;
  std::string why;  // the cue at first_page, for the clerk
};

struct PacketSplit {
  std::vector<PacketPart> parts;      // in page order; never empty for pages
  std::vector<int> separator_pages;   // separator sheets and blank pages
  // A boundary docket weighed and decided against, with weak evidence for
  // it (the page, and why): the clerk should look.
  std::vector<std::pair<int, std::string>> doubtful_continuations;
  // More than one document: the file is a packet.
  bool is_packet() const { return parts.size() > 1; }
};

// Thread-safe (the classifier is). Pages are taken in order; `pages` may
// hold blank pages (origin "blank" or no words).
PacketSplit SplitPacket(const std::vector<Page>& pages, const Classifier& classifier,
                        const PacketSplitOptions& options = {});

// Whether `value`, a barcode read on a page, is one of `codes` (as
// separator_barcodes: case ignored, a trailing '*' a prefix).
bool IsSeparatorBarcode(const std::string& value, const std::vector<std::string>& codes);

// Starts (first pages, from 1) as a list of parts of a file of `page_count`
// pages, separator pages left out: what a clerk's boundary edit becomes.
// Invalid unless starts are increasing, within 1..page_count, and none is
// a separator page.
Result<std::vector<PacketPart>> PartsFromStarts(const std::vector<int>& starts, int page_count,
                                                const std::vector<int>& separator_pages);

}  // namespace docket
