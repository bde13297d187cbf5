// docket pull --loan NO --out DIR: a loan's bundle, its documents and its
// applicants' KYC papers, under readable names with manifest.json.
//
// The bundle is built in a temp folder (or temp zip) beside the target and
// renamed into place at the end, so a reader never sees half a bundle, and
// an existing target is never overwritten.
//
// With --shards the loan and its applicants' KYC papers are looked for in
// every shard; records of a remote shard and their originals come through
// its host's API (cli/shard_records.h), each original checked against its
// sha256 before it enters the bundle.
#include <sys/stat.h>
#include <unistd.h>
#include <zip.h>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <set>

#include <boost/json.hpp>

#include "base/clock.h"
#include "base/log.h"
#include "cli/command.h"
#include "cli/shard_options.h"
#include "cli/shard_records.h"
#include "index/searcher.h"
#include "ingest/part_pdf.h"

namespace docket::cli {
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
  char num[8];
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

Status WriteZip(const std::string& path, const std::vector<std::pair<std::string, std::string>>& files,
                const std::string& manifest) {
  int err = 0;
  zip_t* z = zip_open(path.c_str(), ZIP_CREATE | ZIP_EXCL, &err);
  if (z == nullptr) return Status::IoError("cannot create " + path);
  auto fail = [&](const std::string& why) {
    zip_discard(z);
    return Status::IoError(why + ": " + path);
  };
  for (const auto& [name, from] : files) {
    zip_source_t* src = zip_source_file(z, from.c_str(), 0, -1);
    if (src == nullptr || zip_file_add(z, name.c_str(), src, ZIP_FL_ENC_UTF_8) < 0) {
      if (src) zip_source_free(src);
      return fail("cannot add " + name);
    }
  }
  zip_source_t* m = zip_source_buffer(z, manifest.data(), manifest.size(), 0);
  if (m == nullptr || zip_file_add(z, "manifest.json", m, ZIP_FL_ENC_UTF_8) < 0) {
    if (m) zip_source_free(m);
    return fail("cannot add manifest.json");
  }
  if (zip_close(z) != 0) {
    std::string why = zip_strerror(z);
    zip_discard(z);
    return Status::IoError("writing " + path + ": " + why);
  }
  return Status::Ok();
}

}  // namespace

int RunPull(const std::vector<std::string>& args) {
  CommonOptions common;
  std::string loan, out;
  bool zip = false;
  ShardFlags shard_flags;
  po::options_description desc("options");
  AddCommonOptions(desc, &common);
  AddShardOptions(desc, &shard_flags);
  desc.add_options()
      ("loan", po::value(&loan)->required(), "the loan number (spacing and case do not matter)")
      ("out,o", po::value(&out)->required(), "the folder to create (with --zip: the zip file)")
      ("zip", po::bool_switch(&zip), "write one zip file instead of a folder");
  po::positional_options_description pos;
  po::variables_map vm;
  int code = kExitOk;
  const char* usage = "--loan NO --out DIR [--zip]";
  if (!ParseArgs(args, "pull", usage, desc, pos, &vm, common, &code)) return code;
  while (out.size() > 1 && out.back() == '/') out.pop_back();
  std::error_code ec;
  if (fs::exists(out, ec)) {
    Complain("pull: " + out + " exists; docket never overwrites a bundle");
    return kExitUsage;
  }
  auto config = LoadShards(shard_flags);
  if (!config.ok()) {
    Complain("pull: " + config.status().message());
    return kExitUsage;
  }
  // Without shards: this archive alone. With them: every shard, this
  // archive only as one of them (it need not be given).
  std::unique_ptr<Archive> archive;
  std::unique_ptr<ShardRecords> shards;
  Result<std::unique_ptr<Searcher>> searcher = Status::Invalid("unset");
  if (config->empty()) {
    archive = OpenArchiveOrSay(common, /*create=*/false);
    if (!archive) return kExitArchive;
    searcher = Searcher::Open(archive->IndexPath());
  } else {
    auto opened = ShardRecords::Open(*config, CallerName("pull"));
    if (!opened.ok()) {
      Complain("pull: " + opened.status().message());
      return kExitArchive;
    }
    shards = std::move(*opened);
    searcher = Searcher::OpenShards(config->shards);
  }
  // A record by its id: "ID" in the archive, "ID@SHARD" over shards.
  auto get = [&](const std::string& id) -> Result<Record> {
    std::string plain, shard;
    if (!shards) return archive->GetRecord(id);
    if (!SplitQualifiedId(id, &plain, &shard)) return Status::Invalid("no shard in the id " + id);
    return shards->Get(shard, plain);
  };
  if (!searcher.ok()) {
    Complain("pull: " + searcher.status().message());
    return kExitArchive;
  }

  // The loan's own documents, then the KYC papers of its applicants.
  std::string quoted = loan;
  quoted.erase(std::remove(quoted.begin(), quoted.end(), '"'), quoted.end());
  SearchOptions all;
  all.limit = 1000;
  all.sort = SortOrder::kOldest;
  auto hits = (*searcher)->Search("loan_number:\"" + quoted + "\"", all);
  if (!hits.ok()) {
    Complain("pull: " + hits.status().message());
    return kExitArchive;
  }
  if (hits->hits.empty()) {
    Complain("pull: no document of loan " + loan + " in the archive");
    return kExitUsage;
  }
  std::vector<Record> bundle;
  std::vector<std::string> ids;  // bundle[i]'s id as the searcher gave it ("ID@SHARD" over shards)
  std::set<std::string> taken;
  for (const SearchHit& h : hits->hits) {
    auto r = get(h.id);
    if (!r.ok()) {
      Complain("pull: record " + h.id + ": " + r.status().message());
      return kExitArchive;
    }
    if (taken.insert(h.id).second) {
      bundle.push_back(std::move(*r));
      ids.push_back(h.id);
    }
  }
  size_t loan_docs = bundle.size();
  for (size_t i = 0; i < loan_docs; ++i) {
    auto links = (*searcher)->Linked(bundle[i], 100);
    if (!links.ok()) {
      Complain("pull: " + links.status().message());
      return kExitArchive;
    }
    for (const Link& l : *links) {
      if (l.why != "applicant" || l.type != "kyc" || !taken.insert(l.id).second) continue;
      auto r = get(l.id);
      if (r.ok()) {
        bundle.push_back(std::move(*r));
        ids.push_back(l.id);
      } else if (shards) {
        // A KYC paper the index names but its host would not give: the
        // bundle would be silently short, so stop and say why.
        Complain("pull: record " + l.id + ": " + r.status().message());
        return kExitArchive;
      }
    }
  }

  json::array entries;
  std::vector<std::pair<std::string, std::string>> files;  // name in bundle, original
  std::string tmp = out + ".tmp." + std::to_string(getpid());
  // Parts of packets are rendered into a scratch folder beside the target
  // first; the bundle then copies them as it copies originals.
  std::string parts_dir = tmp + ".parts";
  Fs* fs = DefaultFs();
  for (size_t i = 0; i < bundle.size(); ++i) {
    std::string name = ReadableName(i + 1, bundle[i]);
    std::string plain, shard;
    bool sharded = shards && SplitQualifiedId(ids[i], &plain, &shard);
    Archive* holder = sharded ? shards->Local(shard) : archive.get();
    std::string from;
    if (holder != nullptr) {
      from = holder->OriginalPath(bundle[i].sha256);
    } else {
      // Another host's original, through its API, verified by its sha256;
      // kept in the scratch folder until the bundle is built.
      auto bytes = shards->RemoteOriginal(shard, bundle[i]);
      Status st = bytes.ok() ? fs->MakeDirs(parts_dir) : bytes.status();
      from = parts_dir + "/original-" + bundle[i].id + "-" + std::to_string(i);
      if (st.ok()) st = fs->WriteAtomic(from, *bytes);
      if (!st.ok()) {
        fs::remove_all(parts_dir, ec);
        Complain("pull: " + ids[i] + ": " + st.message());
        return kExitArchive;
      }
    }
    if (!bundle[i].packet.empty()) {
      auto pdf = PartPdf(from, bundle[i].first_page, bundle[i].last_page());
      Status st = pdf.ok() ? fs->MakeDirs(parts_dir) : pdf.status();
      if (st.ok()) st = fs->WriteAtomic(parts_dir + "/" + name, *pdf);
      if (!st.ok()) {
        fs::remove_all(parts_dir, ec);
        Complain("pull: " + bundle[i].id + ": " + st.message());
        return kExitArchive;
      }
      from = parts_dir + "/" + name;
    }
    files.emplace_back(name, from);
    entries.push_back(ManifestEntry(name, bundle[i]));
    if (sharded) {
      entries.back().as_object()["id"] = ids[i];
      entries.back().as_object()["shard"] = shard;
    }
  }
  json::object manifest{{"loan", loan}, {"created_at", NowIso8601()}, {"files", std::move(entries)}};
  std::string manifest_text = json::serialize(manifest) + "\n";

  Status st;
  if (zip) {
    st = WriteZip(tmp, files, manifest_text);
    if (st.ok()) {
      // zip_close wrote the file; make it durable before it gets its name.
      if (FILE* f = std::fopen(tmp.c_str(), "rb")) {
        fsync(fileno(f));
        std::fclose(f);
      }
    }
  } else {
    st = fs->MakeDirs(tmp);
    for (const auto& [name, from] : files) {
      if (st.ok()) st = fs->CopyAtomic(from, tmp + "/" + name);
    }
    if (st.ok()) st = fs->WriteAtomic(tmp + "/manifest.json", manifest_text);
  }
  // rename() would replace an empty folder made meanwhile: check again.
  if (st.ok() && fs::exists(out, ec)) st = Status::Invalid(out + " appeared meanwhile; not overwritten");
  if (st.ok()) st = fs->Rename(tmp, out);
  fs::remove_all(parts_dir, ec);
  if (!st.ok()) {
    fs::remove_all(tmp, ec);
    Complain("pull: " + st.message());
    return kExitArchive;
  }
  LogInfo("pull: loan " + loan + ": " + std::to_string(files.size()) + " documents to " + out);
  if (common.json) {
    std::cout << manifest_text;
  } else {
    std::cout << "loan " << loan << ": " << files.size() << " documents in " << out << "\n";
    for (const auto& [name, from] : files) std::cout << "  " << name << "\n";
  }
  return kExitOk;
}

}  // namespace docket::cli
