#include "classify/field_eval.h"

#include <cmath>
#include <cstdio>
#include <functional>
#include <map>
#include <set>

#include <boost/json.hpp>

namespace docket {
namespace {

namespace json = boost::json;

struct Count {
  size_t right = 0, found = 0, truth = 0;
};

json::object Figures(const Count& c) {
  double p = c.found ? double(c.right) / c.found : 0, r = c.truth ? double(c.right) / c.truth : 0;
  return json::object{{"precision", p},   {"recall", r},      {"f1", p + r > 0 ? 2 * p * r / (p + r) : 0.0},
                      {"right", c.right}, {"found", c.found}, {"truth", c.truth}};
}

bool Numeric(const std::string& name) {
  return name == "total_amount" || name == "tax_amount" || name == "loan_amount" || name == "interest_rate" ||
         name == "term_months";
}

bool NameLike(const std::string& name) {
  return name == "vendor_name" || name == "customer_name" || name == "applicant_name" || name == "full_name";
}

std::string Folded(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c != ' ' && c != '\t') out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

double Num(const json::object& o, const char* k) { return o.at(k).to_number<double>(); }

std::string Row(const std::string& label, const json::object& f) {
  char buf[160];
  std::snprintf(buf, sizeof buf, "  %-22s %9.3f %9.3f %9.3f %7zu %7zu %7zu\n", label.c_str(), Num(f, "precision"),
                Num(f, "recall"), Num(f, "f1"), static_cast<size_t>(Num(f, "right")),
                static_cast<size_t>(Num(f, "found")), static_cast<size_t>(Num(f, "truth")));
  return buf;
}

}  // namespace

std::string FormatGroup(const std::string& format) {
  if (format == "scanned_pdf" || format == "mixed_pdf" || format == "tiff") return "scanned";
  if (format == "fax_standard" || format == "fax_fine") return "fax";
  return format;  // born_digital, photo
}

bool SameFieldValue(const std::string& name, const std::string& truth, const std::string& found) {
  if (Numeric(name)) {
    try {
      size_t a = 0, b = 0;
      double t = std::stod(truth, &a), f = std::stod(found, &b);
      return a == truth.size() && b == found.size() && std::fabs(t - f) < 0.005;
    } catch (const std::exception&) {
      return false;
    }
  }
  if (NameLike(name)) return Folded(truth) == Folded(found);
  return truth == found;
}

json::object FieldReport(const std::vector<EvalCase>& cases, const FieldReportOptions& options) {
  Count overall;
  std::map<std::string, Count> by_field, by_type, by_group, by_format;
  json::array errors;
  // A field no truth file of the set labels cannot be scored (a corpus
  // made before the field existed): it is counted apart, not as wrong.
  std::set<std::string> labelled;
  for (const EvalCase& c : cases) {
    for (const auto& kv : c.true_fields) labelled.insert(kv.first);
  }
  size_t unscored = 0;
  for (const EvalCase& c : cases) {
    auto add = [&](auto member) {
      for (Count* k : {&overall, &by_field[member.first], &by_type[c.true_type], &by_group[FormatGroup(c.format)],
                       &by_format[c.format]}) {
        member.second(k);
      }
    };
    for (const auto& [name, value] : c.true_fields) {
      add(std::pair<std::string, std::function<void(Count*)>>(name, [](Count* k) { ++k->truth; }));
      auto it = c.predicted_fields.find(name);
      if (it == c.predicted_fields.end() && options.list_errors) {
        errors.push_back(json::object{{"path", c.path}, {"field", name}, {"truth", value}, {"found", nullptr}});
      }
    }
    for (const auto& [name, field] : c.predicted_fields) {
      if (!labelled.count(name)) {
        ++unscored;
        continue;
      }
      auto it = c.true_fields.find(name);
      bool right = it != c.true_fields.end() && SameFieldValue(name, it->second, field.value);
      add(std::pair<std::string, std::function<void(Count*)>>(name, [right](Count* k) {
        ++k->found;
        k->right += right ? 1 : 0;
      }));
      if (!right && options.list_errors) {
        errors.push_back(json::object{{"path", c.path},
                                      {"field", name},
                                      {"truth", it == c.true_fields.end() ? json::value(nullptr) : json::value(it->second)},
                                      {"found", field.value},
                                      {"confidence", field.confidence}});
      }
    }
  }
  auto table = [](const std::map<std::string, Count>& m) {
    json::object o;
    for (const auto& [k, c] : m) o[k] = Figures(c);
    return o;
  };
  json::object report{{"overall", Figures(overall)},
                      {"by_field", table(by_field)},
                      {"by_type", table(by_type)},
                      {"by_format_group", table(by_group)},
                      {"by_format", table(by_format)},
                      {"unscored", unscored}};
  if (options.list_errors) report["errors"] = std::move(errors);
  return report;
}

std::string FieldReportText(const json::object& report) {
  std::string out = "fields";
  if (auto it = report.find("types_used"); it != report.end() && it->value().is_string()) {
    out += std::string(" (extracted with the ") + it->value().get_string().c_str() + " types)";
  }
  out += ":\n";
  char head[160];
  std::snprintf(head, sizeof head, "  %-22s %9s %9s %9s %7s %7s %7s\n", "", "precision", "recall", "F1", "right",
                "found", "truth");
  out += head;
  out += Row("all", report.at("overall").as_object());
  if (auto it = report.find("unscored"); it != report.end() && it->value().to_number<double>() > 0) {
    out += "  (" + boost::json::serialize(it->value()) + " fields found of names no truth file labels: not scored)\n";
  }
  for (const char* section : {"by_format_group", "by_type", "by_field", "by_format"}) {
    out += std::string(section) + ":\n";
    for (const auto& kv : report.at(section).as_object()) out += Row(kv.key(), kv.value().as_object());
  }
  if (auto it = report.find("errors"); it != report.end()) {
    out += "errors:\n";
    for (const auto& e : it->value().as_array()) {
      const json::object& o = e.as_object();
      auto str = [&](const char* k) {
        const json::value& v = o.at(k);
        return v.is_string() ? std::string(v.get_string()) : std::string("-");
      };
      out += "  " + str("path") + "  " + str("field") + ": found " + str("found") + ", truth " + str("truth") + "\n";
    }
  }
  return out;
}

}  // namespace docket
