// The shards of an archive spread over several hosts, as the command line
// names them: `--shard NAME=WHERE` (repeated) and `--shards FILE`, the
// shards file (JSON) that also says how to reach each host's HTTP API:
//
//   {"shards": [{"name": "a", "index": "/srv/docket/archive", "api": "http://10.1.0.1:8080"},
//               {"name": "b", "index": "tcp://10.1.0.2:7300", "api": "http://10.1.0.2:8080"}],
//    "api_token_file": "/etc/docket/peer.token"}
//
// Read only here in cli/: the libraries take Shard lists, never files.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "cli/command.h"
#include "index/searcher.h"

namespace docket::cli {

struct ShardFlags {
  std::vector<std::string> shard;  // NAME=WHERE
  std::string shards_file;
};

struct ShardsConfig {
  std::vector<Shard> shards;
  std::map<std::string, std::string> api;  // shard name -> http://HOST:PORT
  std::string api_token;                   // the peers' shared API token
  bool empty() const { return shards.empty(); }
};

// Adds --shard and --shards to `desc`.
void AddShardOptions(po::options_description& desc, ShardFlags* flags);

// The shards named by the flags (file first, then --shard), or none.
// Invalid, naming the file or flag, for anything wrong.
Result<ShardsConfig> LoadShards(const ShardFlags& flags);

// The peers' API token from its file (one line, at least 16 printable
// characters): the shards file's api_token_file, docket serve --api-token-file.
Result<std::string> ReadApiTokenFile(const std::string& path);

// The file alone (for the watch configuration's "shards" key).
Result<ShardsConfig> LoadShardsFile(const std::string& path);

}  // namespace docket::cli
