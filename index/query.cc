#include "index/query.h"

#include <algorithm>
#include <charconv>
#include <optional>
#include <vector>

#include "index/schema.h"

namespace docket::index_query {

using namespace index_schema;

// Field processors cannot fail a parse cleanly (an exception thrown through
// the parser is not something Xapian promises to survive), so they note the
// first problem here and return MatchNothing; Parse() turns it into Invalid.
struct ParseErrors {
  std::string first;
  void Note(const std::string& message) {
    if (first.empty()) first = message;
  }
};

namespace {

constexpr unsigned kFlags =
    Xapian::QueryParser::FLAG_PHRASE | Xapian::QueryParser::FLAG_BOOLEAN |
    Xapian::QueryParser::FLAG_LOVEHATE | Xapian::QueryParser::FLAG_WILDCARD |
    Xapian::QueryParser::FLAG_BOOLEAN_ANY_CASE | Xapian::QueryParser::FLAG_PURE_NOT;

std::string Lower(const std::string& s) { return Xapian::Unicode::tolower(s); }

bool EndsWithStar(const std::string& s) { return !s.empty() && s.back() == '*'; }

// type:, id: — a whole-term filter, case ignored.
class TermProcessor : public Xapian::FieldProcessor {
 public:
  explicit TermProcessor(std::string prefix) : prefix_(std::move(prefix)) {}
  Xapian::Query operator()(const std::string& text) override {
    return Xapian::Query(TruncateUtf8(prefix_ + Lower(text), kMaxTermBytes));
  }

 private:
  std::string prefix_;
};

// <field>: — the exact key of a field value (FieldKey), or a prefix of it
// with a trailing '*'.
class FieldValueProcessor : public Xapian::FieldProcessor {
 public:
  explicit FieldValueProcessor(std::string field) : field_(std::move(field)) {}
  Xapian::Query operator()(const std::string& text) override {
    std::string key = FieldKey(field_, text);
    if (key.empty()) return Xapian::Query::MatchNothing;
    if (EndsWithStar(text)) {
      return Xapian::Query(Xapian::Query::OP_WILDCARD, FieldTerm(field_, key));
    }
    return Xapian::Query(FieldTerm(field_, key));
  }

 private:
  std::string field_;
};

// vendor:, file: and the other word fields: one word (acme, acm*) or a
// phrase ("acme traders"), in any of `prefixes`.
class WordsProcessor : public Xapian::FieldProcessor {
 public:
  explicit WordsProcessor(std::vector<std::string> prefixes) : prefixes_(std::move(prefixes)) {}
  Xapian::Query operator()(const std::string& text) override {
    std::vector<std::string> words = NameWords(text);
    if (words.empty()) return Xapian::Query::MatchNothing;
    std::vector<Xapian::Query> per_prefix;
    for (const std::string& prefix : prefixes_) per_prefix.push_back(ForPrefix(prefix, words, text));
    return Xapian::Query(Xapian::Query::OP_OR, per_prefix.begin(), per_prefix.end());
  }

 private:
  static Xapian::Query ForPrefix(const std::string& prefix, const std::vector<std::string>& words,
                                 const std::string& text) {
    if (words.size() == 1) {
      std::string term = TruncateUtf8(prefix + words[0], kMaxTermBytes);
      if (EndsWithStar(text)) return Xapian::Query(Xapian::Query::OP_WILDCARD, term);
      return Xapian::Query(term);
    }
    std::vector<Xapian::Query> terms;
    for (const std::string& w : words) terms.emplace_back(TruncateUtf8(prefix + w, kMaxTermBytes));
    return Xapian::Query(Xapian::Query::OP_PHRASE, terms.begin(), terms.end(), terms.size());
  }

  std::vector<std::string> prefixes_;
};

// A date typed as YYYY, YYYY-MM or YYYY-MM-DD, as the first and last
// YYYYMMDD it covers (string order is date order in slot 0).
struct DateSpan {
  std::string first, last;
};

bool AllDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::optional<DateSpan> ParseDateSpan(std::string_view s) {
  if (s.size() < 4 || !AllDigits(s.substr(0, 4))) return std::nullopt;
  std::string year(s.substr(0, 4));
  if (s.size() == 4) return DateSpan{year + "0101", year + "1231"};
  if (s.size() < 7 || s[4] != '-' || !AllDigits(s.substr(5, 2))) return std::nullopt;
  std::string month(s.substr(5, 2));
  if (month < "01" || month > "12") return std::nullopt;
  if (s.size() == 7) return DateSpan{year + month + "01", year + month + "31"};
  if (s.size() != 10 || s[7] != '-' || !AllDigits(s.substr(8, 2))) return std::nullopt;
  std::string day(s.substr(8, 2));
  if (day < "01" || day > "31") return std::nullopt;
  return DateSpan{year + month + day, year + month + day};
}

// Builds VALUE_RANGE / VALUE_GE / VALUE_LE on `slot`; empty bound = open.
Xapian::Query SlotRange(Xapian::valueno slot, const std::string& lo, const std::string& hi) {
  if (lo.empty()) return Xapian::Query(Xapian::Query::OP_VALUE_LE, slot, hi);
  if (hi.empty()) return Xapian::Query(Xapian::Query::OP_VALUE_GE, slot, lo);
  return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, slot, lo, hi);
}

// date:A..B over slot 0, ISO dates (or a year or month) only, so that a
// clerk never gets day and month silently swapped.
class DateRange : public Xapian::RangeProcessor {
 public:
  explicit DateRange(std::shared_ptr<ParseErrors> errors)
      : Xapian::RangeProcessor(kDateSlot, "date:"), errors_(std::move(errors)) {}
  Xapian::Query operator()(const std::string& begin, const std::string& end) override {
    std::optional<DateSpan> b, e;
    if (!begin.empty() && !(b = ParseDateSpan(begin))) return Bad(begin);
    if (!end.empty() && !(e = ParseDateSpan(end))) return Bad(end);
    return SlotRange(kDateSlot, b ? b->first : "", e ? e->last : "");
  }

 private:
  Xapian::Query Bad(const std::string& s) {
    errors_->Note("date: wants YYYY-MM-DD, YYYY-MM or YYYY, not \"" + s + "\"");
    return Xapian::Query::MatchNothing;
  }
  std::shared_ptr<ParseErrors> errors_;
};

// date:D — the day, month or year D.
class DateProcessor : public Xapian::FieldProcessor {
 public:
  explicit DateProcessor(std::shared_ptr<ParseErrors> errors) : errors_(std::move(errors)) {}
  Xapian::Query operator()(const std::string& text) override {
    auto span = ParseDateSpan(text);
    if (!span) {
      errors_->Note("date: wants YYYY-MM-DD, YYYY-MM or YYYY, not \"" + text + "\"");
      return Xapian::Query::MatchNothing;
    }
    return SlotRange(kDateSlot, span->first, span->last);
  }

 private:
  std::shared_ptr<ParseErrors> errors_;
};

// An amount as typed: "25000", "25,000.50" (grouping commas ignored).
std::optional<double> ParseAmount(std::string s) {
  s.erase(std::remove(s.begin(), s.end(), ','), s.end());
  double v = 0;
  const char* end = s.data() + s.size();
  auto [ptr, ec] = std::from_chars(s.data(), end, v);
  if (s.empty() || ec != std::errc() || ptr != end) return std::nullopt;
  return v;
}

// amount:A..B over slot 1.
class AmountRange : public Xapian::RangeProcessor {
 public:
  explicit AmountRange(std::shared_ptr<ParseErrors> errors)
      : Xapian::RangeProcessor(kAmountSlot, "amount:"), errors_(std::move(errors)) {}
  Xapian::Query operator()(const std::string& begin, const std::string& end) override {
    std::optional<double> b, e;
    if (!begin.empty() && !(b = ParseAmount(begin))) return Bad(begin);
    if (!end.empty() && !(e = ParseAmount(end))) return Bad(end);
    return SlotRange(kAmountSlot, b ? Xapian::sortable_serialise(*b) : "",
                     e ? Xapian::sortable_serialise(*e) : "");
  }

 private:
  Xapian::Query Bad(const std::string& s) {
    errors_->Note("amount: wants a number, not \"" + s + "\"");
    return Xapian::Query::MatchNothing;
  }
  std::shared_ptr<ParseErrors> errors_;
};

// amount:N — exactly N.
class AmountProcessor : public Xapian::FieldProcessor {
 public:
  explicit AmountProcessor(std::shared_ptr<ParseErrors> errors) : errors_(std::move(errors)) {}
  Xapian::Query operator()(const std::string& text) override {
    auto v = ParseAmount(text);
    if (!v) {
      errors_->Note("amount: wants a number, not \"" + text + "\"");
      return Xapian::Query::MatchNothing;
    }
    std::string s = Xapian::sortable_serialise(*v);
    return SlotRange(kAmountSlot, s, s);
  }

 private:
  std::shared_ptr<ParseErrors> errors_;
};

// Fields matched by exact value, with the short names clerks type.
struct FieldAlias {
  const char* typed;
  const char* field;
};
constexpr FieldAlias kExactFields[] = {
    {"invoice_number", "invoice_number"}, {"invoice", "invoice_number"},
    {"invoice_date", "invoice_date"},     {"due_date", "due_date"},
    {"total_amount", "total_amount"},     {"tax_amount", "tax_amount"},
    {"currency", "currency"},             {"po_number", "po_number"},
    {"po", "po_number"},                  {"vendor_tax_id", "vendor_tax_id"},
    {"gstin", "vendor_tax_id"},           {"taxid", "vendor_tax_id"},
    {"loan_number", "loan_number"},       {"loan", "loan_number"},
    {"loan_amount", "loan_amount"},       {"interest_rate", "interest_rate"},
    {"term_months", "term_months"},       {"application_date", "application_date"},
    {"date_of_birth", "date_of_birth"},   {"dob", "date_of_birth"},
    {"id_type", "id_type"},               {"id_number", "id_number"},
    {"pan", "id_number"},                 {"idno", "id_number"},
    {"nationality", "nationality"},       {"expiry_date", "expiry_date"},
};

// Fields matched by words, with their aliases; "name" means any name.
struct WordsAlias {
  const char* typed;
  const char* field;  // nullptr: every name field
};
constexpr WordsAlias kWordFields[] = {
    {"vendor_name", "vendor_name"},       {"vendor", "vendor_name"},
    {"customer_name", "customer_name"},   {"customer", "customer_name"},
    {"applicant_name", "applicant_name"}, {"applicant", "applicant_name"},
    {"full_name", "full_name"},           {"name", nullptr},
};

std::vector<std::string> PrefixesOf(const char* field) {
  std::vector<std::string> prefixes;
  for (const NameField& f : kNameFields) {
    if (field == nullptr || std::string_view(field) == f.field) prefixes.push_back(f.prefix);
  }
  return prefixes;
}

}  // namespace

QueryLanguage::QueryLanguage()
    : stemmer_("english"), errors_(std::make_shared<ParseErrors>()) {
  parser_.set_stemmer(stemmer_);
  parser_.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
  parser_.set_default_op(Xapian::Query::OP_AND);

  // Same field typed under two names ORs, like two values of one field.
  for (const FieldAlias& a : kExactFields) {
    std::string grouping = a.field;
    parser_.add_boolean_prefix(a.typed, (new FieldValueProcessor(a.field))->release(), &grouping);
  }
  for (const WordsAlias& a : kWordFields) {
    std::string grouping = a.field ? a.field : "name";
    // Boolean so that the processor receives a quoted value whole.
    parser_.add_boolean_prefix(a.typed, (new WordsProcessor(PrefixesOf(a.field)))->release(),
                               &grouping);
  }
  parser_.add_boolean_prefix("file", (new WordsProcessor({kFileNamePrefix}))->release());
  parser_.add_boolean_prefix("type", (new TermProcessor(kTypePrefix))->release());
  parser_.add_boolean_prefix("id", (new TermProcessor(kIdPrefix))->release());
  parser_.add_boolean_prefix("date", (new DateProcessor(errors_))->release());
  parser_.add_boolean_prefix("amount", (new AmountProcessor(errors_))->release());
  parser_.add_rangeprocessor((new DateRange(errors_))->release());
  parser_.add_rangeprocessor((new AmountRange(errors_))->release());
}

QueryLanguage::~QueryLanguage() = default;

void QueryLanguage::SetDatabase(const Xapian::Database& db) { parser_.set_database(db); }

Xapian::Query QueryLanguage::ParseWithFlags(const std::string& text, unsigned flags) {
  errors_->first.clear();
  Xapian::Query q = parser_.parse_query(text, flags | Xapian::QueryParser::FLAG_SPELLING_CORRECTION);
  correction_ = parser_.get_corrected_query_string();
  return q;
}

Result<Xapian::Query> QueryLanguage::Parse(const std::string& text) {
  correction_.clear();
  if (text.find_first_not_of(" \t\r\n") == std::string::npos) return Xapian::Query::MatchAll;
  Xapian::Query query;
  try {
    try {
      query = ParseWithFlags(text, kFlags);
    } catch (const Xapian::QueryParserError& first) {
      // Lower-case and/or/not may just be words ("paid not yet"): read them
      // so before calling the query wrong.
      try {
        query = ParseWithFlags(text, kFlags & ~Xapian::QueryParser::FLAG_BOOLEAN_ANY_CASE);
      } catch (const Xapian::QueryParserError&) {
        return Status::Invalid("query \"" + text + "\": " + first.get_msg());
      }
    }
  } catch (const Xapian::Error& e) {
    return StatusFromXapian(e, "query \"" + text + "\"");
  }
  if (!errors_->first.empty()) return Status::Invalid("query \"" + text + "\": " + errors_->first);
  return query;
}

}  // namespace docket::index_query
