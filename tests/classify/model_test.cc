#include "classify/model.h"

#include <gtest/gtest.h>

#include <cmath>

#include "tests/classify/corpus_pages.h"

namespace docket {
namespace {

using testing::CorpusDoc;
using testing::CorpusSplit;

std::vector<Example> TrainExamples() {
  std::vector<Example> out;
  for (const CorpusDoc& d : CorpusSplit("train")) out.push_back(d.AsExample());
  return out;
}

TrainOptions Quick() {
  TrainOptions o;
  o.features.buckets = 1u << 16;
  return o;
}

std::shared_ptr<const TypeModel> Trained(TrainReport* report = nullptr) {
  auto m = TypeModel::Train(TrainExamples(), Quick(), report);
  EXPECT_TRUE(m.ok()) << m.status().ToString();
  return m.ok() ? *m : nullptr;
}

TEST(TypeModel, LearnsTheTrainingSamplesAndClassifiesTheHeldOut) {
  TrainReport report;
  auto m = Trained(&report);
  ASSERT_TRUE(m);
  EXPECT_EQ(report.examples, 30);
  EXPECT_GE(report.cv_accuracy, 0.9);
  EXPECT_GE(report.temperature, 1.0);
  int right = 0, confident = 0, confident_wrong = 0;
  auto heldout = CorpusSplit("heldout");
  for (const CorpusDoc& d : heldout) {
    Prediction p = m->Predict(d.AsPages());
    bool ok = ModelLabels()[p.label] == d.type;
    right += ok;
    if (p.confidence >= 0.9) ++confident, confident_wrong += !ok;
    double sum = 0;
    for (double q : p.probabilities) sum += q;
    EXPECT_NEAR(sum, 1.0, 1e-9);
    EXPECT_NE(p.label, p.runner_up);
  }
  EXPECT_EQ(right, static_cast<int>(heldout.size()));
  EXPECT_EQ(confident_wrong, 0);
}

TEST(TypeModel, TrainingIsDeterministic) {
  auto a = Trained(), b = Trained();
  ASSERT_TRUE(a && b);
  EXPECT_TRUE(a->Serialize() == b->Serialize());
}

TEST(TypeModel, SavedModelPredictsTheSame) {
  auto m = Trained();
  ASSERT_TRUE(m);
  auto back = TypeModel::Parse(m->Serialize());
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ((*back)->examples().size(), m->examples().size());
  EXPECT_DOUBLE_EQ((*back)->temperature(), m->temperature());
  for (const CorpusDoc& d : CorpusSplit("heldout")) {
    Prediction p = m->Predict(d.AsPages()), q = (*back)->Predict(d.AsPages());
    EXPECT_EQ(p.label, q.label);
    EXPECT_NEAR(p.confidence, q.confidence, 1e-3) << d.file;
  }
  // Weights (5 digits) and examples come back exactly; the JSON reader may
  // move a 17-digit bias by an ulp, so those are compared by prediction above.
  std::string a = m->Serialize(), b = (*back)->Serialize();
  EXPECT_TRUE(a.substr(a.find("\"weights\"")) == b.substr(b.find("\"weights\"")));
}

TEST(TypeModel, ExplainsWithNamedPositiveFeatures) {
  auto m = Trained();
  ASSERT_TRUE(m);
  for (const CorpusDoc& d : CorpusSplit("heldout")) {
    Prediction p = m->Predict(d.AsPages());
    auto why = m->Explain(d.AsPages(), p, 4);
    ASSERT_FALSE(why.empty()) << d.file;
    EXPECT_LE(why.size(), 4u);
    for (const std::string& w : why) {
      EXPECT_NE(w.find(" +"), std::string::npos) << w;
      EXPECT_TRUE(w.rfind("word '", 0) == 0 || w.rfind("words '", 0) == 0 || w.rfind("chars '", 0) == 0 ||
                  w.rfind("layout ", 0) == 0)
          << w;
    }
  }
}

TEST(TypeModel, ALaterLabelForTheSameDocumentWins) {
  std::vector<Example> ex = TrainExamples();
  Example fix = ex.front();  // an invoice, relabelled by a "clerk"
  ASSERT_EQ(fix.label, "invoice");
  fix.label = "other";
  fix.origin = "corrected";
  ex.push_back(fix);
  auto m = TypeModel::Train(ex, Quick(), nullptr);
  ASSERT_TRUE(m.ok());
  EXPECT_EQ((*m)->examples().size(), 30u);
  EXPECT_EQ((*m)->examples().front().label, "other");
  EXPECT_EQ((*m)->examples().front().origin, "corrected");
}

TEST(TypeModel, RefusesWhatItCannotLearnFrom) {
  std::vector<Example> one_type;
  for (const Example& e : TrainExamples()) {
    if (e.label == "kyc") one_type.push_back(e);
  }
  EXPECT_EQ(TypeModel::Train(one_type, Quick(), nullptr).status().code(), Status::Code::kInvalid);
  std::vector<Example> bad = TrainExamples();
  bad[0].label = "receipt";
  EXPECT_EQ(TypeModel::Train(bad, Quick(), nullptr).status().code(), Status::Code::kInvalid);
  TrainOptions odd = Quick();
  odd.features.buckets = 1000;
  EXPECT_FALSE(TypeModel::Train(TrainExamples(), odd, nullptr).ok());
}

TEST(TypeModel, ADamagedModelIsAnErrorNotACrash) {
  auto m = Trained();
  ASSERT_TRUE(m);
  std::string good = m->Serialize();
  auto corrupt = [](const std::string& text) {
    auto r = TypeModel::Parse(text);
    return !r.ok() && r.status().code() == Status::Code::kCorrupt;
  };
  EXPECT_TRUE(corrupt(""));
  EXPECT_TRUE(corrupt(good.substr(0, good.size() / 2)));
  EXPECT_TRUE(corrupt("[1,2,3]"));
  EXPECT_TRUE(corrupt("{\"format\":\"something else\",\"version\":1}"));
  auto replaced = [&](const std::string& from, const std::string& to) {
    std::string s = good;
    size_t at = s.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    return at == std::string::npos ? s : s.replace(at, from.size(), to);
  };
  EXPECT_TRUE(corrupt(replaced("\"buckets\":65536", "\"buckets\":1000")));
  EXPECT_TRUE(corrupt(replaced("\"labels\":[\"invoice\",", "\"labels\":[\"bill\",")));
  EXPECT_TRUE(corrupt(replaced("\"weights\":[\n[", "\"weights\":[\n[99999999,1,2,3,4],[")));
  EXPECT_TRUE(corrupt(replaced("\"weights\":[\n[", "\"weights\":[\n[1,\"x\",2,3,4],[")));
  EXPECT_TRUE(corrupt(replaced("\"weights\":[\n[", "\"weights\":[\n[1,2,3],[")));
  EXPECT_TRUE(corrupt(replaced("\"temperature\":", "\"temperature\":-")));
  auto newer = TypeModel::Parse(replaced("\"version\":1", "\"version\":99"));
  EXPECT_EQ(newer.status().code(), Status::Code::kUnsupported);
  // Flipped bytes anywhere: an error or a model, never a crash.
  for (size_t i = 7; i < good.size(); i += good.size() / 97) {
    std::string s = good;
    s[i] = static_cast<char>(s[i] ^ 0x5a);
    auto r = TypeModel::Parse(s);
    if (r.ok()) (*r)->Predict(CorpusSplit("heldout").front().AsPages());
  }
}

}  // namespace
}  // namespace docket
