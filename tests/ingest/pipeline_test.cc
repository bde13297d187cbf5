// The pipeline on real samples with real Tesseract, a real archive and a
// real Xapian index in a temp folder.
#include "ingest/pipeline.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <set>

#include "index/searcher.h"
#include "tests/testutil/samples.h"
#include "tests/testutil/temp_dir.h"

namespace docket {
namespace {

using testing::CorpusSamples;
using testing::Sample;
using testing::SamplePath;

Sample First(const std::string& format) {
  for (const Sample& s : CorpusSamples()) {
    if (s.format == format && s.pages == 1) return s;
  }
  return Sample{};
}

// Every file under `dir` whose name says it is a write in flight.
std::vector<std::string> TempFiles(const std::string& dir) {
  std::vector<std::string> out;
  for (const auto& e : std::filesystem::recursive_directory_iterator(dir)) {
    if (e.path().filename().string().find(".tmp.") != std::string::npos) out.push_back(e.path());
  }
  return out;
}

size_t CountFiles(const std::string& dir) {
  size_t n = 0;
  for (const auto& e : std::filesystem::recursive_directory_iterator(dir)) n += e.is_regular_file();
  return n;
}

class PipelineTest : public ::testing::Test {
 protected:
  void SetUp() override {
    QuietDecoders();
    archive_ = std::move(*Archive::Open(dir_ / "archive"));
    index_ = std::move(*IndexWriter::Open(archive_->IndexPath()));
  }

  std::vector<Record> Ingest(const std::vector<std::string>& paths, int jobs = 2) {
    PipelineOptions options;
    options.jobs = jobs;
    EnginePool engines(OcrOptions{}, jobs);
    Pipeline pipeline(options, archive_.get(), index_.get(), &engines, &classifier_);
    std::vector<Record> out;
    Status st = pipeline.Run(paths, [&](const Record& r) { out.push_back(r); }, nullptr);
    EXPECT_TRUE(st.ok()) << st.ToString();
    stats_ = pipeline.stats();
    return out;
  }

  testing::TempDir dir_;
  std::unique_ptr<Archive> archive_;
  std::unique_ptr<IndexWriter> index_;
  Classifier classifier_;
  PipelineStats stats_;
};

TEST_F(PipelineTest, ArchivesInInputOrderDeduplicatesAndRejects) {
  Sample digital = First("born_digital");
  Sample fax = First("fax_fine");
  ASSERT_FALSE(digital.path.empty());
  ASSERT_FALSE(fax.path.empty());
  std::vector<std::string> paths = {digital.path, fax.path, SamplePath("bad/empty.pdf"),
                                    digital.path, SamplePath("bad/encrypted.pdf")};
  auto records = Ingest(paths);
  ASSERT_EQ(records.size(), paths.size());
  for (size_t i = 0; i < paths.size(); ++i) EXPECT_EQ(records[i].source, paths[i]);

  EXPECT_EQ(records[0].status, "archived");
  EXPECT_EQ(records[0].ocr_pages, 0);  // the text layer was used, not OCR
  EXPECT_EQ(records[0].type, digital.type);  // the built-in model
  EXPECT_EQ(records[0].id, records[0].sha256.substr(0, 16));

  EXPECT_EQ(records[1].status, "archived");
  EXPECT_EQ(records[1].ocr_pages, 1);
  EXPECT_EQ(records[1].format, "tiff");

  EXPECT_EQ(records[2].status, "rejected");
  EXPECT_NE(records[2].error.find("empty"), std::string::npos);
  EXPECT_TRUE(records[2].id.empty());

  EXPECT_EQ(records[3].status, "duplicate");
  EXPECT_EQ(records[3].id, records[0].id);

  EXPECT_EQ(records[4].status, "rejected");
  EXPECT_NE(records[4].error.find("encrypted"), std::string::npos);

  // Exactly the two archived documents are stored and indexed.
  EXPECT_EQ(archive_->ListIds()->size(), 2u);
  EXPECT_EQ(CountFiles(dir_ / "archive/originals"), 2u);
  EXPECT_TRUE(TempFiles(archive_->dir()).empty());
  auto searcher = Searcher::Open(archive_->IndexPath());
  ASSERT_TRUE(searcher.ok());
  EXPECT_EQ((*searcher)->Search("", SearchOptions{})->total, 2u);

  // The fax's OCR'd keyword finds it.
  auto hits = (*searcher)->Search(fax.keyword, SearchOptions{});
  ASSERT_TRUE(hits.ok());
  ASSERT_EQ(hits->total, 1u) << fax.keyword;
  EXPECT_EQ(hits->hits[0].id, records[1].id);

  EXPECT_GT(stats_.recognize_seconds, 0);
  EXPECT_EQ(stats_.archived, 2u);
  EXPECT_EQ(stats_.duplicates, 1u);
  EXPECT_EQ(stats_.rejected, 2u);
}

// Copies of one file in a batch, opened by several workers at once: every
// copy takes the first copy's fate. Once a later copy registered its bytes
// before an earlier one, which was then emitted as a "duplicate" of nothing
// and a watcher deleted it (found by watch_test under ASan).
TEST_F(PipelineTest, CopiesInOneBatchAllTakeTheFirstCopysFate) {
  std::vector<std::string> paths;
  // Big enough that hashing takes a while, so workers finish out of order.
  const std::string junk(2 << 20, 'x');
  for (int i = 0; i < 24; ++i) {
    std::string p = dir_ / ("junk-" + std::to_string(i) + ".pdf");
    testing::WriteFile(p, junk);
    paths.push_back(p);
  }
  for (int round = 0; round < 5; ++round) {
    std::vector<Record> out = Ingest(paths, /*jobs=*/4);
    ASSERT_EQ(out.size(), paths.size());
    for (const Record& r : out) {
      EXPECT_EQ(r.status, "rejected") << r.source << " " << r.id;
      EXPECT_FALSE(r.error.empty()) << r.source;
    }
  }
}

// Copies of one invoice with different bytes (rescans) in one batch are
// stored side by side by several workers, outside the index lock; each is
// still checked against the ones being stored, so exactly one is the first
// and every other names an archived copy.
TEST_F(PipelineTest, BusinessCopiesInOneBatchMeetWhileBeingStored) {
  Sample invoice;
  for (const Sample& s : CorpusSamples()) {
    if (s.format == "born_digital" && s.type == "invoice") invoice = s;
  }
  ASSERT_FALSE(invoice.path.empty());
  const std::string bytes = testing::ReadFileBytes(invoice.path);
  std::vector<std::string> paths;
  for (int i = 0; i < 16; ++i) {
    std::string p = dir_ / ("rescan-" + std::to_string(i) + ".pdf");
    testing::WriteFile(p, bytes + "\n% copy " + std::to_string(i) + "\n");
    paths.push_back(p);
  }
  std::vector<Record> out = Ingest(paths, /*jobs=*/4);
  ASSERT_EQ(out.size(), paths.size());
  std::set<std::string> ids;
  for (const Record& r : out) {
    ASSERT_EQ(r.status, "archived") << r.source << ": " << r.error;
    ids.insert(r.id);
  }
  int firsts = 0;
  for (const Record& r : out) {
    auto it = r.extra.find("possible_duplicate_of");
    if (it == r.extra.end()) {
      ++firsts;
      continue;
    }
    std::string of(it->value().as_string());
    EXPECT_NE(of, r.id);
    EXPECT_EQ(ids.count(of), 1u) << r.id << " names " << of;
  }
  EXPECT_EQ(firsts, 1);
}

// --stats charges each worker's CPU time to the stage it was spent in:
// Tesseract's recognition apart from decoding, preparing and finishing, so
// that bench/ can say how much of the time is docket's own.
TEST_F(PipelineTest, StatsChargeCpuTimeToTheirStages) {
  Sample fax = First("fax_fine");
  Sample digital = First("born_digital");
  ASSERT_FALSE(fax.path.empty());
  Ingest({digital.path});
  // A born-digital file never loads or calls Tesseract.
  EXPECT_EQ(stats_.recognize_seconds, 0);
  EXPECT_EQ(stats_.load_seconds, 0);
  EXPECT_EQ(stats_.osd_seconds, 0);
  EXPECT_GT(stats_.finish_seconds, 0);
  EXPECT_DOUBLE_EQ(stats_.outside_recognition_share(), 1.0);

  Ingest({fax.path});
  EXPECT_GT(stats_.decode_seconds, 0);
  EXPECT_GT(stats_.load_seconds, 0);
  EXPECT_GT(stats_.prepare_seconds, 0);
  EXPECT_GT(stats_.finish_seconds, 0);
  // Recognising a page is most of the work, and CPU time never exceeds
  // what the workers could have used in the batch's wall time.
  EXPECT_GT(stats_.recognize_seconds, stats_.prepare_seconds);
  EXPECT_GT(stats_.recognize_seconds, stats_.decode_seconds);
  EXPECT_LT(stats_.busy_seconds(), stats_.wall_seconds * 4 + 0.05);
  double share = stats_.outside_recognition_share();
  EXPECT_GT(share, 0);
  EXPECT_LT(share, 0.5);
  EXPECT_NEAR(share, (stats_.busy_seconds() - stats_.recognize_seconds) / stats_.busy_seconds(), 1e-9);
}

TEST_F(PipelineTest, SameBytesLaterAreADuplicateOfTheStoredRecord) {
  Sample digital = First("born_digital");
  auto first = Ingest({digital.path});
  ASSERT_EQ(first[0].status, "archived");
  // A copy under another name is still the same document.
  std::filesystem::copy_file(digital.path, dir_ / "copy.pdf");
  auto again = Ingest({dir_ / "copy.pdf"});
  EXPECT_EQ(again[0].status, "duplicate");
  EXPECT_EQ(again[0].id, first[0].id);
  EXPECT_EQ(again[0].source, dir_ / "copy.pdf");
  EXPECT_EQ(archive_->ListIds()->size(), 1u);
}

TEST_F(PipelineTest, PagesAreStoredWithTheirTextAndOrigin) {
  Sample mixed = First("mixed_pdf");
  if (mixed.path.empty()) {
    for (const Sample& s : CorpusSamples()) {
      if (s.format == "mixed_pdf") mixed = s;
    }
  }
  ASSERT_FALSE(mixed.path.empty());
  auto records = Ingest({mixed.path});
  ASSERT_EQ(records[0].status, "archived") << records[0].error;
  EXPECT_EQ(records[0].pages, mixed.pages);
  EXPECT_GE(records[0].ocr_pages, 1);
  EXPECT_LT(records[0].ocr_pages, records[0].pages);
  auto pages = archive_->GetPages(records[0].id);
  ASSERT_TRUE(pages.ok());
  ASSERT_EQ(static_cast<int>(pages->size()), mixed.pages);
  EXPECT_EQ((*pages)[0].number, 1);
  bool text_layer = false, ocr = false;
  for (const Page& p : *pages) {
    text_layer |= p.origin == "text_layer";
    ocr |= p.origin == "ocr";
    if (p.origin == "ocr") {
      ASSERT_FALSE(p.words.empty());
      EXPECT_GT(p.words[0].box.right, p.words[0].box.left);
      EXPECT_LE(p.words[0].box.right, 1.0);
    }
  }
  EXPECT_TRUE(text_layer);
  EXPECT_TRUE(ocr);
}

TEST_F(PipelineTest, AnImageBombIsRejectedWithoutDecoding) {
  DecodeOptions limits;
  auto records = Ingest({SamplePath("bad/bomb.png"), SamplePath("bad/lying-header.tif")}, 1);
  for (const Record& r : records) {
    EXPECT_EQ(r.status, "rejected");
    EXPECT_NE(r.error.find("over the limit"), std::string::npos) << r.error;
  }
  EXPECT_TRUE(archive_->ListIds()->empty());
  EXPECT_EQ(CountFiles(dir_ / "archive/originals"), 0u);
  EXPECT_TRUE(TempFiles(archive_->dir()).empty());
}

}  // namespace
}  // namespace docket
