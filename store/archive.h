// The archive on disk: originals named by sha256, one record per document,
// the text of its pages, and the folder the index lives in.
//
//   ARCHIVE/docket.json            what this folder is, layout version
//   ARCHIVE/originals/ab/<sha256>  the original bytes, kept once
//   ARCHIVE/records/<id>.json      the record (the truth)
//   ARCHIVE/pages/<id>.json        text and words of each page
//   ARCHIVE/index/                 the Xapian database, derived
//
// Writes go original, pages, then record: the record appearing is the
// commit point, so a crash never leaves a record without its original.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "base/fs.h"
#include "base/status.h"
#include "store/record.h"

namespace docket {

struct ArchiveOptions {
  bool create_if_missing = true;
  Fs* fs = nullptr;  // nullptr: the real filesystem
};

class Archive {
 public:
  // Opens (and, with create_if_missing, creates) the archive at `dir`.
  // Fails when `dir` exists but is not an archive and is not empty.
  static Result<std::unique_ptr<Archive>> Open(const std::string& dir,
                                               const ArchiveOptions& options = {});

  const std::string& dir() const { return dir_; }
  std::string IndexPath() const { return dir_ + "/index"; }
  std::string OriginalPath(const std::string& sha256) const;

  // The id a document with these bytes has or will have: a prefix of its
  // sha256, so the same bytes always meet the same record.
  std::string IdFor(const std::string& sha256);

  // The record of these bytes, or NotFound.
  Result<Record> FindBySha256(const std::string& sha256);

  // Stores the original (copied from `path`); a no-op when already there.
  // Invalid when the bytes copied are not those of `sha256` (the file
  // changed while it was being read): nothing is stored then.
  Status PutOriginal(const std::string& path, const std::string& sha256);
  Status PutPages(const std::string& id, const std::vector<Page>& pages);
  // Writes the record; call last, after its original and pages.
  Status PutRecord(const Record& record);

  // Stores a new document whole: its original (from `original_path`), its
  // pages, then its record. On failure it removes what it wrote, so the
  // archive holds the whole document or nothing of it.
  Status Store(const std::string& original_path, const Record& record,
               const std::vector<Page>& pages);

  // Stores a packet (a file of several documents, issue #9) whole: the
  // original once, then each part's pages (those of `pages` in its range)
  // and record, then the packet's pages and record, the commit point. On
  // failure removes what it wrote. A crash before the packet record leaves
  // parts that the next ingest of the same bytes rewrites.
  Status StorePacket(const std::string& original_path, const Record& packet,
                     const std::vector<Page>& pages, const std::vector<Record>& parts);
  // Removes a record and its pages, never the original (a part a clerk
  // merged into its neighbour).
  Status RemoveRecord(const std::string& id);

  Result<Record> GetRecord(const std::string& id);
  Result<std::vector<Page>> GetPages(const std::string& id);

  // Ids of every record, unordered.
  Result<std::vector<std::string>> ListIds();
  // Every readable record, oldest first. Records that cannot be read are
  // passed to `on_error` (may be null) and skipped.
  Result<std::vector<Record>> AllRecords(
      const std::function<void(const std::string& id, const Status&)>& on_error = nullptr);

 private:
  Archive(std::string dir, Fs* fs) : dir_(std::move(dir)), fs_(fs) {}
  std::string RecordPath(const std::string& id) const { return dir_ + "/records/" + id + ".json"; }
  std::string PagesPath(const std::string& id) const { return dir_ + "/pages/" + id + ".json"; }

  std::string dir_;
  Fs* fs_;
};

// The pages of `all` numbered first..last (a part's pages).
std::vector<Page> PagesInRange(const std::vector<Page>& all, int first, int last);

}  // namespace docket
