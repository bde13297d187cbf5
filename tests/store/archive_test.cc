#include "store/archive.h"

#include <gtest/gtest.h>

#include "base/sha256.h"
#include "tests/testutil/temp_dir.h"

namespace docket {
namespace {

Record MakeRecord(Archive& a, const std::string& sha, const std::string& at) {
  Record r;
  r.id = a.IdFor(sha);
  r.sha256 = sha;
  r.source = "in/" + r.id + ".pdf";
  r.status = "archived";
  r.pages = 2;
  r.ocr_pages = 1;
  r.archived_at = at;
  Field f;
  f.value = "INV2024001";
  f.confidence = 0.93;
  f.page = 1;
  f.box = Box{0.1, 0.2, 0.3, 0.25};
  r.fields["invoice_number"] = f;
  return r;
}

TEST(ArchiveTest, CreatesLayoutAndReopens) {
  testing::TempDir dir;
  auto a = Archive::Open(dir / "arch");
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  EXPECT_TRUE(DefaultFs()->Exists(dir / "arch/docket.json"));
  EXPECT_TRUE(DefaultFs()->Exists(dir / "arch/records"));
  EXPECT_TRUE(Archive::Open(dir / "arch").ok());
}

TEST(ArchiveTest, RefusesNonEmptyForeignFolderAndMissingWithoutCreate) {
  testing::TempDir dir;
  testing::WriteFile(dir / "someone-elses.txt", "x");
  auto a = Archive::Open(dir.path());
  ASSERT_FALSE(a.ok());
  EXPECT_NE(a.status().message().find("not a docket archive"), std::string::npos);
  ArchiveOptions o;
  o.create_if_missing = false;
  EXPECT_TRUE(Archive::Open(dir / "nothing", o).status().IsNotFound());
}

TEST(ArchiveTest, RecordRoundTripKeepsEveryMemberAndUnknownOnes) {
  testing::TempDir dir;
  auto a = std::move(*Archive::Open(dir / "arch"));
  std::string sha(64, 'a');
  Record r = MakeRecord(*a, sha, "2026-01-01T00:00:00.000000Z");
  r.extra["needs_review"] = true;
  ASSERT_TRUE(a->PutRecord(r).ok());
  auto back = a->GetRecord(r.id);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->id, sha.substr(0, 16));
  EXPECT_EQ(back->sha256, sha);
  EXPECT_EQ(back->pages, 2);
  EXPECT_EQ(back->ocr_pages, 1);
  ASSERT_EQ(back->fields.count("invoice_number"), 1u);
  const Field& f = back->fields.at("invoice_number");
  EXPECT_EQ(f.value, "INV2024001");
  EXPECT_DOUBLE_EQ(f.confidence, 0.93);
  ASSERT_TRUE(f.box.has_value());
  EXPECT_DOUBLE_EQ(f.box->right, 0.3);
  ASSERT_TRUE(back->extra.contains("needs_review"));
  EXPECT_TRUE(back->extra.at("needs_review").as_bool());
  auto found = a->FindBySha256(sha);
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(found->id, r.id);
  EXPECT_TRUE(a->FindBySha256(std::string(64, 'b')).status().IsNotFound());
}

TEST(ArchiveTest, OriginalsAreStoredOnceUnderTheirDigest) {
  testing::TempDir dir;
  auto a = std::move(*Archive::Open(dir / "arch"));
  testing::WriteFile(dir / "doc.pdf", "%PDF-1.4 bytes");
  std::string sha = *Sha256File(dir / "doc.pdf");
  ASSERT_TRUE(a->PutOriginal(dir / "doc.pdf", sha).ok());
  ASSERT_TRUE(a->PutOriginal(dir / "doc.pdf", sha).ok());
  EXPECT_EQ(*DefaultFs()->ReadFile(a->OriginalPath(sha)), "%PDF-1.4 bytes");
  EXPECT_EQ(DefaultFs()->List(dir / ("arch/originals/" + sha.substr(0, 2)))->size(), 1u);
}

TEST(ArchiveTest, PagesRoundTrip) {
  testing::TempDir dir;
  auto a = std::move(*Archive::Open(dir / "arch"));
  Page p;
  p.number = 1;
  p.origin = "ocr";
  p.rotation = 180;
  p.text = "Invoice No. 42\nTotal 100.00";
  p.words.push_back(Word{"Invoice", Box{0.1, 0.1, 0.2, 0.12}, 91.5f});
  ASSERT_TRUE(a->PutPages("abc", {p}).ok());
  auto back = a->GetPages("abc");
  ASSERT_TRUE(back.ok());
  ASSERT_EQ(back->size(), 1u);
  EXPECT_EQ((*back)[0].text, p.text);
  EXPECT_EQ((*back)[0].rotation, 180);
  ASSERT_EQ((*back)[0].words.size(), 1u);
  EXPECT_EQ((*back)[0].words[0].text, "Invoice");
  EXPECT_FLOAT_EQ((*back)[0].words[0].confidence, 91.5f);
}

TEST(ArchiveTest, AllRecordsOldestFirstAndReportsDamage) {
  testing::TempDir dir;
  auto a = std::move(*Archive::Open(dir / "arch"));
  ASSERT_TRUE(a->PutRecord(MakeRecord(*a, std::string(64, 'c'), "2026-01-02T00:00:00.000000Z")).ok());
  ASSERT_TRUE(a->PutRecord(MakeRecord(*a, std::string(64, 'd'), "2026-01-01T00:00:00.000000Z")).ok());
  testing::WriteFile(dir / "arch/records/broken.json", "{not json");
  std::vector<std::string> bad;
  auto all = a->AllRecords([&](const std::string& id, const Status&) { bad.push_back(id); });
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ((*all)[0].sha256[0], 'd');
  EXPECT_EQ((*all)[1].sha256[0], 'c');
  EXPECT_EQ(bad, std::vector<std::string>{"broken"});
}

TEST(ArchiveTest, RejectsIdsThatEscapeTheFolder) {
  testing::TempDir dir;
  auto a = std::move(*Archive::Open(dir / "arch"));
  EXPECT_EQ(a->GetRecord("../docket").status().code(), Status::Code::kInvalid);
  EXPECT_EQ(a->GetRecord("").status().code(), Status::Code::kInvalid);
}

}  // namespace
}  // namespace docket

namespace docket {
namespace {

TEST(ArchiveStoreTest, AFileThatChangedWhileReadIsNotStored) {
  testing::TempDir dir;
  auto a = std::move(*Archive::Open(dir / "arch"));
  testing::WriteFile(dir / "doc.pdf", "%PDF-1.4 first bytes");
  std::string sha_then = *Sha256File(dir / "doc.pdf");
  testing::WriteFile(dir / "doc.pdf", "%PDF-1.4 bytes written since");  // a writer was not done
  Record r;
  r.id = a->IdFor(sha_then);
  r.sha256 = sha_then;
  r.status = "archived";
  Status st = a->Store(dir / "doc.pdf", r, {});
  EXPECT_EQ(st.code(), Status::Code::kInvalid);
  EXPECT_NE(st.message().find("changed while it was being read"), std::string::npos);
  EXPECT_FALSE(DefaultFs()->Exists(a->OriginalPath(sha_then)));
  EXPECT_TRUE(a->ListIds()->empty());
}

TEST(ArchiveStoreTest, StoreWritesOriginalPagesAndRecord) {
  testing::TempDir dir;
  auto a = std::move(*Archive::Open(dir / "arch"));
  testing::WriteFile(dir / "doc.pdf", "%PDF-1.4 bytes");
  Record r;
  r.sha256 = *Sha256File(dir / "doc.pdf");
  r.id = a->IdFor(r.sha256);
  r.status = "archived";
  Page p;
  p.number = 1;
  p.text = "hello";
  ASSERT_TRUE(a->Store(dir / "doc.pdf", r, {p}).ok());
  EXPECT_TRUE(a->GetRecord(r.id).ok());
  EXPECT_EQ(a->GetPages(r.id)->at(0).text, "hello");
  EXPECT_TRUE(DefaultFs()->Exists(a->OriginalPath(r.sha256)));
}

}  // namespace
}  // namespace docket
