// Real Tesseract on small real images from samples/.
#include "ocr/engine.h"

#include <gtest/gtest.h>
#include <leptonica/allheaders.h>

#include <thread>

#include "ocr/engine_pool.h"
#include "ocr/page_prep.h"
#include "tests/testutil/samples.h"

namespace docket {
namespace {

using testing::CorpusSamples;
using testing::Sample;

PageImage Load(const std::string& path) {
  PageImage image;
  image.pix.reset(pixRead(path.c_str()));
  if (image.pix) pixGetResolution(image.pix.get(), &image.xres, &image.yres);
  return image;
}

Sample Find(const std::string& format) {
  for (const Sample& s : CorpusSamples()) {
    if (s.format == format && s.pages == 1) return s;
  }
  return Sample{};
}

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

TEST(EngineTest, MissingModelIsAClearError) {
  OcrOptions o;
  o.tessdata = "/nonexistent";
  auto engine = Engine::Create(o);
  ASSERT_FALSE(engine.ok());
  EXPECT_NE(engine.status().message().find("/nonexistent"), std::string::npos);
}

// The cheap check `docket ingest` makes before a batch agrees with Create.
TEST(EngineTest, CheckModelAgreesWithCreate) {
  OcrOptions missing;
  missing.tessdata = "/nonexistent";
  Status st = Engine::CheckModel(missing);
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.message(), Engine::Create(missing).status().message());
  OcrOptions other_language;
  other_language.language = "xx-none";
  EXPECT_FALSE(Engine::CheckModel(other_language).ok());
  EXPECT_TRUE(Engine::CheckModel(OcrOptions{}).ok());
}

TEST(EngineTest, ReadsAStandardFaxAfterSquaringIt) {
  Sample fax = Find("fax_standard");
  ASSERT_FALSE(fax.path.empty());
  PageImage image = Load(fax.path);
  ASSERT_TRUE(image.pix);
  ASSERT_EQ(image.yres, 98);
  int h = pixGetHeight(image.pix.get());
  auto engine = Engine::Create(OcrOptions{});
  ASSERT_TRUE(engine.ok()) << engine.status().ToString();
  PrepOptions straight_as_is;
  straight_as_is.deskew = false;  // so the height shows the squaring alone
  auto prepared = PrepareForOcr(std::move(image), engine->get(), straight_as_is);
  ASSERT_TRUE(prepared.ok());
  EXPECT_EQ(prepared->dpi, 204);
  EXPECT_NEAR(pixGetHeight(prepared->pix.get()), h * 204.0 / 98.0, 2);  // rows ~doubled
  auto page = (*engine)->Recognize(prepared->pix.get(), prepared->dpi);
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  EXPECT_NE(Lower(page->text).find(fax.keyword), std::string::npos) << page->text;
  ASSERT_FALSE(page->words.empty());
  EXPECT_GT(page->mean_confidence, 50);
  EXPECT_GT(page->recognize_seconds, 0);
  int w = pixGetWidth(prepared->pix.get());
  for (const OcrWord& word : page->words) {
    EXPECT_LE(0, word.left);
    EXPECT_LT(word.left, word.right);
    EXPECT_LE(word.right, w);
  }
}

TEST(EngineTest, TurnsARotatedPageUpright) {
  Sample photo = Find("photo");
  ASSERT_FALSE(photo.path.empty());
  auto engine = Engine::Create(OcrOptions{});
  ASSERT_TRUE(engine.ok());
  for (int quads : {2, 1}) {  // upside down, then sideways
    PageImage image = Load(photo.path);
    ASSERT_TRUE(image.pix);
    image.pix.reset(pixRotateOrth(image.pix.get(), quads));
    auto prepared = PrepareForOcr(std::move(image), engine->get(), PrepOptions{});
    ASSERT_TRUE(prepared.ok());
    auto page = RecognizePage(**engine, *prepared);
    ASSERT_TRUE(page.ok());
    EXPECT_EQ((prepared->rotation + quads * 90) % 360, 0) << "turned " << quads * 90;
    EXPECT_NE(Lower(page->text).find(photo.keyword), std::string::npos) << quads;
  }
}

TEST(EngineTest, BlankPageIsNotRecognised) {
  PageImage blank;
  blank.pix.reset(pixCreate(2480, 3508, 8));
  pixSetAllArbitrary(blank.pix.get(), 255);
  blank.xres = blank.yres = 300;
  auto prepared = PrepareForOcr(std::move(blank), nullptr, PrepOptions{});
  ASSERT_TRUE(prepared.ok());
  EXPECT_TRUE(prepared->blank);
}

TEST(EnginePoolTest, LeasesAtMostSizeEnginesAndReusesThem) {
  EnginePool pool(OcrOptions{}, 2);
  Engine* first = nullptr;
  {
    auto a = pool.Acquire();
    ASSERT_TRUE(a.ok());
    first = &**a;
    auto b = pool.Acquire();
    ASSERT_TRUE(b.ok());
    EXPECT_NE(&**b, first);
  }
  // Both returned: a third lease reuses one of them, no new model load.
  auto c = pool.Acquire();
  ASSERT_TRUE(c.ok());
  std::atomic<bool> got{false};
  std::thread t([&] {
    auto d = pool.Acquire();
    got = d.ok();
  });
  t.join();
  EXPECT_TRUE(got);
}

}  // namespace
}  // namespace docket
