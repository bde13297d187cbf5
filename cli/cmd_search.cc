// docket search QUERY: words, "phrases", AND/OR/NOT, field:value, ranges.
#include <iostream>
#include <map>

#include "cli/command.h"
#include "cli/record_output.h"
#include "cli/shard_options.h"
#include "index/searcher.h"

namespace docket::cli {

int RunSearch(const std::vector<std::string>& args) {
  CommonOptions common;
  std::vector<std::string> words;
  std::string sort = "relevance";
  SearchOptions options;
  ShardFlags shard_flags;
  po::options_description desc("options");
  AddCommonOptions(desc, &common);
  AddShardOptions(desc, &shard_flags);
  desc.add_options()
      ("limit,n", po::value(&options.limit)->default_value(options.limit), "hits to print")
      ("offset", po::value(&options.offset)->default_value(options.offset), "hits to skip (paging)")
      ("sort", po::value(&sort)->default_value(sort),
       "relevance | newest | oldest (by the document's date) | amount | amount-asc")
      ("facets", po::bool_switch(&options.facets), "count the matches per type, vendor and month")
      ("query", po::value(&words), "the query");
  po::positional_options_description pos;
  pos.add("query", -1);
  po::variables_map vm;
  int code = kExitOk;
  if (!ParseArgs(args, "search", "[OPTIONS] QUERY", desc, pos, &vm, common, &code)) return code;
  static const std::map<std::string, SortOrder> kSorts = {
      {"relevance", SortOrder::kRelevance}, {"newest", SortOrder::kNewest},
      {"oldest", SortOrder::kOldest},       {"amount", SortOrder::kAmountHigh},
      {"amount-asc", SortOrder::kAmountLow}};
  if (auto it = kSorts.find(sort); it != kSorts.end()) {
    options.sort = it->second;
  } else {
    Complain("search: --sort must be relevance, newest, oldest, amount or amount-asc");
    return kExitUsage;
  }
  if (options.limit < 0 || options.offset < 0) {
    Complain("search: --limit and --offset must not be negative");
    return kExitUsage;
  }
  std::string query;
  for (const std::string& w : words) query += (query.empty() ? "" : " ") + w;
  auto shards = LoadShards(shard_flags);
  if (!shards.ok()) {
    Complain("search: " + shards.status().message());
    return kExitUsage;
  }
  Result<std::unique_ptr<Searcher>> searcher = Status::NotFound("no index");
  if (!shards->empty()) {
    // Several shards, searched as one; ids say which shard holds them.
    searcher = Searcher::OpenShards(shards->shards);
    if (!searcher.ok()) {
      Complain("search: " + searcher.status().message());
      return kExitArchive;
    }
  } else {
    auto archive = OpenArchiveOrSay(common, /*create=*/false);
    if (!archive) return kExitArchive;
    searcher = Searcher::Open(archive->IndexPath());
    if (!searcher.ok()) {
      Complain("search: cannot open the index: " + searcher.status().message() +
               " (docket reindex rebuilds it)");
      return kExitArchive;
    }
  }
  auto result = (*searcher)->Search(query, options);
  if (!result.ok()) {
    Complain("search: " + result.status().message());
    return result.status().code() == Status::Code::kInvalid ? kExitUsage : kExitArchive;
  }
  PrintSearch(std::cout, *result, common.json);
  return kExitOk;
}

}  // namespace docket::cli
