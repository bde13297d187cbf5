#include "ingest/format.h"

#include <algorithm>

namespace docket {
namespace {
bool StartsWith(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }
}  // namespace

Format DetectFormat(std::string_view head) {
  // PDF readers accept junk before the header within the first KiB.
  if (head.substr(0, 1024).find("%PDF-") != std::string_view::npos) return Format::kPdf;
  if (StartsWith(head, std::string_view("II*\0", 4)) || StartsWith(head, std::string_view("MM\0*", 4))) {
    return Format::kTiff;
  }
  if (StartsWith(head, "\x89PNG\r\n\x1a\n")) return Format::kPng;
  if (StartsWith(head, "\xff\xd8\xff")) return Format::kJpeg;
  return Format::kUnknown;
}

const char* FormatName(Format f) {
  switch (f) {
    case Format::kPdf: return "pdf";
    case Format::kTiff: return "tiff";
    case Format::kPng: return "png";
    case Format::kJpeg: return "jpeg";
    case Format::kUnknown: break;
  }
  return "unknown";
}

std::string DescribeUnknown(std::string_view head) {
  if (head.empty()) return "an empty file";
  if (StartsWith(head, std::string_view("II+\0", 4)) || StartsWith(head, std::string_view("MM\0+", 4))) {
    return "a BigTIFF image (not supported)";
  }
  if (StartsWith(head, "GIF8")) return "a GIF image (not supported)";
  if (StartsWith(head, "BM")) return "a BMP image (not supported)";
  if (StartsWith(head, "PK\x03\x04")) return "a ZIP archive or office document";
  if (StartsWith(head, "\x7f" "ELF")) return "a program";
  if (StartsWith(head, "RIFF") && head.size() >= 12 && head.substr(8, 4) == "WEBP") {
    return "a WebP image (not supported)";
  }
  if (StartsWith(head, std::string_view("\0\0\0\x0cjP  ", 8))) return "a JPEG 2000 image (not supported)";
  bool text = std::all_of(head.begin(), head.end(), [](char c) {
    unsigned char u = static_cast<unsigned char>(c);
    return u >= 0x20 || c == '\n' || c == '\r' || c == '\t' || u >= 0x80;
  });
  if (text) return "plain text";
  return "";
}

}  // namespace docket
