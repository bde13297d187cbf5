// The document-type model: multinomial logistic regression (softmax) over
// the hashed features of classify/features.h, with a temperature fitted on
// cross-validated predictions so that its confidence can be trusted.
//
// Why this model: it is linear, so each decision is a sum of per-feature
// contributions that can be shown to a clerk; it trains in seconds on a
// few hundred documents, deterministically (full-batch gradient descent, no
// random numbers, folds by position); and its softmax scores, once
// temperature-scaled, are honest probabilities.
//
// A model keeps the texts of the documents it was trained on (its
// "examples"), so that retraining adds to what it knew instead of starting
// again from the few new labels.
//
// Saved as JSON (format "docket-type-model", version 1):
//   {"format": "docket-type-model", "version": 1,
//    "labels": ["invoice", "loan", "kyc", "other"],
//    "features": {"buckets": 262144, "char_grams": [3, 5]},
//    "temperature": 1.7, "bias": [b0, b1, b2, b3],
//    "weights": [[bucket, w0, w1, w2, w3], ...],    // buckets with any |w| >= 1e-4
//    "training": {...what it learned from, cross-validated figures...},
//    "examples": [{"sha256": "...", "label": "invoice", "origin": "labelled",
//                  "pages": ["text of page 1", ...]}, ...]}
// Weights are raw logits per unit of feature; probabilities are
// softmax((bias + w.x) / temperature).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/object.hpp>

#include "base/status.h"
#include "classify/features.h"
#include "store/record.h"

namespace docket {

// The types a model decides between (CONTRACT.md), in the model's order.
const std::vector<std::string>& ModelLabels();

// One labelled document the model learns from: its text, page by page.
struct Example {
  std::string sha256;  // of the original, to spot the same document twice
  std::string label;   // one of ModelLabels()
  std::string origin;  // "labelled" (a truth file), "corrected" (a clerk), ...
  std::vector<std::string> pages;
};

// Pages holding only the given texts, as features need them.
std::vector<Page> PagesFromTexts(const std::vector<std::string>& texts);

struct TrainOptions {
  FeatureOptions features;
  double l2 = 1e-4;          // weight of 0.5*|W|^2 against the mean log loss
  int iterations = 300;      // of accelerated full-batch gradient descent
  int folds = 5;             // cross-validation folds for calibration (>= 2)
  // The calibration promise: among cross-validated predictions with
  // confidence >= `confident`, at most 1 - `precision` are wrong. The
  // temperature is raised until it holds.
  double confident = 0.9;
  double precision = 0.99;
};

// What training saw and how well it did, cross-validated.
struct TrainReport {
  std::vector<int> per_label;  // examples per ModelLabels() entry
  int examples = 0;
  double cv_accuracy = 0;
  int cv_confident = 0;        // cross-validated predictions >= options.confident
  int cv_confident_wrong = 0;
  double temperature = 1;
  boost::json::object ToJson() const;
};

struct Prediction {
  int label = 0;                 // index into ModelLabels()
  int runner_up = 0;
  double confidence = 0;         // calibrated probability of `label`
  std::vector<double> probabilities;
};

// Immutable once built; every method is const and thread-safe.
class TypeModel {
 public:
  // Learns from `examples` (at least one of two labels). Deterministic: the
  // same examples in the same order give the same model.
  static Result<std::shared_ptr<const TypeModel>> Train(std::vector<Example> examples,
                                                        const TrainOptions& options,
                                                        TrainReport* report);
  // Reads a saved model; a damaged one gives Corrupt, never a crash.
  static Result<std::shared_ptr<const TypeModel>> Parse(std::string_view json_text);
  std::string Serialize() const;

  Prediction Predict(const std::vector<Page>& pages) const;
  // The `n` features that pushed `p.label` ahead of `p.runner_up` most,
  // strongest first, as "word 'invoice' +2.31" (the gain in the calibrated
  // log-odds).
  std::vector<std::string> Explain(const std::vector<Page>& pages, const Prediction& p,
                                   int n) const;

  const std::vector<Example>& examples() const { return examples_; }
  const boost::json::object& training() const { return training_; }
  double temperature() const { return temperature_; }

 private:
  TypeModel() = default;
  std::vector<double> Logits(const std::vector<Feature>& x) const;

  FeatureOptions features_;
  double temperature_ = 1;
  std::vector<double> bias_;    // one per label
  std::vector<float> weights_;  // bucket * labels + label
  boost::json::object training_;
  std::vector<Example> examples_;
};

}  // namespace docket
