// Decides a document's type (invoice | loan | kyc | other) from its pages,
// with a calibrated confidence, the features that weighed most, and a flag
// when it is not sure enough for a clerk to trust without a look.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/fs.h"
#include "base/status.h"
#include "classify/model.h"
#include "store/record.h"

namespace docket {

struct Classification {
  std::string type = "other";
  double confidence = 0;
  bool needs_review = false;
  std::vector<std::string> reasons;  // the features that weighed most
};

struct ClassifierOptions {
  // Below this confidence a record is marked needs_review (it keeps its
  // best guess). 0.9 is where the model promises at most 1 error in 100.
  double review_below = 0.9;
  int reasons = 5;  // how many features to name
};

// The model built into docket (classify/models/default_type_model.json,
// embedded at build time): its JSON text.
std::string_view DefaultModelText();

class Classifier {
 public:
  // The built-in default model. Should it fail to load (a damaged build),
  // every document is "other" with confidence 0 and needs_review.
  explicit Classifier(const ClassifierOptions& options = {});
  Classifier(std::shared_ptr<const TypeModel> model, const ClassifierOptions& options);

  // The built-in model, or why it cannot be read.
  static Result<Classifier> Default(const ClassifierOptions& options = {});
  // A saved model; Corrupt when damaged, NotFound when absent.
  static Result<Classifier> Load(const std::string& path, const ClassifierOptions& options = {},
                                 Fs* fs = nullptr);
  // Writes the model atomically (temp file, fsync, rename).
  Status Save(const std::string& path, Fs* fs = nullptr) const;

  // Thread-safe: one classifier serves every worker. `hint` is the type an
  // inbox mostly receives ("invoice" for an invoices-only inbox; "" for
  // none): it raises that type's odds threefold before the decision, as a
  // prior does, so a clear document of another type still wins.
  Classification Classify(const std::vector<Page>& pages, const std::string& hint = "") const;

  // Null only when the built-in model failed to load.
  const std::shared_ptr<const TypeModel>& model() const { return model_; }
  const ClassifierOptions& options() const { return options_; }

 private:
  std::shared_ptr<const TypeModel> model_;
  ClassifierOptions options_;
  std::string load_error_;
};

}  // namespace docket
