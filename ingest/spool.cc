#include "ingest/spool.h"

#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>

#include <boost/json.hpp>

#include "base/clock.h"
#include "base/log.h"
#include "base/utf8.h"

namespace docket {
namespace json = boost::json;

namespace {

std::string HostName() {
  char buf[256] = {0};
  if (gethostname(buf, sizeof buf - 1) != 0 || buf[0] == '\0') return "localhost";
  std::string h = buf;
  for (char& c : h) {
    if (c == '.' || c == '/') c = '_';  // the claim id splits on '.'
  }
  return h;
}

bool ProcessAlive(long pid) { return pid > 0 && (kill(static_cast<pid_t>(pid), 0) == 0 || errno == EPERM); }

// HOST.PID.SEQ -> host, pid; false when the name is not a claim. A host
// name has no '.', so a temp file beside the claims ("heartbeat.tmp.PID.N",
// a heartbeat being written) is never taken for one: another host once
// adopted that file and the heartbeat's rename failed, stopping the watcher.
bool ParseClaimId(const std::string& id, std::string* host, long* pid) {
  size_t b = id.rfind('.');
  if (b == std::string::npos || b == 0) return false;
  size_t a = id.rfind('.', b - 1);
  if (a == std::string::npos || a == 0 || id.rfind('.', a - 1) != std::string::npos) return false;
  *host = id.substr(0, a);
  char* end = nullptr;
  std::string p = id.substr(a + 1, b - a - 1);
  *pid = std::strtol(p.c_str(), &end, 10);
  return end != nullptr && *end == '\0' && !p.empty();
}

}  // namespace

Spool::Spool(std::string dir, Fs* fs, std::string host)
    : dir_(std::move(dir)), fs_(fs), host_(host.empty() ? HostName() : std::move(host)) {}

Result<std::unique_ptr<Spool>> Spool::Open(const std::string& archive_dir, Fs* fs) {
  if (fs == nullptr) fs = DefaultFs();
  std::string dir = archive_dir + "/spool";
  DOCKET_RETURN_IF_ERROR(fs->MakeDirs(dir));
  return std::unique_ptr<Spool>(new Spool(dir, fs, ""));
}

Result<std::unique_ptr<Spool>> Spool::OpenShared(const std::string& inbox, const std::string& host, Fs* fs) {
  if (fs == nullptr) fs = DefaultFs();
  if (host.empty() || host.find_first_of("./") != std::string::npos) {
    return Status::Invalid("host name \"" + host + "\" cannot name a claim folder");
  }
  std::string dir = inbox + "/" + kSharedClaimsFolder + "/" + host;
  DOCKET_RETURN_IF_ERROR(fs->MakeDirs(dir).Annotate("the claim folder of " + host));
  return std::unique_ptr<Spool>(new Spool(dir, fs, host));
}

Status Spool::Heartbeat() {
  return fs_->WriteAtomic(dir_ + "/heartbeat", NowIso8601() + "\n").Annotate("heartbeat of " + host_);
}

Status Spool::NoteArchived(const Claim& claim, const std::string& id, const std::string& shard) {
  json::object note{{"id", id}, {"shard", shard}};
  return fs_->WriteAtomic(claim.dir + "/archived.json", json::serialize(note) + "\n");
}

Result<std::vector<Claim>> Spool::RecoverExpired(double lease_seconds) {
  std::string root = dir_.substr(0, dir_.rfind('/'));
  auto hosts = fs_->List(root);
  if (!hosts.ok()) return hosts.status();
  std::vector<Claim> out;
  for (const std::string& host : *hosts) {
    if (host == host_) continue;
    std::string hdir = root + "/" + host;
    struct stat st;
    if (::stat(hdir.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) continue;
    // The heartbeat's age by its modification time, which the share's
    // server sets: hosts need clocks within a small part of the lease.
    double age = lease_seconds + 1;
    if (::stat((hdir + "/heartbeat").c_str(), &st) == 0) {
      struct timespec now;
      clock_gettime(CLOCK_REALTIME, &now);
      age = static_cast<double>(now.tv_sec - st.st_mtim.tv_sec) +
            static_cast<double>(now.tv_nsec - st.st_mtim.tv_nsec) / 1e9;
    }
    if (age <= lease_seconds) continue;
    auto names = fs_->List(hdir);
    if (!names.ok()) continue;
    for (const std::string& id : *names) {
      std::string claim_host;
      long pid = 0;
      if (!ParseClaimId(id, &claim_host, &pid)) continue;
      Claim c;
      if (Adopt(hdir, id, &c)) {
        LogInfo(c.source() + ": taken over from host " + host + " (heartbeat " + std::to_string(static_cast<long>(age)) +
                " s old, lease " + std::to_string(static_cast<long>(lease_seconds)) + " s), claim " + id);
        out.push_back(std::move(c));
      }
    }
  }
  return out;
}

std::string Spool::NewClaimId() {
  static std::atomic<uint64_t> seq{0};
  // The time keeps ids unique across restarts that reuse a pid.
  std::string when = NowIso8601().substr(0, 19);
  for (char& ch : when) {
    if (ch == ':') ch = '-';
  }
  return host_ + "." + std::to_string(getpid()) + "." + when + "-" + std::to_string(seq++);
}

Result<Claim> Spool::Take(const std::string& inbox, const std::string& name) {
  Claim c;
  c.id = NewClaimId();
  c.inbox = inbox;
  c.name = name;
  std::string cdir = dir_ + "/" + c.id;
  c.path = cdir + "/original";
  c.dir = cdir;
  DOCKET_RETURN_IF_ERROR(fs_->MakeDirs(cdir));
  // Names are bytes: kept exactly as hex, and readably for people.
  json::object from{{"inbox", ValidUtf8(inbox)}, {"name", ValidUtf8(name)},
                    {"inbox_hex", HexEncode(inbox)}, {"name_hex", HexEncode(name)},
                    {"claimed_at", NowIso8601()}};
  Status st = fs_->WriteAtomic(cdir + "/from.json", json::serialize(from) + "\n");
  if (st.ok()) st = fs_->Rename(inbox + "/" + name, c.path);
  if (!st.ok()) {
    Forget(cdir);
    if (!fs_->Exists(inbox + "/" + name)) return Status::NotFound(inbox + "/" + name + " was taken by another watcher");
    return st;
  }
  return c;
}

Result<std::vector<Claim>> Spool::Recover() {
  auto names = fs_->List(dir_);
  if (!names.ok()) return names.status();
  std::vector<Claim> out;
  for (const std::string& id : *names) {
    std::string host;
    long pid = 0;
    if (!ParseClaimId(id, &host, &pid)) continue;
    if (host != host_ || pid == getpid() || ProcessAlive(pid)) continue;
    Claim c;
    if (Adopt(dir_, id, &c)) {
      LogInfo(c.source() + ": taken over from stopped watcher claim " + id);
      out.push_back(std::move(c));
    }
  }
  return out;
}

bool Spool::Adopt(const std::string& from_dir, const std::string& id, Claim* out) {
  // Claims are folders; anything else is not ours to move.
  struct stat st;
  if (::lstat((from_dir + "/" + id).c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) return false;
  // Take it over by renaming it to a claim of ours: only one recoverer wins.
  std::string mine = NewClaimId();
  if (::rename((from_dir + "/" + id).c_str(), (dir_ + "/" + mine).c_str()) != 0) return false;
  std::string cdir = dir_ + "/" + mine;
  Claim& c = *out;
  c.id = mine;
  c.dir = cdir;
  c.path = cdir + "/original";
  auto from = fs_->ReadFile(cdir + "/from.json");
  boost::system::error_code ec;
  json::value v = from.ok() ? json::parse(*from, ec) : json::value();
  if (!fs_->Exists(c.path)) {
    // Claimed but never moved in, or already finished: nothing to do.
    Forget(cdir);
    return false;
  }
  if (auto note = fs_->ReadFile(cdir + "/archived.json"); note.ok()) {
    boost::system::error_code nec;
    json::value n = json::parse(*note, nec);
    if (!nec && n.is_object() && n.as_object().contains("id") && n.as_object().contains("shard") &&
        n.as_object()["id"].is_string() && n.as_object()["shard"].is_string()) {
      c.archived_as = std::string(n.as_object()["id"].get_string()) + "@" +
                      std::string(n.as_object()["shard"].get_string());
    }
  }
  if (!from.ok() || ec || !v.is_object()) {
    // Where it came from is lost; the file is still ingested (or failed
    // into the archive's own failed folder), never deleted unarchived.
    LogError("spool claim " + mine + ": from.json is unreadable; ingesting the file without its name");
    c.inbox = dir_.substr(0, dir_.rfind('/'));  // the archive: ARCHIVE/failed/ if unreadable
    c.name = mine;
    return true;
  }
  json::object& o = v.as_object();
  const json::string* ih = o.contains("inbox_hex") ? o["inbox_hex"].if_string() : nullptr;
  const json::string* nh = o.contains("name_hex") ? o["name_hex"].if_string() : nullptr;
  if (ih == nullptr || nh == nullptr || !HexDecode(*ih, &c.inbox) || !HexDecode(*nh, &c.name)) {
    // Unreadable claim notes: keep the file in the spool for a person.
    LogError("spool claim " + mine + ": from.json is damaged; the file stays in " + cdir);
    return false;
  }
  return true;
}

Status Spool::Forget(const std::string& claim_dir) {
  // The file first: a crash part way must never leave a file without the
  // note saying where it came from. Then everything else, temp files of a
  // write a crash interrupted included.
  DOCKET_RETURN_IF_ERROR(fs_->Remove(claim_dir + "/original"));
  if (auto names = fs_->List(claim_dir); names.ok()) {
    for (const std::string& n : *names) fs_->Remove(claim_dir + "/" + n);
  }
  if (::rmdir(claim_dir.c_str()) != 0 && errno != ENOENT) {
    return Status::IoError("removing " + claim_dir + ": " + std::strerror(errno));
  }
  return Status::Ok();
}

Status Spool::Done(const Claim& claim) { return Forget(claim.dir.empty() ? dir_ + "/" + claim.id : claim.dir); }

const char Spool::kSharedClaimsFolder[] = ".docket-claims";

Status Spool::Fail(const Claim& claim, const std::string& failed_dir, const std::string& reason) {
  DOCKET_RETURN_IF_ERROR(fs_->MakeDirs(failed_dir));
  // A watcher killed while failing this file may have left a temp reason.
  if (auto names = fs_->List(failed_dir); names.ok()) {
    std::string debris = claim.name + ".error.json.tmp.";
    for (const std::string& n : *names) {
      if (n.rfind(debris, 0) == 0) fs_->Remove(failed_dir + "/" + n);
    }
  }
  // Never overwrite an earlier failure of the same name.
  std::string target = failed_dir + "/" + claim.name;
  for (int i = 1; fs_->Exists(target); ++i) target = failed_dir + "/" + claim.name + "." + std::to_string(i);
  json::object why{{"file", ValidUtf8(claim.name)},
                   {"inbox", ValidUtf8(claim.inbox)},
                   {"reason", reason},
                   {"time", NowIso8601()},
                   {"docket_version", DOCKET_VERSION}};
  DOCKET_RETURN_IF_ERROR(fs_->WriteAtomic(target + ".error.json", json::serialize(why) + "\n"));
  Status st = fs_->Rename(claim.path, target);
  if (!st.ok()) {
    // The spool and the failed folder may be on different filesystems.
    DOCKET_RETURN_IF_ERROR(fs_->CopyAtomic(claim.path, target));
  }
  return Forget(claim.dir.empty() ? dir_ + "/" + claim.id : claim.dir);
}

}  // namespace docket
