// Several hosts, one archive searched as one (README, "Growing past one
// machine"), with real components only: the docket binary, xapian-tcpsrv
// and Linux network namespaces.
//
//  * ThreeHostsOneInbox: three hosts, each a network namespace with its own
//    address, archive, `docket watch` and xapian-tcpsrv, share one inbox
//    folder. 300 files are dropped while one host's watcher is killed at
//    random moments (and restarted within its lease, so it recovers its own
//    claims), then killed for longer than its lease (so the others take
//    its claims over). Every file must end archived exactly once across the
//    shards, and a search from a fourth namespace must find each one.
//  * ShardsRankLikeOneArchive: the same documents in three shards (two of
//    them behind xapian-tcpsrv) and in one archive give the same hits in
//    the same order with the same scores.
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <set>
#include <sstream>
#include <thread>

#include <boost/json.hpp>

#include "tests/testutil/child_process.h"
#include "tests/testutil/samples.h"
#include "tests/testutil/temp_dir.h"


namespace docket {
namespace {

namespace fs = std::filesystem;
namespace json = boost::json;
using namespace std::chrono_literals;
using testing::DocketBinary;
using testing::JsonLines;
using testing::ReadFileBytes;
using testing::RunCommand;

constexpr char kIp[] = "/usr/sbin/ip";
constexpr char kTcpsrv[] = "/usr/bin/xapian-tcpsrv";

using Process = testing::ChildProcess;

int Sh(const std::string& command) {
  std::string out;
  return RunCommand(command + " >/dev/null 2>&1", &out);
}

// A tiny born-digital PDF printing `text` (no OCR needed: it ingests in
// milliseconds). Offsets in the xref table are computed, so Poppler reads
// it without repairing it.
std::string TinyPdf(const std::string& text) {
  std::string stream = "BT /F1 14 Tf 72 720 Td (" + text + ") Tj ET";
  std::vector<std::string> objects = {
      "<< /Type /Catalog /Pages 2 0 R >>",
      "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
      "/Resources << /Font << /F1 5 0 R >> >> >>",
      "<< /Length " + std::to_string(stream.size()) + " >>\nstream\n" + stream + "\nendstream",
      "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"};
  std::string pdf = "%PDF-1.4\n";
  std::vector<size_t> offsets;
  for (size_t i = 0; i < objects.size(); ++i) {
    offsets.push_back(pdf.size());
    pdf += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
  }
  size_t xref = pdf.size();
  pdf += "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f \n";
  for (size_t off : offsets) {
    char line[32];
    std::snprintf(line, sizeof line, "%010zu 00000 n \n", off);
    pdf += line;
  }
  pdf += "trailer\n<< /Size " + std::to_string(objects.size() + 1) + " /Root 1 0 R >>\nstartxref\n" +
         std::to_string(xref) + "\n%%EOF\n";
  return pdf;
}

// Drops `bytes` into `dir` as `name` the way a scanner's share does it
// well: written under a temporary name, then renamed.
void Drop(const std::string& dir, const std::string& name, const std::string& bytes) {
  std::string tmp = dir + "/." + name + ".part";
  {
    std::ofstream out(tmp, std::ios::binary);
    out << bytes;
  }
  fs::rename(tmp, dir + "/" + name);
}

// Hosts made of network namespaces joined by a bridge in a namespace of
// their own (the machine's own network is never touched). Everything is
// named after this process, so parallel runs do not meet, and torn down
// on destruction, also when the test fails half way.
class Namespaces {
 public:
  explicit Namespaces(int hosts) : prefix_("dkt" + std::to_string(getpid()) + "-") {
    ok_ = Sh(std::string(kIp) + " netns add " + Name("sw")) == 0;
    if (!ok_) return;
    created_.push_back(Name("sw"));
    ok_ = Sh(Ip("sw", "link add br0 type bridge")) == 0 && Sh(Ip("sw", "link set br0 up")) == 0;
    for (int i = 1; ok_ && i <= hosts; ++i) ok_ = AddHost("h" + std::to_string(i), i);
  }
  ~Namespaces() {
    for (const std::string& ns : created_) {
      // Whatever still runs inside (a test that failed half way) goes too.
      Sh("for p in $(" + std::string(kIp) + " netns pids " + ns + "); do kill -9 $p; done");
      Sh(std::string(kIp) + " netns del " + ns);
    }
  }
  bool ok() const { return ok_; }
  std::string Name(const std::string& host) const { return prefix_ + host; }
  static std::string Address(int i) { return "10.231.77." + std::to_string(i); }
  // argv that runs `argv` inside the namespace of `host`.
  std::vector<std::string> In(const std::string& host, std::vector<std::string> argv) const {
    std::vector<std::string> out = {kIp, "netns", "exec", Name(host)};
    out.insert(out.end(), argv.begin(), argv.end());
    return out;
  }
  bool AddHost(const std::string& host, int i) {
    std::string ns = Name(host);
    if (Sh(std::string(kIp) + " netns add " + ns) != 0) return false;
    created_.push_back(ns);
    std::string port = "p" + std::to_string(getpid() % 100000) + "x" + std::to_string(i);
    return Sh(std::string(kIp) + " link add eth0 netns " + ns + " type veth peer name " + port + " netns " +
              Name("sw")) == 0 &&
           Sh(Ip("sw", "link set " + port + " master br0 up")) == 0 &&
           Sh(Ip(host, "addr add " + Address(i) + "/24 dev eth0")) == 0 &&
           Sh(Ip(host, "link set eth0 up")) == 0 && Sh(Ip(host, "link set lo up")) == 0;
  }

 private:
  std::string Ip(const std::string& host, const std::string& args) const {
    return std::string(kIp) + " -n " + Name(host) + " " + args;
  }
  std::string prefix_;
  std::vector<std::string> created_;
  bool ok_ = false;
};

std::string CanUseNamespaces() {
  if (geteuid() != 0) return "not root: network namespaces need CAP_SYS_ADMIN (CI runs as root)";
  if (!fs::exists(kIp)) return "no " + std::string(kIp) + " (iproute2; scripts/setup.sh installs it)";
  std::string probe = "dktprobe" + std::to_string(getpid());
  if (Sh(std::string(kIp) + " netns add " + probe) != 0) return "ip netns add failed: no netns capability here";
  Sh(std::string(kIp) + " netns del " + probe);
  return "";
}

// Waits until `done()` or `limit` passes; true when done.
template <typename F>
bool WaitFor(F done, std::chrono::seconds limit) {
  auto end = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < end) {
    if (done()) return true;
    std::this_thread::sleep_for(200ms);
  }
  return done();
}

// Regular files directly in `dir` (the inbox's waiting files).
size_t FilesIn(const std::string& dir) {
  size_t n = 0;
  for (const auto& e : fs::directory_iterator(dir)) n += e.is_regular_file() ? 1 : 0;
  return n;
}

// Claim folders left under INBOX/.docket-claims/*/.
size_t ClaimsIn(const std::string& inbox) {
  size_t n = 0;
  std::string root = inbox + "/.docket-claims";
  if (!fs::exists(root)) return 0;
  for (const auto& host : fs::directory_iterator(root)) {
    if (!host.is_directory()) continue;
    for (const auto& c : fs::directory_iterator(host.path())) n += c.is_directory() ? 1 : 0;
  }
  return n;
}

// `docket list --json` of an archive: the records.
std::vector<json::object> ListRecords(const std::string& archive) {
  std::string out;
  RunCommand(DocketBinary() + " list --json --archive " + archive, &out);
  return JsonLines(out);
}

TEST(HostsTest, ThreeHostsOneInbox) {
  if (std::string why = CanUseNamespaces(); !why.empty()) GTEST_SKIP() << why;
  ASSERT_TRUE(fs::exists(kTcpsrv)) << "xapian-tcpsrv missing (xapian-tools; scripts/setup.sh installs it)";
  testing::TempDir dir;
  Namespaces net(4);  // h1..h3 are hosts, h4 the searching client
  ASSERT_TRUE(net.ok()) << "could not build the namespaces";
  const int kHosts = 3, kFiles = 300;
  const std::string kLeaseSeconds = "4";
  std::string inbox = dir / "share-inbox";
  fs::create_directories(inbox);

  // The shards file every host and the client use.
  json::array shards;
  for (int i = 1; i <= kHosts; ++i) {
    shards.push_back(json::object{{"name", "h" + std::to_string(i)},
                                  {"index", "tcp://" + Namespaces::Address(i) + ":7300"}});
  }
  testing::WriteFile(dir / "shards.json", json::serialize(json::object{{"shards", shards}}));

  auto watch_argv = [&](int i) {
    std::string h = "h" + std::to_string(i);
    return net.In(h, {DocketBinary(), "watch", "--json", "--archive", dir / (h + "-archive"), "--host", h,
                      "--shared", "--lease-seconds", kLeaseSeconds, "--stable-seconds", "0.3", "--rescan-seconds", "0.5",
                      "--jobs", "1", "--batch", "8", "--shards", dir / "shards.json", inbox});
  };
  std::map<int, std::unique_ptr<Process>> watchers, servers;
  for (int i = 1; i <= kHosts; ++i) {
    watchers[i] = std::make_unique<Process>(watch_argv(i), dir / ("h" + std::to_string(i) + ".out"));
  }
  // Each watcher creates its (empty) index at start; then its shard is
  // served read-only to the others.
  for (int i = 1; i <= kHosts; ++i) {
    std::string index = dir / ("h" + std::to_string(i) + "-archive/index");
    ASSERT_TRUE(WaitFor([&] { return fs::exists(index + "/iamglass"); }, 60s)) << index;
    servers[i] = std::make_unique<Process>(
        net.In("h" + std::to_string(i), {kTcpsrv, "--interface", Namespaces::Address(i), "--port", "7300", index}),
        dir / ("tcpsrv" + std::to_string(i) + ".out"));
  }

  // Drop the files in waves while h3's watcher is killed now and then.
  std::mt19937 rng(20240610);
  std::set<std::string> names;
  std::thread dropper([&] {
    for (int n = 0; n < kFiles; ++n) {
      char name[32];
      std::snprintf(name, sizeof name, "parcel-%03d.pdf", n);
      Drop(inbox, name, TinyPdf("Consignment note parcelref" + std::to_string(10000 + n) + " shipped by sharedbatch"));
      if (n % 20 == 19) std::this_thread::sleep_for(300ms);
    }
  });
  for (int n = 0; n < kFiles; ++n) {
    char name[32];
    std::snprintf(name, sizeof name, "parcel-%03d.pdf", n);
    names.insert(name);
  }
  int kills = 0;
  auto end_of_kills = std::chrono::steady_clock::now() + 12s;
  while (std::chrono::steady_clock::now() < end_of_kills) {
    std::this_thread::sleep_for(std::chrono::milliseconds(std::uniform_int_distribution<int>(400, 1500)(rng)));
    watchers[3]->Stop(SIGKILL);
    ++kills;
    // Back within the lease: it finishes its own claims.
    std::this_thread::sleep_for(std::chrono::milliseconds(std::uniform_int_distribution<int>(100, 1500)(rng)));
    watchers[3] = std::make_unique<Process>(watch_argv(3), dir / "h3.out");
  }
  dropper.join();
  // Now h3 dies for longer than its lease while it may hold claims: the
  // others take them over.
  std::this_thread::sleep_for(std::chrono::milliseconds(std::uniform_int_distribution<int>(100, 800)(rng)));
  watchers[3]->Stop(SIGKILL);
  ++kills;
  bool drained = WaitFor([&] { return FilesIn(inbox) == 0 && ClaimsIn(inbox) == 0; }, 150s);
  // h3 comes back (its index catches up with any record it stored but had
  // not committed when it was killed).
  watchers[3] = std::make_unique<Process>(watch_argv(3), dir / "h3.out");
  std::this_thread::sleep_for(2s);
  for (auto& [i, w] : watchers) {
    int status = w->Stop(SIGTERM);
    std::string err = w->Errors();
    EXPECT_EQ(status, 0) << "watcher h" << i << ", the end of its stderr:\n"
                         << err.substr(err.size() > 3000 ? err.size() - 3000 : 0);
  }
  ASSERT_TRUE(drained) << FilesIn(inbox) << " files still in the inbox, " << ClaimsIn(inbox) << " claims left";
  EXPECT_FALSE(fs::exists(inbox + "/failed")) << "files failed";

  // Exactly once across the shards.
  std::map<std::string, std::vector<std::string>> where;  // file name -> "id@host"
  std::map<std::string, int> per_host;
  for (int i = 1; i <= kHosts; ++i) {
    std::string h = "h" + std::to_string(i);
    for (const json::object& r : ListRecords(dir / (h + "-archive"))) {
      std::string source(r.at("source").as_string());
      std::string name = fs::path(source).filename().string();
      where[name].push_back(std::string(r.at("id").as_string()) + "@" + h);
      ++per_host[h];
    }
  }
  EXPECT_EQ(where.size(), names.size());
  for (const std::string& name : names) {
    auto it = where.find(name);
    ASSERT_NE(it, where.end()) << name << " was not archived anywhere";
    EXPECT_EQ(it->second.size(), 1u) << name << " archived " << it->second.size() << " times";
  }
  std::cout << "[ hosts    ] " << kills << " kills of h3; archived per host:";
  for (auto& [h, n] : per_host) std::cout << " " << h << "=" << n;
  std::cout << std::endl;

  // A search from a fourth namespace, over the three remote shards, finds
  // every file, in the shard that holds it.
  std::string out;
  std::string search = std::string(kIp) + " netns exec " + net.Name("h4") + " " + DocketBinary() +
                       " search --json --shards " + dir / "shards.json";
  ASSERT_EQ(RunCommand(search + " --limit 1000 sharedbatch", &out), 0) << out;
  json::object all = json::parse(out).as_object();
  EXPECT_EQ(all.at("total").as_int64(), kFiles);
  std::set<std::string> hit_ids;
  for (const auto& h : all.at("hits").as_array()) hit_ids.insert(std::string(h.at("id").as_string()));
  for (const auto& [name, ids] : where) {
    for (const std::string& id : ids) EXPECT_TRUE(hit_ids.count(id)) << name << " (" << id << ") not found";
  }
  // No bytes in two shards, no shard unreadable.
  ASSERT_EQ(RunCommand(std::string(kIp) + " netns exec " + net.Name("h4") + " " + DocketBinary() +
                           " check --json --shards " + dir / "shards.json",
                       &out),
            0)
      << out;
  // And each one by its own word.
  for (int n = 0; n < kFiles; n += 7) {
    ASSERT_EQ(RunCommand(search + " parcelref" + std::to_string(10000 + n), &out), 0) << out;
    json::object one = json::parse(out).as_object();
    ASSERT_EQ(one.at("total").as_int64(), 1) << "parcelref" << 10000 + n;
    char name[32];
    std::snprintf(name, sizeof name, "parcel-%03d.pdf", n);
    EXPECT_EQ(std::string(one.at("hits").as_array()[0].at("id").as_string()), where[name].front());
  }
}

// The same documents, split over three shards, rank as in one archive.
TEST(HostsTest, ShardsRankLikeOneArchive) {
  ASSERT_TRUE(fs::exists(kTcpsrv)) << "xapian-tcpsrv missing (xapian-tools; scripts/setup.sh installs it)";
  testing::TempDir dir;
  std::vector<std::string> docs;
  for (const auto& s : testing::CorpusSamples()) {
    if (s.format == "born_digital") docs.push_back(s.path);
  }
  ASSERT_GE(docs.size(), 9u);
  const std::string shard[3] = {dir / "s1", dir / "s2", dir / "s3"};
  std::string out;
  for (size_t i = 0; i < docs.size(); ++i) {
    ASSERT_EQ(RunCommand(DocketBinary() + " ingest --quiet --archive " + shard[i % 3] + " " + docs[i], &out), 0);
  }
  // One archive holding the same records (same ids, same archived_at),
  // its index rebuilt from them.
  std::string one = dir / "one";
  fs::create_directories(one);
  for (const std::string& s : shard) {
    for (const char* part : {"records", "pages", "originals"}) {
      fs::copy(s + "/" + part, one + "/" + part, fs::copy_options::recursive | fs::copy_options::skip_existing);
    }
  }
  fs::copy_file(shard[0] + "/docket.json", one + "/docket.json");
  ASSERT_EQ(RunCommand(DocketBinary() + " reindex --archive " + one, &out), 0) << out;

  // Two shards remote, behind xapian-tcpsrv on loopback ports of their own.
  int base = 20000 + getpid() % 20000;
  Process srv2({kTcpsrv, "--interface", "127.0.0.1", "--port", std::to_string(base), shard[1] + "/index"},
               dir / "srv2.out");
  Process srv3({kTcpsrv, "--interface", "127.0.0.1", "--port", std::to_string(base + 1), shard[2] + "/index"},
               dir / "srv3.out");
  std::string sharded = DocketBinary() + " search --json --shard s1=" + shard[0] + " --shard s2=tcp://127.0.0.1:" +
                        std::to_string(base) + " --shard s3=tcp://127.0.0.1:" + std::to_string(base + 1);
  ASSERT_TRUE(WaitFor([&] { return RunCommand(sharded + " x", &out) == 0; }, 20s)) << out;

  for (std::string q : {"invoice", "loan amount", "\"tax invoice\"", "total OR passport", "type:invoice",
                        "date:2023-01-01..2024-12-31", "vendor:acme", "''"}) {
    std::string a, b;
    ASSERT_EQ(RunCommand(sharded + " --facets --limit 10 " + q, &a), 0) << q << ": " << a;
    ASSERT_EQ(RunCommand(DocketBinary() + " search --json --facets --limit 10 --archive " + one + " " + q, &b), 0) << q;
    json::object sa = json::parse(a).as_object(), sb = json::parse(b).as_object();
    EXPECT_EQ(sa.at("total"), sb.at("total")) << q;
    EXPECT_EQ(sa.at("facets"), sb.at("facets")) << q;
    const auto& ha = sa.at("hits").as_array();
    const auto& hb = sb.at("hits").as_array();
    ASSERT_EQ(ha.size(), hb.size()) << q;
    for (size_t i = 0; i < ha.size(); ++i) {
      std::string qualified(ha[i].at("id").as_string());
      EXPECT_EQ(qualified.substr(0, qualified.rfind('@')), std::string(hb[i].at("id").as_string()))
          << q << " hit " << i;
      EXPECT_NEAR(ha[i].at("score").to_number<double>(), hb[i].at("score").to_number<double>(), 1e-9) << q;
      EXPECT_EQ(ha[i].at("snippet"), hb[i].at("snippet")) << q;
    }
    if (q == "invoice") {
      EXPECT_GT(ha.size(), 2u) << "a query that finds too little proves nothing";
    }
  }
}

// What the cross-shard check cannot prevent (two hosts taking copies of
// one file in the same instant), docket check --shards finds.
TEST(HostsTest, CheckFindsTheSameBytesInTwoShards) {
  testing::TempDir dir;
  std::string doc = testing::SamplePath("corpus/train/invoice-000-born_digital.pdf");
  std::string other = testing::SamplePath("corpus/train/invoice-003-born_digital.pdf");
  std::string out;
  ASSERT_EQ(RunCommand(DocketBinary() + " ingest --quiet --archive " + dir / "a" + " " + doc, &out), 0);
  ASSERT_EQ(RunCommand(DocketBinary() + " ingest --quiet --archive " + dir / "b" + " " + other, &out), 0);
  std::string check = DocketBinary() + " check --json --shard a=" + dir / "a" + " --shard b=" + dir / "b";
  EXPECT_EQ(RunCommand(check, &out), 0) << out;
  ASSERT_EQ(RunCommand(DocketBinary() + " ingest --quiet --archive " + dir / "b" + " " + doc, &out), 0);
  EXPECT_EQ(RunCommand(check, &out), 1) << out;
  auto lines = JsonLines(out);
  ASSERT_EQ(lines.size(), 1u) << out;
  EXPECT_EQ(lines[0].at("problem"), "duplicate_across_shards");
  EXPECT_NE(std::string(lines[0].at("detail").as_string()).find("@a"), std::string::npos);
  EXPECT_NE(std::string(lines[0].at("detail").as_string()).find("@b"), std::string::npos);
  // A shard that cannot be read is a problem too, named.
  EXPECT_EQ(RunCommand(check + " --shard c=tcp://127.0.0.1:1", &out), 1);
  EXPECT_NE(out.find("unreadable_shard"), std::string::npos) << out;
}

}  // namespace
}  // namespace docket
