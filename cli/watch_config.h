// The watch configuration file (JSON), read only here in cli/: the
// libraries take options structs, never files. deploy/watch.example.json
// shows every key.
#pragma once

#include <string>

#include "base/status.h"
#include "ingest/watcher.h"
#include "ocr/engine.h"

namespace docket::cli {

struct WatchSettings {
  std::string archive;  // "" = --archive or $DOCKET_ARCHIVE
  WatchOptions watch;
  OcrOptions ocr;
  std::string shards_file;  // "shards": the shards file (shard_options.h)
};

// Parses the file; unknown keys are errors, so a typo is never ignored.
Result<WatchSettings> LoadWatchConfig(const std::string& path);

// Fills defaults (jobs = cores) and checks values and that inboxes exist.
Result<WatchSettings> ValidateWatchSettings(WatchSettings settings);

}  // namespace docket::cli
