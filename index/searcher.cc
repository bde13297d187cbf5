#include "index/searcher.h"

#include <algorithm>
#include <optional>
#include <set>

#include <sys/stat.h>

#include <boost/json.hpp>
#include <xapian.h>

#include "index/query.h"
#include "index/schema.h"

namespace docket {
namespace {

namespace json = boost::json;
using namespace index_schema;

constexpr size_t kSnippetBytes = 200;
constexpr int kModifiedRetries = 3;

std::string HtmlEscape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

// Page text keeps its line breaks; a snippet is read as one line.
std::string CollapseSpace(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    bool space = c == ' ' || c == '\n' || c == '\r' || c == '\t';
    if (!space) {
      out += c;
    } else if (!out.empty() && out.back() != ' ') {
      out += ' ';
    }
  }
  if (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

// The start of the text, for a hit whose text holds no matched word.
std::string LeadingText(const std::string& text) {
  std::string head = TruncateUtf8(text, kSnippetBytes);
  std::string snippet = HtmlEscape(head);
  if (head.size() < text.size()) snippet += "…";
  return snippet;
}

std::string StringMember(const json::object& o, const char* key) {
  auto it = o.find(key);
  if (it == o.end() || !it->value().is_string()) return "";
  return std::string(it->value().get_string());
}

// Fills id, type, fields from the document data; returns the stored text.
std::string ReadDocumentData(const std::string& data, SearchHit& hit) {
  boost::system::error_code ec;
  json::value v = json::parse(data, ec);
  const json::object* o = ec ? nullptr : v.if_object();
  if (o == nullptr) return "";
  hit.id = StringMember(*o, "id");
  hit.type = StringMember(*o, "type");
  if (auto it = o->find("fields"); it != o->end() && it->value().is_object()) {
    for (const auto& [name, value] : it->value().get_object()) {
      if (value.is_string()) hit.fields[std::string(name)] = std::string(value.get_string());
    }
  }
  return StringMember(*o, "text");
}

// The boolean term of a record's field value, or "" when it has none.
std::string TermOf(const Record& r, const char* field, const char* as_field = nullptr) {
  auto it = r.fields.find(field);
  if (it == r.fields.end() || it->second.value.empty()) return "";
  const char* f = as_field ? as_field : field;
  std::string key = FieldKey(f, it->second.value);
  return key.empty() ? "" : TruncateUtf8(FieldTerm(f, key), kMaxTermBytes);
}

// What links records to `r`, each with its reason: the queries are run
// apart so that a link can say why it is one.
std::vector<std::pair<std::string, Xapian::Query>> LinkQueries(const Record& r) {
  std::vector<std::pair<std::string, Xapian::Query>> out;
  if (std::string t = TermOf(r, "loan_number"); !t.empty()) out.emplace_back("loan_number", Xapian::Query(t));

  // The same identity document number, on a KYC paper or a loan form.
  std::vector<Xapian::Query> applicant;
  for (const char* f : {"id_number", "applicant_id_number"}) {
    for (const char* as : {"id_number", "applicant_id_number"}) {
      if (std::string t = TermOf(r, f, as); !t.empty()) applicant.emplace_back(t);
    }
  }
  // The same name with the same date of birth.
  const char* name_field = r.fields.count("full_name") ? "full_name" : "applicant_name";
  const char* dob_field = r.fields.count("date_of_birth") ? "date_of_birth" : "applicant_date_of_birth";
  for (auto [n, d] : {std::pair{"full_name", "date_of_birth"},
                      std::pair{"applicant_name", "applicant_date_of_birth"}}) {
    std::string name = TermOf(r, name_field, n), dob = TermOf(r, dob_field, d);
    if (!name.empty() && !dob.empty()) {
      applicant.emplace_back(Xapian::Query::OP_AND, Xapian::Query(name), Xapian::Query(dob));
    }
  }
  if (!applicant.empty()) {
    out.emplace_back("applicant", Xapian::Query(Xapian::Query::OP_OR, applicant.begin(), applicant.end()));
  }
  std::string vendor = TermOf(r, "vendor_tax_id");
  if (vendor.empty()) vendor = TermOf(r, "vendor_name");
  if (!vendor.empty()) out.emplace_back("vendor", Xapian::Query(vendor));
  return out;
}

class XapianSearcher : public Searcher {
 public:
  explicit XapianSearcher(std::string path) : path_(std::move(path)) {}

  // Opens the database if there is one. No database yet is not an error:
  // a new archive has nothing to find until something is indexed.
  Status OpenIfPresent() {
    if (db_ && FolderInode() == folder_inode_) return Status::Ok();
    // `docket reindex` swaps in a new folder; reopen() would only look for
    // new revisions of the old one.
    db_.reset();
    try {
      ino_t inode = FolderInode();
      Xapian::Database db(path_);
      DOCKET_RETURN_IF_ERROR(CheckSchemaVersion(db, path_));
      db_ = std::move(db);
      folder_inode_ = inode;
      language_.SetDatabase(*db_);
    } catch (const Xapian::DatabaseNotFoundError&) {
      return Status::Ok();
    } catch (const Xapian::Error& e) {
      return StatusFromXapian(e, "opening index " + path_);
    }
    return Status::Ok();
  }

  Result<SearchResult> Search(const std::string& text, const SearchOptions& options) override {
    DOCKET_RETURN_IF_ERROR(OpenIfPresent());
    auto query = language_.Parse(text);
    if (!query.ok()) return query.status();
    if (!db_) return SearchResult{};
    for (int attempt = 0;; ++attempt) {
      try {
        db_->reopen();  // see what writers committed since the last search
        return Run(*query, options);
      } catch (const Xapian::DatabaseModifiedError& e) {
        // A writer committed twice while we read: start again on the new
        // revision.
        if (attempt >= kModifiedRetries) return StatusFromXapian(e, "searching " + path_);
      } catch (const Xapian::Error& e) {
        return StatusFromXapian(e, "searching " + path_);
      }
    }
  }

  Result<std::vector<Link>> Linked(const Record& record, size_t max) override {
    DOCKET_RETURN_IF_ERROR(OpenIfPresent());
    std::vector<Link> links;
    if (!db_) return links;
    try {
      db_->reopen();
      std::set<std::string> seen = {record.id};
      for (const auto& [why, query] : LinkQueries(record)) {
        Xapian::Enquire enquire(*db_);
        enquire.set_query(query);
        enquire.set_sort_by_value(kArchivedAtSlot, false);  // oldest first
        Xapian::MSet mset = enquire.get_mset(0, static_cast<Xapian::doccount>(max + 1));
        for (auto it = mset.begin(); it != mset.end() && links.size() < max; ++it) {
          SearchHit hit;
          ReadDocumentData(it.get_document().get_data(), hit);
          if (seen.insert(hit.id).second) links.push_back(Link{hit.id, hit.type, why});
        }
      }
    } catch (const Xapian::Error& e) {
      return StatusFromXapian(e, "finding the links of " + record.id);
    }
    return links;
  }

  Result<std::vector<std::string>> Ids() override {
    DOCKET_RETURN_IF_ERROR(OpenIfPresent());
    std::vector<std::string> ids;
    if (!db_) return ids;
    try {
      db_->reopen();
      for (auto t = db_->allterms_begin(kIdPrefix); t != db_->allterms_end(kIdPrefix); ++t) {
        ids.push_back((*t).substr(std::string(kIdPrefix).size()));
      }
    } catch (const Xapian::Error& e) {
      return StatusFromXapian(e, "listing index " + path_);
    }
    return ids;
  }

 private:
  SearchResult Run(const Xapian::Query& query, const SearchOptions& options) {
    Xapian::Enquire enquire(*db_);
    enquire.set_query(query);
    switch (options.sort) {
      case SortOrder::kRelevance:
        // Equal scores (every hit of a pure filter) list newest first.
        enquire.set_sort_by_relevance_then_value(kArchivedAtSlot, true);
        break;
      case SortOrder::kNewest:
      case SortOrder::kOldest:
        enquire.set_sort_by_value_then_relevance(kDateSlot, options.sort == SortOrder::kNewest);
        break;
      case SortOrder::kAmountHigh:
      case SortOrder::kAmountLow:
        enquire.set_sort_by_value_then_relevance(kAmountSlot, options.sort == SortOrder::kAmountHigh);
        break;
    }
    Xapian::doccount offset = std::max(0, options.offset);
    Xapian::doccount limit = std::max(0, options.limit);
    // Checking every document makes the total exact, not an estimate.
    Xapian::doccount check_at_least = std::max(db_->get_doccount(), offset + limit);
    // The spies see every matching document because check_at_least covers
    // the whole database.
    std::optional<Xapian::ValueCountMatchSpy> by_type, by_vendor, by_date;
    if (options.facets) {
      by_type.emplace(kTypeSlot);
      by_vendor.emplace(kVendorSlot);
      by_date.emplace(kDateSlot);
      enquire.add_matchspy(&*by_type);
      enquire.add_matchspy(&*by_vendor);
      enquire.add_matchspy(&*by_date);
    }
    Xapian::MSet mset = enquire.get_mset(offset, limit, check_at_least);

    SearchResult result;
    result.total = mset.get_matches_estimated();
    result.suggestion = language_.correction();
    if (options.facets) {
      auto count = [](Xapian::ValueCountMatchSpy& spy, std::map<std::string, uint64_t>& out,
                      size_t key_bytes) {
        for (auto v = spy.values_begin(); v != spy.values_end(); ++v) {
          std::string key = *v;
          if (key.empty()) continue;
          if (key_bytes > 0) {
            // YYYYMMDD -> YYYY-MM
            if (key.size() < key_bytes) continue;
            key = key.substr(0, 4) + "-" + key.substr(4, 2);
          }
          out[key] += v.get_termfreq();
        }
      };
      count(*by_type, result.facets["type"], 0);
      count(*by_vendor, result.facets["vendor"], 0);
      count(*by_date, result.facets["month"], 6);
    }
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      result.hits.push_back(MakeHit(mset, it));
    }
    return result;
  }

  SearchHit MakeHit(const Xapian::MSet& mset, const Xapian::MSetIterator& it) {
    SearchHit hit;
    std::string text = ReadDocumentData(it.get_document().get_data(), hit);
    hit.score = it.get_percent() / 100.0;
    // No SNIPPET_BACKGROUND_MODEL: it looks up the frequency of every word
    // of the text in the database, ~2,500 lookups for 10 hits, and made a
    // search 10x slower (bench/index_bench: word query p50 11.7 ms -> 1.1 ms
    // at 5,000 records) for a barely different passage.
    hit.snippet = mset.snippet(text, kSnippetBytes, language_.stemmer(),
                               Xapian::MSet::SNIPPET_EXHAUSTIVE, "<mark>", "</mark>", "…");
    if (hit.snippet.empty()) hit.snippet = LeadingText(text);
    hit.snippet = CollapseSpace(hit.snippet);
    return hit;
  }

  ino_t FolderInode() const {
    struct stat st;
    return ::stat(path_.c_str(), &st) == 0 ? st.st_ino : 0;
  }

  std::string path_;
  std::optional<Xapian::Database> db_;
  ino_t folder_inode_ = 0;
  index_query::QueryLanguage language_;
};

}  // namespace

Result<std::unique_ptr<Searcher>> Searcher::Open(const std::string& path) {
  auto searcher = std::make_unique<XapianSearcher>(path);
  DOCKET_RETURN_IF_ERROR(searcher->OpenIfPresent());
  return std::unique_ptr<Searcher>(std::move(searcher));
}

}  // namespace docket
