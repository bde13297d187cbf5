// Writes records into the archive's Xapian database. The schema (terms,
// prefixes, value slots) is documented once, in writer.cc, beside the code
// that writes it.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "base/status.h"
#include "store/record.h"

namespace docket {

struct IndexOptions {
  // Documents per Xapian commit; ~1000 was measured fastest.
  int commit_every = 1000;
  // Wait for another writer's lock instead of failing at once.
  bool wait_for_lock = true;
};

// One writer per database at a time (Xapian's lock). Not thread-safe: the
// caller serialises calls. Pending changes are committed on destruction.
class IndexWriter {
 public:
  static Result<std::unique_ptr<IndexWriter>> Open(const std::string& path,
                                                   const IndexOptions& options = {});
  virtual ~IndexWriter() = default;

  // Adds or replaces the document of `record.id`, its text from `pages`.
  // Records whose status is set and is not "archived" are ignored (Ok): a
  // duplicate carries the id of the record it duplicates.
  virtual Status Put(const Record& record, const std::vector<Page>& pages) = 0;
  virtual Status Remove(const std::string& id) = 0;
  // The id of the earliest indexed record other than `record.id` that shares
  // a business key with it (business_keys.h), seeing uncommitted puts too;
  // NotFound when there is none or `record` has no key. Unsupported by a
  // writer that cannot look up.
  virtual Result<std::string> FindBusinessDuplicate(const Record& record) {
    (void)record;
    return Status::Unsupported("this index writer cannot look up business keys");
  }
  // Makes everything put so far visible and durable.
  virtual Status Commit() = 0;
  // Number of documents, committed or not.
  virtual uint64_t DocCount() = 0;
};

}  // namespace docket
