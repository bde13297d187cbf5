// The shared inbox's claims (issue #10) on a real folder: what another
// host may take over, and what it must leave alone.
#include "ingest/spool.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "tests/testutil/temp_dir.h"

namespace docket {
namespace {

namespace fs = std::filesystem;

class SharedSpoolTest : public ::testing::Test {
 protected:
  std::string Inbox() const { return dir_ / "inbox"; }
  std::string HostDir(const std::string& host) const {
    return Inbox() + "/" + Spool::kSharedClaimsFolder + "/" + host;
  }
  std::unique_ptr<Spool> Open(const std::string& host) {
    auto s = Spool::OpenShared(Inbox(), host);
    EXPECT_TRUE(s.ok()) << s.status().ToString();
    return s.ok() ? std::move(*s) : nullptr;
  }
  testing::TempDir dir_;
};

// A host that has just made its claim folder is writing its first
// heartbeat: a temp file beside its claims, with no heartbeat yet, so it
// looks expired. Another host must not take that file for a claim (it
// did, and the first host's heartbeat then failed and its watcher stopped).
TEST_F(SharedSpoolTest, AHeartbeatBeingWrittenIsNotAClaimToTakeOver) {
  fs::create_directories(Inbox());
  auto h1 = Open("h1");
  auto h2 = Open("h2");
  ASSERT_TRUE(h1 && h2);
  std::string temp = HostDir("h1") + "/heartbeat.tmp.4242.0";
  testing::WriteFile(temp, "2026-01-01T00:00:00Z\n");
  auto taken = h2->RecoverExpired(4.0);
  ASSERT_TRUE(taken.ok()) << taken.status().ToString();
  EXPECT_TRUE(taken->empty());
  EXPECT_TRUE(fs::exists(temp)) << "the heartbeat in flight was moved away";
  EXPECT_EQ(std::distance(fs::directory_iterator(HostDir("h2")), fs::directory_iterator()), 0);
}

// A claim of a host whose heartbeat ran out is taken over, once.
TEST_F(SharedSpoolTest, AnExpiredHostsClaimIsTakenOverOnce) {
  fs::create_directories(Inbox());
  testing::WriteFile(Inbox() + "/letter.pdf", "%PDF-1.4 bytes");
  auto h1 = Open("h1");
  ASSERT_TRUE(h1);
  ASSERT_TRUE(h1->Heartbeat().ok());
  auto claim = h1->Take(Inbox(), "letter.pdf");
  ASSERT_TRUE(claim.ok()) << claim.status().ToString();
  EXPECT_FALSE(fs::exists(Inbox() + "/letter.pdf"));
  auto h2 = Open("h2");
  auto h3 = Open("h3");
  ASSERT_TRUE(h2 && h3);
  ASSERT_TRUE(h2->Heartbeat().ok());
  ASSERT_TRUE(h3->Heartbeat().ok());
  // Within the lease: nothing to take.
  EXPECT_TRUE(h2->RecoverExpired(60.0)->empty());
  // h1's heartbeat is older than a lease of one second: h2 takes the
  // claim, and h3 (h2 being alive) finds nothing left to take.
  fs::last_write_time(HostDir("h1") + "/heartbeat", fs::file_time_type::clock::now() - std::chrono::seconds(10));
  auto taken = h2->RecoverExpired(1.0);
  ASSERT_TRUE(taken.ok()) << taken.status().ToString();
  ASSERT_EQ(taken->size(), 1u);
  EXPECT_EQ((*taken)[0].name, "letter.pdf");
  EXPECT_EQ((*taken)[0].inbox, Inbox());
  EXPECT_TRUE(fs::exists((*taken)[0].path));
  EXPECT_TRUE(h3->RecoverExpired(1.0)->empty());
}

}  // namespace
}  // namespace docket
