#include "classify/packet_split.h"

#include <strings.h>

#include <algorithm>
#include <cctype>
#include <regex>
#include <set>

#include "classify/extract.h"

namespace docket {
namespace {

// Lower-case letters and digits only: how a number or keyword is compared
// on pages where OCR and layout put spaces and punctuation anywhere.
std::string Squash(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  for (unsigned char c : s) {
    if (std::isalnum(c)) out += static_cast<char>(std::tolower(c));
  }
  return out;
}

// The field that names one document of a type: a new value is a new document.
const char* KeyFieldOf(const std::string& type) {
  if (type == "invoice") return "invoice_number";
  if (type == "loan") return "loan_number";
  if (type == "kyc") return "id_number";
  return nullptr;
}

// What one page, read alone, says about where it belongs.
struct PageCues {
  bool blank = false;
  bool separator = false;
  int page_of = 0;  // x of "Page x of n", 0 when not printed
  int page_of_n = 0;
  bool continued = false;  // "Continued", "continuation sheet" near the top
  std::string type = "other";
  double confidence = 0;
  std::string key;   // the page's own document number (squashed), or ""
  std::string text;  // the whole page squashed, to find an earlier page's number
};

PageCues ReadCues(const Page& page, const Classifier& classifier, const PacketSplitOptions& options) {
  PageCues c;
  for (const std::string& code : page.barcodes) {
    if (IsSeparatorBarcode(code, options.separator_barcodes)) {
      c.separator = true;  // before the blank test: a sheet with only a barcode looks blank
      return c;
    }
  }
  c.text = Squash(page.text);
  if (page.origin == "blank" || page.words.size() < 3 || c.text.size() < 8) {
    c.blank = true;
    return c;
  }
  for (const std::string& kw : options.separator_keywords) {
    std::string k = Squash(kw);
    if (!k.empty() && c.text.find(k) != std::string::npos &&
        static_cast<int>(page.words.size()) <= options.separator_max_words) {
      c.separator = true;
      return c;
    }
  }
  std::string lower = page.text;
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char ch) { return std::tolower(ch); });
  static const std::regex kPageOf(R"(\bpage\s+([0-9]{1,3})\s*(?:of|/)\s*([0-9]{1,3})\b)");
  std::smatch m;
  if (std::regex_search(lower, m, kPageOf)) {
    c.page_of = std::stoi(m[1].str());
    c.page_of_n = std::stoi(m[2].str());
    if (c.page_of < 1 || c.page_of > c.page_of_n) c.page_of = c.page_of_n = 0;
  }
  // "Continued" as a heading: in the first few lines only, so a sentence
  // further down ("the offer continued to apply") is no cue.
  size_t top = 0;
  for (int line = 0; line < 4 && top != std::string::npos; ++line) top = lower.find('\n', top + 1);
  std::string head = lower.substr(0, top == std::string::npos ? lower.size() : top);
  c.continued = head.find("continued") != std::string::npos || head.find("continuation") != std::string::npos;

  Classification t = classifier.Classify({page});
  c.type = t.type;
  c.confidence = t.confidence;
  if (const char* key_field = KeyFieldOf(c.type)) {
    FieldSet fields = ExtractFields(c.type, {page});
    if (auto it = fields.find(key_field); it != fields.end()) c.key = Squash(it->second.value);
  }
  return c;
}

// The document being read, as far as the pages so far tell.
struct Segment {
  bool open = false;
  std::string type;
  bool type_sure = false;
  std::set<std::string> keys;  // document numbers read on its pages
};

struct Decision {
  bool start = false;
  bool certain = true;
  std::string why;
};

bool MentionsKey(const PageCues& c, const Segment& s) {
  for (const std::string& k : s.keys) {
    // Short numbers ("12") turn up everywhere; four characters do not.
    if (k.size() >= 4 && c.text.find(k) != std::string::npos) return true;
  }
  return false;
}

Decision Decide(const PageCues& c, const Segment& s, bool after_gap, const PacketSplitOptions& options) {
  bool sure = c.confidence >= options.sure_type;
  // Cues that make the page a continuation, whatever else it says.
  if (c.page_of > 1 && s.open) return {false, true, "page " + std::to_string(c.page_of) + " of " +
                                                        std::to_string(c.page_of_n)};
  if (s.open && MentionsKey(c, s)) return {false, true, "names the document before"};
  if (s.open && c.continued) return {false, true, "continued"};
  if (!s.open) return {true, true, after_gap ? "after a separator" : "first page"};
  if (after_gap) return {true, true, "after a blank page"};
  if (c.page_of == 1) return {true, true, "page 1 of " + std::to_string(c.page_of_n)};
  if (!c.key.empty() && !s.keys.empty() && c.type == s.type && !s.keys.count(c.key)) {
    return {true, true, "new " + std::string(KeyFieldOf(c.type))};
  }
  if (sure && s.type_sure && c.type != s.type) return {true, true, "type " + s.type + " -> " + c.type};
  if (!c.key.empty() && c.type == s.type && s.keys.count(c.key)) return {false, true, "same number"};
  // Weak evidence from here on.
  if (sure && !c.key.empty()) return {true, false, c.type + " page with its own number"};
  if (sure && c.type == s.type) return {true, false, "another sure " + c.type + " page"};
  if (sure && c.type != s.type) return {true, false, "type " + s.type + "? -> " + c.type};
  return {false, false, c.type != s.type ? "unsure " + c.type + " page after " + s.type : ""};
}

}  // namespace

bool IsSeparatorBarcode(const std::string& value, const std::vector<std::string>& codes) {
  for (const std::string& code : codes) {
    if (code.empty()) continue;
    if (code.back() == '*') {
      size_t n = code.size() - 1;
      if (n > 0 && value.size() >= n && strncasecmp(value.c_str(), code.c_str(), n) == 0) return true;
    } else if (value.size() == code.size() && strcasecmp(value.c_str(), code.c_str()) == 0) {
      return true;
    }
  }
  return false;
}

PacketSplit SplitPacket(const std::vector<Page>& pages, const Classifier& classifier,
                        const PacketSplitOptions& options) {
  PacketSplit out;
  if (pages.empty()) return out;
  if (!options.enabled) {
    out.parts.push_back(PacketPart{pages.front().number, pages.back().number, true, "first page"});
    return out;
  }
  Segment seg;
  bool after_gap = false;
  int pending_gap_first = 0;  // blank pages not yet known to lie inside a document
  std::vector<int> gap_pages;
  for (const Page& page : pages) {
    PageCues c = ReadCues(page, classifier, options);
    if (c.separator) {
      // A separator sheet: certain, and whatever blank pages came before
      // it belong to no document either.
      if (!out.parts.empty() && out.parts.back().last_page == 0) {
        out.parts.back().last_page = (gap_pages.empty() ? page.number : pending_gap_first) - 1;
      }
      for (int g : gap_pages) out.separator_pages.push_back(g);
      gap_pages.clear();
      out.separator_pages.push_back(page.number);
      seg = Segment{};
      after_gap = true;
      continue;
    }
    if (c.blank) {
      if (gap_pages.empty()) pending_gap_first = page.number;
      gap_pages.push_back(page.number);
      continue;
    }
    Decision d = Decide(c, seg, after_gap || !gap_pages.empty(), options);
    if (d.start) {
      for (int g : gap_pages) out.separator_pages.push_back(g);
      if (!out.parts.empty() && out.parts.back().last_page == 0) {
        out.parts.back().last_page = gap_pages.empty() ? page.number - 1 : pending_gap_first - 1;
      }
      out.parts.push_back(PacketPart{page.number, 0, d.certain, d.why});
      seg = Segment{};
      seg.open = true;
      seg.type = c.type;
      seg.type_sure = c.confidence >= options.sure_type;
    } else if (!d.certain && !d.why.empty()) {
      out.doubtful_continuations.emplace_back(page.number, d.why);
    }
    gap_pages.clear();  // blank pages inside a document stay in it
    after_gap = false;
    if (!seg.type_sure && c.confidence >= options.sure_type) {
      seg.type = c.type;
      seg.type_sure = true;
    }
    if (!c.key.empty() && c.type == seg.type) seg.keys.insert(c.key);
  }
  for (int g : gap_pages) out.separator_pages.push_back(g);
  if (!out.parts.empty() && out.parts.back().last_page == 0) {
    out.parts.back().last_page = gap_pages.empty() ? pages.back().number : pending_gap_first - 1;
  }
  std::sort(out.separator_pages.begin(), out.separator_pages.end());
  return out;
}

Result<std::vector<PacketPart>> PartsFromStarts(const std::vector<int>& starts, int page_count,
                                                const std::vector<int>& separator_pages) {
  std::set<int> seps(separator_pages.begin(), separator_pages.end());
  for (size_t i = 0; i < starts.size(); ++i) {
    if (starts[i] < 1 || starts[i] > page_count) {
      return Status::Invalid("page " + std::to_string(starts[i]) + " is not a page of the file (1.." +
                             std::to_string(page_count) + ")");
    }
    if (i > 0 && starts[i] <= starts[i - 1]) return Status::Invalid("the first pages must increase");
    if (seps.count(starts[i])) {
      return Status::Invalid("page " + std::to_string(starts[i]) + " is a separator page");
    }
  }
  std::set<int> start_set(starts.begin(), starts.end());
  std::vector<PacketPart> parts;
  bool in_part = false;
  for (int p = 1; p <= page_count; ++p) {
    if (seps.count(p)) {
      in_part = false;
      continue;
    }
    if (!in_part || start_set.count(p)) {
      parts.push_back(PacketPart{p, p, true, start_set.count(p) ? "set by a clerk" : "after a separator"});
      in_part = true;
    } else {
      parts.back().last_page = p;
    }
  }
  if (parts.empty()) return Status::Invalid("the file has no page outside its separators");
  return parts;
}

}  // namespace docket
