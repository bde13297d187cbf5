#include "classify/boundary_eval.h"

#include <cstdio>
#include <set>

#include <boost/json.hpp>

namespace docket {
namespace json = boost::json;

namespace {

struct Counts {
  size_t packets = 0, truth = 0, found = 0, right = 0;
  json::object ToJson() const {
    double p = found ? static_cast<double>(right) / found : 1.0;
    double r = truth ? static_cast<double>(right) / truth : 1.0;
    return json::object{{"packets", packets}, {"true", truth},  {"found", found},
                        {"right", right},     {"precision", p}, {"recall", r},
                        {"f1", p + r > 0 ? 2 * p * r / (p + r) : 0.0}};
  }
};

std::set<int> Boundaries(const std::vector<int>& starts) {
  std::set<int> s(starts.begin(), starts.end());
  if (!s.empty()) s.erase(s.begin());  // the first document's start is no boundary
  return s;
}

}  // namespace

json::object BoundaryReport(const std::vector<BoundaryCase>& cases) {
  Counts all, with, without;
  json::array wrong;
  for (const BoundaryCase& c : cases) {
    std::set<int> t = Boundaries(c.true_starts), f = Boundaries(c.found_starts);
    size_t right = 0;
    json::array missed, extra;
    for (int b : t) {
      if (f.count(b)) {
        ++right;
      } else {
        missed.emplace_back(b);
      }
    }
    for (int b : f) {
      if (!t.count(b)) extra.emplace_back(b);
    }
    for (Counts* k : {&all, c.separators ? &with : &without}) {
      ++k->packets;
      k->truth += t.size();
      k->found += f.size();
      k->right += right;
    }
    if (!missed.empty() || !extra.empty()) {
      wrong.push_back(json::object{{"path", c.path}, {"missed", std::move(missed)}, {"extra", std::move(extra)}});
    }
  }
  json::object o = all.ToJson();
  o["with_separators"] = with.ToJson();
  o["without_separators"] = without.ToJson();
  o["wrong"] = std::move(wrong);
  return o;
}

std::string BoundaryReportText(const json::object& report) {
  auto line = [](const char* what, const json::value& v) {
    const json::object& o = v.as_object();
    char buf[200];
    std::snprintf(buf, sizeof buf, "  %-20s packets %3lld  boundaries %4lld  found %4lld  right %4lld  "
                  "precision %.3f  recall %.3f\n", what,
                  static_cast<long long>(o.at("packets").to_number<int64_t>()),
                  static_cast<long long>(o.at("true").to_number<int64_t>()),
                  static_cast<long long>(o.at("found").to_number<int64_t>()),
                  static_cast<long long>(o.at("right").to_number<int64_t>()),
                  o.at("precision").to_number<double>(), o.at("recall").to_number<double>());
    return std::string(buf);
  };
  std::string s = "Packet boundaries\n";
  s += line("all", report);
  s += line("without separators", report.at("without_separators"));
  s += line("with separators", report.at("with_separators"));
  for (const json::value& w : report.at("wrong").as_array()) {
    s += "  wrong: " + std::string(w.at("path").as_string()) + " missed " + json::serialize(w.at("missed")) +
         " extra " + json::serialize(w.at("extra")) + "\n";
  }
  return s;
}

}  // namespace docket
