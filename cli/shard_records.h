// Records and originals of the shards a command names (--shards FILE,
// --shard NAME=WHERE): a shard whose index is a folder on this machine is
// read from that archive directly; a remote shard's records and originals
// come through its host's HTTP API with the peers' token
// (server/peer_client.h), never from its disk.
#pragma once

#include <map>
#include <memory>
#include <string>

#include "cli/shard_options.h"
#include "server/peer_client.h"
#include "store/archive.h"

namespace docket::cli {

class ShardRecords {
 public:
  // Opens the local shards' archives and checks the remote shards' api
  // addresses. Fails naming the shard for a folder that is no archive or a
  // bad api; a remote shard without an api is an error only when used.
  // `caller` names the command and user for the peers' audit logs.
  static Result<std::unique_ptr<ShardRecords>> Open(const ShardsConfig& config, const std::string& caller);

  // The record `id` of `shard`. NotFound for an unknown shard or record;
  // IoError naming the shard, its host and the reason when the host fails.
  Result<Record> Get(const std::string& shard, const std::string& id);
  // The archive of a shard on this machine, or null (a remote shard).
  Archive* Local(const std::string& shard);
  // The original's bytes of a remote shard's record, verified by its sha256.
  Result<std::string> RemoteOriginal(const std::string& shard, const Record& record);

 private:
  ShardRecords() = default;
  Result<const server::PeerClient*> Peer(const std::string& shard);

  std::map<std::string, std::unique_ptr<Archive>> local_;
  std::map<std::string, server::PeerClient> peers_;
  std::map<std::string, std::string> remote_without_api_;  // name -> tcp://...
};

// "user@host" for X-Docket-For, from USER and the host name.
std::string CallerName(const std::string& command);

}  // namespace docket::cli
