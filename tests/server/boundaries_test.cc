// A clerk moves a packet's boundaries (server/boundaries.h): on a stacked
// scan of samples/packets archived by the docket binary, with a real
// archive, the built-in model and the Xapian index. The records follow:
// parts joined, split again, a part's correction kept while its pages stay,
// the history written, the index in step.
#include "server/boundaries.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "index/searcher.h"
#include "ingest/packet_records.h"
#include "server/corrections.h"
#include "server/web_app.h"
#include "tests/server/server_fixture.h"
#include "tests/testutil/samples.h"
#include "tests/testutil/temp_dir.h"

namespace docket::server {
namespace {

namespace json = boost::json;
using testing::DocketBinary;
using testing::JsonLines;
using testing::RunCommand;
using testing::SamplePath;

class BoundariesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // Three documents on five pages: truth starts 1, 2, 4 (see its truth).
    std::string out;
    ASSERT_EQ(RunCommand("DOCKET_ARCHIVE=" + (dir_ / "a") + " " + DocketBinary() + " ingest --json --quiet " +
                             SamplePath("packets/packet-002-pdf.pdf"),
                         &out),
              0)
        << out;
    auto lines = JsonLines(out);
    ASSERT_EQ(lines.size(), 1u);
    id_ = std::string(lines[0].at("id").as_string());
    ArchiveOptions o;
    o.create_if_missing = false;
    auto a = Archive::Open(dir_ / "a", o);
    ASSERT_TRUE(a.ok()) << a.status().message();
    archive_ = std::move(*a);
    auto packet = archive_->GetRecord(id_);
    ASSERT_TRUE(packet.ok());
    ASSERT_EQ(packet->type, "packet");
    starts_ = PartStarts(*packet);
    ASSERT_EQ(starts_.size(), 3u) << "the packet as ingested: " << json::serialize(ToJson(*packet));
  }

  Result<Record> Move(const std::string& id, std::vector<int> starts) {
    BoundaryEdit e;
    e.by = "asha";
    e.starts = std::move(starts);
    return MoveBoundaries(archive_.get(), archive_->IndexPath(), id, e, classifier_);
  }

  uint64_t Found(const std::string& query) {
    auto s = Searcher::Open(archive_->IndexPath());
    if (!s.ok()) return 999;
    auto r = (*s)->Search(query, SearchOptions{});
    return r.ok() ? r->total : 999;
  }

  testing::TempDir dir_;
  std::unique_ptr<Archive> archive_;
  Classifier classifier_;
  std::string id_;
  std::vector<int> starts_;
};

TEST_F(BoundariesTest, JoiningTwoPartsAndSplittingThemAgainTheRecordsFollow) {
  // A clerk's correction on the first part, whose pages will not change.
  std::string first = id_ + "-1", third = id_ + "-3";
  {
    auto r = archive_->GetRecord(first);
    ASSERT_TRUE(r.ok());
    Correction c;
    c.by = "asha";
    c.type = "other";
    ASSERT_TRUE(CorrectRecord(archive_.get(), archive_->IndexPath(), first, c, CorrectionOptions{}).ok());
  }
  ASSERT_EQ(Found("id:" + third), 1u);

  // Join the second and third documents (given by a part's id: the packet follows).
  auto joined = Move(id_ + "-2", {starts_[0], starts_[1]});
  ASSERT_TRUE(joined.ok()) << joined.status().message();
  EXPECT_EQ(joined->id, id_);
  EXPECT_EQ(PartStarts(*joined), (std::vector<int>{starts_[0], starts_[1]}));
  EXPECT_TRUE(archive_->GetRecord(third).status().IsNotFound());
  EXPECT_EQ(Found("id:" + third), 0u);
  auto second = archive_->GetRecord(id_ + "-2");
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->first_page, starts_[1]);
  EXPECT_EQ(second->last_page(), 5);
  EXPECT_EQ(archive_->GetPages(second->id)->size(), static_cast<size_t>(5 - starts_[1] + 1));
  auto kept = archive_->GetRecord(first);
  ASSERT_TRUE(kept.ok());
  EXPECT_EQ(kept->type, "other") << "the unchanged part keeps its correction";
  // The history, in the packet's record.
  const json::array& h = joined->extra.at("history").as_array();
  ASSERT_EQ(h.size(), 1u);
  EXPECT_EQ(h[0].at("field"), "boundaries");
  EXPECT_EQ(h[0].at("by"), "asha");
  EXPECT_EQ(h[0].at("old").as_array().size(), 3u);
  EXPECT_EQ(h[0].at("new").as_array().size(), 2u);

  // Split again where the truth says: three parts, the third back in the index.
  auto split = Move(id_, starts_);
  ASSERT_TRUE(split.ok()) << split.status().message();
  auto back = archive_->GetRecord(third);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->first_page, starts_[2]);
  EXPECT_EQ(Found("id:" + third), 1u);
  EXPECT_EQ(split->extra.at("history").as_array().size(), 2u);
  EXPECT_EQ(Found("type:packet"), 1u);
}

TEST_F(BoundariesTest, OneFirstPageMakesTheFileOneDocumentAgain) {
  auto whole = Move(id_, {1});
  ASSERT_TRUE(whole.ok()) << whole.status().message();
  EXPECT_NE(whole->type, "packet");
  EXPECT_FALSE(whole->extra.contains("parts"));
  for (int k = 1; k <= 3; ++k) {
    EXPECT_TRUE(archive_->GetRecord(id_ + "-" + std::to_string(k)).status().IsNotFound());
  }
  EXPECT_EQ(Found("type:packet"), 0u);
  EXPECT_EQ(Found("id:" + id_), 1u);
  // And a file of one document becomes a packet when given several starts.
  auto again = Move(id_, starts_);
  ASSERT_TRUE(again.ok()) << again.status().message();
  EXPECT_EQ(again->type, "packet");
  EXPECT_EQ(PartStarts(*again), starts_);
}

TEST_F(BoundariesTest, FirstPagesThatAreNotPagesOfTheFileAreRefused) {
  for (std::vector<int> bad : {std::vector<int>{1, 9}, std::vector<int>{3, 2}, std::vector<int>{}}) {
    auto r = Move(id_, bad);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().code(), Status::Code::kInvalid) << r.status().message();
  }
  EXPECT_EQ(PartStarts(*archive_->GetRecord(id_)), starts_) << "nothing changed";
  EXPECT_FALSE(ParseStarts("1, two").ok());
  EXPECT_EQ(*ParseStarts("1, 4 7"), (std::vector<int>{1, 4, 7}));
}

// The same over HTTP: a clerk sees a part's own pages, moves the
// boundaries through the JSON API (a loan processor may not), and a rescan
// of an invoice waits in the review queue until the clerk dismisses it.
class BoundariesHttpTest : public BoundariesTest {
 protected:
  void SetUp() override {
    BoundariesTest::SetUp();
    if (HasFatalFailure()) return;
    std::string out;
    for (const char* f : {"rescans/invoice-rescan-born_digital.pdf", "rescans/invoice-rescan-fax_fine.tif"}) {
      ASSERT_EQ(RunCommand("DOCKET_ARCHIVE=" + (dir_ / "a") + " " + DocketBinary() + " ingest --json --quiet " +
                               SamplePath(f), &out), 0) << out;
      rescan_ids_.push_back(std::string(JsonLines(out).at(0).at("id").as_string()));
    }
    Status served = testing::ServeApp(archive_.get(), &served_);
    ASSERT_TRUE(served.ok()) << served.ToString();
  }
  testing::ServedApp served_;
  std::vector<std::string> rescan_ids_;
};

TEST_F(BoundariesHttpTest, AClerkSeesPartsPagesAndMovesBoundariesThroughTheApi) {
  testing::ApiClient clerk(served_.port());
  ASSERT_EQ(clerk.Login("asha", "asha-secret-pw").status, 200);
  std::string third = id_ + "-3";
  // A part's pages are those of the original from its first page on.
  EXPECT_EQ(clerk.Get("/api/records/" + third + "/pages/" + std::to_string(starts_[2]) + ".png").status, 200);
  EXPECT_EQ(clerk.Get("/api/records/" + third + "/pages/1.png").status, 404);
  auto page = clerk.Get("/records/" + third);
  EXPECT_NE(page.body.find("/pages/" + std::to_string(starts_[2]) + ".png"), std::string::npos);
  // The packet with its parts as full records.
  auto packet = clerk.Get("/api/records/" + id_).Json().as_object();
  ASSERT_EQ(packet.at("parts").as_array().size(), 3u);
  EXPECT_TRUE(packet.at("parts").as_array()[0].as_object().contains("sha256"));

  testing::ApiClient processor(served_.port());
  ASSERT_EQ(processor.Login("lena", "lena-secret-pw").status, 200);
  EXPECT_EQ(processor.PostJson("/api/records/" + id_ + "/boundaries", json::object{{"starts", {1, 2}}}).status, 403);
  EXPECT_EQ(clerk.PostJson("/api/records/" + id_ + "/boundaries", json::object{{"starts", {1, 99}}}).status, 400);
  auto moved = clerk.PostJson("/api/records/" + id_ + "/boundaries",
                              json::object{{"starts", {starts_[0], starts_[1]}}});
  ASSERT_EQ(moved.status, 200) << moved.body;
  EXPECT_EQ(moved.Json().at("parts").as_array().size(), 2u);
  EXPECT_EQ(clerk.Get("/api/records/" + third).status, 404);
}

TEST_F(BoundariesHttpTest, APossibleDuplicateWaitsInTheReviewQueueUntilAClerkDismissesIt) {
  testing::ApiClient clerk(served_.port());
  ASSERT_EQ(clerk.Login("asha", "asha-secret-pw").status, 200);
  auto in_queue = [&](const std::string& id) {
    const json::value queue = clerk.Get("/api/review?limit=100").Json();
    for (const json::value& r : queue.at("records").as_array()) {
      if (r.at("id").as_string() == id) return r.as_object();
    }
    return json::object{};
  };
  json::object item = in_queue(rescan_ids_[1]);
  ASSERT_FALSE(item.empty());
  EXPECT_EQ(item.at("possible_duplicate_of"), rescan_ids_[0].c_str());
  auto page = clerk.Get("/records/" + rescan_ids_[1]);
  EXPECT_NE(page.body.find("Possible duplicate"), std::string::npos);
  auto r = clerk.PostJson("/api/records/" + rescan_ids_[1] + "/corrections",
                          json::object{{"field", "possible_duplicate_of"}, {"value", ""}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_FALSE(r.Json().as_object().contains("possible_duplicate_of"));
  EXPECT_EQ(r.Json().at("duplicate_dismissed").at("of"), rescan_ids_[0].c_str());
  EXPECT_EQ(r.Json().at("duplicate_dismissed").at("by"), "asha");
  // Still in the queue only for what else it has (a low field, an unsure type).
  json::object after = in_queue(rescan_ids_[1]);
  EXPECT_FALSE(after.contains("possible_duplicate_of"));
  // Both copies stay archived.
  EXPECT_EQ(clerk.Get("/api/records/" + rescan_ids_[0]).status, 200);
}

}  // namespace
}  // namespace docket::server
