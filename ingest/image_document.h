// TIFF (multi-page, fax G3/G4, LZW, uncompressed), PNG and JPEG through
// Leptonica, one page at a time, each checked against the pixel budget from
// its header before any pixel is decoded.
#pragma once

#include "ingest/document.h"

namespace docket {

Result<std::unique_ptr<Document>> OpenImage(const std::string& path, Format format,
                                            const DecodeOptions& options);

}  // namespace docket
