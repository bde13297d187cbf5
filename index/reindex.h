// Rebuilds the index from the stored records alone.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "base/status.h"
#include "store/archive.h"

namespace docket {

struct ReindexStats {
  uint64_t indexed = 0;
  uint64_t unreadable = 0;  // records skipped because they cannot be read
};

// Builds a fresh database beside the archive's index from every record and
// its pages, then swaps it in, so searches never see a half-built index.
// `progress(done, total)` may be null.
Result<ReindexStats> Reindex(Archive& archive,
                             const std::function<void(uint64_t, uint64_t)>& progress = nullptr);

}  // namespace docket
