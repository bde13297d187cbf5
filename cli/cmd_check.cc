// docket check: verify the archive. Every original against its sha256,
// every record readable and whole (its original and pages present), the
// index in step with the records. One line per problem; exit 1 when any.
#include <iostream>
#include <functional>
#include <map>
#include <set>

#include <boost/json.hpp>

#include "base/sha256.h"
#include "cli/command.h"
#include "cli/shard_options.h"
#include "index/searcher.h"

namespace docket::cli {

namespace {

// docket check --shards: the same bytes archived in two shards (two hosts
// took copies of one file in the same moment, before either had indexed
// it), and shards that cannot be read. Ids are the sha256's first 16 hex
// digits in every archive, so equal bytes meet on them.
void CheckShards(const std::vector<Shard>& shards,
                   const std::function<void(const std::string&, const std::string&, const std::string&)>& report) {
  std::map<std::string, std::vector<std::string>> holders;  // 16 hex digits -> "ID@SHARD"
  for (const Shard& shard : shards) {
    auto searcher = Searcher::OpenShards({shard});
    auto ids = searcher.ok() ? (*searcher)->Ids() : Result<std::vector<std::string>>(searcher.status());
    if (!ids.ok()) {
      report("unreadable_shard", shard.name, ids.status().message());
      continue;
    }
    for (const std::string& qualified : *ids) holders[qualified.substr(0, 16)].push_back(qualified);
  }
  for (const auto& [prefix, ids] : holders) {
    if (ids.size() < 2) continue;
    std::string all;
    for (const std::string& id : ids) all += (all.empty() ? "" : ", ") + id;
    report("duplicate_across_shards", ids.front(), "the same bytes are archived in " + all);
  }
}

}  // namespace

int RunCheck(const std::vector<std::string>& args) {
  CommonOptions common;
  ShardFlags shard_flags;
  po::options_description desc("options");
  AddCommonOptions(desc, &common);
  AddShardOptions(desc, &shard_flags);
  po::positional_options_description pos;
  po::variables_map vm;
  int code = kExitOk;
  if (!ParseArgs(args, "check", "[OPTIONS]", desc, pos, &vm, common, &code)) return code;

  size_t problems = 0;
  auto report = [&](const std::string& kind, const std::string& id, const std::string& detail) {
    ++problems;
    if (common.json) {
      std::cout << boost::json::serialize(boost::json::object{{"problem", kind}, {"id", id}, {"detail", detail}})
                << "\n";
    } else {
      std::cout << kind << "  " << id << ": " << detail << "\n";
    }
  };

  auto shards = LoadShards(shard_flags);
  if (!shards.ok()) {
    Complain("check: " + shards.status().message());
    return kExitUsage;
  }
  if (!shards->empty()) {
    CheckShards(shards->shards, report);
    if (!common.json) {
      std::cerr << "checked " << shards->shards.size() << " shards: " << problems
                << (problems == 1 ? " problem" : " problems") << std::endl;
    }
    return problems > 0 ? kExitArchive : kExitOk;
  }
  auto archive = OpenArchiveOrSay(common, /*create=*/false);
  if (!archive) return kExitArchive;

  auto ids = archive->ListIds();
  if (!ids.ok()) {
    Complain("check: " + ids.status().message());
    return kExitArchive;
  }
  std::set<std::string> archived;
  size_t checked = 0;
  for (const std::string& id : *ids) {
    auto r = archive->GetRecord(id);
    if (!r.ok()) {
      report("unreadable_record", id, r.status().message());
      continue;
    }
    ++checked;
    if (r->status == "archived") archived.insert(id);
    auto sha = Sha256File(archive->OriginalPath(r->sha256));
    if (!sha.ok()) {
      report("missing_original", id, archive->OriginalPath(r->sha256));
    } else if (*sha != r->sha256) {
      report("damaged_original", id, "sha256 is " + *sha + ", the record says " + r->sha256);
    }
    if (auto pages = archive->GetPages(id); !pages.ok()) {
      report("unreadable_pages", id, pages.status().message());
    } else if (static_cast<int>(pages->size()) != r->pages) {
      report("damaged_pages", id, std::to_string(pages->size()) + " pages stored, the record says " +
                                      std::to_string(r->pages));
    }
  }

  auto searcher = Searcher::Open(archive->IndexPath());
  auto indexed = searcher.ok() ? (*searcher)->Ids() : Result<std::vector<std::string>>(searcher.status());
  if (!indexed.ok()) {
    report("unreadable_index", "", indexed.status().message() + " (docket reindex rebuilds it)");
  } else {
    std::set<std::string> in_index(indexed->begin(), indexed->end());
    for (const std::string& id : archived) {
      if (!in_index.count(id)) report("not_indexed", id, "the record is not in the index (docket reindex)");
    }
    for (const std::string& id : in_index) {
      if (!archived.count(id)) report("stale_index_entry", id, "indexed without a record (docket reindex)");
    }
  }
  if (!common.json) {
    std::cerr << "checked " << checked << " records: " << problems
              << (problems == 1 ? " problem" : " problems") << std::endl;
  }
  return problems > 0 ? kExitArchive : kExitOk;
}

}  // namespace docket::cli
