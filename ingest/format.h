// What a file is, judged by its first bytes, never by its name.
#pragma once

#include <string>
#include <string_view>

namespace docket {

enum class Format { kUnknown, kPdf, kTiff, kPng, kJpeg };

// `head`: the file's first bytes (1 KiB is enough).
Format DetectFormat(std::string_view head);
const char* FormatName(Format f);  // "pdf", "tiff", "png", "jpeg", "unknown"

// For an unknown format, what it looks like instead ("a ZIP archive", "plain
// text"), so the rejection says something useful. Empty if nothing known.
std::string DescribeUnknown(std::string_view head);

}  // namespace docket
