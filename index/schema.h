// Private to index/: the prefixes, value slots and normalisers that the
// writer and the query language must agree on. The schema itself is
// documented once, in writer.cc.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "base/status.h"

namespace docket::index_schema {

inline constexpr int kSchemaVersion = 1;
inline constexpr char kSchemaKey[] = "docket_schema";

inline constexpr char kIdPrefix[] = "Q";
inline constexpr char kTypePrefix[] = "XT";
inline constexpr char kFieldPrefix[] = "XF";
inline constexpr char kFileNamePrefix[] = "XN";
inline constexpr char kBusinessKeyPrefix[] = "XB";  // business_keys.h

inline constexpr Xapian::valueno kDateSlot = 0;       // YYYYMMDD
inline constexpr Xapian::valueno kAmountSlot = 1;     // sortable_serialise
inline constexpr Xapian::valueno kArchivedAtSlot = 2; // ISO 8601 string
inline constexpr Xapian::valueno kTypeSlot = 3;       // record type
inline constexpr Xapian::valueno kVendorSlot = 4;     // vendor_name as in the record

// Bytes of page text kept in the document data for snippets.
inline constexpr size_t kSnippetTextBytes = 64 * 1024;

// Xapian refuses terms over 245 bytes; keys are cut well below that.
inline constexpr size_t kMaxTermBytes = 240;

// Name-like fields: besides the exact key, their words are indexed with
// positions under their own prefix so that a part of a name matches.
struct NameField {
  const char* field;
  const char* prefix;
};
inline constexpr NameField kNameFields[] = {
    {"vendor_name", "XV"},
    {"customer_name", "XC"},
    {"applicant_name", "XA"},
    {"full_name", "XP"},
};

// The word prefix of a name-like field, or nullptr.
inline const char* NameFieldPrefix(std::string_view field) {
  for (const NameField& f : kNameFields) {
    if (field == f.field) return f.prefix;
  }
  return nullptr;
}

// Reference numbers are printed with any spacing and punctuation
// ("INV-2024/001", "inv 2024 001"), so their key keeps letters and digits
// only. Other fields keep '.' and '-', which carry meaning in amounts and
// dates ("15.00" is not "1500").
inline bool IsReferenceField(std::string_view field) {
  return field == "invoice_number" || field == "loan_number" || field == "po_number" ||
         field == "id_number" || field == "vendor_tax_id" || field == "applicant_id_number";
}

// Cuts `s` to at most `max` bytes without splitting a UTF-8 sequence.
inline std::string TruncateUtf8(std::string s, size_t max) {
  if (s.size() <= max) return s;
  size_t cut = max;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  s.resize(cut);
  return s;
}

inline bool IsLetterOrDigit(unsigned ch) {
  return ch != '_' && Xapian::Unicode::is_wordchar(ch);
}

// The exact-match key of a field value: lower case, spaces and
// punctuation removed (see IsReferenceField for what is kept).
inline std::string FieldKey(std::string_view field, std::string_view value) {
  const bool keep_marks = !IsReferenceField(field);
  std::string key;
  for (Xapian::Utf8Iterator it(value.data(), value.size()); it != Xapian::Utf8Iterator(); ++it) {
    unsigned ch = *it;
    if (IsLetterOrDigit(ch) || (keep_marks && (ch == '.' || ch == '-'))) {
      Xapian::Unicode::append_utf8(key, Xapian::Unicode::tolower(ch));
    }
  }
  return key;
}

// "XF<field>:<key>", cut to a length Xapian accepts.
inline std::string FieldTerm(std::string_view field, std::string_view key) {
  std::string term = std::string(kFieldPrefix) + std::string(field) + ":" + std::string(key);
  return TruncateUtf8(std::move(term), kMaxTermBytes);
}

// Lower-cased words of a name or file name, split at anything that is not
// a letter or digit. Indexing and querying both use this, so they agree.
inline std::vector<std::string> NameWords(std::string_view text) {
  std::vector<std::string> words;
  std::string word;
  for (Xapian::Utf8Iterator it(text.data(), text.size()); it != Xapian::Utf8Iterator(); ++it) {
    unsigned ch = *it;
    if (IsLetterOrDigit(ch)) {
      Xapian::Unicode::append_utf8(word, Xapian::Unicode::tolower(ch));
    } else if (!word.empty()) {
      words.push_back(std::move(word));
      word.clear();
    }
  }
  if (!word.empty()) words.push_back(std::move(word));
  return words;
}

// Unsupported when the database was written with a newer schema than this
// build understands; a database without the key is taken as version 1.
inline Status CheckSchemaVersion(const Xapian::Database& db, const std::string& path) {
  std::string stored = db.get_metadata(kSchemaKey);
  if (stored.empty()) return Status::Ok();
  int version = 0;
  for (char c : stored) {
    if (c < '0' || c > '9') return Status::Corrupt(path + ": bad docket_schema " + stored);
    version = version * 10 + (c - '0');
    if (version > 1000000) break;
  }
  if (version > kSchemaVersion) {
    return Status::Unsupported(path + ": index written by a newer docket (schema " + stored +
                               "); rebuild it with `docket reindex`");
  }
  return Status::Ok();
}

// Maps a Xapian exception to the Status that crosses docket's seams.
inline Status StatusFromXapian(const Xapian::Error& e, const std::string& context) {
  std::string what = context + ": " + e.get_type() + ": " + e.get_msg();
  if (!e.get_context().empty()) what += " (" + e.get_context() + ")";
  // Xapian::Error has no virtual functions; its type is a name.
  std::string_view type = e.get_type();
  if (type == "DatabaseLockError") return Status::Busy(what);
  if (type == "DatabaseNotFoundError") return Status::NotFound(what);
  if (type == "DatabaseVersionError") return Status::Unsupported(what);
  if (type == "DatabaseCorruptError") return Status::Corrupt(what);
  if (type == "QueryParserError") return Status::Invalid(what);
  return Status::IoError(what);
}

}  // namespace docket::index_schema
