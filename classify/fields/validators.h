// Check-digit and format rules of identifiers printed on invoices, loans and
// identity documents (see REFERENCE.md for the specimens they were checked
// against). All functions are pure and thread-safe; they take the value
// already upper-cased with spaces removed.
#pragma once

#include <string_view>

namespace docket::fields {

// GSTIN: 2-digit state code, a PAN, entity number, 'Z', check character
// (mod-36 weighted sum). "27AAPFU0939F1ZV" is valid.
bool ValidGstin(std::string_view s);

// PAN: AAAAA9999A whose fourth letter names a known holder type (P, C, H,
// F, A, B, L, J, G, T, K). The last letter's algorithm is not published.
bool ValidPan(std::string_view s);

// Aadhaar: 12 digits, the first 2..9, the last a Verhoeff check digit.
bool ValidAadhaar(std::string_view s);

// IBAN: country letters, two check digits, BBAN; mod 97 of the
// rearranged number is 1.
bool ValidIban(std::string_view s);

// ICAO 9303 check digit over `s` ('0'..'9', 'A'..'Z', '<'), weights 7 3 1;
// -1 when `s` holds another character.
int IcaoCheckDigit(std::string_view s);

}  // namespace docket::fields
