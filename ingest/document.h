// A decoded input file, read one page at a time so that a 500-page PDF never
// sits in memory whole. Each page comes either as words from a PDF's text
// layer or as an image for OCR.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "base/status.h"
#include "ingest/format.h"
#include "ocr/pix.h"
#include "store/record.h"

namespace docket {

struct DecodeOptions {
  int max_pages = 2000;                  // more pages: rejected
  int64_t max_pixels = 150'000'000;      // per page image (A4 at 600 dpi is 35 M)
  int render_dpi = 300;                  // PDF pages without a usable text layer
  int min_text_layer_words = 3;          // fewer words: the page is OCR'd
};

struct DecodedPage {
  int number = 0;                 // from 1
  bool has_text_layer = false;
  std::vector<Word> words;        // when has_text_layer; boxes as page fractions
  std::string text;               // when has_text_layer
  PageImage image;                // otherwise
};

class Document {
 public:
  // Opens `path`, detecting its format from its bytes. Errors name the
  // reason (empty, encrypted, corrupt, too many pages, unknown format).
  static Result<std::unique_ptr<Document>> Open(const std::string& path,
                                                const DecodeOptions& options);
  virtual ~Document() = default;

  virtual Format format() const = 0;
  virtual int page_count() const = 0;
  // Reads page `index` (from 0). Not thread-safe: one caller at a time.
  virtual Result<DecodedPage> ReadPage(int index) = 0;
};

// Installs quiet error handlers for Poppler and Leptonica (they print to
// stderr otherwise). Call once at start-up.
void QuietDecoders();

}  // namespace docket
