// docket watch INBOX...: the mailroom daemon.
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <fstream>
#include <iostream>
#include <sstream>
#include <thread>

#include <boost/json.hpp>

#include "cli/command.h"
#include "cli/packet_options.h"
#include "cli/record_output.h"
#include "cli/shard_options.h"
#include "cli/watch_config.h"
#include "classify/archive_model.h"
#include "ingest/watcher.h"

namespace docket::cli {
namespace {

std::atomic<bool> g_stop{false};
std::atomic<bool> g_reload{false};

extern "C" void OnStop(int) { g_stop = true; }
extern "C" void OnReload(int) { g_reload = true; }

void InstallSignals() {
  struct sigaction sa {};
  sa.sa_handler = OnStop;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGTERM, &sa, nullptr);
  sigaction(SIGINT, &sa, nullptr);
  sa.sa_handler = OnReload;
  sigaction(SIGHUP, &sa, nullptr);
  // Inbox's writer check takes a read lease for an instant; a lease break
  // notice must not kill us.
  signal(SIGIO, SIG_IGN);
}

}  // namespace

int RunWatch(const std::vector<std::string>& args) {
  CommonOptions common;
  WatchSettings settings;
  std::string config_path;
  std::vector<std::string> inbox_paths;
  ShardFlags shard_flags;
  po::options_description desc("options");
  AddCommonOptions(desc, &common);
  AddShardOptions(desc, &shard_flags);
  desc.add_options()
      ("config,c", po::value(&config_path), "configuration file (JSON; see deploy/watch.example.json)")
      ("failed", po::value<std::string>(), "where unreadable files go (default: INBOX/failed)")
      ("jobs,j", po::value<int>(), "OCR workers (default: the number of cores)")
      ("stable-seconds", po::value<double>(), "a file is taken once its size and time are unchanged this long (default 2)")
      ("rescan-seconds", po::value<double>(), "list the inboxes again this often, for network shares (default 10)")
      ("batch", po::value<size_t>(), "files per batch and index commit (default 16)")
      ("once", "take what is in the inboxes, finish, and exit")
      ("host", po::value<std::string>(), "this host's name: its shard and its claim folder on shared inboxes")
      ("shared", "the inboxes are shared by several hosts (claims go to INBOX/.docket-claims/HOST)")
      ("lease-seconds", po::value<double>(), "take over a host's claims once its heartbeat is this old (default 60)");
  AddPacketOptions(desc);
  desc.add_options()
      ("inbox", po::value(&inbox_paths), "inbox folders");
  po::positional_options_description pos;
  pos.add("inbox", -1);
  po::variables_map vm;
  int code = kExitOk;
  const char* usage = "[OPTIONS] INBOX...   (or --config FILE)";
  if (!ParseArgs(args, "watch", usage, desc, pos, &vm, common, &code)) return code;

  // The configuration file first, then the command line over it.
  auto load = [&]() -> Result<WatchSettings> {
    WatchSettings s;
    if (!config_path.empty()) {
      auto parsed = LoadWatchConfig(config_path);
      if (!parsed.ok()) return parsed.status();
      s = std::move(*parsed);
    }
    if (!common.archive.empty()) s.archive = common.archive;
    for (const std::string& p : inbox_paths) s.watch.inboxes.push_back(InboxOptions{p, "", ""});
    if (vm.count("failed")) {
      for (InboxOptions& in : s.watch.inboxes) in.failed = vm["failed"].as<std::string>();
    }
    if (vm.count("jobs")) s.watch.pipeline.jobs = vm["jobs"].as<int>();
    if (vm.count("stable-seconds")) s.watch.stable_seconds = vm["stable-seconds"].as<double>();
    if (vm.count("rescan-seconds")) s.watch.rescan_seconds = vm["rescan-seconds"].as<double>();
    if (vm.count("batch")) s.watch.batch_files = vm["batch"].as<size_t>();
    s.watch.once = vm.count("once") > 0;
    if (vm.count("host")) s.watch.host = vm["host"].as<std::string>();
    if (vm.count("lease-seconds")) s.watch.lease_seconds = vm["lease-seconds"].as<double>();
    ApplyPacketOptions(vm, &s.watch.pipeline.packets);
    if (vm.count("shared")) {
      for (InboxOptions& in : s.watch.inboxes) in.shared = true;
    }
    // The other hosts' shards: asked for the same bytes before archiving.
    ShardFlags flags = shard_flags;
    if (flags.shards_file.empty()) flags.shards_file = s.shards_file;
    auto shards = LoadShards(flags);
    if (!shards.ok()) return shards.status();
    for (const Shard& sh : shards->shards) {
      if (sh.name != s.watch.host) s.watch.peers.push_back(sh);
    }
    if (!s.watch.peers.empty() && s.watch.host.empty()) {
      return Status::Invalid("--host (or \"host\") must name this host's shard when shards are given");
    }
    return ValidateWatchSettings(std::move(s));
  };
  auto loaded = load();
  if (!loaded.ok()) {
    Complain("watch: " + loaded.status().message());
    std::cerr << "usage: docket watch " << usage << std::endl;
    return kExitUsage;
  }
  WatchSettings settings0 = std::move(*loaded);
  common.archive = settings0.archive;
  auto archive = OpenArchiveOrSay(common, /*create=*/true);
  if (!archive) return kExitArchive;
  EnginePool engines(settings0.ocr, settings0.watch.pipeline.jobs);
  {
    auto probe = engines.Acquire();
    if (!probe.ok()) {
      Complain(probe.status().message());
      return kExitArchive;
    }
  }
  // The archive's own model, as `ingest` uses: retraining reaches the
  // mailroom at the next start.
  auto classifier = OpenArchiveClassifier(*archive, ClassifierOptions{});
  if (!classifier.ok()) {
    Complain("watch: the archive's type model: " + classifier.status().message());
    return kExitArchive;
  }
  InstallSignals();

  WatchHooks hooks;
  hooks.should_stop = [] { return g_stop.load(); };
  hooks.new_options = [&]() -> std::optional<WatchOptions> {
    if (!g_reload.exchange(false)) return std::nullopt;
    auto again = load();
    if (!again.ok()) {
      Complain("watch: configuration not reloaded: " + again.status().message());
      return std::nullopt;
    }
    if (again->archive != settings0.archive) {
      Complain("watch: the archive cannot change on reload; restart to change it");
    }
    return again->watch;
  };
  hooks.on_file = [&](const WatchEvent& ev) {
    const Record& r = ev.record;
    if (common.json) {
      PrintIngested(std::cout, r, true);
    } else if (r.status == "rejected") {
      std::cout << "failed     " << r.source << ": " << r.error
                << (ev.failed_path.empty() ? "" : " (moved to " + ev.failed_path + ")") << std::endl;
    } else {
      PrintIngested(std::cout, r, false);
    }
  };
  if (!common.json) {
    std::cerr << "docket: watching";
    for (const InboxOptions& in : settings0.watch.inboxes) std::cerr << " " << in.path;
    std::cerr << " into " << archive->dir() << std::endl;
  }
  Watcher watcher(settings0.watch, archive.get(), &engines, &*classifier);
  Status st = watcher.Run(hooks);
  if (!st.ok()) {
    Complain("watch: " + st.message());
    return kExitArchive;
  }
  return kExitOk;
}

}  // namespace docket::cli
