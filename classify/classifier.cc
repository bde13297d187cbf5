#include "classify/classifier.h"

#include <algorithm>

#include <mutex>

namespace docket {
namespace {

// Parsed once per process: every default Classifier shares it.
const Result<std::shared_ptr<const TypeModel>>& DefaultModel() {
  static const Result<std::shared_ptr<const TypeModel>> model = TypeModel::Parse(DefaultModelText());
  return model;
}

std::string DirOf(const std::string& path) {
  size_t slash = path.rfind('/');
  return slash == std::string::npos ? "." : path.substr(0, slash);
}

}  // namespace

Classifier::Classifier(const ClassifierOptions& options) : options_(options) {
  const auto& m = DefaultModel();
  if (m.ok()) model_ = *m;
  else load_error_ = m.status().message();
}

Classifier::Classifier(std::shared_ptr<const TypeModel> model, const ClassifierOptions& options)
    : model_(std::move(model)), options_(options) {}

Result<Classifier> Classifier::Default(const ClassifierOptions& options) {
  const auto& m = DefaultModel();
  if (!m.ok()) return m.status().Annotate("the built-in model");
  return Classifier(*m, options);
}

Result<Classifier> Classifier::Load(const std::string& path, const ClassifierOptions& options, Fs* fs) {
  if (fs == nullptr) fs = DefaultFs();
  if (!fs->Exists(path)) return Status::NotFound("no model at " + path);
  auto text = fs->ReadFile(path);
  if (!text.ok()) return text.status();
  auto m = TypeModel::Parse(*text);
  if (!m.ok()) return m.status().Annotate(path);
  return Classifier(*m, options);
}

Status Classifier::Save(const std::string& path, Fs* fs) const {
  if (fs == nullptr) fs = DefaultFs();
  if (!model_) return Status::Invalid("no model to save");
  DOCKET_RETURN_IF_ERROR(fs->MakeDirs(DirOf(path)));
  return fs->WriteAtomic(path, model_->Serialize());
}

Classification Classifier::Classify(const std::vector<Page>& pages, const std::string& hint) const {
  constexpr double kHintOdds = 3.0;
  Classification c;
  if (!model_) {
    c.needs_review = true;
    c.reasons.push_back("no model: " + load_error_);
    return c;
  }
  Prediction p = model_->Predict(pages);
  const auto& labels = ModelLabels();
  auto hinted = std::find(labels.begin(), labels.end(), hint);
  if (!hint.empty() && hinted != labels.end() && p.probabilities.size() == labels.size()) {
    size_t h = static_cast<size_t>(hinted - labels.begin());
    p.probabilities[h] *= kHintOdds;
    double sum = 0;
    for (double q : p.probabilities) sum += q;
    for (double& q : p.probabilities) q /= sum;
    p.label = static_cast<int>(std::max_element(p.probabilities.begin(), p.probabilities.end()) -
                               p.probabilities.begin());
    p.confidence = p.probabilities[p.label];
    // The runner-up too, or the reasons would compare a type with itself.
    p.runner_up = p.label == 0 ? 1 : 0;
    for (size_t j = 0; j < p.probabilities.size(); ++j) {
      if (static_cast<int>(j) != p.label && p.probabilities[j] > p.probabilities[p.runner_up]) {
        p.runner_up = static_cast<int>(j);
      }
    }
  }
  c.type = labels[p.label];
  c.confidence = p.confidence;
  c.needs_review = p.confidence < options_.review_below;
  c.reasons = model_->Explain(pages, p, options_.reasons);
  if (hinted != labels.end() && !hint.empty()) c.reasons.push_back("inbox hint '" + hint + "' x3");
  return c;
}

}  // namespace docket
