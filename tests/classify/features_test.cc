#include "classify/features.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "tests/classify/corpus_pages.h"

namespace docket {
namespace {

using testing::CorpusPages;

std::vector<Page> OnePage(const std::string& text) { return PagesFromTexts({text}); }

bool HasName(const std::vector<NamedFeature>& fs, const std::string& name) {
  return std::any_of(fs.begin(), fs.end(), [&](const NamedFeature& f) { return f.name == name; });
}

TEST(Features, Fnv1aIsTheStandardHash) {
  // Published FNV-1a 64 test vectors: the buckets must not change between builds.
  EXPECT_EQ(Fnv1a64(""), 0xcbf29ce484222325ull);
  EXPECT_EQ(Fnv1a64("a"), 0xaf63dc4c8601ec8cull);
  EXPECT_EQ(Fnv1a64("foobar"), 0x85944171f73967e8ull);
}

TEST(Features, SortedInRangeAndDeterministic) {
  FeatureOptions o;
  o.buckets = 1u << 12;
  for (const auto& d : CorpusPages()) {
    auto a = ExtractFeatures(d.AsPages(), o);
    auto b = ExtractFeatures(d.AsPages(), o);
    ASSERT_FALSE(a.empty()) << d.file;
    ASSERT_EQ(a.size(), b.size());
    for (size_t i = 0; i < a.size(); ++i) {
      EXPECT_EQ(a[i].bucket, b[i].bucket);
      EXPECT_EQ(a[i].value, b[i].value);
      EXPECT_LT(a[i].bucket, o.buckets);
      if (i > 0) {
        EXPECT_LT(a[i - 1].bucket, a[i].bucket);
      }
    }
  }
}

TEST(Features, NamedFeaturesMatchTheVector) {
  auto d = CorpusPages().front();
  auto plain = ExtractFeatures(d.AsPages(), {});
  auto named = ExtractNamedFeatures(d.AsPages(), {});
  ASSERT_EQ(plain.size(), named.size());
  for (size_t i = 0; i < plain.size(); ++i) {
    EXPECT_EQ(plain[i].bucket, named[i].bucket);
    EXPECT_FLOAT_EQ(plain[i].value, named[i].value);
    EXPECT_FALSE(named[i].name.empty());
  }
}

TEST(Features, WordsLowerCasedDigitsFoldedPunctuationOff) {
  auto f = ExtractNamedFeatures(OnePage("TAX INVOICE\n(Invoice No: INV-2024/0113)"), {});
  EXPECT_TRUE(HasName(f, "word 'invoice'"));
  EXPECT_TRUE(HasName(f, "word 'inv-0/0'"));
  EXPECT_TRUE(HasName(f, "words 'tax invoice'"));
  EXPECT_TRUE(HasName(f, "chars '^inv'"));
  EXPECT_FALSE(HasName(f, "word '(invoice'"));
  // Pairs do not cross lines.
  EXPECT_FALSE(HasName(f, "words 'invoice invoice'"));
}

TEST(Features, AnOcrSlipKeepsMostCharacterGrams) {
  auto clean = ExtractNamedFeatures(OnePage("Invoice"), {});
  auto slip = ExtractNamedFeatures(OnePage("lnvoice"), {});
  int grams = 0, shared = 0;
  for (const auto& f : clean) {
    if (f.name.rfind("chars", 0) != 0) continue;
    ++grams;
    shared += HasName(slip, f.name);
  }
  EXPECT_GT(grams, 10);
  EXPECT_GE(shared * 2, grams);  // at least half survive the slip
  EXPECT_FALSE(HasName(slip, "word 'invoice'"));
}

TEST(Features, LayoutCuesFromRealPages) {
  bool saw_passport = false;
  for (const auto& d : CorpusPages()) {
    auto f = ExtractNamedFeatures(d.AsPages(), {});
    if (d.type == "invoice" && d.format == "born_digital") {
      EXPECT_FALSE(HasName(f, "layout mrz")) << d.file;
      EXPECT_TRUE(HasName(f, "layout totals_block")) << d.file;
    }
    if (d.type == "kyc" && d.format == "born_digital" && d.pages[0].find("<<") != std::string::npos) {
      saw_passport = true;
      EXPECT_TRUE(HasName(f, "layout mrz")) << d.file;
    }
  }
  EXPECT_TRUE(saw_passport);
}

TEST(Features, EmptyPagesGiveOnlyLayoutCues) {
  auto f = ExtractNamedFeatures(OnePage(""), {});
  for (const auto& x : f) EXPECT_EQ(x.name.rfind("layout ", 0), 0u) << x.name;
}

}  // namespace
}  // namespace docket
