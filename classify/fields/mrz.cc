#include "classify/fields/mrz.h"

#include <cstdio>
#include <functional>

#include "classify/fields/validators.h"

namespace docket::fields {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }
bool IsMrzChar(char c) { return IsDigit(c) || IsUpper(c) || c == '<'; }

// What OCR makes of MRZ characters (OCR-B): where the standard says a
// position holds a digit, these letters can only be misread digits, and
// the other way round.
char AsDigit(char c) {
  switch (c) {
    case 'O': case 'Q': case 'D': case 'U': return '0';
    case 'I': case 'L': case 'J': return '1';
    case 'Z': return '2';
    case 'S': return '5';
    case 'G': return '6';
    case 'T': return '7';
    case 'B': return '8';
    default: return c;
  }
}

char AsLetter(char c) {
  switch (c) {
    case '0': return 'O';
    case '1': return 'I';
    case '2': return 'Z';
    case '5': return 'S';
    case '6': return 'G';
    case '8': return 'B';
    default: return c;
  }
}

// The other reading of a character OCR confuses in both directions.
char Confusable(char c) {
  switch (c) {
    case 'O': return '0';
    case '0': return 'O';
    case 'Q': return '0';
    case 'D': return '0';
    case 'I': return '1';
    case '1': return 'I';
    case 'S': return '5';
    case '5': return 'S';
    case 'B': return '8';
    case '8': return 'B';
    case 'Z': return '2';
    case '2': return 'Z';
    default: return 0;
  }
}

// Spaces dropped, '«' read as "<<", anything not in the zone's alphabet as '<'.
std::string Clean(const std::string& line) {
  std::string out;
  for (size_t i = 0; i < line.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(line[i]);
    if (c == 0xC2 && i + 1 < line.size() && static_cast<unsigned char>(line[i + 1]) == 0xAB) {
      out += "<<";
      ++i;
    } else if (c == ' ' || c == '\t') {
      continue;
    } else if (IsMrzChar(static_cast<char>(c))) {
      out += static_cast<char>(c);
    } else if (c >= 0x80) {
      // One misread glyph of several bytes: one filler.
      while (i + 1 < line.size() && (static_cast<unsigned char>(line[i + 1]) & 0xC0) == 0x80) ++i;
      out += '<';
    } else {
      // The zone has no lower case or punctuation: OCR reads the chevron
      // '<' as 'c', 'e', 'k' or a mark.
      out += '<';
    }
  }
  return out;
}

bool LooksLikeMrz(const std::string& s, size_t want) {
  if (s.size() + 4 < want || s.size() > want + 4) return false;
  size_t good = 0, fill = 0;
  for (char c : s) {
    good += IsMrzChar(c) ? 1 : 0;
    fill += c == '<' ? 1 : 0;
  }
  return good * 10 >= s.size() * 9 && fill >= 2;
}

// Makes `s` exactly `want` long by growing or shrinking its longest run of
// filler that starts at or after `from` (OCR drops or doubles '<' in long runs).
bool FitLength(std::string* s, size_t want, size_t from) {
  if (s->size() == want) return true;
  size_t best = 0, best_len = 0;
  for (size_t i = from; i < s->size();) {
    if ((*s)[i] != '<') {
      ++i;
      continue;
    }
    size_t j = i;
    while (j < s->size() && (*s)[j] == '<') ++j;
    if (j - i > best_len) best = i, best_len = j - i;
    i = j;
  }
  if (s->size() < want) {
    if (best_len == 0) return false;
    s->insert(best, want - s->size(), '<');
    return true;
  }
  size_t extra = s->size() - want;
  if (best_len <= extra) return false;
  s->erase(best, extra);
  return true;
}

void ForceDigits(std::string* s, size_t b, size_t e, int* repairs) {
  for (size_t i = b; i < e && i < s->size(); ++i) {
    char d = AsDigit((*s)[i]);
    if (d != (*s)[i]) ++*repairs;
    (*s)[i] = d;
  }
}

void ForceLetters(std::string* s, size_t b, size_t e, int* repairs) {
  for (size_t i = b; i < e && i < s->size(); ++i) {
    char l = AsLetter((*s)[i]);
    if (l != (*s)[i]) ++*repairs;
    (*s)[i] = l;
  }
}

bool CheckHolds(const std::string& field, char check) {
  int d = IcaoCheckDigit(field);
  if (d < 0) return false;
  if (check == '<') return field.find_first_not_of('<') == std::string::npos;
  return check - '0' == d;
}

// The readings of an alphanumeric field (with its check digit at
// `check_pos`) that make the check hold with the fewest swaps of
// confusable characters, at most three swaps.
std::vector<std::string> CheckedReadings(const std::string& field, char check) {
  if (CheckHolds(field, check)) return {field};
  std::vector<size_t> pos;
  for (size_t i = 0; i < field.size(); ++i) {
    if (Confusable(field[i])) pos.push_back(i);
  }
  if (pos.size() > 12) return {};
  std::vector<std::string> best;
  int best_changes = 4;
  for (unsigned mask = 1; mask < (1u << pos.size()); ++mask) {
    int changes = __builtin_popcount(mask);
    if (changes > best_changes) continue;
    std::string t = field;
    for (size_t k = 0; k < pos.size(); ++k) {
      if (mask & (1u << k)) t[pos[k]] = Confusable(t[pos[k]]);
    }
    if (!CheckHolds(t, check)) continue;
    if (changes < best_changes) best.clear(), best_changes = changes;
    best.push_back(t);
  }
  return best;
}

std::string Date(const std::string& yymmdd, bool birth, int expiry_year) {
  for (char c : yymmdd) {
    if (!IsDigit(c)) return "";
  }
  int yy = std::stoi(yymmdd.substr(0, 2)), mm = std::stoi(yymmdd.substr(2, 2)), dd = std::stoi(yymmdd.substr(4, 2));
  if (mm < 1 || mm > 12 || dd < 1 || dd > 31) return "";
  int year = 2000 + yy;
  // A holder is born before the document expires; expiry dates are this century.
  if (birth && (expiry_year == 0 ? year > 2030 : year >= expiry_year)) year -= 100;
  if (!birth && yy >= 70) year -= 100;
  // A check digit holds on "730230" too: only calendar dates are read.
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  if (dd > kDays[mm - 1] + (mm == 2 && leap ? 1 : 0)) return "";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, mm, dd);
  return buf;
}

std::string Unfill(const std::string& s) {
  std::string out;
  for (char c : s) out += c == '<' ? ' ' : c;
  size_t b = out.find_first_not_of(' '), e = out.find_last_not_of(' ');
  if (b == std::string::npos) return "";
  out = out.substr(b, e - b + 1);
  std::string single;
  for (char c : out) {
    if (c == ' ' && !single.empty() && single.back() == ' ') continue;
    single += c;
  }
  return single;
}

// "SCHMIDT<<LUCAS<PIETER<<<<" -> surname, given names. OCR noise after the
// name (a '<' read as 'K' in the filler) is cut at the first run of three.
void ReadName(std::string s, Mrz* m, int* repairs) {
  size_t run = s.find("<<<");
  if (run != std::string::npos) s = s.substr(0, run);
  ForceLetters(&s, 0, s.size(), repairs);
  size_t split = s.find("<<");
  if (split == std::string::npos) {
    m->surname = Unfill(s);
    return;
  }
  m->surname = Unfill(s.substr(0, split));
  m->given_names = Unfill(s.substr(split + 2));
}

// Picks the reading of the document number that its check digit (and, to
// break ties, the composite check) accepts.
std::string RepairNumber(const std::string& number, char check, const std::function<bool(const std::string&)>& composite,
                         int* repairs, bool* ok) {
  std::vector<std::string> readings = CheckedReadings(number, check);
  if (readings.size() > 1) {
    std::vector<std::string> agreed;
    for (const auto& r : readings) {
      if (composite(r)) agreed.push_back(r);
    }
    readings = agreed;
  }
  *ok = readings.size() == 1;
  if (!*ok) return number;
  for (size_t i = 0; i < number.size(); ++i) *repairs += number[i] != readings[0][i] ? 1 : 0;
  return readings[0];
}

std::optional<Mrz> ReadTd3(std::string l1, std::string l2) {
  if (!FitLength(&l2, 44, 28)) return std::nullopt;
  if (l1.size() < 44) l1.append(44 - l1.size(), '<');
  if (l1.size() > 44) l1.resize(44);
  Mrz m;
  m.format = "TD3";
  int repairs = 0;
  ForceLetters(&l1, 0, 1, &repairs);
  ForceLetters(&l1, 2, 5, &repairs);
  ForceDigits(&l2, 9, 10, &repairs);
  ForceLetters(&l2, 10, 13, &repairs);
  ForceDigits(&l2, 13, 20, &repairs);
  ForceDigits(&l2, 21, 28, &repairs);
  if (l2[42] != '<') ForceDigits(&l2, 42, 44, &repairs);
  ForceDigits(&l2, 43, 44, &repairs);
  auto composite_with = [&](const std::string& number) {
    std::string t = l2;
    t.replace(0, 9, number);
    return CheckHolds(t.substr(0, 10) + t.substr(13, 7) + t.substr(21, 22), t[43]);
  };
  l2.replace(0, 9, RepairNumber(l2.substr(0, 9), l2[9], composite_with, &repairs, &m.number_ok));
  m.document_code = l1[0];
  m.issuing_state = l1.substr(2, 3);
  ReadName(l1.substr(5), &m, &repairs);
  m.number = Unfill(l2.substr(0, 9));
  m.nationality = l2.substr(10, 3);
  m.birth_ok = CheckHolds(l2.substr(13, 6), l2[19]);
  m.sex = l2[20];
  m.expiry_ok = CheckHolds(l2.substr(21, 6), l2[27]);
  m.composite_ok = CheckHolds(l2.substr(0, 10) + l2.substr(13, 7) + l2.substr(21, 22), l2[43]);
  m.expiry_date = Date(l2.substr(21, 6), false, 0);
  m.birth_date = Date(l2.substr(13, 6), true, m.expiry_date.empty() ? 0 : std::stoi(m.expiry_date.substr(0, 4)));
  m.repairs = repairs;
  return m;
}

std::optional<Mrz> ReadTd1(std::string l1, std::string l2, std::string l3) {
  if (!FitLength(&l1, 30, 15) || !FitLength(&l2, 30, 18)) return std::nullopt;
  if (l3.size() < 30) l3.append(30 - l3.size(), '<');
  Mrz m;
  m.format = "TD1";
  int repairs = 0;
  ForceLetters(&l1, 0, 1, &repairs);
  ForceLetters(&l1, 2, 5, &repairs);
  ForceDigits(&l1, 14, 15, &repairs);
  ForceDigits(&l2, 0, 7, &repairs);
  ForceDigits(&l2, 8, 15, &repairs);
  ForceLetters(&l2, 15, 18, &repairs);
  ForceDigits(&l2, 29, 30, &repairs);
  auto composite_with = [&](const std::string& number) {
    std::string t = l1;
    t.replace(5, 9, number);
    return CheckHolds(t.substr(5, 25) + l2.substr(0, 7) + l2.substr(8, 7) + l2.substr(18, 11), l2[29]);
  };
  l1.replace(5, 9, RepairNumber(l1.substr(5, 9), l1[14], composite_with, &repairs, &m.number_ok));
  m.document_code = l1[0];
  m.issuing_state = l1.substr(2, 3);
  m.number = Unfill(l1.substr(5, 9));
  m.birth_ok = CheckHolds(l2.substr(0, 6), l2[6]);
  m.sex = l2[7];
  m.expiry_ok = CheckHolds(l2.substr(8, 6), l2[14]);
  m.nationality = l2.substr(15, 3);
  m.composite_ok = CheckHolds(l1.substr(5, 25) + l2.substr(0, 7) + l2.substr(8, 7) + l2.substr(18, 11), l2[29]);
  m.expiry_date = Date(l2.substr(8, 6), false, 0);
  m.birth_date = Date(l2.substr(0, 6), true, m.expiry_date.empty() ? 0 : std::stoi(m.expiry_date.substr(0, 4)));
  ReadName(l3, &m, &repairs);
  m.repairs = repairs;
  return m;
}

}  // namespace

std::optional<Mrz> FindMrz(const std::vector<std::string>& lines) {
  std::vector<std::pair<int, std::string>> kept;  // non-empty lines, cleaned
  for (size_t i = 0; i < lines.size(); ++i) {
    std::string c = Clean(lines[i]);
    if (!c.empty()) kept.emplace_back(static_cast<int>(i), c);
  }
  for (size_t i = 0; i + 1 < kept.size(); ++i) {
    const std::string& a = kept[i].second;
    const std::string& b = kept[i + 1].second;
    if (LooksLikeMrz(a, 44) && LooksLikeMrz(b, 44)) {
      if (auto m = ReadTd3(a, b)) {
        m->lines = {kept[i].first, kept[i + 1].first};
        return m;
      }
    }
    if (i + 2 < kept.size() && LooksLikeMrz(a, 30) && LooksLikeMrz(b, 30) && LooksLikeMrz(kept[i + 2].second, 30)) {
      if (auto m = ReadTd1(a, b, kept[i + 2].second)) {
        m->lines = {kept[i].first, kept[i + 1].first, kept[i + 2].first};
        return m;
      }
    }
  }
  return std::nullopt;
}

}  // namespace docket::fields
