// A small HTTP/1.1 server on Boost.Beast: a fixed pool of threads running
// one io_context, keep-alive, bounded headers and bodies, read and write
// deadlines, a cap on open connections. It knows nothing of docket: a
// handler turns each request into a response. Beast and Asio stay inside
// http_server.cc; no exception leaves it.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "base/status.h"

namespace docket::server {

struct HttpRequest {
  std::string method;  // "GET", "POST", ...
  std::string target;  // as sent: path and query
  std::string path;    // the target up to '?', not decoded
  std::string query;   // after '?', not decoded
  // Lower-case names; repeated headers joined with ", " ("; " for cookie).
  std::map<std::string, std::string> headers;
  std::string body;
  std::string remote;  // the peer's address

  // The header's value, empty when absent.
  std::string Header(const std::string& lower_name) const;
};

struct HttpResponse {
  int status = 200;
  std::string content_type = "text/html; charset=utf-8";
  std::string body;
  std::string file;  // when set: the body is this file, streamed
  // `file` was made for this answer alone (a loan's bundle): removed as
  // soon as it is opened for sending, so the open descriptor keeps its
  // bytes until the answer is sent and nothing is left behind, whether
  // the client reads it all or goes away.
  bool remove_file = false;
  std::vector<std::pair<std::string, std::string>> headers;
};

// Called on a pool thread, possibly on several at once: must be thread-safe.
// Exceptions are caught and answered with 500.
using HttpHandler = std::function<HttpResponse(const HttpRequest&)>;

struct HttpServerOptions {
  std::string host = "127.0.0.1";  // listen on loopback unless told otherwise
  uint16_t port = 8080;            // 0: any free port (see HttpServer::port)
  int threads = 4;
  size_t max_body = 1 << 20;        // bytes; larger requests get 413
  size_t max_header = 16 << 10;     // bytes of request line and headers; 431
  std::chrono::seconds read_timeout{30};   // whole request, also idle keep-alive
  std::chrono::seconds write_timeout{300}; // whole response (large originals)
  int max_connections = 256;        // more are closed at once
};

class HttpServer {
 public:
  // Binds and starts serving on a pool of options.threads threads.
  static Result<std::unique_ptr<HttpServer>> Start(const HttpServerOptions& options, HttpHandler handler);
  // Stops and joins the threads.
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // The port bound (the chosen one when options.port was 0).
  uint16_t port() const;
  // Stops accepting, closes connections, joins the threads. Idempotent.
  void Stop();

  struct Impl;

 private:
  explicit HttpServer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// Reason phrase of a status ("Not Found"), for error pages.
std::string StatusText(int status);

}  // namespace docket::server
