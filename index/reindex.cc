#include "index/reindex.h"

#include <filesystem>
#include <optional>
#include <system_error>

#include <xapian.h>

#include "base/log.h"
#include "index/schema.h"
#include "index/writer.h"

namespace docket {
namespace {

namespace fs = std::filesystem;

Status RemoveTree(const std::string& path) {
  std::error_code ec;
  fs::remove_all(path, ec);
  if (ec) return Status::IoError("removing " + path + ": " + ec.message());
  return Status::Ok();
}

Status RenameDir(const std::string& from, const std::string& to) {
  std::error_code ec;
  fs::rename(from, to, ec);
  if (ec) return Status::IoError("renaming " + from + " to " + to + ": " + ec.message());
  return Status::Ok();
}

// Holds the current index's write lock for the whole rebuild, so that no
// writer adds a document to the index about to be thrown away. A missing or
// damaged index has no lock to hold: that is what reindex is for.
Result<std::optional<Xapian::WritableDatabase>> LockCurrentIndex(const std::string& path) {
  try {
    return std::optional<Xapian::WritableDatabase>(Xapian::WritableDatabase(path, Xapian::DB_OPEN));
  } catch (const Xapian::DatabaseLockError& e) {
    return Status::Busy("index " + path + " is in use by another writer (is `docket watch` "
                        "running?): " + e.get_msg());
  } catch (const Xapian::Error& e) {
    LogInfo("reindex: not locking " + path + ": " + e.get_msg());
    return std::optional<Xapian::WritableDatabase>();
  }
}

// Indexes every archived record into the writer at `path`.
Result<ReindexStats> Build(Archive& archive, const std::string& path,
                           const std::function<void(uint64_t, uint64_t)>& progress) {
  ReindexStats stats;
  auto records = archive.AllRecords([&stats](const std::string& id, const Status& st) {
    ++stats.unreadable;
    LogWarning("reindex: skipping record " + id + ": " + st.ToString());
  });
  if (!records.ok()) return records.status();

  IndexOptions options;
  options.wait_for_lock = false;  // nobody else knows this folder
  auto writer = IndexWriter::Open(path, options);
  if (!writer.ok()) return writer.status();

  uint64_t done = 0;
  for (const Record& r : *records) {
    if (r.status == "archived") {
      auto pages = archive.GetPages(r.id);
      if (!pages.ok()) {
        // The record is the truth: still findable by its fields.
        LogWarning("reindex: " + r.id + " indexed without text: " + pages.status().ToString());
      }
      DOCKET_RETURN_IF_ERROR((*writer)->Put(r, pages.ok() ? *pages : std::vector<Page>{}));
      ++stats.indexed;
    }
    if (progress) progress(++done, records->size());
  }
  DOCKET_RETURN_IF_ERROR((*writer)->Commit());
  return stats;
}

}  // namespace

Result<ReindexStats> Reindex(Archive& archive,
                             const std::function<void(uint64_t, uint64_t)>& progress) {
  const std::string index = archive.IndexPath();
  const std::string fresh = index + ".new";
  const std::string old = index + ".old";

  auto lock = LockCurrentIndex(index);
  if (!lock.ok()) return lock.status();

  DOCKET_RETURN_IF_ERROR(RemoveTree(fresh));  // left by an interrupted reindex
  auto stats = Build(archive, fresh, progress);
  if (!stats.ok()) {
    (void)RemoveTree(fresh);  // best effort; the next run clears it too
    return stats.status();
  }

  DOCKET_RETURN_IF_ERROR(RemoveTree(old));
  std::error_code ec;
  if (fs::exists(index, ec)) DOCKET_RETURN_IF_ERROR(RenameDir(index, old));
  DOCKET_RETURN_IF_ERROR(RenameDir(fresh, index));
  try {
    if (*lock) (*lock)->close();
  } catch (const Xapian::Error& e) {
    LogWarning("reindex: closing the old index: " + e.get_msg());
  }
  DOCKET_RETURN_IF_ERROR(RemoveTree(old));
  return stats;
}

}  // namespace docket
