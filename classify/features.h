// Turns a document's pages into the sparse feature vector the type model
// reads. Only the pages' text is used: never a file name.
//
// Features come from each page's text alone (lines of words), so that the
// texts a model keeps of its training documents give the same features.
// Each is hashed (FNV-1a 64, stable across builds and machines) into
// one of `buckets` slots:
//   word    lower-cased tokens, digits folded to '0' ("inv-0000")
//   words   adjacent word pairs on one line ("tax invoice")
//   chars   character 3..5-grams inside a word, with ^ and $ marking its
//           ends: an OCR slip ("lnvoice") still shares most of them
//   layout  a few cues read from the lines: a machine-readable zone, an
//           amount on a "total" line in the lower part of a page, a table
//           of amounts, a page mostly of numbers, a card-sized text
// Each group is weighted log(1 + count) and scaled to unit length, so a long
// document does not shout down a short one; layout cues are 0 or 1.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "store/record.h"

namespace docket {

struct FeatureOptions {
  uint32_t buckets = 1u << 18;  // a power of two
  int min_char_gram = 3;
  int max_char_gram = 5;
};

struct Feature {
  uint32_t bucket = 0;
  float value = 0;
};

// A feature with its readable name, for explanations ("word 'invoice'").
struct NamedFeature {
  uint32_t bucket = 0;
  float value = 0;
  std::string name;
};

// The stable 64-bit FNV-1a hash of `s`.
uint64_t Fnv1a64(const std::string& s);

// The features of `pages`, merged by bucket and sorted by it. Thread-safe.
std::vector<Feature> ExtractFeatures(const std::vector<Page>& pages, const FeatureOptions& options);

// The same features with a name each (the first one seen for a bucket);
// slower, for explaining one decision.
std::vector<NamedFeature> ExtractNamedFeatures(const std::vector<Page>& pages,
                                               const FeatureOptions& options);

}  // namespace docket
