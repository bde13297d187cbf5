// docket show ID: one record. docket show ID@SHARD --shards FILE: a record
// of a shard, read from its folder or fetched through its host's API.
#include <iostream>

#include "cli/command.h"
#include "cli/record_output.h"
#include "cli/shard_options.h"
#include "cli/shard_records.h"
#include "index/searcher.h"
#include "ingest/packet_records.h"

#include <boost/json.hpp>

namespace docket::cli {
namespace {

void PrintLinks(const std::vector<Link>& links) {
  std::cout << "linked:\n";
  for (const Link& l : links) std::cout << "  " << l.id << "  " << l.type << "  (same " << l.why << ")\n";
}

void PrintPagesText(const std::vector<Page>& pages) {
  for (const Page& p : pages) {
    std::cout << "\n--- page " << p.number << " (" << p.origin;
    if (p.rotation != 0) std::cout << ", turned " << p.rotation << "°";
    std::cout << ") ---\n" << p.text << "\n";
  }
}

// ID@SHARD: the record from the shard's folder, or through its host's API;
// links over every shard, so they cross hosts.
int ShowShardRecord(const std::string& id, const std::string& shard, const ShardFlags& flags,
                    const CommonOptions& common, bool text) {
  auto config = LoadShards(flags);
  if (!config.ok()) {
    Complain("show: " + config.status().message());
    return kExitUsage;
  }
  if (config->empty()) {
    Complain("show: " + id + "@" + shard + " is a record of shard " + shard + ": name the shards (--shards FILE)");
    return kExitUsage;
  }
  auto shards = ShardRecords::Open(*config, CallerName("show"));
  if (!shards.ok()) {
    Complain("show: " + shards.status().message());
    return kExitArchive;
  }
  auto record = (*shards)->Get(shard, id);
  if (!record.ok()) {
    Complain("show: " + record.status().message());
    return record.status().IsNotFound() || record.status().code() == Status::Code::kInvalid ? kExitUsage
                                                                                          : kExitArchive;
  }
  Archive* local = (*shards)->Local(shard);
  if (text && local == nullptr) {
    // Peers serve records and originals only (README, "Growing past one machine").
    Complain("show: --text: shard " + shard + " is on another host, whose API serves records and originals, not text");
    return kExitUsage;
  }
  std::vector<Link> links;
  if (auto searcher = Searcher::OpenShards(config->shards); searcher.ok()) {
    if (auto found = (*searcher)->Linked(*record, 50); found.ok()) {
      links = std::move(*found);
    } else {
      Complain("show: links not found: " + found.status().message());
    }
  } else {
    Complain("show: links not found: " + searcher.status().message());
  }
  boost::json::array ids;
  for (const Link& l : links) ids.emplace_back(l.id);
  record->extra["links"] = std::move(ids);
  record->extra["shard"] = shard;
  if (local) ExpandParts(local, &*record);  // a peer sends its parts expanded
  PrintRecord(std::cout, *record, common.json);
  if (!common.json && !links.empty()) PrintLinks(links);
  if (text && !common.json) {
    auto pages = local->GetPages(id);
    if (!pages.ok()) {
      Complain("show: the text of " + id + " cannot be read: " + pages.status().message());
      return kExitArchive;
    }
    PrintPagesText(*pages);
  }
  return kExitOk;
}

}  // namespace

int RunShow(const std::vector<std::string>& args) {
  CommonOptions common;
  std::string id;
  bool text = false;
  ShardFlags shard_flags;
  po::options_description desc("options");
  AddCommonOptions(desc, &common);
  AddShardOptions(desc, &shard_flags);
  desc.add_options()
      ("text", po::bool_switch(&text), "also print the text of each page")
      ("id", po::value(&id)->required(), "the record's id");
  po::positional_options_description pos;
  pos.add("id", 1);
  po::variables_map vm;
  int code = kExitOk;
  if (!ParseArgs(args, "show", "[OPTIONS] ID|ID@SHARD", desc, pos, &vm, common, &code)) return code;
  std::string plain, shard;
  if (SplitQualifiedId(id, &plain, &shard)) return ShowShardRecord(plain, shard, shard_flags, common, text);
  auto archive = OpenArchiveOrSay(common, /*create=*/false);
  if (!archive) return kExitArchive;
  auto record = archive->GetRecord(id);
  if (!record.ok()) {
    Complain("show: " + record.status().message());
    return record.status().IsNotFound() || record.status().code() == Status::Code::kInvalid
               ? kExitUsage
               : kExitArchive;
  }
  // Links are derived from the index, never stored: they follow every
  // correction and every new document.
  std::vector<Link> links;
  if (auto searcher = Searcher::Open(archive->IndexPath()); searcher.ok()) {
    if (auto found = (*searcher)->Linked(*record, 50); found.ok()) {
      links = std::move(*found);
    } else {
      Complain("show: links not found: " + found.status().message());
    }
  }
  boost::json::array ids;
  for (const Link& l : links) ids.emplace_back(l.id);
  record->extra["links"] = std::move(ids);
  ExpandParts(archive.get(), &*record);  // a packet's parts, each a full record
  PrintRecord(std::cout, *record, common.json);
  if (!common.json && !links.empty()) PrintLinks(links);
  if (text && !common.json) {
    auto pages = archive->GetPages(id);
    if (!pages.ok()) {
      Complain("show: the text of " + id + " cannot be read: " + pages.status().message());
      return kExitArchive;
    }
    PrintPagesText(*pages);
  }
  return kExitOk;
}

}  // namespace docket::cli
