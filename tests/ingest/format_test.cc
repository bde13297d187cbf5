#include "ingest/format.h"

#include <gtest/gtest.h>

namespace docket {
namespace {

using namespace std::string_literals;

TEST(FormatTest, DetectsByMagicBytesNotName) {
  EXPECT_EQ(DetectFormat("%PDF-1.7\n..."), Format::kPdf);
  EXPECT_EQ(DetectFormat("junk before %PDF-1.4"), Format::kPdf);  // allowed by readers
  EXPECT_EQ(DetectFormat("II*\0\x08\0\0\0"s), Format::kTiff);
  EXPECT_EQ(DetectFormat("MM\0*\0\0\0\x08"s), Format::kTiff);
  EXPECT_EQ(DetectFormat("\x89PNG\r\n\x1a\n\0\0"s), Format::kPng);
  EXPECT_EQ(DetectFormat("\xff\xd8\xff\xe0"s), Format::kJpeg);
  EXPECT_EQ(DetectFormat("Dear Sir, please find the invoice"), Format::kUnknown);
  EXPECT_EQ(DetectFormat(""), Format::kUnknown);
}

TEST(FormatTest, DescribesWhatAnUnknownFileLooksLike) {
  EXPECT_EQ(DescribeUnknown("PK\x03\x04rest"), "a ZIP archive or office document");
  EXPECT_EQ(DescribeUnknown("hello\nworld\n"), "plain text");
  EXPECT_EQ(DescribeUnknown("GIF89a"), "a GIF image (not supported)");
  EXPECT_EQ(DescribeUnknown("II+\0"s), "a BigTIFF image (not supported)");
  EXPECT_EQ(DescribeUnknown("\x01\x02\x03\x00"s), "");
}

TEST(FormatTest, Names) {
  EXPECT_STREQ(FormatName(Format::kPdf), "pdf");
  EXPECT_STREQ(FormatName(Format::kTiff), "tiff");
  EXPECT_STREQ(FormatName(Format::kUnknown), "unknown");
}

}  // namespace
}  // namespace docket
