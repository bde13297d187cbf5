// Lines and blocks of a page rebuilt from word boxes (Tesseract's or the
// PDF text layer's), so that a value can be looked for right of or below
// its label. Pure, thread-safe.
#pragma once

#include <string>
#include <vector>

#include "classify/fields/labels.h"
#include "store/record.h"

namespace docket::fields {

// A label token of a block (lower-cased letters and digits, or "#"), with
// the word it comes from and the byte where it ends in that word.
struct Token {
  std::string text;
  size_t word = 0, end = 0;
};

// A run of words on one line with no wide gap: a label, a value, a cell.
struct Block {
  std::vector<Word> words;
  Box box;
  // Made once by BuildLines: every label is looked for in every block, so
  // tokenising per label was most of a born-digital page's CPU time.
  std::vector<Token> tokens;
  std::string Text() const;  // the words joined with single spaces
};

struct Line {
  int page = 0;  // from 1
  Box box;
  std::vector<Block> blocks;  // left to right
  std::string Text() const;   // the blocks joined with single spaces
  double Height() const { return box.bottom - box.top; }
};

// Every page's words grouped into lines (top to bottom, page after page)
// and each line into blocks, split where the gap between two words is
// wider than `gap_chars` average character widths.
std::vector<Line> BuildLines(const std::vector<Page>& pages, double gap_chars = 2.2);

// Where in a block a label was found: the words it covers and what follows.
struct LabelHit {
  size_t line = 0, block = 0;
  size_t first_word = 0, last_word = 0;  // the label's words in the block
  size_t value_offset = 0;  // bytes of words[last_word].text taken by the label (the rest is value)
  const Label* label = nullptr;
};

// The places `label` is printed. A label must start its block unless it
// is marked inside_line.
std::vector<LabelHit> FindLabel(const std::vector<Line>& lines, const Label& label);

// A value candidate: text and the words it came from.
struct ValueText {
  std::string text;
  std::vector<Word> words;
  int page = 0;
  double position = 1.0;  // 1 same block, 0.95 next block right, 0.9 further right, 0.85 below
  bool below = false;      // on a line below the label's
};

// What a label may label, best placed first: the rest of its block, the
// blocks to its right on its line (nearest first), the block below it (on
// the first line below within three line heights, overlapping the label).
std::vector<ValueText> ValuesOf(const std::vector<Line>& lines, const LabelHit& hit);

Box UnionBox(const std::vector<Word>& words);

}  // namespace docket::fields
