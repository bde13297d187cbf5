#include "ingest/document.h"

#include <cstdio>

#include <poppler/cpp/poppler-global.h>

#include "base/log.h"
#include "ingest/image_document.h"
#include "ingest/pdf_document.h"
#include "ocr/pix.h"

namespace docket {

void QuietDecoders() {
  poppler::set_debug_error_function(
      [](const std::string& msg, void*) { LogDebug("poppler: " + msg); }, nullptr);
  QuietLeptonica();
}

Result<std::unique_ptr<Document>> Document::Open(const std::string& path,
                                                 const DecodeOptions& options) {
  FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) return Status::IoError("cannot open the file");
  char head[1024];
  size_t n = std::fread(head, 1, sizeof head, f);
  std::fclose(f);
  if (n == 0) return Status::Invalid("the file is empty");
  std::string_view h(head, n);
  Format format = DetectFormat(h);
  switch (format) {
    case Format::kPdf:
      return OpenPdf(path, options);
    case Format::kTiff:
    case Format::kPng:
    case Format::kJpeg:
      return OpenImage(path, format, options);
    case Format::kUnknown:
      break;
  }
  std::string looks = DescribeUnknown(h);
  return Status::Unsupported("not a PDF, TIFF, PNG or JPEG document" +
                             (looks.empty() ? std::string() : " (looks like " + looks + ")"));
}

}  // namespace docket
