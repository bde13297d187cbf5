#include "classify/fields/validators.h"

#include <cctype>
#include <string>

namespace docket::fields {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }

int Base36(char c) {
  if (IsDigit(c)) return c - '0';
  if (IsUpper(c)) return c - 'A' + 10;
  return -1;
}

}  // namespace

bool ValidPan(std::string_view s) {
  if (s.size() != 10) return false;
  for (int i = 0; i < 5; ++i) {
    if (!IsUpper(s[i])) return false;
  }
  for (int i = 5; i < 9; ++i) {
    if (!IsDigit(s[i])) return false;
  }
  if (!IsUpper(s[9])) return false;
  return std::string_view("PCHFABLJGTK").find(s[3]) != std::string_view::npos;
}

bool ValidGstin(std::string_view s) {
  if (s.size() != 15 || !IsDigit(s[0]) || !IsDigit(s[1])) return false;
  int state = (s[0] - '0') * 10 + (s[1] - '0');
  if (state < 1 || state > 38) return false;
  if (!ValidPan(s.substr(2, 10)) || s[13] != 'Z') return false;
  int sum = 0;
  for (int i = 0; i < 14; ++i) {
    int v = Base36(s[i]);
    if (v < 0) return false;
    int p = v * (i % 2 == 0 ? 1 : 2);
    sum += p / 36 + p % 36;
  }
  const char* alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  return s[14] == alphabet[(36 - sum % 36) % 36];
}

bool ValidAadhaar(std::string_view s) {
  static const int d[10][10] = {
      {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, {1, 2, 3, 4, 0, 6, 7, 8, 9, 5}, {2, 3, 4, 0, 1, 7, 8, 9, 5, 6},
      {3, 4, 0, 1, 2, 8, 9, 5, 6, 7}, {4, 0, 1, 2, 3, 9, 5, 6, 7, 8}, {5, 9, 8, 7, 6, 0, 4, 3, 2, 1},
      {6, 5, 9, 8, 7, 1, 0, 4, 3, 2}, {7, 6, 5, 9, 8, 2, 1, 0, 4, 3}, {8, 7, 6, 5, 9, 3, 2, 1, 0, 4},
      {9, 8, 7, 6, 5, 4, 3, 2, 1, 0}};
  static const int p[8][10] = {
      {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, {1, 5, 7, 6, 2, 8, 3, 0, 9, 4}, {5, 8, 0, 3, 7, 9, 6, 1, 4, 2},
      {8, 9, 1, 6, 0, 4, 3, 5, 2, 7}, {9, 4, 5, 3, 1, 2, 6, 8, 7, 0}, {4, 2, 8, 6, 5, 7, 3, 9, 0, 1},
      {2, 7, 9, 3, 8, 0, 6, 4, 1, 5}, {7, 0, 4, 6, 9, 1, 3, 2, 8, 5}};
  if (s.size() != 12 || s[0] < '2' || s[0] > '9') return false;
  int c = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    char ch = s[s.size() - 1 - i];
    if (!IsDigit(ch)) return false;
    c = d[c][p[i % 8][ch - '0']];
  }
  return c == 0;
}

bool ValidIban(std::string_view s) {
  if (s.size() < 15 || s.size() > 34 || !IsUpper(s[0]) || !IsUpper(s[1]) || !IsDigit(s[2]) || !IsDigit(s[3])) {
    return false;
  }
  std::string r = std::string(s.substr(4)) + std::string(s.substr(0, 4));
  int mod = 0;
  for (char c : r) {
    int v = Base36(c);
    if (v < 0) return false;
    mod = v >= 10 ? (mod * 100 + v) % 97 : (mod * 10 + v) % 97;
  }
  return mod == 1;
}

int IcaoCheckDigit(std::string_view s) {
  static const int w[3] = {7, 3, 1};
  int sum = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    int v = s[i] == '<' ? 0 : Base36(s[i]);
    if (v < 0) return -1;
    sum += v * w[i % 3];
  }
  return sum % 10;
}

}  // namespace docket::fields
