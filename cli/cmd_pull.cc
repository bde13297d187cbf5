// docket pull --loan NO --out DIR: a loan's bundle, its documents and its
// applicants' KYC papers, under readable names with manifest.json. The
// bundle itself is server/loan_bundle.h (the web application serves the
// same one); this reads the flags and says where records and originals are.
//
// With --shards the loan and its applicants' KYC papers are looked for in
// every shard; records of a remote shard and their originals come through
// its host's API (cli/shard_records.h), each original checked against its
// sha256 before it enters the bundle.
#include <filesystem>
#include <iostream>

#include "base/log.h"
#include "cli/command.h"
#include "cli/shard_options.h"
#include "cli/shard_records.h"
#include "index/searcher.h"
#include "server/loan_bundle.h"

namespace docket::cli {

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
  // Said before anything is opened: the most common mistake, and no reason
  // to reach the shards for it. WriteLoanBundle checks again.
  if (std::filesystem::exists(out, ec)) {
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
  if (!searcher.ok()) {
    Complain("pull: " + searcher.status().message());
    return kExitArchive;
  }

  server::LoanBundleSources sources;
  sources.searcher = searcher->get();
  sources.over_shards = shards != nullptr;
  // A record by its id: "ID" in the archive, "ID@SHARD" over shards.
  sources.record = [&](const std::string& id) -> Result<Record> {
    std::string plain, shard;
    if (!shards) return archive->GetRecord(id);
    if (!SplitQualifiedId(id, &plain, &shard)) return Status::Invalid("no shard in the id " + id);
    return shards->Get(shard, plain);
  };
  // Originals of this machine's shards are read in place; another host's
  // come through its API, verified by their sha256.
  sources.original = [&](const std::string& id, const Record& r) -> Result<server::BundleOriginal> {
    std::string plain, shard;
    bool sharded = shards && SplitQualifiedId(id, &plain, &shard);
    Archive* holder = sharded ? shards->Local(shard) : archive.get();
    if (holder != nullptr) return server::BundleOriginal{holder->OriginalPath(r.sha256), ""};
    if (!sharded) return Status::Invalid("no shard in the id " + id);
    auto bytes = shards->RemoteOriginal(shard, r);
    if (!bytes.ok()) return bytes.status();
    return server::BundleOriginal{"", std::move(*bytes)};
  };
  server::LoanBundleOptions options;
  options.loan = loan;
  options.out = out;
  options.zip = zip;
  auto written = server::WriteLoanBundle(options, sources);
  if (!written.ok()) {
    Complain("pull: " + written.status().message());
    // An unknown loan is the caller's mistake, like an existing target.
    return written.status().IsNotFound() ? kExitUsage : kExitArchive;
  }
  LogInfo("pull: loan " + loan + ": " + std::to_string(written->files.size()) + " documents to " + out);
  if (common.json) {
    std::cout << written->manifest;
  } else {
    std::cout << "loan " << loan << ": " << written->files.size() << " documents in " << out << "\n";
    for (const std::string& name : written->files) std::cout << "  " << name << "\n";
  }
  return kExitOk;
}

}  // namespace docket::cli
