#include "index/searcher.h"

#include <algorithm>
#include <optional>
#include <cctype>
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
// Business keys of issue #9 (business_keys.h), one boolean term each.
constexpr char kBusinessKeyTermPrefix[] = "XB";

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

// Where one part of the searched database lives.
struct Source {
  std::string shard;       // "" when searching one archive: ids stay bare
  std::string index_path;  // a local index folder, or "" for a remote one
  std::string host;        // a remote shard's xapian-tcpsrv
  unsigned port = 0;
};

// A single archive's index, or several shards searched as one through
// Xapian's multi-database search. Document ids interleave over the
// sub-databases (docid d lives in sub-database (d - 1) % n), which tells
// each hit's shard without asking anyone.
class XapianSearcher : public Searcher {
 public:
  explicit XapianSearcher(std::string path) : path_(std::move(path)) {
    sources_.push_back(Source{"", path_, "", 0});
  }
  XapianSearcher(std::vector<Source> sources, ShardOptions options)
      : options_(options), sources_(std::move(sources)) {
    for (const Source& s : sources_) path_ += (path_.empty() ? "" : ", ") + s.shard;
    path_ = "shards " + path_;
  }

  // Opens the database if there is one. No database yet is not an error:
  // a new archive has nothing to find until something is indexed.
  Status OpenIfPresent() {
    if (db_ && FolderInodes() == folder_inodes_) return Status::Ok();
    // `docket reindex` swaps in a new folder; reopen() would only look for
    // new revisions of the old one.
    db_.reset();
    parts_.clear();
    if (!sharded()) {
      try {
        std::vector<ino_t> inodes = FolderInodes();
        Xapian::Database db(path_);
        DOCKET_RETURN_IF_ERROR(CheckSchemaVersion(db, path_));
        parts_.push_back(db);
        db_ = std::move(db);
        folder_inodes_ = std::move(inodes);
        language_.SetDatabase(*db_);
      } catch (const Xapian::DatabaseNotFoundError&) {
        parts_.clear();
        return Status::Ok();
      } catch (const Xapian::Error& e) {
        parts_.clear();
        return StatusFromXapian(e, "opening index " + path_);
      }
      return Status::Ok();
    }
    std::vector<ino_t> inodes = FolderInodes();
    Xapian::Database all;
    for (const Source& s : sources_) {
      std::string where = s.index_path.empty() ? "tcp://" + s.host + ":" + std::to_string(s.port) : s.index_path;
      try {
        Xapian::Database one;
        if (s.index_path.empty()) {
          one = Xapian::Remote::open(s.host, s.port, options_.timeout_ms, options_.connect_timeout_ms);
        } else {
          try {
            one = Xapian::Database(s.index_path);
          } catch (const Xapian::DatabaseNotFoundError&) {
            // A shard with nothing indexed yet: an empty stand-in keeps the
            // docid interleave (one sub-database per shard).
            one = Xapian::WritableDatabase(std::string(), Xapian::DB_BACKEND_INMEMORY);
          }
        }
        DOCKET_RETURN_IF_ERROR(CheckSchemaVersion(one, where));
        all.add_database(one);
        parts_.push_back(one);
      } catch (const Xapian::Error& e) {
        parts_.clear();
        return StatusFromXapian(e, "shard " + s.shard + " (" + where + ")");
      }
    }
    db_ = std::move(all);
    folder_inodes_ = std::move(inodes);
    language_.SetDatabase(*db_);
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
        // A remote shard that went away: connect afresh next time.
        if (sharded()) db_.reset();
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
          if (seen.insert(hit.id).second) {
            links.push_back(Link{Qualify(hit.id, *it), hit.type, why});
          }
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
      // Per part, so that each id can name its shard.
      for (size_t i = 0; i < parts_.size(); ++i) {
        Xapian::Database& part = parts_[i];
        part.reopen();
        for (auto t = part.allterms_begin(kIdPrefix); t != part.allterms_end(kIdPrefix); ++t) {
          std::string id = (*t).substr(std::string(kIdPrefix).size());
          ids.push_back(sharded() ? QualifiedId(id, sources_[i].shard) : id);
        }
      }
    } catch (const Xapian::Error& e) {
      return StatusFromXapian(e, "listing index " + path_);
    }
    return ids;
  }

  Result<std::vector<std::string>> FindKnown(const KnownKeys& keys) override {
    DOCKET_RETURN_IF_ERROR(OpenIfPresent());
    std::vector<std::string> found;
    if (!db_) return found;
    std::vector<Xapian::Query> any;
    if (keys.sha256.size() == 64) {
      // Archive::IdFor: a prefix of the sha256, 16 hex digits unless two
      // documents of one archive shared them.
      for (size_t len : {16, 24, 32, 64}) any.emplace_back(kIdPrefix + keys.sha256.substr(0, len));
    }
    for (const std::string& key : keys.business_keys) {
      any.emplace_back(TruncateUtf8(kBusinessKeyTermPrefix + key, kMaxTermBytes));
    }
    if (any.empty()) return found;
    for (int attempt = 0;; ++attempt) {
      try {
        db_->reopen();
        Xapian::Enquire enquire(*db_);
        enquire.set_query(Xapian::Query(Xapian::Query::OP_OR, any.begin(), any.end()));
        enquire.set_weighting_scheme(Xapian::BoolWeight());
        enquire.set_sort_by_value(kArchivedAtSlot, false);  // the first archived first
        Xapian::MSet mset = enquire.get_mset(0, 100);
        for (auto it = mset.begin(); it != mset.end(); ++it) {
          SearchHit hit;
          ReadDocumentData(it.get_document().get_data(), hit);
          found.push_back(Qualify(hit.id, *it));
        }
        return found;
      } catch (const Xapian::DatabaseModifiedError& e) {
        if (attempt >= kModifiedRetries) return StatusFromXapian(e, "looking up " + keys.sha256 + " in " + path_);
        found.clear();
      } catch (const Xapian::Error& e) {
        return StatusFromXapian(e, "looking up " + keys.sha256 + " in " + path_);
      }
    }
  }

 private:
  bool sharded() const { return !sources_.front().shard.empty(); }

  // The id as the caller sees it: "ID@SHARD" over shards.
  std::string Qualify(const std::string& id, Xapian::docid docid) const {
    if (!sharded() || docid == 0) return id;
    return QualifiedId(id, sources_[(docid - 1) % sources_.size()].shard);
  }

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
    // Counting every match (exact totals and facets) costs a phrase query
    // of common words a positional check of tens of thousands of documents
    // at 100,000 records (bench: p99 213 ms; 34 ms counting up to 1,000,
    // 25 ms up to 250, under load). Past `exact_up_to` matches the
    // total is Xapian's estimate and the facets are scaled from the
    // documents checked, and the result says so.
    Xapian::doccount check_at_least =
        std::max<Xapian::doccount>(std::max(0, options.exact_up_to), offset + limit);
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
    result.total_exact = mset.get_matches_lower_bound() == mset.get_matches_upper_bound();
    result.suggestion = language_.correction();
    if (options.facets) {
      // Every spy saw the same documents: all of them when the total is exact.
      double seen = static_cast<double>(by_type->get_total());
      double scale = result.total_exact || seen == 0 ? 1.0 : static_cast<double>(result.total) / seen;
      auto count = [scale](Xapian::ValueCountMatchSpy& spy, std::map<std::string, uint64_t>& out,
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
        if (scale != 1.0) {
          for (auto& [key, n] : out) n = std::max<uint64_t>(1, std::llround(n * scale));
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
    hit.id = Qualify(hit.id, *it);
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

  // The inodes of the local index folders (0 for remote ones).
  std::vector<ino_t> FolderInodes() const {
    std::vector<ino_t> out;
    for (const Source& s : sources_) {
      struct stat st;
      out.push_back(!s.index_path.empty() && ::stat(s.index_path.c_str(), &st) == 0 ? st.st_ino : 0);
    }
    return out;
  }

  ShardOptions options_;
  std::vector<Source> sources_;
  std::string path_;  // for messages: the index folder, or the shards' names
  std::optional<Xapian::Database> db_;
  std::vector<Xapian::Database> parts_;  // db_'s sub-databases, in order
  std::vector<ino_t> folder_inodes_;
  index_query::QueryLanguage language_;
};

bool ValidShardName(const std::string& name) {
  if (name.empty() || name.size() > 64) return false;
  for (unsigned char c : name) {
    if (!std::isalnum(c) && c != '-' && c != '_') return false;
  }
  return true;
}

}  // namespace

Result<Shard> ParseShard(const std::string& spec) {
  size_t eq = spec.find('=');
  if (eq == std::string::npos) return Status::Invalid("shard \"" + spec + "\" is not NAME=WHERE");
  Shard s{spec.substr(0, eq), spec.substr(eq + 1)};
  if (!ValidShardName(s.name)) {
    return Status::Invalid("shard name \"" + s.name + "\": use letters, digits, '-' and '_'");
  }
  if (s.where.empty()) return Status::Invalid("shard " + s.name + ": no archive folder or tcp://HOST:PORT");
  if (s.remote()) {
    std::string hp = s.where.substr(6);
    size_t colon = hp.rfind(':');
    std::string port = colon == std::string::npos ? "" : hp.substr(colon + 1);
    if (colon == 0 || port.empty() || port.size() > 5 ||
        port.find_first_not_of("0123456789") != std::string::npos || std::stoul(port) > 65535) {
      return Status::Invalid("shard " + s.name + ": " + s.where + " is not tcp://HOST:PORT");
    }
  }
  return s;
}

std::string QualifiedId(const std::string& id, const std::string& shard) { return id + "@" + shard; }

bool SplitQualifiedId(const std::string& qualified, std::string* id, std::string* shard) {
  size_t at = qualified.rfind('@');
  if (at == std::string::npos || at == 0 || at + 1 == qualified.size()) {
    *id = qualified;
    shard->clear();
    return false;
  }
  *id = qualified.substr(0, at);
  *shard = qualified.substr(at + 1);
  return true;
}

Result<std::unique_ptr<Searcher>> Searcher::OpenShards(const std::vector<Shard>& shards,
                                                       const ShardOptions& options) {
  if (shards.empty()) return Status::Invalid("no shards to search");
  std::vector<Source> sources;
  std::set<std::string> names;
  for (const Shard& s : shards) {
    if (!ValidShardName(s.name)) return Status::Invalid("bad shard name \"" + s.name + "\"");
    if (!names.insert(s.name).second) return Status::Invalid("two shards are named " + s.name);
    Source src{s.name, "", "", 0};
    if (s.remote()) {
      auto parsed = ParseShard(s.name + "=" + s.where);
      if (!parsed.ok()) return parsed.status();
      std::string hp = s.where.substr(6);
      size_t colon = hp.rfind(':');
      src.host = hp.substr(0, colon);
      if (src.host.size() > 2 && src.host.front() == '[') src.host = src.host.substr(1, src.host.size() - 2);
      src.port = static_cast<unsigned>(std::stoul(hp.substr(colon + 1)));
    } else {
      src.index_path = s.where + "/index";
    }
    sources.push_back(std::move(src));
  }
  auto searcher = std::make_unique<XapianSearcher>(std::move(sources), options);
  DOCKET_RETURN_IF_ERROR(searcher->OpenIfPresent());
  return std::unique_ptr<Searcher>(std::move(searcher));
}

Result<std::unique_ptr<Searcher>> Searcher::Open(const std::string& path) {
  auto searcher = std::make_unique<XapianSearcher>(path);
  DOCKET_RETURN_IF_ERROR(searcher->OpenIfPresent());
  return std::unique_ptr<Searcher>(std::move(searcher));
}

}  // namespace docket
