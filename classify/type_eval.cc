#include "classify/type_eval.h"

#include <cstdio>
#include <map>

#include <boost/json.hpp>

#include "classify/model.h"

namespace docket {
namespace json = boost::json;

namespace {

// The calibration promise of issue #4: at confidence >= 0.9, <= 1% wrong.
constexpr double kConfident = 0.9;
constexpr double kMaxConfidentError = 0.01;
const double kBinEdges[] = {0.0, 0.5, 0.7, 0.8, 0.9, 0.95, 0.99, 1.0000001};

double Ratio(int a, int b) { return b == 0 ? 0.0 : double(a) / b; }

double Get(const json::object& o, const char* key) {
  auto it = o.find(key);
  if (it == o.end()) return 0;
  if (it->value().is_double()) return it->value().get_double();
  if (it->value().is_int64()) return double(it->value().get_int64());
  if (it->value().is_uint64()) return double(it->value().get_uint64());
  return 0;
}

std::string Fmt(const char* f, double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, f, v);
  return buf;
}

// The format group of a truth "format": born_digital; scanned (scanned_pdf,
// mixed_pdf, tiff); fax (fax_standard, fax_fine); photo; else the format.
std::string GroupOf(const std::string& f) {
  if (f == "scanned_pdf" || f == "mixed_pdf" || f == "tiff") return "scanned";
  if (f == "fax_standard" || f == "fax_fine") return "fax";
  return f;  // born_digital, photo, or what the truth says
}

}  // namespace


json::object TypeReport(const std::vector<EvalCase>& cases, double review_below) {
  int right = 0, confident = 0, confident_wrong = 0, review = 0, review_wrong = 0;
  std::map<std::string, std::map<std::string, int>> confusion;
  std::map<std::string, std::pair<int, int>> groups, formats;  // right, total
  std::vector<std::pair<int, int>> bins(std::size(kBinEdges) - 1, {0, 0});
  std::vector<double> bin_conf(bins.size(), 0);
  json::array errors;
  for (const EvalCase& c : cases) {
    bool ok = c.predicted.type == c.true_type;
    right += ok;
    ++confusion[c.true_type][c.predicted.type];
    auto& g = groups[GroupOf(c.format)];
    g.first += ok, ++g.second;
    auto& f = formats[c.format];
    f.first += ok, ++f.second;
    double conf = c.predicted.confidence;
    for (size_t b = 0; b < bins.size(); ++b) {
      if (conf >= kBinEdges[b] && conf < kBinEdges[b + 1]) {
        bins[b].first += ok, ++bins[b].second;
        bin_conf[b] += conf;
      }
    }
    if (conf >= kConfident) confident++, confident_wrong += !ok;
    if (c.predicted.needs_review) review++, review_wrong += !ok;
    if (!ok) {
      errors.push_back(json::object{{"path", c.path}, {"format", c.format}, {"truth", c.true_type},
                                    {"predicted", c.predicted.type}, {"confidence", conf},
                                    {"needs_review", c.predicted.needs_review}});
    }
  }
  const int n = static_cast<int>(cases.size());
  json::object conf_matrix;
  for (const std::string& t : ModelLabels()) {
    json::object row;
    for (const std::string& p : ModelLabels()) row[p] = confusion[t][p];
    conf_matrix[t] = std::move(row);
  }
  json::object per_group, per_format;
  for (const auto& [name, rt] : groups) {
    per_group[name] = json::object{{"documents", rt.second}, {"accuracy", Ratio(rt.first, rt.second)}};
  }
  for (const auto& [name, rt] : formats) {
    per_format[name] = json::object{{"documents", rt.second}, {"accuracy", Ratio(rt.first, rt.second)}};
  }
  json::array calibration;
  for (size_t b = 0; b < bins.size(); ++b) {
    calibration.push_back(json::object{{"from", kBinEdges[b]},
                                       {"to", std::min(1.0, kBinEdges[b + 1])},
                                       {"documents", bins[b].second},
                                       {"accuracy", Ratio(bins[b].first, bins[b].second)},
                                       {"mean_confidence", bins[b].second ? bin_conf[b] / bins[b].second : 0.0}});
  }
  return json::object{
      {"documents", n},
      {"accuracy", Ratio(right, n)},
      {"confusion", std::move(conf_matrix)},
      {"per_format_group", std::move(per_group)},
      {"per_format", std::move(per_format)},
      {"calibration", std::move(calibration)},
      {"confident", json::object{{"threshold", kConfident},
                                 {"documents", confident},
                                 {"wrong", confident_wrong},
                                 {"error_rate", Ratio(confident_wrong, confident)},
                                 {"holds", confident_wrong <= kMaxConfidentError * confident}}},
      {"needs_review", json::object{{"below", review_below},
                                    {"documents", review},
                                    {"wrong", review_wrong},
                                    {"accuracy_of_the_rest", Ratio(right - (review - review_wrong), n - review)}}},
      {"errors", std::move(errors)}};
}

std::string TypeReportText(const json::object& r) {
  std::string out;
  int n = static_cast<int>(Get(r, "documents"));
  out += "type accuracy: " + Fmt("%.2f%%", 100 * Get(r, "accuracy")) + " of " + std::to_string(n) +
         " documents";
  if (auto m = r.find("model"); m != r.end() && m->value().is_string()) {
    out += " (model: " + std::string(m->value().get_string()) + ")";
  }
  out += "\n\nconfusion (rows: truth, columns: predicted)\n";
  out += std::string(10, ' ');
  for (const std::string& p : ModelLabels()) out += std::string(8 - std::min<size_t>(8, p.size()), ' ') + p;
  out += "\n";
  const json::object& cm = r.at("confusion").as_object();
  for (const std::string& t : ModelLabels()) {
    std::string row = t + std::string(10 - std::min<size_t>(10, t.size()), ' ');
    const json::object& cells = cm.at(t).as_object();
    for (const std::string& p : ModelLabels()) {
      std::string v = std::to_string(static_cast<int>(Get(cells, p.c_str())));
      row += std::string(8 - std::min<size_t>(8, v.size()), ' ') + v;
    }
    out += row + "\n";
  }
  out += "\naccuracy per format\n";
  for (const char* key : {"per_format_group", "per_format"}) {
    for (const auto& kv : r.at(key).as_object()) {
      const json::object& g = kv.value().as_object();
      std::string name = std::string(key == std::string("per_format") ? "  . " : "  ") + std::string(kv.key());
      out += name + std::string(name.size() < 18 ? 18 - name.size() : 1, ' ') +
             Fmt("%7.2f%%", 100 * Get(g, "accuracy")) + "  of " +
             std::to_string(static_cast<int>(Get(g, "documents"))) + "\n";
    }
  }
  out += "\ncalibration (confidence bin: documents, accuracy, mean confidence)\n";
  for (const json::value& v : r.at("calibration").as_array()) {
    const json::object& b = v.as_object();
    int docs = static_cast<int>(Get(b, "documents"));
    out += "  " + Fmt("%.2f", Get(b, "from")) + "-" + Fmt("%.2f", Get(b, "to")) + Fmt("%8.0f", docs) +
           (docs ? Fmt("%9.2f%%", 100 * Get(b, "accuracy")) + Fmt("%8.3f", Get(b, "mean_confidence")) : "") +
           "\n";
  }
  const json::object& c = r.at("confident").as_object();
  bool holds = c.at("holds").as_bool();
  out += "confidence >= " + Fmt("%.2f", Get(c, "threshold")) + ": " +
         std::to_string(static_cast<int>(Get(c, "documents"))) + " documents, " +
         std::to_string(static_cast<int>(Get(c, "wrong"))) + " wrong (" +
         Fmt("%.2f%%", 100 * Get(c, "error_rate")) + "): " +
         (holds ? "holds (at most 1 in 100 wrong)" : "FAILS (more than 1 in 100 wrong)") + "\n";
  const json::object& nr = r.at("needs_review").as_object();
  out += "needs review (confidence < " + Fmt("%.2f", Get(nr, "below")) + "): " +
         std::to_string(static_cast<int>(Get(nr, "documents"))) + " documents, " +
         std::to_string(static_cast<int>(Get(nr, "wrong"))) + " of them wrong; accuracy of the rest " +
         Fmt("%.2f%%", 100 * Get(nr, "accuracy_of_the_rest")) + "\n";
  const json::array& errors = r.at("errors").as_array();
  if (!errors.empty()) {
    out += "\nmisclassified\n";
    for (const json::value& v : errors) {
      const json::object& e = v.as_object();
      out += "  " + std::string(e.at("path").as_string()) + ": " + std::string(e.at("truth").as_string()) +
             " taken for " + std::string(e.at("predicted").as_string()) +
             Fmt(" (%.3f)", Get(e, "confidence")) + "\n";
    }
  }
  return out;
}

}  // namespace docket
