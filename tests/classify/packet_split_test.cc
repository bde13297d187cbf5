// Splitting a stacked scan, on real stored pages of samples
// (tests/classify/fixtures) stacked one after another, with the built-in
// model: each cue of classify/packet_split.h, and that one document stays
// one document.
#include "classify/packet_split.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include <boost/json.hpp>

#include "tests/classify/fixture_pages.h"
#include "tests/testutil/samples.h"

namespace docket {
namespace {

using testing::LoadFixturePages;

// A page with these lines of text, one word box per word.
Page TextPage(const std::string& text) {
  Page p;
  p.origin = "ocr";
  p.text = text;
  std::istringstream words(text);
  std::string w;
  double x = 0.1, y = 0.1;
  while (words >> w) {
    p.words.push_back(Word{w, Box{x, y, x + 0.05, y + 0.02}, 95});
    x += 0.06;
    if (x > 0.8) x = 0.1, y += 0.03;
  }
  return p;
}

// The documents' pages one after another, numbered from 1.
std::vector<Page> Stack(const std::vector<std::vector<Page>>& docs) {
  std::vector<Page> out;
  for (const auto& d : docs) {
    for (Page p : d) {
      p.number = static_cast<int>(out.size()) + 1;
      out.push_back(std::move(p));
    }
  }
  return out;
}

std::vector<std::pair<int, int>> Ranges(const PacketSplit& s) {
  std::vector<std::pair<int, int>> r;
  for (const PacketPart& p : s.parts) r.emplace_back(p.first_page, p.last_page);
  return r;
}

class PacketSplitTest : public ::testing::Test {
 protected:
  Classifier classifier_;
};

TEST_F(PacketSplitTest, EachDocumentOfAStackIsAPartWithACertainStart) {
  auto pages = Stack({LoadFixturePages("invoice_in_gst_pdf.pages.json"), LoadFixturePages("passport_photo.pages.json"),
                      LoadFixturePages("loan_uk_offer_tiff.pages.json"), LoadFixturePages("aadhaar_fax.pages.json"),
                      LoadFixturePages("invoice_us_fax.pages.json")});
  ASSERT_EQ(pages.size(), 5u);
  PacketSplit s = SplitPacket(pages, classifier_);
  EXPECT_TRUE(s.is_packet());
  EXPECT_EQ(Ranges(s), (std::vector<std::pair<int, int>>{{1, 1}, {2, 2}, {3, 3}, {4, 4}, {5, 5}}));
  for (const PacketPart& p : s.parts) EXPECT_TRUE(p.certain) << p.first_page << ": " << p.why;
  EXPECT_TRUE(s.separator_pages.empty());
}

TEST_F(PacketSplitTest, OneDocumentIsNoPacket) {
  for (const char* name : {"invoice_in_gst_pdf.pages.json", "loan_uk_offer_tiff.pages.json"}) {
    PacketSplit s = SplitPacket(LoadFixturePages(name), classifier_);
    EXPECT_FALSE(s.is_packet()) << name;
    ASSERT_EQ(s.parts.size(), 1u);
  }
}

TEST_F(PacketSplitTest, TwoInvoicesOfOneVendorLayoutSplitAtTheNewNumber) {
  // Same type on both sides: only the invoice number tells them apart.
  auto invoice = LoadFixturePages("invoice_us_fax.pages.json");
  auto other = LoadFixturePages("invoice_in_gst_pdf.pages.json");
  PacketSplit s = SplitPacket(Stack({invoice, other}), classifier_);
  ASSERT_EQ(s.parts.size(), 2u);
  EXPECT_EQ(s.parts[1].first_page, 2);
  EXPECT_TRUE(s.parts[1].certain) << s.parts[1].why;
}

TEST_F(PacketSplitTest, ASeparatorSheetIsACertainBoundaryAndNoPartOfAnyDocument) {
  Page sep = TextPage("DOCKET SEPARATOR SHEET\nPlace before each document");
  auto pages = Stack({LoadFixturePages("invoice_us_fax.pages.json"), {sep}, LoadFixturePages("invoice_us_fax.pages.json")});
  // The same invoice twice: without the sheet nothing would split them.
  PacketSplit s = SplitPacket(pages, classifier_);
  EXPECT_EQ(Ranges(s), (std::vector<std::pair<int, int>>{{1, 1}, {3, 3}}));
  EXPECT_EQ(s.separator_pages, std::vector<int>{2});
  EXPECT_EQ(s.parts[1].why, "after a separator");

  // A mailroom's own keyword, configured.
  Page theirs = TextPage("NEXT DOCUMENT -- mailroom B");
  PacketSplitOptions o;
  o.separator_keywords = {"next document"};
  s = SplitPacket(Stack({LoadFixturePages("invoice_us_fax.pages.json"), {theirs}, LoadFixturePages("invoice_us_fax.pages.json")}),
                  classifier_, o);
  EXPECT_EQ(s.separator_pages, std::vector<int>{2});
  EXPECT_EQ(s.parts.size(), 2u);
  // Without that keyword configured the same page is just a page.
  s = SplitPacket(Stack({LoadFixturePages("invoice_us_fax.pages.json"), {theirs}}), classifier_);
  EXPECT_TRUE(s.separator_pages.empty());
}

TEST_F(PacketSplitTest, ASeparatorBarcodeIsACertainBoundaryWhateverThePageSays) {
  // A batch label and a barcode (as ingest stores what ZBar read): the
  // label alone is an ordinary page.
  Page sheet = TextPage("Mailroom batch 2814\nScanned 9 Jun 2024 by operator R. Shah");
  sheet.barcodes = {"DOCKET-SEPARATOR"};
  auto invoice = LoadFixturePages("invoice_us_fax.pages.json");
  PacketSplit s = SplitPacket(Stack({invoice, {sheet}, invoice}), classifier_);
  EXPECT_EQ(Ranges(s), (std::vector<std::pair<int, int>>{{1, 1}, {3, 3}}));
  EXPECT_EQ(s.separator_pages, std::vector<int>{2});
  EXPECT_EQ(s.parts[1].why, "after a separator");
  EXPECT_TRUE(s.parts[1].certain);

  // A mailroom's codes: a prefix ("SEP*"), case ignored; another value is
  // no separator, nor is any once barcodes are configured away.
  PacketSplitOptions o;
  o.separator_barcodes = {"sep*"};
  sheet.barcodes = {"SEP-0042"};
  s = SplitPacket(Stack({invoice, {sheet}, invoice}), classifier_, o);
  EXPECT_EQ(s.separator_pages, std::vector<int>{2});
  sheet.barcodes = {"DOCKET-SEPARATOR"};
  s = SplitPacket(Stack({invoice, {sheet}, invoice}), classifier_, o);
  EXPECT_TRUE(s.separator_pages.empty());
  o.separator_barcodes.clear();
  s = SplitPacket(Stack({invoice, {sheet}, invoice}), classifier_, o);
  EXPECT_TRUE(s.separator_pages.empty());
  EXPECT_FALSE(IsSeparatorBarcode("SEP", {"SEPARATOR*"}));
  EXPECT_FALSE(IsSeparatorBarcode("ANYTHING", {"*"}));  // a bare '*' is no prefix
}

TEST_F(PacketSplitTest, PageOneOfNStartsAndPageTwoContinues) {
  Page one = TextPage("Notes for the file\nthe weather was fine and the meeting ran long\nPage 1 of 2");
  Page two = TextPage("More notes for the file\nnothing of note happened later that week\nPage 2 of 2");
  auto pages = Stack({LoadFixturePages("loan_uk_offer_tiff.pages.json"), {one, two}});
  PacketSplit s = SplitPacket(pages, classifier_);
  EXPECT_EQ(Ranges(s), (std::vector<std::pair<int, int>>{{1, 1}, {2, 3}}));
  EXPECT_TRUE(s.parts[1].certain);
}

TEST_F(PacketSplitTest, APageNamingTheDocumentBeforeContinuesIt) {
  auto invoice = LoadFixturePages("invoice_in_gst_pdf.pages.json");
  // A delivery note against that invoice: another kind of page, same paper.
  Page note = TextPage("DELIVERY NOTE / GOODS RECEIPT\nAgainst invoice: AFA/23-24/0508\nReceived in good order");
  PacketSplit s = SplitPacket(Stack({invoice, {note}}), classifier_);
  EXPECT_FALSE(s.is_packet()) << (s.parts.size() > 1 ? s.parts[1].why : "");
}

TEST_F(PacketSplitTest, SplittingOffKeepsTheFileWhole) {
  PacketSplitOptions o;
  o.enabled = false;
  auto pages = Stack({LoadFixturePages("invoice_in_gst_pdf.pages.json"), LoadFixturePages("passport_photo.pages.json")});
  EXPECT_FALSE(SplitPacket(pages, classifier_, o).is_packet());
}

TEST(PartsFromStartsTest, ClerksStartsBecomeContiguousPartsAroundSeparators) {
  auto parts = PartsFromStarts({1, 4}, 7, {3, 6});
  ASSERT_TRUE(parts.ok()) << parts.status().message();
  // Page 7 follows a separator: a document of its own even if not listed.
  std::vector<std::pair<int, int>> got;
  for (const PacketPart& p : *parts) got.emplace_back(p.first_page, p.last_page);
  EXPECT_EQ(got, (std::vector<std::pair<int, int>>{{1, 2}, {4, 5}, {7, 7}}));
  EXPECT_FALSE(PartsFromStarts({1, 9}, 7, {}).ok());
  EXPECT_FALSE(PartsFromStarts({3, 2}, 7, {}).ok());
  EXPECT_FALSE(PartsFromStarts({1, 3}, 7, {3}).ok());
  EXPECT_FALSE(PartsFromStarts({1}, 1, {1}).ok());
}

}  // namespace
}  // namespace docket
