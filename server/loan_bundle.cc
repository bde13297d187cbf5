#include "server/loan_bundle.h"

#include <unistd.h>
#include <zip.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <set>

#include <boost/json.hpp>

#include "base/clock.h"
#include "ingest/part_pdf.h"

namespace docket::server {
namespace {

namespace fs = std::filesystem;
namespace json = boost::json;

std::string Extension(const std::string& format) {
  if (format == "tiff") return "tif";
  if (format == "jpeg") return "jpg";
  return format.empty() ? "bin" : format;
}

// Letters, digits and single dashes: safe in any file system and readable.
std::string Slug(const std::string& s) {
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c)) {
      out += static_cast<char>(c);
    } else if (!out.empty() && out.back() != '-') {
      out += '-';
    }
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out.substr(0, 60);
}

std::string FieldValue(const Record& r, const char* name) {
  auto it = r.fields.find(name);
  return it == r.fields.end() ? "" : it->second.value;
}

// "01-loan-VL-HYD-2023-43877.pdf", "02-kyc-pan-KAVITA-KULKARNI.jpg".
std::string ReadableName(size_t n, const Record& r) {
  char num[24];  // wide enough for any size_t (-Wformat-truncation)
  std::snprintf(num, sizeof num, "%02zu", n);
  std::string what;
  if (r.type == "kyc") {
    what = FieldValue(r, "id_type") + "-" + FieldValue(r, "full_name");
  } else if (r.type == "loan") {
    what = FieldValue(r, "loan_number");
  }
  std::string slug = Slug(what);
  if (slug.empty()) slug = r.id;
  // A part of a stacked scan leaves as a PDF of its own pages.
  return std::string(num) + "-" + r.type + "-" + slug + "." + (r.packet.empty() ? Extension(r.format) : "pdf");
}

json::object ManifestEntry(const std::string& file, const Record& r) {
  json::object fields;
  for (const auto& [name, f] : r.fields) fields[name] = f.value;
  json::object o{{"file", file},     {"id", r.id},         {"type", r.type},
                 {"sha256", r.sha256}, {"source", r.source}, {"fields", std::move(fields)}};
  if (!r.packet.empty()) {
    // sha256 stays the original's (the packet's), as in the record.
    o["packet"] = r.packet;
    o["pages"] = json::array{r.first_page, r.last_page()};
  }
  return o;
}

// zip_t owned: discarded (nothing written) unless closed.
struct ZipDiscard {
  void operator()(zip_t* z) const { zip_discard(z); }
};

Status WriteZip(const std::string& path, const std::vector<std::pair<std::string, std::string>>& files,
                const std::string& manifest) {
  int err = 0;
  std::unique_ptr<zip_t, ZipDiscard> z(zip_open(path.c_str(), ZIP_CREATE | ZIP_EXCL, &err));
  if (z == nullptr) return Status::IoError("cannot create " + path);
  for (const auto& [name, from] : files) {
    zip_source_t* src = zip_source_file(z.get(), from.c_str(), 0, -1);
    if (src == nullptr || zip_file_add(z.get(), name.c_str(), src, ZIP_FL_ENC_UTF_8) < 0) {
      if (src) zip_source_free(src);
      return Status::IoError("cannot add " + name + ": " + path);
    }
  }
  zip_source_t* m = zip_source_buffer(z.get(), manifest.data(), manifest.size(), 0);
  if (m == nullptr || zip_file_add(z.get(), "manifest.json", m, ZIP_FL_ENC_UTF_8) < 0) {
    if (m) zip_source_free(m);
    return Status::IoError("cannot add manifest.json: " + path);
  }
  if (zip_close(z.get()) != 0) {
    return Status::IoError("writing " + path + ": " + zip_strerror(z.get()));
  }
  z.release();  // closed: zip_close freed it
  // zip_close wrote the file; make it durable before it gets its name.
  if (FILE* f = std::fopen(path.c_str(), "rb")) {
    fsync(fileno(f));
    std::fclose(f);
  }
  return Status::Ok();
}

// Removes what the bundle left beside its target unless told it is done:
// the scratch folder always, the half-built bundle on failure.
class Scratch {
 public:
  Scratch(std::string tmp, std::string parts) : tmp_(std::move(tmp)), parts_(std::move(parts)) {}
  ~Scratch() {
    std::error_code ec;
    fs::remove_all(parts_, ec);
    if (!renamed_) fs::remove_all(tmp_, ec);
  }
  Scratch(const Scratch&) = delete;
  Scratch& operator=(const Scratch&) = delete;
  void Renamed() { renamed_ = true; }

 private:
  std::string tmp_, parts_;
  bool renamed_ = false;
};

// A record the index names but that cannot be read: never NotFound, which
// says the loan has no document.
Status Unreadable(const Status& st, const std::string& id) {
  Status out = st.Annotate("record " + id);
  return out.IsNotFound() ? Status::Corrupt(out.message()) : out;
}

// The loan's own documents, then the KYC papers of its applicants.
Status FindRecords(const std::string& loan, const LoanBundleSources& sources, std::vector<Record>* bundle,
                   std::vector<std::string>* ids) {
  std::string quoted = loan;
  quoted.erase(std::remove(quoted.begin(), quoted.end(), '"'), quoted.end());
  SearchOptions all;
  all.limit = 1000;
  all.sort = SortOrder::kOldest;
  auto hits = sources.searcher->Search("loan_number:\"" + quoted + "\"", all);
  if (!hits.ok()) return hits.status();
  if (hits->hits.empty()) return Status::NotFound("no document of loan " + loan + " in the archive");
  std::set<std::string> taken;
  for (const SearchHit& h : hits->hits) {
    auto r = sources.record(h.id);
    if (!r.ok()) return Unreadable(r.status(), h.id);
    if (taken.insert(h.id).second) {
      bundle->push_back(std::move(*r));
      ids->push_back(h.id);
    }
  }
  size_t loan_docs = bundle->size();
  for (size_t i = 0; i < loan_docs; ++i) {
    auto links = sources.searcher->Linked((*bundle)[i], 100);
    if (!links.ok()) return links.status();
    for (const Link& l : *links) {
      if (l.why != "applicant" || l.type != "kyc" || !taken.insert(l.id).second) continue;
      auto r = sources.record(l.id);
      if (r.ok()) {
        bundle->push_back(std::move(*r));
        ids->push_back(l.id);
      } else if (sources.over_shards) {
        // A KYC paper the index names but its host would not give: the
        // bundle would be silently short, so stop and say why.
        return Unreadable(r.status(), l.id);
      }
    }
  }
  return Status::Ok();
}

}  // namespace

Result<LoanBundleWritten> WriteLoanBundle(const LoanBundleOptions& options, const LoanBundleSources& sources) {
  if (sources.searcher == nullptr || !sources.record || !sources.original) {
    return Status::Invalid("a loan bundle needs a searcher, records and originals");
  }
  std::string out = options.out;
  while (out.size() > 1 && out.back() == '/') out.pop_back();
  std::error_code ec;
  if (fs::exists(out, ec)) return Status::Invalid(out + " exists; docket never overwrites a bundle");

  std::vector<Record> bundle;
  LoanBundleWritten written;
  DOCKET_RETURN_IF_ERROR(FindRecords(options.loan, sources, &bundle, &written.ids));

  json::array entries;
  std::vector<std::pair<std::string, std::string>> files;  // name in bundle, file to copy
  std::string tmp = out + ".tmp." + std::to_string(getpid());
  // Parts of packets and originals of other hosts are written into a
  // scratch folder beside the target first; the bundle then copies them as
  // it copies originals.
  std::string parts_dir = tmp + ".parts";
  Scratch scratch(tmp, parts_dir);
  Fs* fs = options.fs;
  for (size_t i = 0; i < bundle.size(); ++i) {
    const Record& r = bundle[i];
    const std::string& id = written.ids[i];
    std::string name = ReadableName(i + 1, r);
    auto original = sources.original(id, r);
    if (!original.ok()) return original.status().Annotate(id);
    std::string from = original->path;
    if (from.empty()) {
      from = parts_dir + "/original-" + r.id + "-" + std::to_string(i);
      Status st = fs->MakeDirs(parts_dir);
      if (st.ok()) st = fs->WriteAtomic(from, original->bytes);
      if (!st.ok()) return st.Annotate(id);
    }
    if (!r.packet.empty()) {
      auto pdf = PartPdf(from, r.first_page, r.last_page());
      Status st = pdf.ok() ? fs->MakeDirs(parts_dir) : pdf.status();
      if (st.ok()) st = fs->WriteAtomic(parts_dir + "/" + name, *pdf);
      if (!st.ok()) return st.Annotate(r.id);
      from = parts_dir + "/" + name;
    }
    files.emplace_back(name, from);
    entries.push_back(ManifestEntry(name, r));
    std::string plain, shard;
    if (sources.over_shards && SplitQualifiedId(id, &plain, &shard)) {
      entries.back().as_object()["id"] = id;
      entries.back().as_object()["shard"] = shard;
    }
  }
  json::object manifest{{"loan", options.loan}, {"created_at", NowIso8601()}, {"files", std::move(entries)}};
  written.manifest = json::serialize(manifest) + "\n";

  Status st;
  if (options.zip) {
    st = WriteZip(tmp, files, written.manifest);
  } else {
    st = fs->MakeDirs(tmp);
    for (const auto& [name, from] : files) {
      if (st.ok()) st = fs->CopyAtomic(from, tmp + "/" + name);
    }
    if (st.ok()) st = fs->WriteAtomic(tmp + "/manifest.json", written.manifest);
  }
  // rename() would replace an empty folder made meanwhile: check again.
  if (st.ok() && fs::exists(out, ec)) st = Status::Invalid(out + " appeared meanwhile; not overwritten");
  if (st.ok()) st = fs->Rename(tmp, out);
  if (!st.ok()) return st;
  scratch.Renamed();
  for (const auto& f : files) written.files.push_back(f.first);
  return written;
}

std::string LoanBundleZipName(const std::string& loan) {
  std::string slug = Slug(loan);
  return "loan-" + (slug.empty() ? std::string("bundle") : slug) + ".zip";
}

}  // namespace docket::server
