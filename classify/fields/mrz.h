// Machine-readable zones of passports (ICAO 9303 TD3, 2 lines of 44) and
// identity cards (TD1, 3 lines of 30) found in OCR'd text, repaired with
// their check digits and read. Pure, thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace docket::fields {

struct Mrz {
  std::string format;         // "TD3" | "TD1"
  char document_code = 0;     // 'P' passport, 'I'/'A'/'C' identity card
  std::string issuing_state;  // alpha-3
  std::string surname;        // "SCHMIDT", '<' read as spaces
  std::string given_names;    // "LUCAS PIETER"
  std::string number;         // without filler
  std::string nationality;    // alpha-3
  std::string birth_date;     // YYYY-MM-DD
  std::string expiry_date;    // YYYY-MM-DD
  char sex = '<';
  bool number_ok = false;     // each field's own check digit holds (after repair)
  bool birth_ok = false;
  bool expiry_ok = false;
  bool composite_ok = false;  // the composite check digit holds
  int repairs = 0;            // characters changed to make the check digits hold
  std::vector<int> lines;     // indices of the zone's lines in the input
};

// Looks for a zone in `lines` (one OCR text line each). OCR confusions
// are repaired where a position's kind is fixed by the standard (digits in
// dates and check digits, letters in codes and names); in the document
// number, whose characters may be either, a confusable character is swapped
// only when that makes its check digit hold and no other swap does.
std::optional<Mrz> FindMrz(const std::vector<std::string>& lines);

}  // namespace docket::fields
