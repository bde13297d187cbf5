// One page of an original as a PNG, for people to look at (the record page
// of `docket serve`), not for OCR: PDF pages are rendered by Poppler whether
// or not they have a text layer; image pages are decoded by Leptonica.
#pragma once

#include <cstdint>
#include <string>

#include "base/status.h"

namespace docket {

struct PageRenderOptions {
  int dpi = 110;                      // PDF pages; images are scaled to a similar width
  int max_width = 1400;               // pixels; wider images are scaled down
  int64_t max_pixels = 40'000'000;    // per decoded page, before scaling
};

// PNG bytes of page `number` (from 1) of the original at `path`, its format
// detected from its bytes. NotFound for a page the original does not have.
// Thread-safe: each call opens the original itself.
Result<std::string> RenderPagePng(const std::string& path, int number,
                                  const PageRenderOptions& options = {});

}  // namespace docket
