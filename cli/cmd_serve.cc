// docket serve: the clerks' web application and JSON API (server/).
#include <pthread.h>
#include <signal.h>
#include <unistd.h>

#include <iostream>

#include "base/log.h"
#include "cli/command.h"
#include "cli/shard_options.h"
#include "cli/users_file.h"
#include "server/audit_log.h"
#include "server/http_server.h"
#include "server/web_app.h"

namespace docket::cli {
namespace {

// "127.0.0.1:8080", "[::1]:8080", "0.0.0.0:80" -> host and port.
bool ParseListen(const std::string& s, std::string* host, uint16_t* port) {
  size_t colon = s.rfind(':');
  if (colon == std::string::npos || colon == 0) return false;
  *host = s.substr(0, colon);
  if (host->size() > 2 && host->front() == '[' && host->back() == ']') *host = host->substr(1, host->size() - 2);
  if (*host == "localhost") *host = "127.0.0.1";  // the address, not whatever the resolver says
  std::string p = s.substr(colon + 1);
  if (p.empty() || p.size() > 5 || p.find_first_not_of("0123456789") != std::string::npos) return false;
  unsigned long v = std::stoul(p);
  if (v > 65535) return false;
  *port = static_cast<uint16_t>(v);
  return true;
}

bool IsLoopback(const std::string& host) { return host.rfind("127.", 0) == 0 || host == "::1"; }

}  // namespace

int RunServe(const std::vector<std::string>& args) {
  CommonOptions common;
  std::string listen = "127.0.0.1:8080", users_option, token_file;
  ShardFlags shard_flags;
  bool insecure_cookies = false;
  server::WebAppOptions app_options;
  server::HttpServerOptions http;
  po::options_description desc("options");
  AddCommonOptions(desc, &common);
  desc.add_options()
      ("listen", po::value(&listen)->default_value(listen),
       "HOST:PORT to listen on (port 0: any free port); loopback unless told otherwise")
      ("users", po::value(&users_option), "the users file (default: ARCHIVE/users.json; docket user add)")
      ("threads", po::value(&http.threads)->default_value(http.threads), "request threads")
      ("insecure-cookies", po::bool_switch(&insecure_cookies),
       "session cookies without Secure: only for plain http on a non-loopback address behind a trusted network")
      ("low-confidence", po::value(&app_options.corrections.low_field_confidence)
           ->default_value(app_options.corrections.low_field_confidence),
       "fields below this confidence are marked low and need review")
      ("review-below", po::value(&app_options.corrections.review_below)
           ->default_value(app_options.corrections.review_below),
       "a type less sure than this needs review (as ingest --review-below)")
      ("api-token-file", po::value(&token_file),
       "the peers' API token (one line): other hosts' docket may read records and originals with it");
  AddShardOptions(desc, &shard_flags);
  po::variables_map vm;
  int code = kExitOk;
  if (!ParseArgs(args, "serve", "[OPTIONS]", desc, {}, &vm, common, &code)) return code;
  if (!ParseListen(listen, &http.host, &http.port)) {
    Complain("serve: --listen wants HOST:PORT, e.g. 127.0.0.1:8080");
    return kExitUsage;
  }
  if (http.threads < 1 || http.threads > 64) {
    Complain("serve: --threads must be 1..64");
    return kExitUsage;
  }
  if (!token_file.empty()) {
    auto token = ReadApiTokenFile(token_file);
    if (!token.ok()) {
      Complain("serve: --api-token-file: " + token.status().message());
      return kExitUsage;
    }
    app_options.api_token = std::move(*token);
  }
  auto shards = LoadShards(shard_flags);
  if (!shards.ok()) {
    Complain("serve: " + shards.status().message());
    return kExitUsage;
  }
  app_options.shards = shards->shards;
  for (const auto& [name, api] : shards->api) {
    server::PeerOptions peer;
    peer.shard = name;
    peer.base_url = api;
    peer.token = shards->api_token;
    // Checked now, so a bad address or a missing token stops the start,
    // not a clerk's request later.
    if (auto ok = server::PeerClient::Create(peer); !ok.ok()) {
      Complain("serve: " + ok.status().message());
      return kExitUsage;
    }
    app_options.peers[name] = std::move(peer);
  }
  char host_name[256] = {};
  gethostname(host_name, sizeof host_name - 1);
  app_options.host_name = host_name;
  auto archive = OpenArchiveOrSay(common, /*create=*/false);
  if (!archive) return kExitArchive;
  std::string users_path = UsersFilePath(users_option, archive->dir());
  auto users = ReadUsersFile(users_path);
  if (!users.ok()) {
    Complain(users.status().IsNotFound()
                 ? "serve: no users file " + users_path + " (add a user: docket user add NAME --role clerk)"
                 : "serve: " + users.status().message());
    return users.status().IsNotFound() ? kExitUsage : kExitArchive;
  }
  auto audit = server::AuditLog::Open(archive->dir() + "/logs/audit.jsonl");
  if (!audit.ok()) {
    Complain("serve: " + audit.status().message());
    return kExitArchive;
  }
  app_options.archive = archive.get();
  app_options.audit = audit->get();
  app_options.users = *users;
  app_options.secure_cookies = !insecure_cookies;
  auto app = server::WebApp::Create(app_options);
  if (!app.ok()) {
    Complain("serve: " + app.status().message());
    return kExitArchive;
  }

  // The server's threads inherit this mask, so the signals come to sigwait
  // below and nowhere else.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGHUP);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  server::WebApp* handler = app->get();
  auto srv = server::HttpServer::Start(http, [handler](const server::HttpRequest& r) { return handler->Handle(r); });
  if (!srv.ok()) {
    Complain("serve: " + srv.status().message());
    return srv.status().code() == Status::Code::kInvalid ? kExitUsage : kExitArchive;
  }
  std::string shown = http.host.find(':') != std::string::npos ? "[" + http.host + "]" : http.host;
  std::cout << "docket: serving " << archive->dir() << " on http://" << shown << ":" << (*srv)->port() << "/ ("
            << users->size() << (users->size() == 1 ? " user" : " users") << ")" << std::endl;
  if (!IsLoopback(http.host)) {
    Complain("serve: listening beyond this machine on plain HTTP; put a TLS-terminating proxy in front");
  }
  LogInfo("serve: listening on " + shown + ":" + std::to_string((*srv)->port()));

  for (;;) {
    int sig = 0;
    if (sigwait(&signals, &sig) != 0) continue;
    if (sig != SIGHUP) break;
    auto again = ReadUsersFile(users_path);
    if (!again.ok()) {
      Complain("serve: keeping the old users: " + again.status().message());
      continue;
    }
    (*app)->SetUsers(*again);
    LogInfo("serve: reread " + users_path + ": " + std::to_string(again->size()) + " users");
  }
  (*srv)->Stop();
  LogInfo("serve: stopped");
  return kExitOk;
}

}  // namespace docket::cli
