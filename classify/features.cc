#include "classify/features.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace docket {
namespace {

enum Group { kWord = 0, kWords, kChars, kLayout, kGroups };
const char* const kGroupName[kGroups] = {"word", "words", "chars", "layout"};
// Layout cues are 0/1; this keeps one cue from outweighing the text.
constexpr float kLayoutValue = 0.5f;
constexpr size_t kMaxTokenChars = 32;

bool IsDigit(unsigned char c) { return c >= '0' && c <= '9'; }
bool IsAlpha(unsigned char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// Edge punctuation that says nothing about the word ("(invoice):" -> "invoice").
bool IsEdgePunct(unsigned char c) {
  static const std::string kPunct = ".,;:!?()[]{}\"'`*|_-~";
  return kPunct.find(static_cast<char>(c)) != std::string::npos;
}

// Lower case, edge punctuation off, each run of digits folded to one '0' so
// that numbers count by their shape ("0,00,000.0") not their value.
std::string NormaliseToken(const std::string& raw) {
  size_t b = 0, e = raw.size();
  while (b < e && IsEdgePunct(raw[b])) ++b;
  while (e > b && IsEdgePunct(raw[e - 1])) --e;
  std::string out;
  bool in_digits = false;
  for (size_t i = b; i < e; ++i) {
    unsigned char c = raw[i];
    if (IsDigit(c)) {
      if (!in_digits) out += '0';
      in_digits = true;
      continue;
    }
    in_digits = false;
    out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : static_cast<char>(c);
  }
  return out;
}

// UTF-8 code points of `s` (a broken byte becomes its own "code point").
std::vector<std::string> CodePoints(const std::string& s) {
  std::vector<std::string> out;
  for (size_t i = 0; i < s.size();) {
    unsigned char c = s[i];
    size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1;
    if (i + n > s.size()) n = 1;
    for (size_t k = 1; k < n; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) n = 1;
    }
    out.push_back(s.substr(i, n));
    i += n;
  }
  return out;
}

int CountAlpha(const std::string& s) {
  return static_cast<int>(std::count_if(s.begin(), s.end(), [](unsigned char c) { return IsAlpha(c); }));
}

// "1,234.50", "12.345,00", "150000.00": digits ending in a separator and two digits.
bool LooksLikeAmount(const std::string& raw) {
  std::string t = raw;
  while (!t.empty() && !IsDigit(t.back())) t.pop_back();
  if (t.size() < 4) return false;
  size_t n = t.size();
  if (!IsDigit(t[n - 1]) || !IsDigit(t[n - 2]) || (t[n - 3] != '.' && t[n - 3] != ',')) return false;
  return IsDigit(t[n - 4]);
}

// A machine-readable zone line: long, only A-Z, 0-9 and '<', with "<<".
bool LooksLikeMrz(const std::string& line) {
  std::string compact;
  for (char c : line) {
    if (c != ' ') compact += c;
  }
  if (compact.size() < 25 || compact.find("<<") == std::string::npos) return false;
  size_t good = std::count_if(compact.begin(), compact.end(), [](unsigned char c) {
    return (c >= 'A' && c <= 'Z') || IsDigit(c) || c == '<';
  });
  return good * 10 >= compact.size() * 9;
}

std::string Lower(std::string s) {
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return s;
}

// A "total" line in the lower part of a page's lines with an amount on it
// or on one of the next few lines (a text layer often puts a right-hand
// column of figures on lines of its own). Read from the text alone, so that
// a model's stored training texts give the same features as live pages.
bool HasAmount(const std::string& line) {
  size_t i = 0;
  while (i < line.size()) {
    size_t j = line.find(' ', i);
    if (j == std::string::npos) j = line.size();
    if (LooksLikeAmount(line.substr(i, j - i))) return true;
    i = j + 1;
  }
  return false;
}

bool HasTotalsBlock(const std::vector<std::string>& lines) {
  constexpr size_t kLookAhead = 4;
  for (size_t i = lines.size() * 4 / 10; i < lines.size(); ++i) {
    if (Lower(lines[i]).find("total") == std::string::npos) continue;
    for (size_t j = i; j < lines.size() && j <= i + kLookAhead; ++j) {
      if (HasAmount(lines[j])) return true;
    }
  }
  return false;
}

using Counts = std::map<std::string, int>;

void CountDocument(const std::vector<Page>& pages, const FeatureOptions& options, Counts groups[kGroups]) {
  int tokens = 0, numeric = 0, amounts = 0, amount_rows = 0;
  bool mrz = false, totals = false;
  for (const Page& page : pages) {
    std::vector<std::string> lines;
    size_t start = 0;
    while (start <= page.text.size()) {
      size_t end = page.text.find('\n', start);
      if (end == std::string::npos) end = page.text.size();
      std::string line = page.text.substr(start, end - start);
      start = end + 1;
      mrz = mrz || LooksLikeMrz(line);
      lines.push_back(line);
      std::string prev;
      int row_amounts = 0;
      size_t i = 0;
      while (i < line.size()) {
        while (i < line.size() && (line[i] == ' ' || line[i] == '\t' || line[i] == '\r')) ++i;
        size_t j = i;
        while (j < line.size() && line[j] != ' ' && line[j] != '\t' && line[j] != '\r') ++j;
        if (j == i) break;
        std::string raw = line.substr(i, j - i);
        i = j;
        std::string tok = NormaliseToken(raw);
        if (tok.empty()) continue;
        ++tokens;
        if (tok.find('0') != std::string::npos && CountAlpha(tok) == 0) ++numeric;
        if (LooksLikeAmount(raw)) ++amounts, ++row_amounts;
        std::vector<std::string> cps = CodePoints(tok);
        if (cps.size() > kMaxTokenChars) cps.resize(kMaxTokenChars);
        std::string word;
        for (const std::string& cp : cps) word += cp;
        ++groups[kWord][word];
        if (!prev.empty()) ++groups[kWords][prev + " " + word];
        prev = word;
        if (CountAlpha(word) < 2) continue;
        std::vector<std::string> padded;
        padded.push_back("^");
        padded.insert(padded.end(), cps.begin(), cps.end());
        padded.push_back("$");
        for (int n = options.min_char_gram; n <= options.max_char_gram; ++n) {
          for (size_t k = 0; k + n <= padded.size(); ++k) {
            std::string gram;
            for (int m = 0; m < n; ++m) gram += padded[k + m];
            ++groups[kChars][gram];
          }
        }
      }
      if (row_amounts >= 2) ++amount_rows;
      if (end == page.text.size()) break;
    }
    totals = totals || HasTotalsBlock(lines);
  }
  Counts& layout = groups[kLayout];
  if (mrz) layout["mrz"] = 1;
  if (totals) layout["totals_block"] = 1;
  if (amounts >= 4) layout["many_amounts"] = 1;
  if (amount_rows >= 3) layout["amount_table"] = 1;
  layout[tokens < 40 ? "few_words" : tokens < 150 ? "some_words" : "many_words"] = 1;
  if (tokens > 0) {
    double share = double(numeric) / tokens;
    layout[share < 0.15 ? "numbers_few" : share < 0.3 ? "numbers_some" : "numbers_many"] = 1;
  }
}

template <typename F>
void ForEachWeighted(const std::vector<Page>& pages, const FeatureOptions& options, F&& emit) {
  Counts groups[kGroups];
  CountDocument(pages, options, groups);
  for (int g = 0; g < kGroups; ++g) {
    if (g == kLayout) {
      for (const auto& [key, c] : groups[g]) emit(g, key, kLayoutValue);
      continue;
    }
    double norm = 0;
    for (const auto& [key, c] : groups[g]) norm += std::pow(std::log1p(c), 2);
    if (norm <= 0) continue;
    norm = std::sqrt(norm);
    for (const auto& [key, c] : groups[g]) emit(g, key, static_cast<float>(std::log1p(c) / norm));
  }
}

uint32_t BucketOf(int group, const std::string& key, uint32_t buckets) {
  std::string s = kGroupName[group];
  s += ':';
  s += key;
  return static_cast<uint32_t>(Fnv1a64(s) & (buckets - 1));
}

}  // namespace

uint64_t Fnv1a64(const std::string& s) {
  uint64_t h = 0xcbf29ce484222325ull;
  for (unsigned char c : s) {
    h ^= c;
    h *= 0x100000001b3ull;
  }
  return h;
}

std::vector<Feature> ExtractFeatures(const std::vector<Page>& pages, const FeatureOptions& options) {
  std::map<uint32_t, float> merged;
  ForEachWeighted(pages, options, [&](int g, const std::string& key, float v) {
    merged[BucketOf(g, key, options.buckets)] += v;
  });
  std::vector<Feature> out;
  out.reserve(merged.size());
  for (const auto& [b, v] : merged) out.push_back(Feature{b, v});
  return out;
}

std::vector<NamedFeature> ExtractNamedFeatures(const std::vector<Page>& pages,
                                               const FeatureOptions& options) {
  std::map<uint32_t, NamedFeature> merged;
  ForEachWeighted(pages, options, [&](int g, const std::string& key, float v) {
    uint32_t b = BucketOf(g, key, options.buckets);
    NamedFeature& f = merged[b];
    if (f.name.empty()) {
      f.bucket = b;
      f.name = g == kLayout ? std::string("layout ") + key
                            : std::string(kGroupName[g]) + " '" + key + "'";
    }
    f.value += v;
  });
  std::vector<NamedFeature> out;
  out.reserve(merged.size());
  for (auto& [b, f] : merged) out.push_back(std::move(f));
  return out;
}

}  // namespace docket
