#include "classify/model.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <unordered_map>

#include <boost/json.hpp>

namespace docket {
namespace json = boost::json;

namespace {

constexpr const char* kFormat = "docket-type-model";
constexpr int kVersion = 1;
constexpr double kPruneBelow = 1e-4;

struct Row {
  std::vector<std::pair<int, float>> x;  // compact column, value
  int y = 0;
};

struct Weights {
  int cols = 0, k = 0;
  std::vector<double> w;  // col * k + label
  std::vector<double> b;
};

void Softmax(std::vector<double>& z) {
  double m = *std::max_element(z.begin(), z.end());
  double s = 0;
  for (double& v : z) s += (v = std::exp(v - m));
  for (double& v : z) v /= s;
}

std::vector<double> RowLogits(const Weights& m, const Row& r) {
  std::vector<double> z = m.b;
  for (const auto& [c, v] : r.x) {
    const double* w = &m.w[static_cast<size_t>(c) * m.k];
    for (int j = 0; j < m.k; ++j) z[j] += v * w[j];
  }
  return z;
}

// Mean log loss + l2/2 |W|^2, minimised by Nesterov's accelerated gradient
// with the step 1/L from the softmax curvature bound (0.5 |x|^2). No random
// numbers: the same rows give the same weights.
Weights Fit(const std::vector<Row>& rows, int cols, int k, const TrainOptions& o) {
  Weights theta{cols, k, std::vector<double>(static_cast<size_t>(cols) * k, 0.0),
                std::vector<double>(k, 0.0)};
  if (rows.empty()) return theta;
  double max_sq = 0;
  for (const Row& r : rows) {
    double sq = 1;  // the bias
    for (const auto& [c, v] : r.x) sq += double(v) * v;
    max_sq = std::max(max_sq, sq);
  }
  double step = 1.0 / (0.5 * max_sq + o.l2);
  Weights look = theta, grad = theta;
  double n = static_cast<double>(rows.size());
  for (int t = 1; t <= o.iterations; ++t) {
    std::fill(grad.w.begin(), grad.w.end(), 0.0);
    std::fill(grad.b.begin(), grad.b.end(), 0.0);
    for (const Row& r : rows) {
      std::vector<double> p = RowLogits(look, r);
      Softmax(p);
      p[r.y] -= 1;
      for (int j = 0; j < k; ++j) grad.b[j] += p[j] / n;
      for (const auto& [c, v] : r.x) {
        double* g = &grad.w[static_cast<size_t>(c) * k];
        for (int j = 0; j < k; ++j) g[j] += v * p[j] / n;
      }
    }
    double momentum = (t - 1.0) / (t + 2.0);
    for (size_t i = 0; i < theta.w.size(); ++i) {
      double next = look.w[i] - step * (grad.w[i] + o.l2 * look.w[i]);
      look.w[i] = next + momentum * (next - theta.w[i]);
      theta.w[i] = next;
    }
    for (int j = 0; j < k; ++j) {
      double next = look.b[j] - step * grad.b[j];
      look.b[j] = next + momentum * (next - theta.b[j]);
      theta.b[j] = next;
    }
  }
  return theta;
}

double MeanLogLoss(const std::vector<std::vector<double>>& logits, const std::vector<int>& y, double t) {
  double loss = 0;
  for (size_t i = 0; i < logits.size(); ++i) {
    std::vector<double> z = logits[i];
    for (double& v : z) v /= t;
    Softmax(z);
    loss -= std::log(std::max(z[y[i]], 1e-300));
  }
  return loss / std::max<size_t>(1, logits.size());
}

struct Confident {
  int right = 0, wrong = 0, count = 0, confident = 0, confident_wrong = 0;
};

Confident Tally(const std::vector<std::vector<double>>& logits, const std::vector<int>& y, double t,
                double threshold) {
  Confident c;
  for (size_t i = 0; i < logits.size(); ++i) {
    std::vector<double> z = logits[i];
    for (double& v : z) v /= t;
    Softmax(z);
    int best = static_cast<int>(std::max_element(z.begin(), z.end()) - z.begin());
    bool ok = best == y[i];
    ++c.count;
    (ok ? c.right : c.wrong) += 1;
    if (z[best] >= threshold) {
      ++c.confident;
      c.confident_wrong += ok ? 0 : 1;
    }
  }
  return c;
}

// The temperature: the best log loss on held-out logits, between 1 and 100,
// then raised until the calibration promise holds on those same
// predictions. Never below 1: cross-validation on a few dozen documents
// rarely sees the mistakes a new layout brings: sharpened to the fitted 0.57,
// the default model called an invoice layout it never saw (samples/novel)
// "other" at 0.92; at 1 it says at most 0.73 and asks for review.
double FitTemperature(const std::vector<std::vector<double>>& logits, const std::vector<int>& y,
                      const TrainOptions& o) {
  double lo = 0, hi = std::log(100.0);
  const double g = (std::sqrt(5.0) - 1) / 2;
  for (int i = 0; i < 60; ++i) {
    double a = hi - g * (hi - lo), b = lo + g * (hi - lo);
    if (MeanLogLoss(logits, y, std::exp(a)) <= MeanLogLoss(logits, y, std::exp(b))) hi = b;
    else lo = a;
  }
  double t = std::exp((lo + hi) / 2);
  for (int i = 0; i < 200; ++i) {
    Confident c = Tally(logits, y, t, o.confident);
    if (c.confident_wrong <= (1 - o.precision) * c.confident + 1e-9) break;
    t *= 1.05;
  }
  return t;
}

std::string Num(double v, int digits) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.*g", digits, v);
  return buf;
}

Status Bad(const std::string& why) { return Status::Corrupt("type model: " + why); }

}  // namespace

const std::vector<std::string>& ModelLabels() {
  static const std::vector<std::string> labels = {"invoice", "loan", "kyc", "other"};
  return labels;
}

std::vector<Page> PagesFromTexts(const std::vector<std::string>& texts) {
  std::vector<Page> pages;
  for (size_t i = 0; i < texts.size(); ++i) {
    Page p;
    p.number = static_cast<int>(i + 1);
    p.text = texts[i];
    pages.push_back(std::move(p));
  }
  return pages;
}

json::object TrainReport::ToJson() const {
  json::object labels;
  for (size_t i = 0; i < per_label.size() && i < ModelLabels().size(); ++i) {
    labels[ModelLabels()[i]] = per_label[i];
  }
  return json::object{{"examples", examples},
                      {"per_label", std::move(labels)},
                      {"cv_accuracy", cv_accuracy},
                      {"cv_confident", cv_confident},
                      {"cv_confident_wrong", cv_confident_wrong},
                      {"temperature", temperature}};
}

Result<std::shared_ptr<const TypeModel>> TypeModel::Train(std::vector<Example> examples,
                                                          const TrainOptions& o, TrainReport* report) {
  const std::vector<std::string>& labels = ModelLabels();
  const int k = static_cast<int>(labels.size());
  if ((o.features.buckets & (o.features.buckets - 1)) != 0 || o.features.buckets == 0) {
    return Status::Invalid("feature buckets must be a power of two");
  }
  if (o.folds < 2 || o.iterations < 1) return Status::Invalid("need at least 2 folds and 1 iteration");

  // The same document twice: the later label wins (a clerk's correction
  // comes after the label it corrects), in the place of the first.
  std::map<std::string, size_t> seen;
  std::vector<Example> unique;
  for (Example& e : examples) {
    if (std::find(labels.begin(), labels.end(), e.label) == labels.end()) {
      return Status::Invalid("unknown type '" + e.label + "' in the training examples");
    }
    if (!e.sha256.empty()) {
      auto it = seen.find(e.sha256);
      if (it != seen.end()) {
        unique[it->second] = std::move(e);
        continue;
      }
      seen[e.sha256] = unique.size();
    }
    unique.push_back(std::move(e));
  }
  std::vector<int> per_label(k, 0);
  for (const Example& e : unique) {
    ++per_label[std::find(labels.begin(), labels.end(), e.label) - labels.begin()];
  }
  if (std::count_if(per_label.begin(), per_label.end(), [](int n) { return n > 0; }) < 2) {
    return Status::Invalid("training needs examples of at least two types");
  }

  // Features, with the buckets in use numbered compactly.
  std::unordered_map<uint32_t, int> col_of;
  std::vector<uint32_t> bucket_of;
  std::vector<Row> rows;
  for (const Example& e : unique) {
    Row r;
    r.y = static_cast<int>(std::find(labels.begin(), labels.end(), e.label) - labels.begin());
    for (const Feature& f : ExtractFeatures(PagesFromTexts(e.pages), o.features)) {
      auto [it, added] = col_of.emplace(f.bucket, static_cast<int>(bucket_of.size()));
      if (added) bucket_of.push_back(f.bucket);
      r.x.emplace_back(it->second, f.value);
    }
    rows.push_back(std::move(r));
  }
  const int cols = static_cast<int>(bucket_of.size());

  // Cross-validated logits: fold = rank of the example within its label,
  // modulo the folds, so every fold holds every label.
  std::vector<int> fold(rows.size());
  std::vector<int> rank(k, 0);
  for (size_t i = 0; i < rows.size(); ++i) fold[i] = rank[rows[i].y]++ % o.folds;
  std::vector<std::vector<double>> cv_logits(rows.size());
  std::vector<int> y(rows.size());
  for (size_t i = 0; i < rows.size(); ++i) y[i] = rows[i].y;
  for (int f = 0; f < o.folds; ++f) {
    std::vector<Row> train;
    for (size_t i = 0; i < rows.size(); ++i) {
      if (fold[i] != f) train.push_back(rows[i]);
    }
    if (train.size() == rows.size()) continue;
    Weights w = Fit(train, cols, k, o);
    for (size_t i = 0; i < rows.size(); ++i) {
      if (fold[i] == f) cv_logits[i] = RowLogits(w, rows[i]);
    }
  }
  double temperature = FitTemperature(cv_logits, y, o);
  Confident tally = Tally(cv_logits, y, temperature, o.confident);

  Weights all = Fit(rows, cols, k, o);
  auto model = std::shared_ptr<TypeModel>(new TypeModel());
  model->features_ = o.features;
  model->temperature_ = temperature;
  model->bias_ = all.b;
  model->weights_.assign(static_cast<size_t>(o.features.buckets) * k, 0.0f);
  for (int c = 0; c < cols; ++c) {
    for (int j = 0; j < k; ++j) {
      double v = all.w[static_cast<size_t>(c) * k + j];
      if (std::abs(v) >= kPruneBelow) model->weights_[static_cast<size_t>(bucket_of[c]) * k + j] = float(v);
    }
  }
  TrainReport rep;
  rep.per_label = per_label;
  rep.examples = static_cast<int>(rows.size());
  rep.cv_accuracy = tally.count ? double(tally.right) / tally.count : 0;
  rep.cv_confident = tally.confident;
  rep.cv_confident_wrong = tally.confident_wrong;
  rep.temperature = temperature;
  model->training_ = rep.ToJson();
  model->training_["l2"] = o.l2;
  model->training_["iterations"] = o.iterations;
  model->training_["folds"] = o.folds;
  model->training_["confident_at"] = o.confident;
  model->examples_ = std::move(unique);
  if (report) *report = rep;
  return std::shared_ptr<const TypeModel>(std::move(model));
}

std::vector<double> TypeModel::Logits(const std::vector<Feature>& x) const {
  const size_t k = bias_.size();
  std::vector<double> z = bias_;
  for (const Feature& f : x) {
    const float* w = &weights_[static_cast<size_t>(f.bucket) * k];
    for (size_t j = 0; j < k; ++j) z[j] += f.value * w[j];
  }
  return z;
}

Prediction TypeModel::Predict(const std::vector<Page>& pages) const {
  std::vector<double> z = Logits(ExtractFeatures(pages, features_));
  for (double& v : z) v /= temperature_;
  Softmax(z);
  Prediction p;
  std::vector<int> order(z.size());
  for (size_t i = 0; i < z.size(); ++i) order[i] = static_cast<int>(i);
  std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return z[a] > z[b]; });
  p.label = order[0];
  p.runner_up = order.size() > 1 ? order[1] : order[0];
  p.confidence = z[p.label];
  p.probabilities = std::move(z);
  return p;
}

std::vector<std::string> TypeModel::Explain(const std::vector<Page>& pages, const Prediction& p,
                                            int n) const {
  const size_t k = bias_.size();
  std::vector<std::pair<double, std::string>> gains;
  for (const NamedFeature& f : ExtractNamedFeatures(pages, features_)) {
    const float* w = &weights_[static_cast<size_t>(f.bucket) * k];
    double gain = f.value * (double(w[p.label]) - w[p.runner_up]) / temperature_;
    if (gain > 0) gains.emplace_back(gain, f.name);
  }
  std::stable_sort(gains.begin(), gains.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });
  std::vector<std::string> out;
  for (size_t i = 0; i < gains.size() && static_cast<int>(i) < n; ++i) {
    out.push_back(gains[i].second + " " + Num(gains[i].first, 3).insert(0, "+"));
  }
  return out;
}

std::string TypeModel::Serialize() const {
  const size_t k = bias_.size();
  json::array labels;
  for (const std::string& l : ModelLabels()) labels.emplace_back(l);
  std::string out = "{\"format\":\"" + std::string(kFormat) + "\",\"version\":" + std::to_string(kVersion) +
                    ",\n\"labels\":" + json::serialize(labels) +
                    ",\n\"features\":{\"buckets\":" + std::to_string(features_.buckets) +
                    ",\"char_grams\":[" + std::to_string(features_.min_char_gram) + "," +
                    std::to_string(features_.max_char_gram) + "]}" +
                    ",\n\"temperature\":" + Num(temperature_, 17) + ",\n\"bias\":[";
  for (size_t j = 0; j < k; ++j) out += (j ? "," : "") + Num(bias_[j], 17);
  out += "],\n\"training\":" + json::serialize(training_) + ",\n\"weights\":[";
  bool first = true;
  for (size_t b = 0; b < features_.buckets; ++b) {
    const float* w = &weights_[b * k];
    if (std::none_of(w, w + k, [](float v) { return v != 0; })) continue;
    out += first ? "\n[" : ",\n[";
    first = false;
    out += std::to_string(b);
    for (size_t j = 0; j < k; ++j) out += "," + Num(w[j], 5);
    out += "]";
  }
  out += "],\n\"examples\":[";
  for (size_t i = 0; i < examples_.size(); ++i) {
    const Example& e = examples_[i];
    json::array pages;
    for (const std::string& t : e.pages) pages.emplace_back(t);
    json::object o{{"sha256", e.sha256}, {"label", e.label}, {"origin", e.origin}, {"pages", std::move(pages)}};
    out += (i ? ",\n" : "\n") + json::serialize(o);
  }
  out += "]}\n";
  return out;
}

Result<std::shared_ptr<const TypeModel>> TypeModel::Parse(std::string_view text) {
  boost::system::error_code ec;
  json::value v = json::parse(text, ec);
  if (ec) return Bad("not JSON: " + ec.message());
  const json::object* o = v.if_object();
  if (!o) return Bad("not a JSON object");
  auto str = [&](const char* key) -> const json::string* {
    auto it = o->find(key);
    return it == o->end() ? nullptr : it->value().if_string();
  };
  auto num = [](const json::value& x, double* out) {
    if (x.is_double()) *out = x.get_double();
    else if (x.is_int64()) *out = double(x.get_int64());
    else if (x.is_uint64()) *out = double(x.get_uint64());
    else return false;
    return std::isfinite(*out);
  };
  if (!str("format") || *str("format") != kFormat) return Bad("not a docket type model");
  auto ver = o->find("version");
  if (ver == o->end() || !ver->value().is_int64()) return Bad("no version");
  if (ver->value().get_int64() > kVersion) {
    return Status::Unsupported("type model: version " + std::to_string(ver->value().get_int64()) +
                               " is newer than this docket reads");
  }
  const size_t k = ModelLabels().size();
  auto labels = o->find("labels");
  if (labels == o->end() || !labels->value().is_array() || labels->value().get_array().size() != k) {
    return Bad("labels missing or not the four types");
  }
  for (size_t j = 0; j < k; ++j) {
    const json::value& l = labels->value().get_array()[j];
    if (!l.is_string() || l.get_string() != ModelLabels()[j]) return Bad("labels not the four types in order");
  }
  auto model = std::shared_ptr<TypeModel>(new TypeModel());
  auto feats = o->find("features");
  if (feats == o->end() || !feats->value().is_object()) return Bad("no feature options");
  const json::object& fo = feats->value().get_object();
  auto buckets = fo.find("buckets");
  auto grams = fo.find("char_grams");
  if (buckets == fo.end() || !buckets->value().is_int64() || grams == fo.end() ||
      !grams->value().is_array() || grams->value().get_array().size() != 2 ||
      !grams->value().get_array()[0].is_int64() || !grams->value().get_array()[1].is_int64()) {
    return Bad("feature options incomplete");
  }
  int64_t nb = buckets->value().get_int64();
  int64_t g0 = grams->value().get_array()[0].get_int64(), g1 = grams->value().get_array()[1].get_int64();
  if (nb < 2 || nb > (1 << 24) || (nb & (nb - 1)) != 0) return Bad("bucket count not a power of two");
  if (g0 < 1 || g1 < g0 || g1 > 8) return Bad("character n-gram sizes out of range");
  model->features_.buckets = static_cast<uint32_t>(nb);
  model->features_.min_char_gram = static_cast<int>(g0);
  model->features_.max_char_gram = static_cast<int>(g1);
  auto temp = o->find("temperature");
  if (temp == o->end() || !num(temp->value(), &model->temperature_) || model->temperature_ <= 0) {
    return Bad("temperature missing or not positive");
  }
  auto bias = o->find("bias");
  if (bias == o->end() || !bias->value().is_array() || bias->value().get_array().size() != k) {
    return Bad("bias missing");
  }
  model->bias_.resize(k);
  for (size_t j = 0; j < k; ++j) {
    if (!num(bias->value().get_array()[j], &model->bias_[j])) return Bad("bias not a number");
  }
  auto weights = o->find("weights");
  if (weights == o->end() || !weights->value().is_array()) return Bad("weights missing");
  model->weights_.assign(static_cast<size_t>(nb) * k, 0.0f);
  for (const json::value& row : weights->value().get_array()) {
    const json::array* r = row.if_array();
    if (!r || r->size() != k + 1 || !(*r)[0].is_int64()) return Bad("a weight row is malformed");
    int64_t b = (*r)[0].get_int64();
    if (b < 0 || b >= nb) return Bad("a weight row names a bucket out of range");
    for (size_t j = 0; j < k; ++j) {
      double w;
      if (!num((*r)[j + 1], &w)) return Bad("a weight is not a number");
      model->weights_[static_cast<size_t>(b) * k + j] = static_cast<float>(w);
    }
  }
  if (auto tr = o->find("training"); tr != o->end() && tr->value().is_object()) {
    model->training_ = tr->value().get_object();
  }
  if (auto ex = o->find("examples"); ex != o->end()) {
    if (!ex->value().is_array()) return Bad("examples not a list");
    for (const json::value& e : ex->value().get_array()) {
      const json::object* eo = e.if_object();
      if (!eo) return Bad("an example is not an object");
      Example x;
      auto get = [&](const char* key, std::string* out) {
        auto it = eo->find(key);
        if (it != eo->end() && it->value().is_string()) *out = it->value().get_string().c_str();
      };
      get("sha256", &x.sha256);
      get("label", &x.label);
      get("origin", &x.origin);
      if (std::find(ModelLabels().begin(), ModelLabels().end(), x.label) == ModelLabels().end()) {
        return Bad("an example has an unknown label");
      }
      auto pages = eo->find("pages");
      if (pages == eo->end() || !pages->value().is_array()) return Bad("an example has no pages");
      for (const json::value& p : pages->value().get_array()) {
        if (!p.is_string()) return Bad("an example page is not text");
        x.pages.emplace_back(p.get_string().c_str());
      }
      model->examples_.push_back(std::move(x));
    }
  }
  return std::shared_ptr<const TypeModel>(std::move(model));
}

}  // namespace docket
