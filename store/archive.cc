#include "store/archive.h"

#include <algorithm>

#include <boost/json.hpp>

#include "base/sha256.h"

namespace docket {
namespace json = boost::json;

namespace {
constexpr int kLayoutVersion = 1;
constexpr const char* kMarker = "docket.json";

bool LooksLikeSha(const std::string& s) {
  return s.size() == 64 && std::all_of(s.begin(), s.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
         });
}

Result<json::value> ParseJsonFile(Fs* fs, const std::string& path) {
  auto bytes = fs->ReadFile(path);
  if (!bytes.ok()) return bytes.status();
  boost::system::error_code ec;
  json::value v = json::parse(*bytes, ec);
  if (ec) return Status::Corrupt(path + ": " + ec.message());
  return v;
}
}  // namespace

Result<std::unique_ptr<Archive>> Archive::Open(const std::string& dir_in,
                                               const ArchiveOptions& options) {
  Fs* fs = options.fs ? options.fs : DefaultFs();
  std::string dir = dir_in;
  while (dir.size() > 1 && dir.back() == '/') dir.pop_back();
  if (dir.empty()) return Status::Invalid("no archive folder given");
  std::string marker = dir + "/" + kMarker;
  if (!fs->Exists(marker)) {
    if (fs->Exists(dir)) {
      auto names = fs->List(dir);
      if (!names.ok()) return names.status();
      // Another process creating the same archive this instant leaves only
      // its temp marker here; that is no foreign folder.
      bool foreign = std::any_of(names->begin(), names->end(), [](const std::string& n) {
        return n.rfind(std::string(kMarker) + ".tmp.", 0) != 0;
      });
      if (foreign && !fs->Exists(marker)) {
        return Status::Invalid(dir + " is not a docket archive (no " + kMarker +
                               ") and is not empty");
      }
    }
    if (!options.create_if_missing) return Status::NotFound("no archive at " + dir);
    // The marker first: a folder with anything else in it is an archive.
    DOCKET_RETURN_IF_ERROR(fs->MakeDirs(dir));
    json::object meta{{"docket_archive", kLayoutVersion}};
    DOCKET_RETURN_IF_ERROR(fs->WriteAtomic(marker, json::serialize(meta) + "\n"));
    for (const char* sub : {"/originals", "/records", "/pages", "/index"}) {
      DOCKET_RETURN_IF_ERROR(fs->MakeDirs(dir + sub));
    }
  } else {
    auto meta = ParseJsonFile(fs, marker);
    if (!meta.ok()) return meta.status();
    const json::object* o = meta->if_object();
    auto it = o ? o->find("docket_archive") : nullptr;
    if (o == nullptr || it == o->end() || !it->value().is_int64()) {
      return Status::Corrupt(marker + " does not name an archive layout");
    }
    if (it->value().get_int64() > kLayoutVersion) {
      return Status::Unsupported(dir + " was written by a newer docket (layout " +
                                 std::to_string(it->value().get_int64()) + ")");
    }
  }
  return std::unique_ptr<Archive>(new Archive(dir, fs));
}

std::string Archive::OriginalPath(const std::string& sha256) const {
  return dir_ + "/originals/" + sha256.substr(0, 2) + "/" + sha256;
}

std::string Archive::IdFor(const std::string& sha256) {
  // 16 hex digits (64 bits) is plenty; a longer prefix only on a collision.
  for (size_t len : {16, 24, 32, 64}) {
    std::string id = sha256.substr(0, len);
    auto rec = GetRecord(id);
    if (!rec.ok() || rec->sha256 == sha256) return id;
  }
  return sha256;
}

Result<Record> Archive::FindBySha256(const std::string& sha256) {
  if (!LooksLikeSha(sha256)) return Status::Invalid("not a sha256: " + sha256);
  for (size_t len : {16, 24, 32, 64}) {
    auto rec = GetRecord(sha256.substr(0, len));
    if (!rec.ok()) {
      if (rec.status().IsNotFound()) return Status::NotFound(sha256);
      return rec.status();
    }
    if (rec->sha256 == sha256) return rec;
  }
  return Status::NotFound(sha256);
}

Status Archive::PutOriginal(const std::string& path, const std::string& sha256) {
  if (!LooksLikeSha(sha256)) return Status::Invalid("not a sha256: " + sha256);
  std::string dest = OriginalPath(sha256);
  if (fs_->Exists(dest)) return Status::Ok();
  DOCKET_RETURN_IF_ERROR(fs_->MakeDirs(dir_ + "/originals/" + sha256.substr(0, 2)));
  DOCKET_RETURN_IF_ERROR(fs_->CopyAtomic(path, dest));
  // The file was hashed before it was decoded; if someone wrote to it since,
  // the copy is not the document we read.
  auto stored = Sha256File(dest);
  if (!stored.ok() || *stored != sha256) {
    fs_->Remove(dest);
    return Status::Invalid("the file changed while it was being read; it will be taken when it is complete");
  }
  return Status::Ok();
}

Status Archive::Store(const std::string& original_path, const Record& record,
                      const std::vector<Page>& pages) {
  bool had_original = fs_->Exists(OriginalPath(record.sha256));
  Status st = PutOriginal(original_path, record.sha256);
  if (st.ok()) st = PutPages(record.id, pages);
  if (st.ok()) st = PutRecord(record);
  if (!st.ok()) {
    fs_->Remove(PagesPath(record.id));
    if (!had_original) fs_->Remove(OriginalPath(record.sha256));
  }
  return st;
}

std::vector<Page> PagesInRange(const std::vector<Page>& all, int first, int last) {
  std::vector<Page> out;
  for (const Page& p : all) {
    if (p.number >= first && p.number <= last) out.push_back(p);
  }
  return out;
}

Status Archive::StorePacket(const std::string& original_path, const Record& packet,
                            const std::vector<Page>& pages, const std::vector<Record>& parts) {
  bool had_original = fs_->Exists(OriginalPath(packet.sha256));
  Status st = PutOriginal(original_path, packet.sha256);
  size_t written = 0;
  for (; st.ok() && written < parts.size(); ++written) {
    const Record& part = parts[written];
    st = PutPages(part.id, PagesInRange(pages, part.first_page, part.last_page()));
    if (st.ok()) st = PutRecord(part);
  }
  if (st.ok()) st = PutPages(packet.id, pages);
  if (st.ok()) st = PutRecord(packet);
  if (!st.ok()) {
    for (size_t i = 0; i < written && i < parts.size(); ++i) RemoveRecord(parts[i].id);
    fs_->Remove(PagesPath(packet.id));
    if (!had_original) fs_->Remove(OriginalPath(packet.sha256));
  }
  return st;
}

Status Archive::RemoveRecord(const std::string& id) {
  if (id.empty() || id.find('/') != std::string::npos || id[0] == '.') {
    return Status::Invalid("not a record id: " + id);
  }
  // The record first: without it the pages are unreachable leftovers.
  Status st = fs_->Remove(RecordPath(id));
  if (!st.ok() && !st.IsNotFound()) return st;
  Status pst = fs_->Remove(PagesPath(id));
  if (!pst.ok() && !pst.IsNotFound()) return pst;
  return Status::Ok();
}

Status Archive::PutPages(const std::string& id, const std::vector<Page>& pages) {
  json::array a;
  a.reserve(pages.size());
  for (const Page& p : pages) a.push_back(ToJson(p));
  return fs_->WriteAtomic(PagesPath(id), json::serialize(a) + "\n");
}

Status Archive::PutRecord(const Record& record) {
  if (record.id.empty()) return Status::Invalid("record without an id");
  return fs_->WriteAtomic(RecordPath(record.id), json::serialize(ToJson(record)) + "\n");
}

Result<Record> Archive::GetRecord(const std::string& id) {
  if (id.empty() || id.find('/') != std::string::npos || id[0] == '.') {
    return Status::Invalid("not a record id: " + id);
  }
  auto v = ParseJsonFile(fs_, RecordPath(id));
  if (!v.ok()) {
    if (v.status().IsNotFound()) return Status::NotFound("no record " + id);
    return v.status();
  }
  auto r = RecordFromJson(*v);
  if (!r.ok()) return r.status().Annotate("record " + id);
  if (r->id != id) return Status::Corrupt("record file " + id + " holds record " + r->id);
  return r;
}

Result<std::vector<Page>> Archive::GetPages(const std::string& id) {
  auto v = ParseJsonFile(fs_, PagesPath(id));
  if (!v.ok()) return v.status();
  const json::array* a = v->if_array();
  if (a == nullptr) return Status::Corrupt("pages of " + id + " are not a JSON array");
  std::vector<Page> pages;
  for (const auto& pv : *a) {
    auto p = PageFromJson(pv);
    if (!p.ok()) return p.status().Annotate("pages of " + id);
    pages.push_back(std::move(*p));
  }
  return pages;
}

Result<std::vector<std::string>> Archive::ListIds() {
  auto names = fs_->List(dir_ + "/records");
  if (!names.ok()) return names.status();
  std::vector<std::string> ids;
  for (const std::string& n : *names) {
    // Skips temp files of writes in flight (NAME.json.tmp.PID.N).
    if (n.size() > 5 && n.compare(n.size() - 5, 5, ".json") == 0) {
      ids.push_back(n.substr(0, n.size() - 5));
    }
  }
  return ids;
}

Result<std::vector<Record>> Archive::AllRecords(
    const std::function<void(const std::string&, const Status&)>& on_error) {
  auto ids = ListIds();
  if (!ids.ok()) return ids.status();
  std::vector<Record> records;
  records.reserve(ids->size());
  for (const std::string& id : *ids) {
    auto r = GetRecord(id);
    if (!r.ok()) {
      if (on_error) on_error(id, r.status());
      continue;
    }
    records.push_back(std::move(*r));
  }
  std::stable_sort(records.begin(), records.end(), [](const Record& a, const Record& b) {
    return a.archived_at != b.archived_at ? a.archived_at < b.archived_at : a.id < b.id;
  });
  return records;
}

}  // namespace docket
