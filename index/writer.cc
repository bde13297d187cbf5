// The Xapian schema of docket's index. The index is derived from the
// records (`docket reindex` rebuilds it), so a change here only needs a
// schema bump and a reindex.
//
// One Xapian document per archived record (status "archived"; duplicates
// and rejected files have no document of their own). A packet (a file of
// several documents) has one per part, with the part's pages, and one of
// its own with no page text (type:packet and its file name only).
//
// Terms. Boolean terms are exact filters (no weight, no positions);
// probabilistic terms are weighted words with positions.
//
//   prefix              kind           from                        query prefix
//   Q<id>               boolean        record id; the unique term  id:
//                                      replace_document() uses
//   XT<type>            boolean        record type                 type:
//   XF<field>:<key>     boolean        every field of the record   <field>: and aliases
//                                      <key> = value lower-cased, spaces and punctuation removed;
//                                      '.' and '-' are kept except in reference fields
//                                      (invoice_number, loan_number, po_number, id_number,
//                                      vendor_tax_id), which keep letters and digits only
//   XV<word>            probabilistic  vendor_name words           vendor:, vendor_name:
//   XC<word>            probabilistic  customer_name words         customer:, customer_name:
//   XA<word>            probabilistic  applicant_name words        applicant:, applicant_name:
//   XP<word>            probabilistic  full_name words             full_name:
//                                      (name: searches all four name prefixes)
//   XN<word>            probabilistic  basename of `source`        file:
//   XB<key>             boolean        business keys of invoices   (none; ingest looks
//                                      and kyc papers              them up for
//                                      (business_keys.h)           possible_duplicate_of;
//                                      added without a schema bump: reindex adds them)
//   <word>, Z<stem>     probabilistic  text of every page, then    (no prefix)
//                                      the file name's words;
//                                      TermGenerator, English stemmer, STEM_SOME
//
// Name and file-name words are lower-cased letters and digits split at
// anything else (NameWords in schema.h), unstemmed, with positions from 1,
// so that `vendor:"acme traders"` is a phrase. Page texts are separated by
// a gap of 100 positions so that a phrase never spans two pages.
//
// Value slots.
//
//   0  date        YYYYMMDD: invoice_date, else application_date, else the
//                  date of archived_at                          date:A..B, date:D
//   1  amount      Xapian::sortable_serialise(double): total_amount, else
//                  loan_amount                                  amount:A..B, amount:N
//   2  archived_at ISO 8601 string as in the record; breaks ties in
//                  relevance, newest first
//   3  type        record type                                  facet "type"
//   4  vendor      vendor_name as in the record, when it has one facet "vendor"
//                  (added without a schema bump: a database written before
//                  it simply has no vendor facet until `docket reindex`)
//
// Facets (SearchOptions::facets) count the matching documents per value of
// slots 3 and 4, and per month (the first six digits of slot 0, "YYYY-MM").
//
// Sorting (SearchOptions::sort) is by slot 0 (date) or slot 1 (amount).
//
// Spelling: the page text and file-name words (the unprefixed, unstemmed
// terms, each with its count in the document) also feed Xapian's spelling
// table, from which searches suggest a corrected query for misspelt words.
//
// Document data: compact JSON
//   {"id": "...", "type": "...", "fields": {"NAME": "value", ...},
//    "text": "page texts joined by \n\n, cut to 64 KiB"}
// Search hits and snippets are built from it alone, without the store.
//
// Database metadata: "docket_schema" = "1", written when a writer opens the
// database. Readers and writers refuse a database with a higher number.

#include "index/writer.h"

#include <algorithm>
#include <charconv>
#include <optional>
#include <filesystem>

#include <boost/json.hpp>
#include <xapian.h>

#include "base/log.h"
#include "index/business_keys.h"
#include "index/schema.h"

namespace docket {
namespace {

namespace json = boost::json;
using namespace index_schema;

bool IsIsoDate(std::string_view s) {
  if (s.size() < 10) return false;
  for (size_t i = 0; i < 10; ++i) {
    bool dash = i == 4 || i == 7;
    if (dash ? s[i] != '-' : (s[i] < '0' || s[i] > '9')) return false;
  }
  return true;
}

// "2024-03-07" (or "2024-03-07T10:00:00Z") -> "20240307".
std::string DateValue(std::string_view iso) {
  return std::string(iso.substr(0, 4)) + std::string(iso.substr(5, 2)) +
         std::string(iso.substr(8, 2));
}

const Field* FindField(const Record& r, const char* name) {
  auto it = r.fields.find(name);
  return it == r.fields.end() ? nullptr : &it->second;
}

// The date a clerk means by "the document's date" (slot 0), or "".
std::string DocumentDate(const Record& r) {
  for (const char* name : {"invoice_date", "application_date"}) {
    const Field* f = FindField(r, name);
    if (f && IsIsoDate(f->value)) return DateValue(f->value);
  }
  if (IsIsoDate(r.archived_at)) return DateValue(r.archived_at);
  return "";
}

// The document's money amount (slot 1), if it has one that parses.
std::optional<double> DocumentAmount(const Record& r) {
  for (const char* name : {"total_amount", "loan_amount"}) {
    const Field* f = FindField(r, name);
    if (!f) continue;
    double v = 0;
    const char* end = f->value.data() + f->value.size();
    auto [ptr, ec] = std::from_chars(f->value.data(), end, v);
    if (ec == std::errc() && ptr == end) return v;
  }
  return std::nullopt;
}

std::string Basename(const std::string& path) {
  size_t slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

// Adds `words` as positional terms under `prefix`, positions from 1.
void AddWords(Xapian::Document& doc, const std::string& prefix,
              const std::vector<std::string>& words) {
  Xapian::termpos pos = 0;
  for (const std::string& w : words) {
    doc.add_posting(TruncateUtf8(prefix + w, kMaxTermBytes), ++pos);
  }
}

std::string JoinPageTexts(const std::vector<Page>& pages) {
  std::string text;
  for (const Page& p : pages) {
    if (p.text.empty()) continue;
    if (!text.empty()) text += "\n\n";
    text += p.text;
  }
  return text;
}

std::string DocumentData(const Record& r, const std::string& text) {
  json::object fields;
  for (const auto& [name, field] : r.fields) fields[name] = field.value;
  json::object data{{"id", r.id},
                    {"type", r.type},
                    {"fields", std::move(fields)},
                    {"text", TruncateUtf8(text, kSnippetTextBytes)}};
  return json::serialize(data);
}

void AddFieldTerms(Xapian::Document& doc, const Record& r) {
  for (const auto& [name, field] : r.fields) {
    std::string key = FieldKey(name, field.value);
    if (!key.empty()) doc.add_boolean_term(FieldTerm(name, key));
    if (const char* prefix = NameFieldPrefix(name)) AddWords(doc, prefix, NameWords(field.value));
  }
}

void AddValues(Xapian::Document& doc, const Record& r) {
  std::string date = DocumentDate(r);
  if (!date.empty()) doc.add_value(kDateSlot, date);
  if (auto amount = DocumentAmount(r)) doc.add_value(kAmountSlot, Xapian::sortable_serialise(*amount));
  if (!r.archived_at.empty()) doc.add_value(kArchivedAtSlot, r.archived_at);
  doc.add_value(kTypeSlot, r.type);
  if (const Field* vendor = FindField(r, "vendor_name"); vendor && !vendor->value.empty()) {
    doc.add_value(kVendorSlot, TruncateUtf8(vendor->value, kMaxTermBytes));
  }
}

Xapian::Document BuildDocument(const Record& r, const std::vector<Page>& all_pages,
                               Xapian::TermGenerator& text_indexer) {
  // A packet's words belong to its parts, which are indexed on their own:
  // the packet itself is found by its type and file name only, so a search
  // finds the document, not the whole stack as well.
  static const std::vector<Page> kNoPages;
  const std::vector<Page>& pages = r.type == "packet" ? kNoPages : all_pages;
  Xapian::Document doc;
  doc.add_boolean_term(TruncateUtf8(kIdPrefix + r.id, kMaxTermBytes));
  doc.add_boolean_term(TruncateUtf8(kTypePrefix + r.type, kMaxTermBytes));
  AddFieldTerms(doc, r);
  for (const std::string& key : BusinessKeys(r)) {
    doc.add_boolean_term(TruncateUtf8(kBusinessKeyPrefix + key, kMaxTermBytes));
  }

  text_indexer.set_document(doc);
  for (const Page& p : pages) {
    if (p.text.empty()) continue;
    text_indexer.index_text(p.text);
    text_indexer.increase_termpos();  // no phrase across a page break
  }
  std::vector<std::string> file_words = NameWords(Basename(r.source));
  AddWords(doc, kFileNamePrefix, file_words);
  std::string file_text;
  for (const std::string& w : file_words) file_text += w + " ";
  text_indexer.index_text(file_text);

  AddValues(doc, r);
  doc.set_data(DocumentData(r, JoinPageTexts(pages)));
  return doc;
}

class XapianIndexWriter : public IndexWriter {
 public:
  XapianIndexWriter(Xapian::WritableDatabase db, std::string path, const IndexOptions& options)
      : db_(std::move(db)), path_(std::move(path)), options_(options) {
    text_indexer_.set_stemmer(Xapian::Stem("english"));
    text_indexer_.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
  }

  ~XapianIndexWriter() override {
    // A destructor cannot report; a lost commit is repaired by reindex.
    try {
      if (pending_ > 0) db_.commit();
      db_.close();
    } catch (const Xapian::Error& e) {
      LogError("index " + path_ + ": commit on close failed: " + e.get_msg());
    } catch (...) {
      LogError("index " + path_ + ": commit on close failed");
    }
  }

  Status Put(const Record& record, const std::vector<Page>& pages) override {
    if (record.id.empty()) return Status::Invalid("record without an id");
    // A duplicate carries the id of the record it duplicates: indexing it
    // would overwrite that record's document.
    if (!record.status.empty() && record.status != "archived") return Status::Ok();
    try {
      Xapian::Document doc = BuildDocument(record, pages, text_indexer_);
      AddSpelling(doc);
      db_.replace_document(kIdPrefix + record.id, doc);
    } catch (const Xapian::Error& e) {
      return StatusFromXapian(e, "indexing " + record.id);
    }
    return CountChange();
  }

  Status Remove(const std::string& id) override {
    try {
      db_.delete_document(kIdPrefix + id);
    } catch (const Xapian::Error& e) {
      return StatusFromXapian(e, "removing " + id + " from the index");
    }
    return CountChange();
  }

  Result<std::string> FindBusinessDuplicate(const Record& record) override {
    std::vector<std::string> keys = BusinessKeys(record);
    if (keys.empty()) return Status::NotFound("no business key");
    try {
      // The writer's own database sees what this batch put but did not
      // yet commit, so a rescan later in the same batch is caught too.
      std::vector<std::string> terms;
      for (const std::string& k : keys) terms.push_back(TruncateUtf8(kBusinessKeyPrefix + k, kMaxTermBytes));
      Xapian::Query query(Xapian::Query::OP_OR, terms.begin(), terms.end());
      Xapian::Enquire enquire(db_);
      enquire.set_query(Xapian::Query(Xapian::Query::OP_AND_NOT, query,
                                      Xapian::Query(kIdPrefix + record.id)));
      enquire.set_weighting_scheme(Xapian::BoolWeight());
      // The earliest archived record is "the first": slot 2, oldest first.
      enquire.set_sort_by_value_then_relevance(kArchivedAtSlot, false);
      Xapian::MSet mset = enquire.get_mset(0, 1);
      if (mset.empty()) return Status::NotFound("no earlier record with the same business key");
      auto data = json::parse(mset.begin().get_document().get_data());
      if (const json::object* o = data.if_object()) {
        if (auto it = o->find("id"); it != o->end() && it->value().is_string()) {
          return std::string(it->value().get_string());
        }
      }
      return Status::Corrupt("index document without an id");
    } catch (const Xapian::Error& e) {
      return StatusFromXapian(e, "looking up business keys of " + record.id);
    } catch (const std::exception& e) {
      return Status::Corrupt(std::string("index document data: ") + e.what());
    }
  }

  Status Commit() override {
    try {
      db_.commit();
      pending_ = 0;
    } catch (const Xapian::Error& e) {
      return StatusFromXapian(e, "committing index " + path_);
    }
    return Status::Ok();
  }

  uint64_t DocCount() override {
    try {
      return db_.get_doccount();
    } catch (const Xapian::Error& e) {
      LogError("index " + path_ + ": " + e.get_msg());
      return 0;
    }
  }

 private:
  // Once per distinct word with its count, not once per occurrence as
  // TermGenerator's FLAG_SPELLING does: a third of the indexing time at
  // 10,000 records (bench/index_bench) went into the repeated calls.
  void AddSpelling(const Xapian::Document& doc) {
    for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
      const std::string& term = *t;
      // Prefixed terms (fields, ids, stems "Z...") start upper-case.
      if (term.empty() || (term[0] >= 'A' && term[0] <= 'Z')) continue;
      db_.add_spelling(term, t.get_wdf());
    }
  }

  Status CountChange() {
    if (++pending_ >= std::max(1, options_.commit_every)) return Commit();
    return Status::Ok();
  }

  Xapian::WritableDatabase db_;
  std::string path_;
  IndexOptions options_;
  Xapian::TermGenerator text_indexer_;
  int pending_ = 0;
};

// Records the schema version in a new database; refuses a newer one.
Status StampSchema(Xapian::WritableDatabase& db, const std::string& path) {
  DOCKET_RETURN_IF_ERROR(CheckSchemaVersion(db, path));
  std::string version = std::to_string(kSchemaVersion);
  if (db.get_metadata(kSchemaKey) != version) {
    db.set_metadata(kSchemaKey, version);
    db.commit();
  }
  return Status::Ok();
}

}  // namespace

Result<std::unique_ptr<IndexWriter>> IndexWriter::Open(const std::string& path,
                                                       const IndexOptions& options) {
  std::error_code ec;
  std::filesystem::create_directories(path, ec);
  if (ec) return Status::IoError("creating index folder " + path + ": " + ec.message());
  try {
    int flags = Xapian::DB_CREATE_OR_OPEN | (options.wait_for_lock ? Xapian::DB_RETRY_LOCK : 0);
    Xapian::WritableDatabase db(path, flags);
    DOCKET_RETURN_IF_ERROR(StampSchema(db, path));
    return std::unique_ptr<IndexWriter>(new XapianIndexWriter(std::move(db), path, options));
  } catch (const Xapian::DatabaseLockError& e) {
    return Status::Busy("index " + path + " is locked by another writer: " + e.get_msg());
  } catch (const Xapian::Error& e) {
    return StatusFromXapian(e, "opening index " + path);
  }
}

}  // namespace docket
