#include "classify/classifier.h"

#include <gtest/gtest.h>

#include <thread>

#include "tests/classify/corpus_pages.h"
#include "tests/testutil/temp_dir.h"

namespace docket {
namespace {

using testing::CorpusDoc;
using testing::CorpusSplit;

TEST(Classifier, TheBuiltInModelLoadsAndClassifiesTheHeldOutSamples) {
  auto c = Classifier::Default();
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  // Trained on the training part of the samples only (classify/models/README.md).
  ASSERT_TRUE(c->model());
  for (const Example& e : c->model()->examples()) EXPECT_EQ(e.origin, "labelled");
  EXPECT_EQ(c->model()->examples().size(), CorpusSplit("train").size());
  for (const CorpusDoc& d : CorpusSplit("heldout")) {
    for (const Example& e : c->model()->examples()) ASSERT_NE(e.sha256, d.sha256) << d.file;
    Classification r = c->Classify(d.AsPages());
    EXPECT_EQ(r.type, d.type) << d.file;
    EXPECT_GT(r.confidence, 0.5) << d.file;
    EXPECT_EQ(r.needs_review, r.confidence < 0.9);
    EXPECT_FALSE(r.reasons.empty());
  }
}

TEST(Classifier, ReviewThresholdIsAnOption) {
  ClassifierOptions strict;
  strict.review_below = 1.01;
  strict.reasons = 2;
  Classifier c(strict);
  for (const CorpusDoc& d : CorpusSplit("heldout")) {
    Classification r = c.Classify(d.AsPages());
    EXPECT_TRUE(r.needs_review);
    EXPECT_EQ(r.type, d.type);  // keeps its best guess
    EXPECT_LE(r.reasons.size(), 2u);
  }
  ClassifierOptions lax;
  lax.review_below = 0;
  for (const CorpusDoc& d : CorpusSplit("heldout")) EXPECT_FALSE(Classifier(lax).Classify(d.AsPages()).needs_review);
}

TEST(Classifier, SavesAndLoads) {
  testing::TempDir dir;
  Classifier def;
  ASSERT_TRUE(def.Save(dir / "m/classifier.json").ok());
  auto back = Classifier::Load(dir / "m/classifier.json");
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  auto d = CorpusSplit("heldout").front();
  EXPECT_EQ(back->Classify(d.AsPages()).type, def.Classify(d.AsPages()).type);
  EXPECT_TRUE(Classifier::Load(dir / "none.json").status().IsNotFound());
  testing::WriteFile(dir / "bad.json", "{\"format\":\"docket-type-model\",\"version\":1,\"labels\":");
  EXPECT_EQ(Classifier::Load(dir / "bad.json").status().code(), Status::Code::kCorrupt);
}

TEST(Classifier, OneClassifierServesManyThreads) {
  Classifier c;
  auto docs = CorpusSplit("heldout");
  std::vector<Classification> first;
  for (const CorpusDoc& d : docs) first.push_back(c.Classify(d.AsPages()));
  std::vector<int> mismatches(4, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int round = 0; round < 3; ++round) {
        for (size_t i = 0; i < docs.size(); ++i) {
          Classification r = c.Classify(docs[i].AsPages());
          mismatches[t] += r.type != first[i].type || r.confidence != first[i].confidence ||
                           r.reasons != first[i].reasons;
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  for (int m : mismatches) EXPECT_EQ(m, 0);
}

}  // namespace
}  // namespace docket

namespace docket {
namespace {

// An inbox's hint is a prior: it tips a doubtful document towards the
// inbox's type and leaves a clear document of another type alone.
TEST(Classifier, InboxHintActsAsAPrior) {
  Classifier classifier;
  // A fax cover sheet mentioning documents only vaguely: unsure unhinted.
  std::vector<Page> vague = PagesFromTexts({"Please find attached the papers we discussed.\nRegards"});
  Classification plain = classifier.Classify(vague);
  Classification hinted = classifier.Classify(vague, "invoice");
  if (plain.type != "invoice") {
    EXPECT_TRUE(hinted.type == "invoice" || hinted.confidence < plain.confidence) << plain.type;
  } else {
    EXPECT_GT(hinted.confidence, plain.confidence);
  }
  EXPECT_EQ(hinted.reasons.back(), "inbox hint 'invoice' x3");
  // A clear loan form stays a loan in an invoices inbox.
  for (const auto& doc : testing::CorpusPages()) {
    if (doc.type != "loan" || doc.split != "heldout") continue;
    Classification c = classifier.Classify(doc.AsPages(), "invoice");
    EXPECT_EQ(c.type, "loan") << doc.file;
  }
  // An unknown hint changes nothing.
  EXPECT_EQ(classifier.Classify(vague, "bogus").confidence, plain.confidence);
}

}  // namespace
}  // namespace docket
