#include "cli/shard_records.h"

#include <unistd.h>

#include <cstdlib>

namespace docket::cli {

Result<std::unique_ptr<ShardRecords>> ShardRecords::Open(const ShardsConfig& config, const std::string& caller) {
  std::unique_ptr<ShardRecords> out(new ShardRecords());
  for (const Shard& s : config.shards) {
    if (!s.remote()) {
      auto archive = Archive::Open(s.where);
      if (!archive.ok()) return archive.status().Annotate("shard " + s.name);
      out->local_[s.name] = std::move(*archive);
      continue;
    }
    auto api = config.api.find(s.name);
    if (api == config.api.end()) {
      out->remote_without_api_[s.name] = s.where;
      continue;
    }
    server::PeerOptions o;
    o.shard = s.name;
    o.base_url = api->second;
    o.token = config.api_token;
    o.on_behalf_of = caller;
    auto client = server::PeerClient::Create(std::move(o));
    if (!client.ok()) return client.status();
    out->peers_.emplace(s.name, std::move(*client));
  }
  return out;
}

Archive* ShardRecords::Local(const std::string& shard) {
  auto it = local_.find(shard);
  return it == local_.end() ? nullptr : it->second.get();
}

Result<const server::PeerClient*> ShardRecords::Peer(const std::string& shard) {
  if (auto it = peers_.find(shard); it != peers_.end()) return &it->second;
  if (auto it = remote_without_api_.find(shard); it != remote_without_api_.end()) {
    return Status::Invalid("shard " + shard + " (" + it->second +
                           ") has no \"api\" in the shards file: its records cannot be fetched");
  }
  return Status::NotFound("no shard " + shard + " in the shards given");
}

Result<Record> ShardRecords::Get(const std::string& shard, const std::string& id) {
  if (Archive* archive = Local(shard)) return archive->GetRecord(id);
  auto peer = Peer(shard);
  if (!peer.ok()) return peer.status();
  return (*peer)->GetRecord(id);
}

Result<std::string> ShardRecords::RemoteOriginal(const std::string& shard, const Record& record) {
  auto peer = Peer(shard);
  if (!peer.ok()) return peer.status();
  return (*peer)->GetOriginal(record.id, record.sha256);
}

std::string CallerName(const std::string& command) {
  const char* user = std::getenv("USER");
  char host[256] = {};
  gethostname(host, sizeof host - 1);
  return std::string(user && *user ? user : "?") + "@" + host + " (docket " + command + ")";
}

}  // namespace docket::cli
