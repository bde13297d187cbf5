// PDF pages through Poppler: the text layer where it is usable, otherwise
// the page rendered for OCR. Decided page by page.
#pragma once

#include "ingest/document.h"

namespace docket {

Result<std::unique_ptr<Document>> OpenPdf(const std::string& path, const DecodeOptions& options);

}  // namespace docket
