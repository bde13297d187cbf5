// A client of another host's `docket serve` API (README, "Growing past one
// machine"): the record and the original of a record on that host's shard,
// fetched over HTTP with the peers' bearer API token, never by reaching into
// the host's disk. Synchronous (Boost.Beast over Asio) with a deadline on
// every step; no exception leaves it. Beast and Asio stay inside
// peer_client.cc.
#pragma once

#include <chrono>
#include <cstddef>
#include <string>

#include "base/status.h"
#include "store/record.h"

namespace docket::server {

struct PeerOptions {
  std::string shard;     // the shard's name, for errors ("shard b (http://...): ...")
  std::string base_url;  // "http://HOST:PORT" (plain HTTP; a TLS proxy in front is the deployment's)
  std::string token;     // the bearer token the peer's `docket serve --api-token-file` holds
  // Who asked on this side ("asha@h1", "docket pull"), sent as
  // X-Docket-For so the peer's audit log says on whose behalf the token was
  // used. Informational: the token alone decides what is allowed.
  std::string on_behalf_of;
  std::chrono::milliseconds connect_timeout{5000};  // resolve and connect
  std::chrono::milliseconds timeout{60000};         // send the request and read the whole answer
  size_t max_record_bytes = 16 << 20;
  size_t max_original_bytes = size_t{1} << 30;
};

// Copyable; each call opens its own connection, so one client may be used
// from several threads.
class PeerClient {
 public:
  // Invalid, naming the shard, for a base_url that is not http://HOST[:PORT]
  // or an empty token.
  static Result<PeerClient> Create(PeerOptions options);

  // GET /api/records/ID: the record as the peer stores it (with the links
  // the peer computed in its own shard, unqualified). NotFound when the peer
  // has no such record; IoError naming the shard, its address and the
  // reason otherwise (cannot connect, timed out, token refused, ...).
  Result<Record> GetRecord(const std::string& id) const;

  // GET /api/records/ID/original: the original's bytes, verified against
  // `sha256` (from the record): Corrupt when they do not match.
  Result<std::string> GetOriginal(const std::string& id, const std::string& sha256) const;

  const PeerOptions& options() const { return options_; }

 private:
  explicit PeerClient(PeerOptions options) : options_(std::move(options)) {}
  // GET `target`; the body of a 200 answer, else the error.
  Result<std::string> Get(const std::string& target, size_t max_body) const;
  std::string Where() const;  // "shard b (http://10.0.0.2:8080)"

  PeerOptions options_;
  std::string host_, port_;
};

}  // namespace docket::server
