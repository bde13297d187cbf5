#include "server/http_server.h"

#include <unistd.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cctype>
#include <optional>
#include <thread>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include "base/log.h"

namespace docket::server {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;

std::string HttpRequest::Header(const std::string& lower_name) const {
  auto it = headers.find(lower_name);
  return it == headers.end() ? std::string() : it->second;
}

std::string StatusText(int status) {
  return std::string(http::obsolete_reason(static_cast<http::status>(status)));
}

struct HttpServer::Impl {
  // Declared before ioc: connections still queued in it are destroyed with
  // it and count themselves out of `connections`.
  HttpServerOptions options;
  HttpHandler handler;
  std::atomic<int> connections{0};
  std::atomic<bool> stopped{false};
  uint16_t port = 0;
  net::io_context ioc;
  tcp::acceptor acceptor{ioc};
  std::vector<std::thread> threads;

  explicit Impl(const HttpServerOptions& o, HttpHandler h)
      : options(o), handler(std::move(h)), ioc(std::max(1, o.threads)) {}
  void Accept();
};

namespace {

class Connection : public std::enable_shared_from_this<Connection> {
 public:
  Connection(tcp::socket socket, HttpServer::Impl* server)
      : stream_(std::move(socket)), server_(server), buffer_(server->options.max_header + server->options.max_body) {
    ++server_->connections;
    boost::system::error_code ec;
    auto ep = stream_.socket().remote_endpoint(ec);
    if (!ec) remote_ = ep.address().to_string();
  }
  ~Connection() { --server_->connections; }

  void Start() {
    net::dispatch(stream_.get_executor(), beast::bind_front_handler(&Connection::Read, shared_from_this()));
  }

 private:
  void Read() {
    parser_.emplace();
    parser_->body_limit(server_->options.max_body);
    parser_->header_limit(static_cast<std::uint32_t>(server_->options.max_header));
    stream_.expires_after(server_->options.read_timeout);
    http::async_read(stream_, buffer_, *parser_, beast::bind_front_handler(&Connection::OnRead, shared_from_this()));
  }

  void OnRead(beast::error_code ec, std::size_t) {
    if (ec == http::error::end_of_stream || ec == beast::error::timeout || ec == net::error::operation_aborted ||
        ec == net::error::connection_reset || ec == net::error::eof) {
      Close();
      return;
    }
    if (ec) {
      // A request we will not read: say why, then hang up.
      int status = ec == http::error::body_limit ? 413 : ec == http::error::header_limit ? 431 : 400;
      HttpResponse r;
      r.status = status;
      r.content_type = "text/plain; charset=utf-8";
      r.body = std::to_string(status) + " " + StatusText(status) + "\n";
      drain_ = true;
      Send(std::move(r), /*keep_alive=*/false, 11);
      return;
    }
    http::request<http::string_body> msg = parser_->release();
    HttpRequest req;
    req.method = std::string(msg.method_string());
    req.target = std::string(msg.target());
    size_t q = req.target.find('?');
    req.path = req.target.substr(0, q);
    if (q != std::string::npos) req.query = req.target.substr(q + 1);
    for (const auto& h : msg) {
      std::string name(h.name_string());
      for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      auto [it, fresh] = req.headers.try_emplace(name, std::string(h.value()));
      if (!fresh) it->second += (name == "cookie" ? "; " : ", ") + std::string(h.value());
    }
    req.body = std::move(msg.body());
    req.remote = remote_;
    HttpResponse res;
    try {
      res = server_->handler(req);
    } catch (const std::exception& e) {
      LogError("server: " + req.method + " " + req.path + ": " + e.what());
      res = HttpResponse{};
      res.status = 500;
      res.content_type = "text/plain; charset=utf-8";
      res.body = "500 Internal Server Error\n";
    }
    Send(std::move(res), msg.keep_alive(), msg.version());
  }

  template <class Message>
  void Finish(Message& m, const HttpResponse& r, bool keep_alive) {
    m.set(http::field::server, "docket");
    m.set(http::field::content_type, r.content_type);
    for (const auto& [k, v] : r.headers) m.insert(k, v);
    m.keep_alive(keep_alive);
    m.prepare_payload();
  }

  void Send(HttpResponse r, bool keep_alive, unsigned version) {
    stream_.expires_after(server_->options.write_timeout);
    auto self = shared_from_this();
    if (!r.file.empty()) {
      http::file_body::value_type body;
      beast::error_code ec;
      body.open(r.file.c_str(), beast::file_mode::scan, ec);
      if (r.remove_file) ::unlink(r.file.c_str());
      if (!ec) {
        auto m = std::make_shared<http::response<http::file_body>>(
            std::piecewise_construct, std::make_tuple(std::move(body)),
            std::make_tuple(static_cast<http::status>(r.status), version));
        Finish(*m, r, keep_alive);
        http::async_write(stream_, *m, [self, m, keep_alive](beast::error_code e, std::size_t) {
          self->OnWrite(e, keep_alive);
        });
        return;
      }
      LogError("server: cannot open " + r.file + ": " + ec.message());
      r = HttpResponse{};
      r.status = 500;
      r.content_type = "text/plain; charset=utf-8";
      r.body = "500 Internal Server Error\n";
    }
    auto m = std::make_shared<http::response<http::string_body>>(static_cast<http::status>(r.status), version);
    m->body() = std::move(r.body);
    Finish(*m, r, keep_alive);
    http::async_write(stream_, *m, [self, m, keep_alive](beast::error_code e, std::size_t) {
      self->OnWrite(e, keep_alive);
    });
  }

  void OnWrite(beast::error_code ec, bool keep_alive) {
    if (!ec && drain_) {
      StartDrain();
      return;
    }
    if (ec || !keep_alive || server_->stopped) {
      Close();
      return;
    }
    Read();
  }

  // After refusing a request whose bytes may still be arriving, read and
  // drop them for a moment before closing: closing a socket with unread
  // data sends a reset, and the client would lose the refusal.
  void StartDrain() {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
    stream_.expires_after(std::chrono::seconds(2));
    drained_ = 0;
    Drain();
  }
  void Drain() {
    auto self = shared_from_this();
    stream_.async_read_some(net::buffer(scratch_), [self](beast::error_code ec, std::size_t n) {
      self->drained_ += n;
      if (ec || self->drained_ > (8u << 20)) {
        self->Close();
        return;
      }
      self->Drain();
    });
  }

  void Close() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    stream_.socket().close(ec);
  }

  beast::tcp_stream stream_;
  HttpServer::Impl* server_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  std::string remote_;
  bool drain_ = false;
  size_t drained_ = 0;
  std::array<char, 8192> scratch_{};
};

}  // namespace

void HttpServer::Impl::Accept() {
  acceptor.async_accept(net::make_strand(ioc), [this](beast::error_code ec, tcp::socket socket) {
    if (stopped) return;
    if (!ec) {
      if (connections >= options.max_connections) {
        beast::error_code ignored;
        socket.close(ignored);
      } else {
        std::make_shared<Connection>(std::move(socket), this)->Start();
      }
    }
    Accept();
  });
}

Result<std::unique_ptr<HttpServer>> HttpServer::Start(const HttpServerOptions& options, HttpHandler handler) {
  auto impl = std::make_unique<Impl>(options, std::move(handler));
  try {
    boost::system::error_code ec;
    auto address = net::ip::make_address(options.host, ec);
    if (ec) return Status::Invalid("not an IP address: " + options.host);
    tcp::endpoint endpoint(address, options.port);
    impl->acceptor.open(endpoint.protocol());
    impl->acceptor.set_option(net::socket_base::reuse_address(true));
    impl->acceptor.bind(endpoint, ec);
    if (ec) return Status::IoError("cannot listen on " + options.host + ":" + std::to_string(options.port) + ": " + ec.message());
    impl->acceptor.listen(net::socket_base::max_listen_connections);
    impl->port = impl->acceptor.local_endpoint().port();
  } catch (const boost::system::system_error& e) {
    return Status::IoError(std::string("cannot listen: ") + e.what());
  }
  impl->Accept();
  Impl* raw = impl.get();
  for (int i = 0; i < std::max(1, options.threads); ++i) {
    raw->threads.emplace_back([raw] {
      // A handler's exception is caught in OnRead; this loop only guards
      // against Asio's own, so that one bad connection never stops a thread.
      while (!raw->stopped) {
        try {
          raw->ioc.run();
          break;
        } catch (const std::exception& e) {
          LogError(std::string("server: ") + e.what());
        }
      }
    });
  }
  return std::unique_ptr<HttpServer>(new HttpServer(std::move(impl)));
}

HttpServer::HttpServer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

HttpServer::~HttpServer() { Stop(); }

uint16_t HttpServer::port() const { return impl_->port; }

void HttpServer::Stop() {
  if (impl_->stopped.exchange(true)) return;
  impl_->ioc.stop();
  for (auto& t : impl_->threads) {
    if (t.joinable()) t.join();
  }
  beast::error_code ec;
  impl_->acceptor.close(ec);
}

}  // namespace docket::server
