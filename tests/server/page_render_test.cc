// Page images for the record page (ingest/page_render.h) from real samples:
// a born-digital PDF page, a standard-resolution fax made square.
#include <leptonica/allheaders.h>

#include <gtest/gtest.h>

#include "ingest/page_render.h"
#include "tests/testutil/samples.h"

namespace docket {
namespace {

struct Size {
  int w = 0, h = 0;
};

Size PngSize(const std::string& png) {
  Pix* pix = pixReadMem(reinterpret_cast<const l_uint8*>(png.data()), png.size());
  if (pix == nullptr) return {};
  Size s{pixGetWidth(pix), pixGetHeight(pix)};
  pixDestroy(&pix);
  return s;
}

TEST(PageRender, APdfPageBecomesAPngOfTheRightShape) {
  auto png = RenderPagePng(testing::SamplePath("corpus/train/invoice-000-born_digital.pdf"), 1);
  ASSERT_TRUE(png.ok()) << png.status().ToString();
  EXPECT_EQ(png->substr(0, 8), std::string("\x89PNG\r\n\x1a\n", 8));
  Size s = PngSize(*png);
  EXPECT_NEAR(s.w, 8.27 * 110, 10);  // A4 at 110 dpi
  EXPECT_NEAR(static_cast<double>(s.h) / s.w, 297.0 / 210.0, 0.02);
  EXPECT_TRUE(RenderPagePng(testing::SamplePath("corpus/train/invoice-000-born_digital.pdf"), 2).status().IsNotFound());
  EXPECT_TRUE(RenderPagePng(testing::SamplePath("corpus/train/invoice-000-born_digital.pdf"), 0).status().IsNotFound());
}

TEST(PageRender, AStandardFaxIsShownSquareAndNotTooWide) {
  auto png = RenderPagePng(testing::SamplePath("corpus/train/invoice-006-fax_standard.tif"), 1);
  ASSERT_TRUE(png.ok()) << png.status().ToString();
  Size s = PngSize(*png);
  EXPECT_LE(s.w, PageRenderOptions{}.max_width);
  // 204x98 dpi rows doubled: a portrait page again, not a squat one.
  EXPECT_GT(static_cast<double>(s.h) / s.w, 1.2);
}

TEST(PageRender, WhatIsNotAnOriginalIsRefused) {
  EXPECT_FALSE(RenderPagePng("/nonexistent/file.pdf", 1).ok());
  EXPECT_FALSE(RenderPagePng(testing::SamplePath("corpus/train/invoice-000-born_digital.truth.json"), 1).ok());
}

}  // namespace
}  // namespace docket
