#include "index/writer.h"

#include <fstream>

#include <gtest/gtest.h>
#include <xapian.h>

#include <boost/json.hpp>

#include "index/searcher.h"
#include "tests/index/index_samples.h"

namespace docket {
namespace {

using testing::MakeDoc;
using testing::SampleDocs;
using testing::TempDir;

class WriterTest : public ::testing::Test {
 protected:
  std::string IndexPath() const { return dir_.path() + "/index"; }

  std::unique_ptr<IndexWriter> OpenWriter(const IndexOptions& options = {}) {
    auto w = IndexWriter::Open(IndexPath(), options);
    EXPECT_TRUE(w.ok()) << w.status().ToString();
    return w.ok() ? std::move(*w) : nullptr;
  }

  void PutSamples(IndexWriter& w) {
    for (const auto& d : SampleDocs()) ASSERT_TRUE(w.Put(d.record, d.pages).ok());
  }

  // The committed document of `id`, read straight from Xapian.
  Xapian::Document CommittedDoc(const std::string& id) {
    Xapian::Database db(IndexPath());
    Xapian::PostingIterator p = db.postlist_begin("Q" + id);
    EXPECT_NE(p, db.postlist_end("Q" + id)) << "no document for " << id;
    return db.get_document(*p);
  }

  TempDir dir_;
};

bool HasTerm(const Xapian::Document& doc, const std::string& term) {
  Xapian::TermIterator t = doc.termlist_begin();
  t.skip_to(term);
  return t != doc.termlist_end() && *t == term;
}

TEST_F(WriterTest, OpenCreatesDatabaseAndStampsSchema) {
  auto w = OpenWriter();
  ASSERT_TRUE(w);
  EXPECT_EQ(w->DocCount(), 0u);
  Xapian::Database db(IndexPath());
  EXPECT_EQ(db.get_metadata("docket_schema"), "1");
}

TEST_F(WriterTest, WritesTheDocumentedSchema) {
  {
    auto w = OpenWriter();
    PutSamples(*w);
    ASSERT_TRUE(w->Commit().ok());
  }
  Xapian::Document inv = CommittedDoc("inv1");
  EXPECT_TRUE(HasTerm(inv, "Qinv1"));
  EXPECT_TRUE(HasTerm(inv, "XTinvoice"));
  EXPECT_TRUE(HasTerm(inv, "XFinvoice_number:inv2024001"));  // reference: letters, digits
  EXPECT_TRUE(HasTerm(inv, "XFtotal_amount:25000.00"));      // '.' kept in amounts
  EXPECT_TRUE(HasTerm(inv, "XFinvoice_date:2024-02-15"));
  EXPECT_TRUE(HasTerm(inv, "XVacme"));
  EXPECT_TRUE(HasTerm(inv, "XCnorthwind"));
  EXPECT_TRUE(HasTerm(inv, "XNacme"));
  EXPECT_TRUE(HasTerm(inv, "Zchair"));  // stemmed page text
  EXPECT_TRUE(HasTerm(inv, "chairs"));
  EXPECT_EQ(inv.get_value(0), "20240215");
  EXPECT_DOUBLE_EQ(Xapian::sortable_unserialise(inv.get_value(1)), 25000.0);
  EXPECT_EQ(inv.get_value(2), "2024-02-16T09:00:00Z");
  EXPECT_EQ(inv.get_value(3), "invoice");

  Xapian::Document loan = CommittedDoc("loan1");
  EXPECT_EQ(loan.get_value(0), "20240310");  // application_date
  EXPECT_DOUBLE_EQ(Xapian::sortable_unserialise(loan.get_value(1)), 2500000.0);

  Xapian::Document other = CommittedDoc("other1");
  EXPECT_EQ(other.get_value(0), "20240601");  // archived_at's date
  EXPECT_TRUE(other.get_value(1).empty());

  boost::json::value data = boost::json::parse(inv.get_data());
  EXPECT_EQ(data.at("id").as_string(), "inv1");
  EXPECT_EQ(data.at("type").as_string(), "invoice");
  EXPECT_EQ(data.at("fields").at("vendor_name").as_string(), "Acme Traders Pvt Ltd");
  EXPECT_NE(std::string(data.at("text").as_string()).find("office chairs"), std::string::npos);
}

TEST_F(WriterTest, StoredTextIsCutTo64KiB) {
  auto w = OpenWriter();
  auto d = MakeDoc("big1", "other", "2024-01-01T00:00:00Z", "big.pdf", {},
                   {std::string(100 * 1024, 'a') + " tailword"});
  ASSERT_TRUE(w->Put(d.record, d.pages).ok());
  ASSERT_TRUE(w->Commit().ok());
  boost::json::value data = boost::json::parse(CommittedDoc("big1").get_data());
  EXPECT_LE(data.at("text").as_string().size(), 64u * 1024);
  // The whole text is still indexed.
  auto s = Searcher::Open(IndexPath());
  ASSERT_TRUE(s.ok());
  auto r = (*s)->Search("tailword", {});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->total, 1u);
}

TEST_F(WriterTest, PutReplacesById) {
  auto w = OpenWriter();
  auto d = SampleDocs()[0];
  ASSERT_TRUE(w->Put(d.record, d.pages).ok());
  d.record.fields["invoice_number"] = testing::F("INV-9999");
  d.pages[0].text = "Corrected scan of the invoice";
  ASSERT_TRUE(w->Put(d.record, d.pages).ok());
  EXPECT_EQ(w->DocCount(), 1u);
  ASSERT_TRUE(w->Commit().ok());

  auto s = Searcher::Open(IndexPath());
  ASSERT_TRUE(s.ok());
  EXPECT_EQ((*s)->Search("invoice:INV-2024001", {})->total, 0u);
  EXPECT_EQ((*s)->Search("invoice:INV-9999", {})->total, 1u);
  EXPECT_EQ((*s)->Search("chairs", {})->total, 0u);
  EXPECT_EQ((*s)->Search("corrected", {})->total, 1u);
}

TEST_F(WriterTest, DuplicateAndRejectedRecordsLeaveTheIndexAlone) {
  auto w = OpenWriter();
  auto d = SampleDocs()[0];
  ASSERT_TRUE(w->Put(d.record, d.pages).ok());
  // A duplicate carries the id of the record it duplicates.
  Record dup = d.record;
  dup.status = "duplicate";
  dup.type = "other";
  ASSERT_TRUE(w->Put(dup, {}).ok());
  Record rejected = d.record;
  rejected.id = "rej1";
  rejected.status = "rejected";
  ASSERT_TRUE(w->Put(rejected, {}).ok());
  ASSERT_TRUE(w->Commit().ok());
  EXPECT_EQ(w->DocCount(), 1u);
  EXPECT_TRUE(HasTerm(CommittedDoc("inv1"), "XTinvoice"));
}

TEST_F(WriterTest, RemoveDeletesTheDocument) {
  auto w = OpenWriter();
  PutSamples(*w);
  EXPECT_EQ(w->DocCount(), 5u);
  ASSERT_TRUE(w->Remove("inv2").ok());
  ASSERT_TRUE(w->Remove("never-indexed").ok());
  EXPECT_EQ(w->DocCount(), 4u);
}

TEST_F(WriterTest, CommitsEveryNPuts) {
  IndexOptions options;
  options.commit_every = 2;
  auto w = OpenWriter(options);
  auto docs = SampleDocs();
  ASSERT_TRUE(w->Put(docs[0].record, docs[0].pages).ok());
  EXPECT_EQ(Xapian::Database(IndexPath()).get_doccount(), 0u);
  ASSERT_TRUE(w->Put(docs[1].record, docs[1].pages).ok());
  EXPECT_EQ(Xapian::Database(IndexPath()).get_doccount(), 2u);
  ASSERT_TRUE(w->Put(docs[2].record, docs[2].pages).ok());
  EXPECT_EQ(Xapian::Database(IndexPath()).get_doccount(), 2u);
  EXPECT_EQ(w->DocCount(), 3u);  // uncommitted counted too
}

TEST_F(WriterTest, DestructorCommits) {
  {
    auto w = OpenWriter();
    PutSamples(*w);
  }
  EXPECT_EQ(Xapian::Database(IndexPath()).get_doccount(), 5u);
}

TEST_F(WriterTest, SecondWriterIsBusyWhenNotWaiting) {
  auto first = OpenWriter();
  ASSERT_TRUE(first);
  IndexOptions options;
  options.wait_for_lock = false;
  auto second = IndexWriter::Open(IndexPath(), options);
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.status().code(), Status::Code::kBusy);
}

TEST_F(WriterTest, NewerSchemaIsUnsupported) {
  {
    Xapian::WritableDatabase db(IndexPath(), Xapian::DB_CREATE_OR_OPEN);
    db.set_metadata("docket_schema", "2");
    db.commit();
  }
  auto w = IndexWriter::Open(IndexPath());
  ASSERT_FALSE(w.ok());
  EXPECT_EQ(w.status().code(), Status::Code::kUnsupported);
  auto s = Searcher::Open(IndexPath());
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().code(), Status::Code::kUnsupported);
}

TEST_F(WriterTest, UnopenablePathIsAnErrorNotAnException) {
  std::string file = dir_.path() + "/plainfile";
  std::ofstream(file) << "not a folder";
  auto w = IndexWriter::Open(file + "/index");
  EXPECT_FALSE(w.ok());
}

}  // namespace
}  // namespace docket
