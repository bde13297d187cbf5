// docket watch, end to end with the real binary: files dropped while the
// watcher is killed and restarted, two watchers on one inbox, a slow writer.
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
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

#include "base/sha256.h"
#include "tests/testutil/samples.h"
#include "tests/testutil/temp_dir.h"

extern char** environ;

namespace docket {
namespace {

namespace fs = std::filesystem;
namespace json = boost::json;
using namespace std::chrono_literals;
using testing::DocketBinary;
using testing::JsonLines;
using testing::ReadFileBytes;
using testing::SamplePath;

// A `docket watch` process with its stdout in a file.
class WatchProcess {
 public:
  WatchProcess(const std::vector<std::string>& args, const std::string& out_path) {
    std::vector<std::string> argv = {DocketBinary(), "watch"};
    argv.insert(argv.end(), args.begin(), args.end());
    std::vector<char*> cargv;
    for (auto& a : argv) cargv.push_back(a.data());
    cargv.push_back(nullptr);
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 1, out_path.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
    if (posix_spawn(&pid_, cargv[0], &fa, nullptr, cargv.data(), environ) != 0) pid_ = -1;
    posix_spawn_file_actions_destroy(&fa);
  }
  ~WatchProcess() {
    if (pid_ > 0) Stop(SIGKILL);
  }
  // Sends `sig` and reaps the process; returns its exit status (-1 if killed).
  int Stop(int sig) {
    if (pid_ <= 0) return -1;
    kill(pid_, sig);
    return Wait();
  }
  int Wait() {
    int status = 0;
    waitpid(pid_, &status, 0);
    pid_ = -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }
  bool started() const { return pid_ > 0; }

 private:
  pid_t pid_ = -1;
};

class WatchTest : public ::testing::Test {
 protected:
  void SetUp() override {
    inbox_ = dir_ / "inbox";
    staging_ = dir_ / "staging";
    archive_ = dir_ / "archive";
    fs::create_directories(inbox_);
    fs::create_directories(staging_);
    base_pdf_ = ReadFileBytes(SamplePath("corpus/train/invoice-000-born_digital.pdf"));
    ASSERT_FALSE(base_pdf_.empty());
  }

  // A distinct good PDF: the sample with a comment after its end, which
  // readers ignore, so every file has its own bytes.
  std::string MakeGood(int n) {
    std::string name = "doc-" + std::to_string(n) + ".pdf";
    testing::WriteFile(staging_ + "/" + name, base_pdf_ + "\n%docket watch test " + std::to_string(n) + "\n");
    good_sha_.insert(*Sha256File(staging_ + "/" + name));
    return name;
  }
  std::string MakeBad(int n) {
    std::string name = "bad-" + std::to_string(n) + (n % 2 ? ".pdf" : ".txt");
    testing::WriteFile(staging_ + "/" + name, n % 3 == 0 ? "" : "not a document " + std::to_string(n) + "\n");
    bad_.insert(name);
    return name;
  }

  std::vector<std::string> Args(std::vector<std::string> extra) {
    std::vector<std::string> a = {"--json", "--archive", archive_, "--jobs", "2",
                                  "--stable-seconds", "0.2", "--rescan-seconds", "1"};
    a.insert(a.end(), extra.begin(), extra.end());
    a.push_back(inbox_);
    return a;
  }

  std::vector<json::object> Listed() {
    std::string out;
    EXPECT_EQ(testing::RunCommand(DocketBinary() + " list --json --archive " + archive_, &out), 0);
    return JsonLines(out);
  }

  // Inbox holds only failed/, and the spool is empty.
  bool Drained(std::string* left = nullptr) {
    std::string rest;
    std::error_code ec;  // watchers remove entries while we look
    for (auto it = fs::directory_iterator(inbox_, ec); !ec && it != fs::end(it); it.increment(ec)) {
      if (it->path().filename() != "failed") rest += " " + it->path().string();
    }
    if (fs::exists(archive_ + "/spool")) {
      for (auto it = fs::recursive_directory_iterator(archive_ + "/spool", ec);
           !ec && it != fs::end(it); it.increment(ec)) {
        rest += " " + it->path().string();
      }
    } else {
      rest += " (no spool)";
    }
    if (left) *left = rest;
    return rest.empty();
  }

  void ExpectExactlyOnce() {
    auto records = Listed();
    std::multiset<std::string> shas;
    for (const auto& r : records) shas.insert(std::string(r.at("sha256").as_string()));
    EXPECT_EQ(records.size(), good_sha_.size());
    for (const std::string& sha : good_sha_) EXPECT_EQ(shas.count(sha), 1u) << sha;
    std::string left;
    EXPECT_TRUE(Drained(&left)) << "left behind:" << left;
    std::set<std::string> failed, reasons;
    if (fs::exists(inbox_ + "/failed")) {
      for (const auto& e : fs::directory_iterator(inbox_ + "/failed")) {
        std::string n = e.path().filename();
        if (n.size() > 11 && n.substr(n.size() - 11) == ".error.json") {
          reasons.insert(n.substr(0, n.size() - 11));
          json::object why = json::parse(ReadFileBytes(e.path())).as_object();
          EXPECT_FALSE(why.at("reason").as_string().empty());
          EXPECT_TRUE(why.contains("time"));
          EXPECT_TRUE(why.contains("docket_version"));
        } else {
          failed.insert(n);
        }
      }
    }
    EXPECT_EQ(failed, bad_);
    EXPECT_EQ(reasons, bad_);
  }

  testing::TempDir dir_;
  std::string inbox_, staging_, archive_, base_pdf_;
  std::set<std::string> good_sha_, bad_;
};

TEST_F(WatchTest, SurvivesKillsWithEveryFileArchivedExactlyOnce) {
  std::vector<std::string> names;
  for (int i = 0; i < 200; ++i) names.push_back(i % 10 == 7 ? MakeBad(i) : MakeGood(i));
  std::mt19937 rng(20261203);
  // Files arrive over a few seconds while the watcher is killed at random
  // moments and started again.
  std::thread dropper([&] {
    for (const std::string& n : names) {
      fs::rename(staging_ + "/" + n, inbox_ + "/" + n);
      std::this_thread::sleep_for(25ms);
    }
  });
  int kills = 0;
  auto until = std::chrono::steady_clock::now() + 12s;
  while (std::chrono::steady_clock::now() < until && kills < 40) {
    WatchProcess w(Args({}), dir_ / "out.jsonl");
    ASSERT_TRUE(w.started());
    std::this_thread::sleep_for(std::chrono::milliseconds(100 + rng() % 400));
    w.Stop(SIGKILL);
    ++kills;
  }
  dropper.join();
  EXPECT_GE(kills, 20);
  // A last run takes whatever is left, then exits.
  WatchProcess last(Args({"--once"}), dir_ / "out.jsonl");
  EXPECT_EQ(last.Wait(), 0);
  ExpectExactlyOnce();
}

TEST_F(WatchTest, TwoWatchersOnOneInboxNeverTakeTheSameFile) {
  std::vector<std::string> names;
  for (int i = 0; i < 100; ++i) names.push_back(i % 10 == 3 ? MakeBad(i) : MakeGood(i));
  WatchProcess a(Args({}), dir_ / "a.jsonl");
  WatchProcess b(Args({}), dir_ / "b.jsonl");
  for (const std::string& n : names) {
    fs::rename(staging_ + "/" + n, inbox_ + "/" + n);
    std::this_thread::sleep_for(5ms);
  }
  auto until = std::chrono::steady_clock::now() + 120s;
  while (!Drained() && std::chrono::steady_clock::now() < until) std::this_thread::sleep_for(200ms);
  EXPECT_EQ(a.Stop(SIGTERM), 0);
  EXPECT_EQ(b.Stop(SIGTERM), 0);
  // Each file was reported once, by one watcher, and none as a duplicate.
  std::map<std::string, int> reported;
  int from_a = 0, from_b = 0;
  for (const auto& r : JsonLines(ReadFileBytes(dir_ / "a.jsonl"))) {
    ++reported[std::string(r.at("source").as_string())];
    ++from_a;
    EXPECT_NE(r.at("status").as_string(), "duplicate");
  }
  for (const auto& r : JsonLines(ReadFileBytes(dir_ / "b.jsonl"))) {
    ++reported[std::string(r.at("source").as_string())];
    ++from_b;
    EXPECT_NE(r.at("status").as_string(), "duplicate");
  }
  EXPECT_EQ(reported.size(), names.size());
  for (const auto& [source, n] : reported) EXPECT_EQ(n, 1) << source;
  EXPECT_GT(from_a + from_b, 0);
  ExpectExactlyOnce();
}

TEST_F(WatchTest, SlowlyWrittenFileIsTakenWholeOnce) {
  WatchProcess w(Args({}), dir_ / "out.jsonl");
  std::string bytes = base_pdf_ + "\n%slow\n";
  {
    // Ten pieces over five seconds, the file open all along: longer gaps
    // than the stability time, so only the open-for-writing check holds it.
    std::ofstream out(inbox_ + "/slow.pdf", std::ios::binary);
    size_t piece = bytes.size() / 10 + 1;
    for (size_t at = 0; at < bytes.size(); at += piece) {
      out.write(bytes.data() + at, std::min(piece, bytes.size() - at));
      out.flush();
      std::this_thread::sleep_for(500ms);
    }
  }
  auto until = std::chrono::steady_clock::now() + 30s;
  while (!Drained() && std::chrono::steady_clock::now() < until) std::this_thread::sleep_for(100ms);
  EXPECT_EQ(w.Stop(SIGTERM), 0);
  auto lines = JsonLines(ReadFileBytes(dir_ / "out.jsonl"));
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0].at("status").as_string(), "archived");
  Sha256 h;
  h.Update(bytes);
  EXPECT_EQ(lines[0].at("sha256").as_string(), h.HexDigest());
  EXPECT_EQ(Listed().size(), 1u);
}

TEST_F(WatchTest, BadConfigurationIsAUsageError) {
  testing::WriteFile(dir_ / "watch.json", R"({"inboxes": [{"path": "/nonexistent"}], "jobz": 2})");
  std::string out;
  EXPECT_EQ(testing::RunCommand(DocketBinary() + " watch --archive " + archive_ + " --config " + (dir_ / "watch.json") + " 2>&1", &out), 2);
  EXPECT_NE(out.find("unknown key \"jobz\""), std::string::npos) << out;
}

// The separator options in the configuration file reach the split: with
// "separator_barcodes" naming another code, the barcode sheets of the fax
// packet are not separators (with the default they are: packets_test).
TEST_F(WatchTest, ConfiguredSeparatorBarcodesDecideTheSplit) {
  std::string packet = SamplePath("packets/barcode-packet-000-fax.tif");
  fs::copy_file(packet, inbox_ + "/stack.tif");
  json::object config;
  config["inboxes"] = json::array{json::object{{"path", inbox_}}};
  config["jobs"] = 2;
  config["stable_seconds"] = 0;
  config["separator_keywords"] = json::array{"NEXT DOCUMENT"};
  config["separator_barcodes"] = json::array{"NOT-OURS"};
  testing::WriteFile(dir_ / "watch.json", json::serialize(config));
  std::string out;
  ASSERT_EQ(testing::RunCommand(DocketBinary() + " watch --json --once --archive " + archive_ + " --config " +
                                    (dir_ / "watch.json"), &out), 0) << out;
  auto lines = JsonLines(out);
  ASSERT_EQ(lines.size(), 1u) << out;
  EXPECT_EQ(lines[0].at("status").as_string(), "archived") << out;
  const json::value* seps = lines[0].if_contains("separator_pages");
  json::array sheets = {2, 4, 6};  // the truth's separator pages
  EXPECT_TRUE(seps == nullptr || *seps != json::value(sheets)) << out;

  // A list of anything but non-empty strings is refused, naming the key.
  testing::WriteFile(dir_ / "bad.json", R"({"inboxes": [{"path": ")" + inbox_ + R"("}], "separator_barcodes": "SEP"})");
  EXPECT_EQ(testing::RunCommand(DocketBinary() + " watch --archive " + archive_ + " --config " + (dir_ / "bad.json") +
                                    " 2>&1", &out), 2);
  EXPECT_NE(out.find("separator_barcodes must be a list of strings"), std::string::npos) << out;
}

}  // namespace
}  // namespace docket
