// Decoding real samples made by samples/generate.py: text layers, rendered
// scans, fax resolutions, multi-page TIFFs, and every bad input.
#include "ingest/document.h"

#include <gtest/gtest.h>
#include <leptonica/allheaders.h>

#include <algorithm>

#include "tests/testutil/samples.h"

namespace docket {
namespace {

using testing::CorpusSamples;
using testing::Sample;
using testing::SamplePath;

std::vector<Sample> OfFormat(const std::string& format) {
  std::vector<Sample> out;
  for (const Sample& s : CorpusSamples()) {
    if (s.format == format) out.push_back(s);
  }
  return out;
}

class DocumentTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { QuietDecoders(); }
};

TEST_F(DocumentTest, BornDigitalPdfIsReadFromItsTextLayerWithBoxes) {
  auto samples = OfFormat("born_digital");
  ASSERT_FALSE(samples.empty());
  for (const Sample& s : samples) {
    auto doc = Document::Open(s.path, DecodeOptions{});
    ASSERT_TRUE(doc.ok()) << s.path << ": " << doc.status().ToString();
    EXPECT_EQ((*doc)->format(), Format::kPdf);
    EXPECT_EQ((*doc)->page_count(), s.pages);
    std::string all;
    for (int i = 0; i < (*doc)->page_count(); ++i) {
      auto page = (*doc)->ReadPage(i);
      ASSERT_TRUE(page.ok()) << page.status().ToString();
      EXPECT_TRUE(page->has_text_layer) << s.path << " page " << i + 1;
      EXPECT_FALSE(page->image.pix);
      for (const Word& w : page->words) {
        EXPECT_GE(w.box.left, 0.0);
        EXPECT_LE(w.box.right, 1.0);
        EXPECT_LT(w.box.top, w.box.bottom) << w.text;
      }
      all += page->text + "\n";
    }
    EXPECT_NE(all.find(s.keyword), std::string::npos) << s.path;
  }
}

TEST_F(DocumentTest, TextLayerBoxesAreMeasuredFromTheTop) {
  auto samples = OfFormat("born_digital");
  ASSERT_FALSE(samples.empty());
  auto doc = Document::Open(samples[0].path, DecodeOptions{});
  ASSERT_TRUE(doc.ok());
  auto page = (*doc)->ReadPage(0);
  ASSERT_TRUE(page.ok());
  ASSERT_FALSE(page->words.empty());
  // The first word in reading order is near the top of the page.
  EXPECT_LT(page->words.front().box.top, 0.3);
}

TEST_F(DocumentTest, ScannedPdfPagesAreRenderedAt300Dpi) {
  auto samples = OfFormat("scanned_pdf");
  ASSERT_FALSE(samples.empty());
  auto doc = Document::Open(samples[0].path, DecodeOptions{});
  ASSERT_TRUE(doc.ok()) << doc.status().ToString();
  auto page = (*doc)->ReadPage(0);
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  EXPECT_FALSE(page->has_text_layer);
  ASSERT_TRUE(page->image.pix);
  EXPECT_EQ(page->image.xres, 300);
  EXPECT_EQ(pixGetDepth(page->image.pix.get()), 8);
  EXPECT_GT(pixGetWidth(page->image.pix.get()), 2000);  // A4 or Letter at 300 dpi
}

TEST_F(DocumentTest, MixedPdfIsDecidedPageByPage) {
  auto samples = OfFormat("mixed_pdf");
  ASSERT_FALSE(samples.empty());
  for (const Sample& s : samples) {
    auto doc = Document::Open(s.path, DecodeOptions{});
    ASSERT_TRUE(doc.ok());
    ASSERT_GE((*doc)->page_count(), 2);
    int text = 0, image = 0;
    for (int i = 0; i < (*doc)->page_count(); ++i) {
      auto page = (*doc)->ReadPage(i);
      ASSERT_TRUE(page.ok());
      (page->has_text_layer ? text : image)++;
    }
    EXPECT_GE(text, 1) << s.path;
    EXPECT_GE(image, 1) << s.path;
  }
}

TEST_F(DocumentTest, FaxesKeepTheirNonSquareResolution) {
  auto standard = OfFormat("fax_standard");
  auto fine = OfFormat("fax_fine");
  ASSERT_FALSE(standard.empty());
  ASSERT_FALSE(fine.empty());
  for (const auto& [samples, yres] : {std::pair{standard, 98}, std::pair{fine, 196}}) {
    for (const Sample& s : samples) {
      auto doc = Document::Open(s.path, DecodeOptions{});
      ASSERT_TRUE(doc.ok()) << s.path << ": " << doc.status().ToString();
      EXPECT_EQ((*doc)->format(), Format::kTiff);
      EXPECT_EQ((*doc)->page_count(), s.pages) << s.path;
      for (int i = 0; i < (*doc)->page_count(); ++i) {
        auto page = (*doc)->ReadPage(i);
        ASSERT_TRUE(page.ok()) << s.path << ": " << page.status().ToString();
        EXPECT_EQ(page->image.xres, 204) << s.path;
        EXPECT_EQ(page->image.yres, yres) << s.path;
        EXPECT_EQ(pixGetDepth(page->image.pix.get()), 1);
      }
    }
  }
}

TEST_F(DocumentTest, MultiPageTiffReadsEveryPageInAnyOrder) {
  std::vector<Sample> multi;
  for (const Sample& s : CorpusSamples()) {
    if (s.pages > 1 && (s.format == "fax_standard" || s.format == "fax_fine" || s.format == "tiff")) {
      multi.push_back(s);
    }
  }
  ASSERT_FALSE(multi.empty()) << "the samples must hold a multi-page TIFF";
  auto doc = Document::Open(multi[0].path, DecodeOptions{});
  ASSERT_TRUE(doc.ok());
  int n = (*doc)->page_count();
  std::vector<int> widths;
  for (int i = 0; i < n; ++i) widths.push_back(pixGetWidth((*doc)->ReadPage(i)->image.pix.get()));
  // Backwards, then page 0 again: random access must give the same pages.
  for (int i = n - 1; i >= 0; --i) {
    auto page = (*doc)->ReadPage(i);
    ASSERT_TRUE(page.ok());
    EXPECT_EQ(pixGetWidth(page->image.pix.get()), widths[i]);
  }
  EXPECT_FALSE((*doc)->ReadPage(n).ok());
}

TEST_F(DocumentTest, PhotosAndSquareTiffsDecode) {
  for (const std::string format : {"photo", "tiff"}) {
    auto samples = OfFormat(format);
    ASSERT_FALSE(samples.empty()) << format;
    for (const Sample& s : samples) {
      auto doc = Document::Open(s.path, DecodeOptions{});
      ASSERT_TRUE(doc.ok()) << s.path << ": " << doc.status().ToString();
      auto page = (*doc)->ReadPage(0);
      ASSERT_TRUE(page.ok()) << s.path << ": " << page.status().ToString();
      EXPECT_TRUE(page->image.pix);
    }
  }
}

struct BadCase {
  const char* file;
  Status::Code code;
  const char* reason;  // part of the message a clerk would read
};

class BadInputTest : public DocumentTest, public ::testing::WithParamInterface<BadCase> {};

// Each bad input fails at Open or at its first page, with a clear reason.
TEST_P(BadInputTest, IsRefusedWithAReason) {
  const BadCase& c = GetParam();
  auto doc = Document::Open(SamplePath(std::string("bad/") + c.file), DecodeOptions{});
  Status st;
  if (!doc.ok()) {
    st = doc.status();
  } else {
    auto page = (*doc)->ReadPage(0);
    ASSERT_FALSE(page.ok()) << c.file << " was decoded";
    st = page.status();
  }
  EXPECT_EQ(st.code(), c.code) << c.file << ": " << st.ToString();
  EXPECT_NE(st.message().find(c.reason), std::string::npos) << c.file << ": " << st.message();
}

INSTANTIATE_TEST_SUITE_P(
    Samples, BadInputTest,
    ::testing::Values(BadCase{"empty.pdf", Status::Code::kInvalid, "empty"},
                      BadCase{"truncated.pdf", Status::Code::kInvalid, "PDF"},
                      BadCase{"corrupt.pdf", Status::Code::kInvalid, "PDF"},
                      BadCase{"encrypted.pdf", Status::Code::kUnsupported, "encrypted"},
                      BadCase{"lying-header.tif", Status::Code::kTooLarge, "pixels"},
                      BadCase{"bomb.png", Status::Code::kTooLarge, "100000x100000"},
                      BadCase{"not-a-document.pdf", Status::Code::kUnsupported, "not a PDF"},
                      BadCase{"notes.txt", Status::Code::kUnsupported, "plain text"}),
    [](const auto& info) {
      std::string n = info.param.file;
      std::replace_if(n.begin(), n.end(), [](char ch) { return !isalnum(static_cast<unsigned char>(ch)); }, '_');
      return n;
    });

TEST_F(DocumentTest, PageLimitRejectsLongDocuments) {
  auto samples = OfFormat("mixed_pdf");
  ASSERT_FALSE(samples.empty());
  DecodeOptions tight;
  tight.max_pages = 1;
  auto doc = Document::Open(samples[0].path, tight);
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.status().code(), Status::Code::kTooLarge);
  EXPECT_NE(doc.status().message().find("limit of 1"), std::string::npos);
}

TEST_F(DocumentTest, MissingFileIsAnIoError) {
  auto doc = Document::Open("/nonexistent/file.pdf", DecodeOptions{});
  EXPECT_EQ(doc.status().code(), Status::Code::kIoError);
}

}  // namespace
}  // namespace docket
