#include "server/peer_client.h"

#include <cctype>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/json.hpp>

#include "base/sha256.h"

namespace docket::server {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
namespace json = boost::json;
using tcp = net::ip::tcp;

namespace {

// Runs the io_context until the operation started by `start` has called
// its handler; the operation's deadline is the tcp_stream's (expires_after),
// so a peer that stops answering ends as beast::error::timeout.
template <typename Start>
beast::error_code RunStep(net::io_context& ioc, Start start) {
  beast::error_code result = net::error::would_block;
  start([&result](beast::error_code ec, auto&&...) { result = ec; });
  ioc.restart();
  ioc.run();
  return result;
}

std::string Reason(const beast::error_code& ec) {
  if (ec == beast::error::timeout) return "timed out";
  return ec.message();
}

// The "error" of a docket JSON error answer, else the start of the body.
std::string ErrorOf(const std::string& body) {
  boost::system::error_code ec;
  json::value v = json::parse(body, ec);
  if (!ec && v.is_object()) {
    if (const json::value* e = v.get_object().if_contains("error"); e != nullptr && e->is_string()) {
      return std::string(e->get_string());
    }
  }
  return body.substr(0, 200);
}

}  // namespace

Result<PeerClient> PeerClient::Create(PeerOptions options) {
  PeerClient client(std::move(options));
  const PeerOptions& o = client.options_;
  std::string where = client.Where();
  if (o.base_url.rfind("http://", 0) != 0) return Status::Invalid(where + ": the api must be http://HOST:PORT");
  std::string rest = o.base_url.substr(7);
  while (!rest.empty() && rest.back() == '/') rest.pop_back();
  if (rest.empty() || rest.find_first_of("/@?# ") != std::string::npos) {
    return Status::Invalid(where + ": the api must be http://HOST:PORT, without a path");
  }
  size_t colon = rest.rfind(':');
  if (rest.front() == '[') {  // [v6 address]:port
    size_t close = rest.find(']');
    if (close == std::string::npos) return Status::Invalid(where + ": unclosed [ in the api address");
    client.host_ = rest.substr(1, close - 1);
    colon = close + 1 < rest.size() && rest[close + 1] == ':' ? close + 1 : std::string::npos;
  } else {
    client.host_ = rest.substr(0, colon);
  }
  client.port_ = colon == std::string::npos ? "80" : rest.substr(colon + 1);
  if (client.host_.empty() || client.port_.empty() || client.port_.size() > 5 ||
      client.port_.find_first_not_of("0123456789") != std::string::npos || std::stoul(client.port_) > 65535) {
    return Status::Invalid(where + ": the api must be http://HOST:PORT");
  }
  if (o.token.empty()) return Status::Invalid(where + ": no API token (api_token_file in the shards file)");
  return client;
}

std::string PeerClient::Where() const { return "shard " + options_.shard + " (" + options_.base_url + ")"; }

Result<std::string> PeerClient::Get(const std::string& target, size_t max_body) const {
  net::io_context ioc;
  tcp::resolver resolver(ioc);
  beast::tcp_stream stream(ioc);

  // The resolver has no deadline of its own: run it for the connect time
  // and cancel it when it has not answered.
  beast::error_code ec = net::error::would_block;
  tcp::resolver::results_type endpoints;
  resolver.async_resolve(host_, port_, [&](beast::error_code e, tcp::resolver::results_type r) {
    ec = e;
    endpoints = std::move(r);
  });
  ioc.run_for(options_.connect_timeout);
  if (ec == net::error::would_block) {
    resolver.cancel();
    ioc.restart();
    ioc.run();
    return Status::IoError(Where() + ": cannot resolve " + host_ + ": timed out");
  }
  if (ec) return Status::IoError(Where() + ": cannot resolve " + host_ + ": " + ec.message());

  stream.expires_after(options_.connect_timeout);
  ec = RunStep(ioc, [&](auto handler) { stream.async_connect(endpoints, std::move(handler)); });
  if (ec) return Status::IoError(Where() + ": cannot connect: " + Reason(ec));

  http::request<http::empty_body> req{http::verb::get, target, 11};
  req.set(http::field::host, host_.find(':') != std::string::npos ? "[" + host_ + "]:" + port_ : host_ + ":" + port_);
  req.set(http::field::user_agent, "docket/" DOCKET_VERSION);
  req.set(http::field::authorization, "Bearer " + options_.token);
  if (!options_.on_behalf_of.empty()) req.set("X-Docket-For", options_.on_behalf_of);
  req.keep_alive(false);

  // One deadline for the whole exchange: a peer that trickles a large
  // original cannot hold the caller longer than `timeout`.
  stream.expires_after(options_.timeout);
  ec = RunStep(ioc, [&](auto handler) { http::async_write(stream, req, std::move(handler)); });
  if (ec) return Status::IoError(Where() + ": sending GET " + target + ": " + Reason(ec));
  beast::flat_buffer buffer;
  http::response_parser<http::string_body> parser;
  parser.body_limit(max_body);
  ec = RunStep(ioc, [&](auto handler) { http::async_read(stream, buffer, parser, std::move(handler)); });
  beast::error_code ignored;
  stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
  if (ec == http::error::body_limit) {
    return Status::TooLarge(Where() + ": GET " + target + ": the answer is larger than " + std::to_string(max_body) +
                            " bytes");
  }
  if (ec) return Status::IoError(Where() + ": GET " + target + ": " + Reason(ec));

  const auto& res = parser.get();
  int status = res.result_int();
  if (status == 200) return std::move(parser.release().body());
  std::string why = ErrorOf(res.body());
  if (status == 401) return Status::IoError(Where() + ": the API token was refused (401: " + why + ")");
  if (status == 404) return Status::NotFound(Where() + ": " + why);
  return Status::IoError(Where() + ": GET " + target + ": HTTP " + std::to_string(status) + ": " + why);
}

namespace {

// Record ids are letters, digits, '-' and '_' (ValidRecordId): nothing
// else goes into a request target.
bool PlainId(const std::string& id) {
  if (id.empty() || id.size() > 64) return false;
  for (unsigned char c : id) {
    if (!std::isalnum(c) && c != '-' && c != '_') return false;
  }
  return true;
}

}  // namespace

Result<Record> PeerClient::GetRecord(const std::string& id) const {
  if (!PlainId(id)) return Status::Invalid(Where() + ": not a record id: " + id);
  auto body = Get("/api/records/" + id, options_.max_record_bytes);
  if (!body.ok()) return body.status();
  boost::system::error_code ec;
  json::value v = json::parse(*body, ec);
  if (ec) return Status::Corrupt(Where() + ": the record " + id + " is not JSON: " + ec.message());
  auto record = RecordFromJson(v);
  if (!record.ok()) return record.status().Annotate(Where() + ": record " + id);
  if (record->id != id) return Status::Corrupt(Where() + ": asked for record " + id + ", got " + record->id);
  return record;
}

Result<std::string> PeerClient::GetOriginal(const std::string& id, const std::string& sha256) const {
  if (!PlainId(id)) return Status::Invalid(Where() + ": not a record id: " + id);
  auto bytes = Get("/api/records/" + id + "/original", options_.max_original_bytes);
  if (!bytes.ok()) return bytes.status();
  Sha256 h;
  h.Update(*bytes);
  std::string got = h.HexDigest();
  if (got != sha256) {
    return Status::Corrupt(Where() + ": the original of " + id + " does not match its sha256 (expected " + sha256 +
                           ", got " + got + ")");
  }
  return bytes;
}

}  // namespace docket::server
