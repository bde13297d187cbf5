// Private to the field extractors: a document's lines with its labels
// located, and the search that makes value candidates compete on label,
// position, kind and validity.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "classify/fields/layout.h"
#include "classify/fields/normalise_date.h"
#include "store/record.h"

namespace docket::fields {

// Where a value may stand relative to its label.
enum Position : unsigned { kSameBlock = 1, kRightBlock = 2, kBelow = 4, kAnywhere = 7, kSameLine = 3 };

// A parsed value: the normal form and how much the kind check trusts it
// (1 when a check digit or format proves it, lower when only plausible).
struct Parsed {
  std::string value;
  double validity = 1.0;
};
using Parser = std::function<std::optional<Parsed>(const ValueText&)>;

struct Found {
  std::string value;
  double confidence = 0;
  int page = 0;
  Box box;
  size_t line = 0;  // index in Document::lines
};

Field ToField(const Found& f);

class Document {
 public:
  explicit Document(const std::vector<Page>& pages);

  const std::vector<Line>& lines() const { return lines_; }
  const std::vector<std::string>& text_lines() const { return text_lines_; }
  const std::string& text() const { return text_; }  // every page's text, '\n' between lines
  DateOrder date_order() const { return date_order_; }
  // "IN", "US", "UK", "EU" or "" from currencies, tax ids and addresses.
  const std::string& region() const { return region_; }
  // ISO 4217 code of the currency the document is written in, or "".
  const std::string& currency() const { return currency_; }

  // Every candidate for `key`: each place a label of `key` is printed,
  // each allowed position, parsed by `parse`; best first.
  std::vector<Found> Candidates(const std::string& key, const Parser& parse, unsigned positions = kAnywhere) const;
  std::optional<Found> Best(const std::string& key, const Parser& parse, unsigned positions = kAnywhere) const;

  // The label hits of `key` that no longer label claims.
  std::vector<LabelHit> Hits(const std::string& key) const;

  // True when the block starts with a label of any field (so it is not a value).
  bool StartsWithLabel(size_t line, size_t block) const;

 private:
  std::vector<Line> lines_;
  std::vector<std::string> text_lines_;
  std::string text_;
  DateOrder date_order_ = DateOrder::kUnknown;
  std::string region_, currency_;
  // (line, block, first word) -> the most tokens any label matches there.
  std::map<std::tuple<size_t, size_t, size_t>, size_t> longest_;
};

// Mean OCR confidence of `words` mapped to a factor in 0.6..1.
double OcrFactor(const std::vector<Word>& words);

// Kind checks shared by the extractors.
std::optional<Parsed> ParseDateValue(const ValueText& v, DateOrder order);
std::optional<Parsed> ParseAmountValue(const ValueText& v, bool dot_groups);
std::optional<Parsed> ParseReference(const ValueText& v);
std::optional<Parsed> ParseName(const ValueText& v);

// Single spaces, trimmed.
std::string Squeeze(const std::string& s);

}  // namespace docket::fields
