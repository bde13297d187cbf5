// A part of a packet as a file of its own: its pages of the original,
// rendered (PDF pages by Poppler, scans by Leptonica, faxes made square)
// and written as one PDF of page images. For `docket pull`, which hands a
// loan's documents on as separate files although the mailroom scanned them
// as one stack.
#pragma once

#include <string>

#include "base/status.h"

namespace docket {

struct PartPdfOptions {
  int dpi = 150;            // PDF pages are rendered at this resolution
  int max_width = 1800;     // pixels; enough to read and to OCR again
};

// The PDF bytes of pages first..last (from 1) of the original at `path`.
// NotFound for a page the original does not have.
Result<std::string> PartPdf(const std::string& path, int first, int last, const PartPdfOptions& options = {});

}  // namespace docket
