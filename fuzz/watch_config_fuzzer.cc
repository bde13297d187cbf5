// LoadWatchConfig and ValidateWatchSettings (cli/watch_config.h): the
// configuration file is read from a path, so each input is written to a
// scratch file first. cli/watch_config.cc is compiled into this target
// (cli/ is an executable, not a library).
#include <cstdint>
#include <string_view>

#include "cli/watch_config.h"
#include "fuzz/fuzz_util.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const docket::fuzz::ScratchFile file(".json");  // one per process, removed at exit
  if (!file.Write(std::string_view(reinterpret_cast<const char*>(data), size))) return 0;
  docket::Result<docket::cli::WatchSettings> s = docket::cli::LoadWatchConfig(file.path());
  if (!s.ok()) return 0;
  DOCKET_FUZZ_CHECK(s->watch.batch_files >= 1);
  docket::Result<docket::cli::WatchSettings> v = docket::cli::ValidateWatchSettings(std::move(*s));
  if (v.ok()) {
    DOCKET_FUZZ_CHECK(v->watch.pipeline.jobs > 0 && v->watch.rescan_seconds > 0 && v->watch.stable_seconds >= 0);
  }
  return 0;
}
