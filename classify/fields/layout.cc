#include "classify/fields/layout.h"

#include <algorithm>
#include <cmath>

namespace docket::fields {
namespace {

std::string Join(const std::vector<Word>& words) {
  std::string out;
  for (const Word& w : words) {
    if (w.text.empty()) continue;
    if (!out.empty()) out += ' ';
    out += w.text;
  }
  return out;
}

double Overlap(double a0, double a1, double b0, double b1) { return std::min(a1, b1) - std::max(a0, b0); }

// Characters counted for widths: UTF-8 lead bytes only.
size_t Chars(const std::string& s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80 ? 1 : 0;
  return n;
}

// Label tokens of one word, with the byte where each ends in the word.
std::vector<std::pair<std::string, size_t>> WordTokens(const std::string& text) {
  std::vector<std::pair<std::string, size_t>> out;
  std::string cur;
  for (size_t i = 0; i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (std::isalnum(c)) {
      cur += static_cast<char>(std::tolower(c));
      continue;
    }
    if (c == '\'') continue;
    if (!cur.empty()) out.emplace_back(std::move(cur), i), cur.clear();
    if (c == '#') out.emplace_back("#", i + 1);
  }
  if (!cur.empty()) out.emplace_back(std::move(cur), text.size());
  return out;
}

// A letter or digit, or a sign that means something next to a value.
bool Meaningful(const std::string& text) {
  for (unsigned char c : text) {
    if (std::isalnum(c) || c >= 0x80 || c == '#' || c == '$' || c == '%' || c == '&') return true;
  }
  return false;
}

}  // namespace

std::string Block::Text() const { return Join(words); }

std::string Line::Text() const {
  std::string out;
  for (const Block& b : blocks) {
    if (!out.empty()) out += ' ';
    out += b.Text();
  }
  return out;
}

Box UnionBox(const std::vector<Word>& words) {
  Box b{1, 1, 0, 0};
  for (const Word& w : words) {
    b.left = std::min(b.left, w.box.left);
    b.top = std::min(b.top, w.box.top);
    b.right = std::max(b.right, w.box.right);
    b.bottom = std::max(b.bottom, w.box.bottom);
  }
  return b;
}

std::vector<Line> BuildLines(const std::vector<Page>& pages, double gap_chars) {
  std::vector<Line> all;
  for (const Page& page : pages) {
    // OCR reads rules, borders and specks as words: blank ones, lone
    // punctuation, and "words" far taller than the page's text are dropped
    // (they would glue unrelated lines together).
    std::vector<double> heights;
    for (const Word& w : page.words) {
      if (Meaningful(w.text)) heights.push_back(w.box.bottom - w.box.top);
    }
    std::sort(heights.begin(), heights.end());
    double median_h = heights.empty() ? 1 : heights[heights.size() / 2];
    std::vector<Word> words;
    for (const Word& w : page.words) {
      if (Meaningful(w.text) && w.box.bottom > w.box.top && w.box.bottom - w.box.top <= 4 * median_h) {
        words.push_back(w);
      }
    }
    std::sort(words.begin(), words.end(), [](const Word& a, const Word& b) {
      return a.box.top + a.box.bottom < b.box.top + b.box.bottom;
    });
    struct Open {
      std::vector<Word> words;
      double top, bottom;
    };
    std::vector<Open> lines;
    for (const Word& w : words) {
      double h = w.box.bottom - w.box.top;
      Open* best = nullptr;
      double best_ratio = 0.5;
      // Only recent lines can share a band with a word sorted by its centre.
      for (size_t i = lines.size() >= 4 ? lines.size() - 4 : 0; i < lines.size(); ++i) {
        Open& l = lines[i];
        double ratio = Overlap(w.box.top, w.box.bottom, l.top, l.bottom) / std::min(h, l.bottom - l.top);
        bool collides = false;
        for (const Word& o : l.words) {
          collides = collides || Overlap(w.box.left, w.box.right, o.box.left, o.box.right) > 0;
        }
        if (ratio > best_ratio && !collides) best = &l, best_ratio = ratio;
      }
      if (best) {
        best->words.push_back(w);
        // The band follows the words' median height, not tall outliers.
        best->top = std::min(best->top, w.box.top);
        best->bottom = std::max(best->bottom, w.box.bottom);
      } else {
        lines.push_back(Open{{w}, w.box.top, w.box.bottom});
      }
    }
    std::sort(lines.begin(), lines.end(), [](const Open& a, const Open& b) { return a.top < b.top; });
    for (Open& o : lines) {
      std::sort(o.words.begin(), o.words.end(), [](const Word& a, const Word& b) { return a.box.left < b.box.left; });
      double width = 0;
      size_t chars = 0;
      for (const Word& w : o.words) width += w.box.right - w.box.left, chars += Chars(w.text);
      double char_w = chars ? width / chars : 0.01;
      Line line;
      line.page = page.number;
      for (const Word& w : o.words) {
        if (line.blocks.empty() || w.box.left - line.blocks.back().box.right > gap_chars * char_w) {
          line.blocks.emplace_back();
          line.blocks.back().box = w.box;
        }
        Block& b = line.blocks.back();
        b.words.push_back(w);
        b.box = UnionBox(b.words);
      }
      for (Block& b : line.blocks) {
        for (size_t wi = 0; wi < b.words.size(); ++wi) {
          for (auto& [t, end] : WordTokens(b.words[wi].text)) b.tokens.push_back(Token{std::move(t), wi, end});
        }
      }
      std::vector<Word> ws = o.words;
      line.box = UnionBox(ws);
      all.push_back(std::move(line));
    }
  }
  return all;
}

std::vector<LabelHit> FindLabel(const std::vector<Line>& lines, const Label& label) {
  std::vector<LabelHit> hits;
  const std::vector<std::string>& want = label.tokens;
  for (size_t li = 0; li < lines.size(); ++li) {
    for (size_t bi = 0; bi < lines[li].blocks.size(); ++bi) {
      const Block& block = lines[li].blocks[bi];
      const std::vector<Token>& toks = block.tokens;
      // Cheap rejection: most blocks start with no token of this label.
      if (!label.inside_line && !toks.empty() && !want.empty() && !want[0].empty() &&
          toks[0].text[0] != want[0][0] &&
          !(toks.size() > 1 && toks[0].text.size() <= 2 && toks[1].text[0] == want[0][0])) {
        continue;
      }
      size_t last_start = label.inside_line ? toks.size() : std::min<size_t>(toks.size(), 1);
      // A numbered label ("5. Name") still starts its block.
      if (!label.inside_line && !toks.empty() && toks[0].text.size() <= 2 &&
          std::isdigit(static_cast<unsigned char>(toks[0].text[0]))) {
        last_start = std::min<size_t>(toks.size(), 2);
      }
      for (size_t s = 0; s < last_start; ++s) {
        size_t k = 0;
        size_t value_offset = 0;
        for (; k < want.size() && s + k < toks.size(); ++k) {
          const std::string& t = toks[s + k].text;
          if (t == want[k]) continue;
          // OCR glues a value to its label ("DateNov 28"): the last label
          // token may be the start of a word, if what follows starts
          // a capitalised word or a number.
          if (k + 1 == want.size() && t.size() > want[k].size() && t.compare(0, want[k].size(), want[k]) == 0) {
            const std::string& raw = block.words[toks[s + k].word].text;
            size_t pos = toks[s + k].end - t.size() + want[k].size();
            if (pos < raw.size() && (std::isupper(static_cast<unsigned char>(raw[pos])) ||
                                     std::isdigit(static_cast<unsigned char>(raw[pos])))) {
              value_offset = pos;
              continue;
            }
          }
          break;
        }
        if (k != want.size()) continue;
        LabelHit h;
        h.line = li;
        h.block = bi;
        h.first_word = toks[s].word;
        h.last_word = toks[s + k - 1].word;
        h.value_offset = value_offset ? value_offset : toks[s + k - 1].end;
        h.label = &label;
        hits.push_back(h);
        break;
      }
    }
  }
  return hits;
}

std::vector<ValueText> ValuesOf(const std::vector<Line>& lines, const LabelHit& hit) {
  std::vector<ValueText> out;
  const Line& line = lines[hit.line];
  const Block& block = line.blocks[hit.block];
  auto strip = [](std::string s) {
    size_t b = s.find_first_not_of(" :#.-=|");
    return b == std::string::npos ? std::string() : s.substr(b);
  };
  // The rest of the label's block.
  {
    ValueText v;
    v.page = line.page;
    const Word& last = block.words[hit.last_word];
    std::string rest = last.text.substr(std::min(hit.value_offset, last.text.size()));
    if (!strip(rest).empty()) v.words.push_back(last);
    std::string text = rest;
    for (size_t i = hit.last_word + 1; i < block.words.size(); ++i) {
      text += " " + block.words[i].text;
      v.words.push_back(block.words[i]);
    }
    // A value in a sentence may run onto the next line ("over a term of 35
    // / years").
    if (hit.label->inside_line && hit.line + 1 < lines.size() && lines[hit.line + 1].page == line.page) {
      text += " " + lines[hit.line + 1].Text();
      for (const Block& b : lines[hit.line + 1].blocks) {
        if (v.words.empty()) v.words = b.words;
      }
    }
    v.text = strip(text);
    v.position = 1.0;
    if (!v.text.empty()) out.push_back(v);
  }
  // The next block to the right.
  for (size_t bi = hit.block + 1; bi < line.blocks.size() && bi <= hit.block + 3; ++bi) {
    const Block& next = line.blocks[bi];
    ValueText v{strip(next.Text()), next.words, line.page, bi == hit.block + 1 ? 0.95 : 0.9};
    if (!v.text.empty()) out.push_back(v);
  }
  // The block below, overlapping the label.
  const Box& lb = block.box;
  for (size_t li = hit.line + 1; li < lines.size() && li <= hit.line + 3; ++li) {
    const Line& below = lines[li];
    if (below.page != line.page) break;
    if (below.box.top - line.box.bottom > 3 * line.Height()) break;
    const Block* best = nullptr;
    for (const Block& b : below.blocks) {
      double ov = Overlap(lb.left, lb.right, b.box.left, b.box.right);
      if (ov > 0 && (!best || std::fabs(b.box.left - lb.left) < std::fabs(best->box.left - lb.left))) best = &b;
    }
    if (best) {
      ValueText v{strip(best->Text()), best->words, below.page, 0.85, true};
      if (!v.text.empty()) out.push_back(v);
      break;
    }
  }
  return out;
}

}  // namespace docket::fields
