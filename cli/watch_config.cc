#include "cli/watch_config.h"

#include <sys/stat.h>

#include <fstream>
#include <cctype>
#include <set>
#include <sstream>
#include <thread>
#include <type_traits>
#include <vector>

#include <boost/json.hpp>

namespace docket::cli {
namespace json = boost::json;

namespace {

Status CheckKeys(const json::object& o, const std::set<std::string>& known, const std::string& where) {
  for (const auto& kv : o) {
    if (!known.count(std::string(kv.key()))) {
      return Status::Invalid(where + ": unknown key \"" + std::string(kv.key()) + "\"");
    }
  }
  return Status::Ok();
}

// Reads o[key] into *out when present; false with *err set on a wrong type.
template <typename T>
bool Get(const json::object& o, const char* key, T* out, std::string* err) {
  auto it = o.find(key);
  if (it == o.end()) return true;
  const json::value& v = it->value();
  if constexpr (std::is_same_v<T, std::string>) {
    if (!v.is_string()) {
      *err = std::string(key) + " must be a string";
      return false;
    }
    *out = std::string(v.get_string());
  } else {
    if (!v.is_number()) {
      *err = std::string(key) + " must be a number";
      return false;
    }
    // The error_code overload: the throwing one ends the process on 1e300
    // or 2.5 where a whole number is wanted (found by fuzz/watch_config).
    boost::system::error_code ec;
    T n = v.to_number<T>(ec);
    if (ec) {
      *err = std::string(key) + " is out of range" +
             (std::is_integral_v<T> ? std::string(" or not a whole number") : std::string());
      return false;
    }
    *out = n;
  }
  return true;
}

// Reads o[key], a list of non-empty strings, into *out when present.
bool GetStrings(const json::object& o, const char* key, std::vector<std::string>* out, std::string* err) {
  auto it = o.find(key);
  if (it == o.end()) return true;
  if (!it->value().is_array()) {
    *err = std::string(key) + " must be a list of strings";
    return false;
  }
  std::vector<std::string> values;
  for (const json::value& v : it->value().get_array()) {
    if (!v.is_string() || v.get_string().empty()) {
      *err = std::string(key) + " must be a list of strings, none empty";
      return false;
    }
    values.emplace_back(v.get_string());
  }
  *out = std::move(values);
  return true;
}

bool IsDir(const std::string& p) {
  struct stat st;
  return stat(p.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

}  // namespace

Result<WatchSettings> LoadWatchConfig(const std::string& path) {
  std::ifstream in(path);
  if (!in) return Status::NotFound("cannot read the configuration file " + path);
  std::stringstream ss;
  ss << in.rdbuf();
  boost::system::error_code ec;
  json::value v = json::parse(ss.str(), ec);
  if (ec) return Status::Invalid(path + ": not valid JSON: " + ec.message());
  if (!v.is_object()) return Status::Invalid(path + ": must hold a JSON object");
  const json::object& o = v.get_object();
  DOCKET_RETURN_IF_ERROR(CheckKeys(o, {"archive", "inboxes", "jobs", "stable_seconds", "rescan_seconds",
                                       "batch_files", "max_pages", "max_pixels", "page_timeout_ms",
                                       "tessdata", "host", "lease_seconds", "shards", "split",
                                       "separator_keywords", "separator_barcodes"},
                                   path));
  WatchSettings s;
  std::string err;
  int64_t batch = static_cast<int64_t>(s.watch.batch_files);
  s.watch.pipeline.jobs = 0;
  bool ok = Get(o, "archive", &s.archive, &err) && Get(o, "jobs", &s.watch.pipeline.jobs, &err) &&
            Get(o, "stable_seconds", &s.watch.stable_seconds, &err) &&
            Get(o, "rescan_seconds", &s.watch.rescan_seconds, &err) &&
            Get(o, "batch_files", &batch, &err) &&
            Get(o, "max_pages", &s.watch.pipeline.decode.max_pages, &err) &&
            Get(o, "max_pixels", &s.watch.pipeline.decode.max_pixels, &err) &&
            Get(o, "page_timeout_ms", &s.ocr.page_timeout_ms, &err) &&
            Get(o, "tessdata", &s.ocr.tessdata, &err) && Get(o, "host", &s.watch.host, &err) &&
            Get(o, "lease_seconds", &s.watch.lease_seconds, &err) && Get(o, "shards", &s.shards_file, &err);
  PacketSplitOptions& packets = s.watch.pipeline.packets;
  ok = ok && GetStrings(o, "separator_keywords", &packets.separator_keywords, &err) &&
       GetStrings(o, "separator_barcodes", &packets.separator_barcodes, &err);
  if (auto it = o.find("split"); ok && it != o.end()) {
    if (!it->value().is_bool()) return Status::Invalid(path + ": split must be true or false");
    packets.enabled = it->value().get_bool();
  }
  if (!ok) return Status::Invalid(path + ": " + err);
  if (batch < 1) return Status::Invalid(path + ": batch_files must be at least 1");
  s.watch.batch_files = static_cast<size_t>(batch);
  if (auto it = o.find("inboxes"); it != o.end()) {
    if (!it->value().is_array()) return Status::Invalid(path + ": inboxes must be a list");
    for (const json::value& iv : it->value().get_array()) {
      if (!iv.is_object()) return Status::Invalid(path + ": each inbox must be an object");
      const json::object& io = iv.get_object();
      DOCKET_RETURN_IF_ERROR(CheckKeys(io, {"path", "failed", "type_hint", "shared"}, path + ": inbox"));
      InboxOptions inbox;
      if (auto sh = io.find("shared"); sh != io.end()) {
        if (!sh->value().is_bool()) return Status::Invalid(path + ": inbox: shared must be true or false");
        inbox.shared = sh->value().get_bool();
      }
      if (!Get(io, "path", &inbox.path, &err) || !Get(io, "failed", &inbox.failed, &err) ||
          !Get(io, "type_hint", &inbox.type_hint, &err)) {
        return Status::Invalid(path + ": inbox: " + err);
      }
      s.watch.inboxes.push_back(std::move(inbox));
    }
  }
  return s;
}

Result<WatchSettings> ValidateWatchSettings(WatchSettings s) {
  if (s.watch.inboxes.empty()) return Status::Invalid("no inbox given (INBOX... or \"inboxes\" in --config)");
  if (s.watch.pipeline.jobs <= 0) {
    s.watch.pipeline.jobs = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  }
  if (s.watch.stable_seconds < 0) return Status::Invalid("stable_seconds must not be negative");
  if (s.watch.rescan_seconds <= 0) return Status::Invalid("rescan_seconds must be positive");
  if (s.watch.batch_files < 1) return Status::Invalid("batch must be at least 1");
  if (s.watch.lease_seconds <= 0) return Status::Invalid("lease_seconds must be positive");
  for (char c : s.watch.host) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_') {
      return Status::Invalid("host \"" + s.watch.host + "\": use letters, digits, '-' and '_'");
    }
  }
  static const std::set<std::string> kTypes = {"", "invoice", "loan", "kyc", "other"};
  for (InboxOptions& in : s.watch.inboxes) {
    if (in.path.empty()) return Status::Invalid("an inbox has no path");
    if (!IsDir(in.path)) return Status::Invalid("inbox " + in.path + " is not a folder");
    if (!kTypes.count(in.type_hint)) {
      return Status::Invalid("inbox " + in.path + ": type_hint must be invoice, loan, kyc or other");
    }
  }
  return s;
}

}  // namespace docket::cli
