#include "classify/fields/labels.h"

#include <cctype>

namespace docket::fields {

extern const char kLabelsData[];  // generated from labels.txt by CMake

namespace {

std::string Trim(std::string_view s) {
  size_t b = s.find_first_not_of(" \t\r"), e = s.find_last_not_of(" \t\r");
  return b == std::string_view::npos ? "" : std::string(s.substr(b, e - b + 1));
}

}  // namespace

std::vector<std::string> LabelTokens(std::string_view text) {
  std::vector<std::string> out;
  std::string cur;
  for (char ch : text) {
    unsigned char c = static_cast<unsigned char>(ch);
    if (std::isalnum(c)) {
      cur += static_cast<char>(std::tolower(c));
      continue;
    }
    if (c == '\'') continue;  // "Buyer's" == "Buyers"
    if (!cur.empty()) out.push_back(std::move(cur)), cur.clear();
    if (c == '#') out.emplace_back("#");
  }
  if (!cur.empty()) out.push_back(std::move(cur));
  return out;
}

Result<LabelTable> ParseLabels(std::string_view text) {
  LabelTable table;
  size_t line_no = 0;
  while (!text.empty()) {
    size_t nl = text.find('\n');
    std::string line = Trim(text.substr(0, nl));
    text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
    ++line_no;
    if (line.empty() || line[0] == '#') continue;
    size_t colon = line.find(':');
    if (colon == std::string::npos || colon == 0) {
      return Status::Invalid("labels line " + std::to_string(line_no) + ": no 'field:'");
    }
    std::string key = Trim(line.substr(0, colon));
    std::vector<Label>& labels = table[key];
    std::string rest = line.substr(colon + 1);
    size_t start = 0;
    while (start <= rest.size()) {
      size_t bar = rest.find('|', start);
      std::string item = Trim(rest.substr(start, bar == std::string::npos ? std::string::npos : bar - start));
      start = bar == std::string::npos ? rest.size() + 1 : bar + 1;
      if (item.empty()) continue;
      Label l;
      if (item[0] == '~') {
        l.inside_line = true;
        item = Trim(item.substr(1));
      }
      // A trailing "(0.6)" is a weight; any other parenthesis is text.
      if (item.size() > 2 && item.back() == ')') {
        size_t open = item.rfind('(');
        std::string w = item.substr(open + 1, item.size() - open - 2);
        if (!w.empty() && (std::isdigit(static_cast<unsigned char>(w[0])) || w[0] == '.')) {
          try {
            l.weight = std::stod(w);
          } catch (const std::exception&) {
            return Status::Invalid("labels line " + std::to_string(line_no) + ": bad weight " + w);
          }
          if (l.weight <= 0 || l.weight > 1) {
            return Status::Invalid("labels line " + std::to_string(line_no) + ": weight outside (0, 1]");
          }
          item = Trim(item.substr(0, open));
        }
      }
      l.text = item;
      l.tokens = LabelTokens(item);
      if (l.tokens.empty()) return Status::Invalid("labels line " + std::to_string(line_no) + ": empty label");
      labels.push_back(std::move(l));
    }
    if (labels.empty()) return Status::Invalid("labels line " + std::to_string(line_no) + ": no labels");
  }
  return table;
}

const LabelTable& Labels() {
  static const LabelTable table = [] {
    auto parsed = ParseLabels(kLabelsData);
    return parsed.ok() ? std::move(*parsed) : LabelTable{};
  }();
  return table;
}

const std::vector<Label>& LabelsFor(const std::string& key) {
  static const std::vector<Label> kNone;
  auto it = Labels().find(key);
  return it == Labels().end() ? kNone : it->second;
}

}  // namespace docket::fields
