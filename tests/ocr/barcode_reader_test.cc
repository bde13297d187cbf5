// ocr/barcode_reader with the real ZBar on the committed sample packet
// (samples/generate.py draws its separator sheets' Code 39 barcodes): the
// separator's value is read off the fax page as decoded and as prepared
// for OCR, and a page of a document yields none.
#include "ocr/barcode_reader.h"

#include <gtest/gtest.h>
#include <leptonica/allheaders.h>

#include <chrono>
#include <iostream>

#include "ocr/page_prep.h"
#include "ocr/pix.h"
#include "tests/testutil/samples.h"

namespace docket {
namespace {

// Page `index` (from 0) of the fine fax packet, as Leptonica decodes it:
// 1-bit, 204 x 196 dpi.
PixPtr FaxPage(int index) {
  std::string path = testing::SamplePath("packets/barcode-packet-000-fax.tif");
  PixPtr pix(pixReadTiff(path.c_str(), index));
  EXPECT_NE(pix, nullptr) << path << " page " << index + 1;
  return pix;
}

TEST(BarcodeReaderTest, ReadsTheSeparatorSheetsCode39OnAFax) {
  // Page 2 is a separator sheet (the truth's separator_pages: 2, 4, 6).
  PixPtr pix = FaxPage(1);
  ASSERT_NE(pix, nullptr);
  auto codes = ReadBarcodes(pix.get());
  ASSERT_TRUE(codes.ok()) << codes.status().message();
  ASSERT_EQ(codes->size(), 1u);
  EXPECT_EQ((*codes)[0].symbology, "CODE-39");
  EXPECT_EQ((*codes)[0].value, "DOCKET-SEPARATOR");
}

TEST(BarcodeReaderTest, ReadsItOnThePageAsPreparedForOcr) {
  // What ingest hands the reader: squared to 204 dpi both ways, deskewed.
  PageImage image{FaxPage(3), 204, 196};
  ASSERT_NE(image.pix, nullptr);
  auto prepared = PrepareForOcr(std::move(image), nullptr, PrepOptions{});
  ASSERT_TRUE(prepared.ok()) << prepared.status().message();
  auto start = std::chrono::steady_clock::now();
  auto codes = ReadBarcodes(prepared->pix.get());
  double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  ASSERT_TRUE(codes.ok()) << codes.status().message();
  ASSERT_EQ(codes->size(), 1u);
  EXPECT_EQ((*codes)[0].value, "DOCKET-SEPARATOR");
  // The cost per page looked at (README "Packets"); printed, not asserted,
  // as the machine may be busy.
  std::cout << "barcode read on a " << pixGetWidth(prepared->pix.get()) << "x"
            << pixGetHeight(prepared->pix.get()) << " page: " << ms << " ms" << std::endl;
}

TEST(BarcodeReaderTest, APageOfADocumentHasNone) {
  PixPtr pix = FaxPage(0);
  ASSERT_NE(pix, nullptr);
  auto codes = ReadBarcodes(pix.get());
  ASSERT_TRUE(codes.ok()) << codes.status().message();
  EXPECT_TRUE(codes->empty()) << (*codes)[0].value;
}

TEST(BarcodeReaderTest, ANullImageIsAnError) {
  auto codes = ReadBarcodes(nullptr);
  EXPECT_FALSE(codes.ok());
}

}  // namespace
}  // namespace docket
