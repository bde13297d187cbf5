#include "cli/shard_options.h"

#include <fstream>
#include <set>
#include <sstream>

#include <boost/json.hpp>

namespace docket::cli {
namespace json = boost::json;

namespace {

std::string ReadAll(const std::string& path, bool* ok) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  *ok = static_cast<bool>(in);
  return ss.str();
}

}  // namespace

Result<std::string> ReadApiTokenFile(const std::string& path) {
  bool read = false;
  std::string token = ReadAll(path, &read);
  if (!read) return Status::NotFound("cannot read the API token file " + path);
  while (!token.empty() && (token.back() == '\n' || token.back() == '\r' || token.back() == ' ')) token.pop_back();
  if (token.size() < 16) return Status::Invalid(path + ": the API token must be at least 16 characters");
  // It goes into an HTTP header: printable ASCII only.
  for (unsigned char c : token) {
    if (c < 0x21 || c > 0x7e) return Status::Invalid(path + ": the API token must be printable ASCII without spaces");
  }
  return token;
}

void AddShardOptions(po::options_description& desc, ShardFlags* flags) {
  desc.add_options()
      ("shard", po::value(&flags->shard),
       "NAME=ARCHIVE or NAME=tcp://HOST:PORT (xapian-tcpsrv): search this shard too; repeat for each")
      ("shards", po::value(&flags->shards_file), "the shards file (JSON: shards, their APIs, the API token)");
}

Result<ShardsConfig> LoadShardsFile(const std::string& path) {
  bool read = false;
  std::string text = ReadAll(path, &read);
  if (!read) return Status::NotFound("cannot read the shards file " + path);
  boost::system::error_code ec;
  json::value v = json::parse(text, ec);
  if (ec || !v.is_object()) return Status::Invalid(path + ": not a JSON object");
  ShardsConfig out;
  for (const auto& kv : v.get_object()) {
    std::string key(kv.key());
    if (key == "api_token_file") {
      if (!kv.value().is_string()) return Status::Invalid(path + ": api_token_file must be a string");
      auto token = ReadApiTokenFile(std::string(kv.value().get_string()));
      if (!token.ok()) return token.status().Annotate(path);
      out.api_token = std::move(*token);
    } else if (key == "shards") {
      if (!kv.value().is_array()) return Status::Invalid(path + ": shards must be a list");
      for (const json::value& s : kv.value().get_array()) {
        const json::object* o = s.if_object();
        if (o == nullptr) return Status::Invalid(path + ": each shard must be an object");
        std::string name, index, api;
        for (const auto& m : *o) {
          std::string k(m.key());
          if (!m.value().is_string()) return Status::Invalid(path + ": shard " + k + " must be a string");
          if (k == "name") {
            name = m.value().get_string();
          } else if (k == "index") {
            index = m.value().get_string();
          } else if (k == "api") {
            api = m.value().get_string();
          } else {
            return Status::Invalid(path + ": shard: unknown key \"" + k + "\"");
          }
        }
        auto shard = ParseShard(name + "=" + index);
        if (!shard.ok()) return shard.status().Annotate(path);
        if (!api.empty()) {
          if (api.rfind("http://", 0) != 0) return Status::Invalid(path + ": shard " + name + ": api must be http://HOST:PORT");
          out.api[name] = api;
        }
        out.shards.push_back(std::move(*shard));
      }
    } else {
      return Status::Invalid(path + ": unknown key \"" + key + "\"");
    }
  }
  return out;
}

Result<ShardsConfig> LoadShards(const ShardFlags& flags) {
  ShardsConfig out;
  if (!flags.shards_file.empty()) {
    auto file = LoadShardsFile(flags.shards_file);
    if (!file.ok()) return file.status();
    out = std::move(*file);
  }
  for (const std::string& spec : flags.shard) {
    auto shard = ParseShard(spec);
    if (!shard.ok()) return shard.status().Annotate("--shard");
    out.shards.push_back(std::move(*shard));
  }
  std::set<std::string> names;
  for (const Shard& s : out.shards) {
    if (!names.insert(s.name).second) return Status::Invalid("two shards are named " + s.name);
  }
  return out;
}

}  // namespace docket::cli
