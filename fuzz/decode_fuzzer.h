// The decode front (ingest/document.h) as the pipeline drives it: detect
// the format from the bytes, open, read every page. Document::Open takes a
// path, so each input is written to a scratch file in /dev/shm. Limits are
// small so that one input stays well under a second: a few pages, 4 M
// pixels a page, 100 dpi renders, and never OCR.
#pragma once

#include <cstdint>
#include <string_view>

#include "fuzz/fuzz_util.h"
#include "ingest/document.h"
#include "ingest/format.h"
#include "ocr/pix.h"

#include <leptonica/allheaders.h>

namespace docket::fuzz {

// Decodes `data` when DetectFormat says it is one of `formats`.
inline void DecodeOne(const uint8_t* data, size_t size, std::initializer_list<Format> formats) {
  static const bool quiet = (QuietDecoders(), true);
  (void)quiet;
  static const ScratchFile file(".bin");
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  Format format = DetectFormat(bytes.substr(0, 1024));
  (void)FormatName(format);
  if (format == Format::kUnknown) {
    (void)DescribeUnknown(bytes.substr(0, 1024));
    return;
  }
  bool wanted = false;
  for (Format f : formats) wanted |= f == format;
  if (!wanted) return;
  if (!file.Write(bytes)) return;

  DecodeOptions options;
  options.max_pages = 5;
  options.max_pixels = 4'000'000;
  options.render_dpi = 100;
  Result<std::unique_ptr<Document>> doc = Document::Open(file.path(), options);
  if (!doc.ok()) return;
  DOCKET_FUZZ_CHECK((*doc)->format() == format);
  int pages = (*doc)->page_count();
  DOCKET_FUZZ_CHECK(pages >= 1 && pages <= options.max_pages);
  for (int i = 0; i < pages; ++i) {
    Result<DecodedPage> page = (*doc)->ReadPage(i);
    if (!page.ok()) continue;
    DOCKET_FUZZ_CHECK(page->number == i + 1);
    if (page->has_text_layer) continue;
    Pix* pix = page->image.pix.get();
    DOCKET_FUZZ_CHECK(pix != nullptr);
    int64_t w = pixGetWidth(pix), h = pixGetHeight(pix);
    DOCKET_FUZZ_CHECK(w > 0 && h > 0 && w * h <= options.max_pixels);
  }
}

}  // namespace docket::fuzz
