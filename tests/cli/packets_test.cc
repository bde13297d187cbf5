// Packets (issue #9), end to end with the docket binary: the committed
// stacked scans of samples/packets are split as their truth says, each
// part is a record that search, show, check, reindex and pull work on, a
// single document stays as it was, and a rescan of an invoice as a fax is
// flagged as a possible duplicate of the first while both stay archived.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include <boost/json.hpp>

#include "tests/testutil/samples.h"
#include "tests/testutil/temp_dir.h"

namespace docket {
namespace {

namespace fs = std::filesystem;
namespace json = boost::json;
using testing::DocketBinary;
using testing::JsonLines;
using testing::RunCommand;
using testing::SamplePath;

std::string Basename(const std::string& p) { return fs::path(p).filename().string(); }

json::object ReadJson(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return json::parse(ss.str()).as_object();
}

std::string Str(const json::object& o, const char* key) {
  auto it = o.find(key);
  return it != o.end() && it->value().is_string() ? std::string(it->value().get_string()) : "";
}

class PacketsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new testing::TempDir();
    // The packets, one single document, and the first copy of an invoice;
    // its fax comes in a later run, as a rescan does.
    exit_ = RunCommand(Docket("ingest --json --quiet --skip '*.json'") + " " + SamplePath("packets") + " " +
                           SamplePath("corpus/train/invoice-000-born_digital.pdf") + " " +
                           SamplePath("rescans/invoice-rescan-born_digital.pdf"),
                       &ingested_);
    exit2_ = RunCommand(Docket("ingest --json --quiet") + " " + SamplePath("rescans/invoice-rescan-fax_fine.tif"),
                        &rescan_);
  }
  static void TearDownTestSuite() { delete dir_; }

  static std::string Docket(const std::string& args) {
    return "DOCKET_ARCHIVE=" + (*dir_ / "archive") + " " + DocketBinary() + " " + args;
  }
  // Ingested records by file name.
  static std::map<std::string, json::object> Records() {
    std::map<std::string, json::object> out;
    for (json::object& r : JsonLines(ingested_)) out[Basename(Str(r, "source"))] = std::move(r);
    return out;
  }
  static json::object Truth(const std::string& name) {
    std::string stem = name.substr(0, name.rfind('.'));
    return ReadJson(SamplePath("packets/" + stem + ".truth.json"));
  }

  static testing::TempDir* dir_;
  static std::string ingested_, rescan_;
  static int exit_, exit2_;
};

testing::TempDir* PacketsTest::dir_ = nullptr;
std::string PacketsTest::ingested_;
std::string PacketsTest::rescan_;
int PacketsTest::exit_ = -1;
int PacketsTest::exit2_ = -1;

TEST_F(PacketsTest, EveryPacketIsSplitAsItsTruthSaysAndItsPartsReadAsSingleDocuments) {
  ASSERT_EQ(exit_, 0) << ingested_;
  auto records = Records();
  int packets = 0, key_fields = 0, key_right = 0;
  for (const auto& e : fs::directory_iterator(SamplePath("packets"))) {
    std::string name = Basename(e.path().string());
    if (name.find(".truth.json") != std::string::npos) continue;
    ++packets;
    ASSERT_TRUE(records.count(name)) << name;
    const json::object& r = records[name];
    json::object truth = Truth(name);
    EXPECT_EQ(Str(r, "type"), "packet") << name;
    EXPECT_EQ(r.at("separator_pages"), truth.at("separator_pages")) << name;
    const json::array& parts = r.at("parts").as_array();
    const json::array& want = truth.at("parts").as_array();
    ASSERT_EQ(parts.size(), want.size()) << name << ": " << json::serialize(r.at("parts"));
    for (size_t i = 0; i < parts.size(); ++i) {
      const json::object& p = parts[i].as_object();
      const json::object& t = want[i].as_object();
      EXPECT_EQ(p.at("pages"), t.at("pages")) << name << " part " << i + 1;
      EXPECT_EQ(Str(p, "type"), Str(t, "type")) << name << " part " << i + 1;
      EXPECT_EQ(Str(p, "id"), Str(r, "id") + "-" + std::to_string(i + 1));
      EXPECT_EQ(Str(p, "packet"), Str(r, "id"));
      EXPECT_EQ(Str(p, "sha256"), Str(r, "sha256")) << "the original is the packet's, stored once";
      // The number that names each document, read as on a single one.
      const json::object& tf = t.at("fields").as_object();
      const json::object& pf = p.at("fields").as_object();
      for (const char* key : {"invoice_number", "loan_number", "id_number", "total_amount", "date_of_birth"}) {
        if (!tf.contains(key)) continue;
        ++key_fields;
        // A field docket is unsure of is absent (as on single documents),
        // never another value.
        if (!pf.contains(key)) continue;
        bool right = pf.at(key).as_object().at("value") == tf.at(key);
        key_right += right;
        EXPECT_TRUE(right) << name << " part " << i + 1 << ": " << key << " " << json::serialize(tf.at(key))
                           << " read as " << json::serialize(pf.at(key));
      }
    }
  }
  EXPECT_EQ(packets, 6);
  EXPECT_GT(key_fields, 10);
  EXPECT_GE(key_right, key_fields * 85 / 100) << key_right << " of " << key_fields << " read";
}

// The barcode packets' separator sheets print no separator keyword (only a
// batch label and a Code 39 DOCKET-SEPARATOR): read as text they are
// pages like any other, so only the barcode can split the packets exactly.
TEST_F(PacketsTest, BarcodeSeparatorSheetsSplitThePacketWithoutAnyKeyword) {
  ASSERT_EQ(exit_, 0) << ingested_;
  auto records = Records();
  for (const char* name : {"barcode-packet-000-fax.tif", "barcode-packet-001-scanned-pdf.pdf"}) {
    ASSERT_TRUE(records.count(name)) << name;
    const json::object& r = records[name];
    json::object truth = Truth(name);
    ASSERT_FALSE(truth.at("separator_pages").as_array().empty()) << name;
    EXPECT_EQ(r.at("separator_pages"), truth.at("separator_pages")) << name << ": " << json::serialize(r);
    const json::array& parts = r.at("parts").as_array();
    ASSERT_EQ(parts.size(), truth.at("parts").as_array().size()) << name;
    for (size_t i = 0; i < parts.size(); ++i) {
      EXPECT_EQ(parts[i].as_object().at("pages"), truth.at("parts").as_array()[i].as_object().at("pages"))
          << name << " part " << i + 1;
      if (i > 0) EXPECT_EQ(Str(parts[i].as_object(), "split_why"), "after a separator") << name << " part " << i + 1;
    }
  }
  // A mailroom's own code, as a prefix: the same split. Another code: the
  // sheets are pages again, and the split is not the truth's.
  std::string fax = SamplePath("packets/barcode-packet-000-fax.tif");
  json::value want = Truth("barcode-packet-000-fax.tif").at("separator_pages");
  std::string out;
  ASSERT_EQ(RunCommand("DOCKET_ARCHIVE=" + (*dir_ / "prefix") + " " + DocketBinary() +
                           " ingest --json --quiet --separator-barcode 'docket-sep*' " + fax, &out), 0) << out;
  auto prefix = JsonLines(out);
  ASSERT_EQ(prefix.size(), 1u) << out;
  EXPECT_EQ(prefix[0].at("separator_pages"), want) << out;
  ASSERT_EQ(RunCommand("DOCKET_ARCHIVE=" + (*dir_ / "other") + " " + DocketBinary() +
                           " ingest --json --quiet --separator-barcode NOT-OURS " + fax, &out), 0) << out;
  auto other = JsonLines(out);
  ASSERT_EQ(other.size(), 1u) << out;
  EXPECT_TRUE(!other[0].contains("separator_pages") || other[0].at("separator_pages") != want) << out;
}

TEST_F(PacketsTest, ASingleDocumentFileIsOneRecordAsBefore) {
  ASSERT_EQ(exit_, 0) << ingested_;
  auto records = Records();
  const json::object& r = records["invoice-000-born_digital.pdf"];
  EXPECT_EQ(Str(r, "type"), "invoice");
  EXPECT_TRUE(r.at("pages").is_int64());
  EXPECT_FALSE(r.contains("parts"));
  EXPECT_FALSE(r.contains("packet"));
}

TEST_F(PacketsTest, SearchShowAndCheckWorkOnTheParts) {
  ASSERT_EQ(exit_, 0) << ingested_;
  auto records = Records();
  const json::object& packet = records["packet-001-pdf.pdf"];
  json::object truth = Truth("packet-001-pdf.pdf");
  const json::object& t = truth.at("parts").as_array()[2].as_object();
  std::string part_id = Str(packet, "id") + "-3";
  // A word only that document prints finds the part, not the packet.
  std::string out;
  ASSERT_EQ(RunCommand(Docket("search --json '" + Str(t, "keyword") + "'"), &out), 0) << out;
  json::object hits = json::parse(out).as_object();
  ASSERT_EQ(hits.at("total").as_int64(), 1) << out;
  EXPECT_EQ(Str(hits.at("hits").as_array()[0].as_object(), "id"), part_id);
  EXPECT_EQ(Str(hits.at("hits").as_array()[0].as_object(), "type"), Str(t, "type"));
  // The packets themselves by their type.
  ASSERT_EQ(RunCommand(Docket("search --json type:packet"), &out), 0) << out;
  EXPECT_EQ(json::parse(out).at("total").as_int64(), 6);

  ASSERT_EQ(RunCommand(Docket("show --json " + part_id), &out), 0) << out;
  json::object part = json::parse(out).as_object();
  EXPECT_EQ(part.at("pages"), t.at("pages"));
  EXPECT_EQ(Str(part, "packet"), Str(packet, "id"));
  ASSERT_EQ(RunCommand(Docket("show " + part_id), &out), 0) << out;
  EXPECT_NE(out.find("packet:      " + Str(packet, "id")), std::string::npos) << out;
  // The packet shows its parts as full records.
  ASSERT_EQ(RunCommand(Docket("show --json " + Str(packet, "id")), &out), 0) << out;
  json::object shown = json::parse(out).as_object();
  ASSERT_EQ(shown.at("parts").as_array().size(), truth.at("parts").as_array().size());
  EXPECT_TRUE(shown.at("parts").as_array()[2].as_object().contains("fields"));

  ASSERT_EQ(RunCommand(Docket("check"), &out), 0) << out;
  // The index is derived: rebuilt from the records, the part is found again.
  ASSERT_EQ(RunCommand(Docket("reindex"), &out), 0) << out;
  ASSERT_EQ(RunCommand(Docket("search --json '" + Str(t, "keyword") + "'"), &out), 0) << out;
  EXPECT_EQ(Str(json::parse(out).at("hits").as_array()[0].as_object(), "id"), part_id) << out;
}

TEST_F(PacketsTest, PullOfAStackedLoanFileReturnsItsLoanAndKycParts) {
  ASSERT_EQ(exit_, 0) << ingested_;
  json::object truth = Truth("loan-packet.pdf");
  std::string loan;
  std::map<std::string, json::value> want;  // type/layout -> pages
  for (const json::value& v : truth.at("parts").as_array()) {
    const json::object& t = v.as_object();
    if (Str(t, "type") == "loan") loan = Str(t.at("fields").as_object(), "loan_number");
    if (Str(t, "type") == "loan" || Str(t, "type") == "kyc") want[Str(t, "layout")] = t.at("pages");
  }
  ASSERT_FALSE(loan.empty());
  ASSERT_EQ(want.size(), 3u);  // the application, the PAN card, the passport
  std::string out, bundle = *dir_ / "bundle";
  ASSERT_EQ(RunCommand(Docket("pull --json --loan '" + loan + "' --out " + bundle), &out), 0) << out;
  json::object manifest = json::parse(out).as_object();
  const json::array& files = manifest.at("files").as_array();
  std::string packet_id = Str(Records()["loan-packet.pdf"], "id");
  std::vector<json::value> got;
  for (const json::value& f : files) {
    const json::object& o = f.as_object();
    EXPECT_EQ(Str(o, "packet"), packet_id) << json::serialize(o);
    got.push_back(o.at("pages"));
    std::string file = bundle + "/" + Str(o, "file");
    EXPECT_EQ(testing::ReadFileBytes(file).substr(0, 5), "%PDF-") << file;
  }
  std::vector<json::value> expected;
  for (auto& [layout, pages] : want) expected.push_back(pages);
  auto order = [](const json::value& a, const json::value& b) {
    return a.as_array()[0].as_int64() < b.as_array()[0].as_int64();
  };
  std::sort(got.begin(), got.end(), order);
  std::sort(expected.begin(), expected.end(), order);
  EXPECT_EQ(got, expected) << out;
}

TEST_F(PacketsTest, ARescanOfAnInvoiceIsAPossibleDuplicateOfTheFirstAndBothStay) {
  ASSERT_EQ(exit_, 0) << ingested_;
  ASSERT_EQ(exit2_, 0) << rescan_;
  std::string first = Str(Records()["invoice-rescan-born_digital.pdf"], "id");
  auto second = JsonLines(rescan_);
  ASSERT_EQ(second.size(), 1u);
  EXPECT_EQ(Str(second[0], "status"), "archived");
  EXPECT_NE(Str(second[0], "id"), first);
  EXPECT_EQ(Str(second[0], "possible_duplicate_of"), first) << rescan_;
  EXPECT_FALSE(Records()["invoice-rescan-born_digital.pdf"].contains("possible_duplicate_of"));
  std::string out;
  ASSERT_EQ(RunCommand(Docket("list --json"), &out), 0);
  int seen = 0;
  for (const json::object& r : JsonLines(out)) seen += Str(r, "id") == first || Str(r, "id") == Str(second[0], "id");
  EXPECT_EQ(seen, 2);
  ASSERT_EQ(RunCommand(Docket("show " + Str(second[0], "id")), &out), 0);
  EXPECT_NE(out.find("possible duplicate of: " + first), std::string::npos) << out;
  // No other invoice of the archive (the packets hold several) was taken
  // for a copy of another.
  ASSERT_EQ(RunCommand(Docket("list --json"), &out), 0);
  for (const json::object& r : JsonLines(out)) {
    if (Str(r, "id") != Str(second[0], "id")) {
      EXPECT_FALSE(r.contains("possible_duplicate_of")) << json::serialize(r);
    }
  }
}

TEST_F(PacketsTest, EvalReportsBoundaryPrecisionAndRecall) {
  ASSERT_EQ(exit_, 0) << ingested_;
  std::string out;
  // The archive as the cache: the packets are read already, no OCR again.
  ASSERT_EQ(RunCommand(DocketBinary() + " eval --json --cache " + (*dir_ / "archive") + " " + SamplePath("packets"),
                       &out), 0) << out;
  json::object report = json::parse(out).as_object();
  const json::object& b = report.at("boundaries").as_object();
  EXPECT_EQ(b.at("packets").as_int64(), 6);
  EXPECT_GT(b.at("true").as_int64(), 10);
  EXPECT_GE(b.at("precision").as_double(), 0.95) << out;
  EXPECT_GE(b.at("recall").as_double(), 0.95) << out;
  EXPECT_GE(report.at("classification").as_object().at("accuracy").as_double(), 0.9) << out;
}

}  // namespace
}  // namespace docket
