#include "base/utf8.h"

#include <gtest/gtest.h>

namespace docket {
namespace {

TEST(Utf8Test, ValidTextPassesThrough) {
  EXPECT_EQ(ValidUtf8("invoice ₹ 1,50,000 – Müller"), "invoice ₹ 1,50,000 – Müller");
  EXPECT_EQ(ValidUtf8(""), "");
}

TEST(Utf8Test, InvalidBytesAreWrittenAsEscapes) {
  EXPECT_EQ(ValidUtf8("q\xff.pdf"), "q\\xff.pdf");
  EXPECT_EQ(ValidUtf8("\xc3"), "\\xc3");                // cut sequence
  EXPECT_EQ(ValidUtf8("\xc0\xaf"), "\\xc0\\xaf");       // overlong '/'
  EXPECT_EQ(ValidUtf8("\xed\xa0\x80"), "\\xed\\xa0\\x80");  // a surrogate
}

TEST(Utf8Test, HexRoundTripsAnyBytes) {
  std::string bytes("a\nb\"c\xff\0d", 8);
  std::string back;
  ASSERT_TRUE(HexDecode(HexEncode(bytes), &back));
  EXPECT_EQ(back, bytes);
  EXPECT_FALSE(HexDecode("abc", &back));
  EXPECT_FALSE(HexDecode("zz", &back));
}

}  // namespace
}  // namespace docket
