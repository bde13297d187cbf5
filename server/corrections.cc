#include "server/corrections.h"

#include <algorithm>
#include <cctype>
#include <map>

#include <boost/json.hpp>

#include "base/clock.h"
#include "index/writer.h"

namespace docket::server {

namespace json = boost::json;

const std::vector<std::string>& FieldsOf(const std::string& type) {
  static const std::map<std::string, std::vector<std::string>> fields = {
      {"invoice", {"invoice_number", "invoice_date", "due_date", "vendor_name", "customer_name",
                   "total_amount", "tax_amount", "currency", "po_number", "vendor_tax_id"}},
      {"loan", {"loan_number", "applicant_name", "loan_amount", "currency", "interest_rate", "term_months",
                "application_date"}},
      {"kyc", {"full_name", "date_of_birth", "id_type", "id_number", "nationality", "expiry_date"}},
  };
  static const std::vector<std::string> none;
  auto it = fields.find(type);
  return it == fields.end() ? none : it->second;
}

const std::vector<std::string>& CorrectableTypes() {
  static const std::vector<std::string> types = {"invoice", "loan", "kyc", "other"};
  return types;
}

namespace {

std::string Squeeze(const std::string& s) {
  std::string out;
  for (unsigned char c : s) {
    if (std::isspace(c)) {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else {
      out += static_cast<char>(c);
    }
  }
  if (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

std::string Without(const std::string& s, const std::string& drop) {
  std::string out;
  for (char c : s) {
    if (drop.find(c) == std::string::npos) out += c;
  }
  return out;
}

std::string Upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

bool AllDigits(const std::string& s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c); });
}

bool Decimal(const std::string& s) {
  size_t dot = s.find('.');
  if (dot == std::string::npos) return AllDigits(s);
  return AllDigits(s.substr(0, dot)) && AllDigits(s.substr(dot + 1));
}

bool ValidDate(const std::string& s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  if (!AllDigits(s.substr(0, 4)) || !AllDigits(s.substr(5, 2)) || !AllDigits(s.substr(8, 2))) return false;
  int y = std::stoi(s.substr(0, 4)), m = std::stoi(s.substr(5, 2)), d = std::stoi(s.substr(8, 2));
  static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m < 1 || m > 12 || d < 1) return false;
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return d <= days[m - 1] + (m == 2 && leap ? 1 : 0);
}

bool IsOneOf(const std::string& s, std::initializer_list<const char*> set) {
  return std::any_of(set.begin(), set.end(), [&](const char* x) { return s == x; });
}

json::value OrNull(const std::string* s) { return s ? json::value(*s) : json::value(nullptr); }

}  // namespace

Result<std::string> NormaliseFieldValue(const std::string& field, const std::string& raw) {
  std::string v = Squeeze(raw);
  if (v.size() > 200) return Status::Invalid(field + ": at most 200 characters");
  auto bad = [&](const std::string& expected) {
    return Status::Invalid(field + ": '" + v + "' is not " + expected);
  };
  if (IsOneOf(field, {"invoice_date", "due_date", "application_date", "date_of_birth", "expiry_date"})) {
    if (!ValidDate(v)) return bad("a date as YYYY-MM-DD");
    return v;
  }
  if (IsOneOf(field, {"total_amount", "tax_amount", "loan_amount"})) {
    v = Without(v, " ,");
    if (!Decimal(v)) return bad("an amount (plain decimal, '.' as the point, e.g. 150000.00)");
    return v;
  }
  if (field == "interest_rate") {
    v = Without(v, " %");
    if (!Decimal(v)) return bad("a percentage as a number (e.g. 8.75)");
    return v;
  }
  if (field == "term_months") {
    if (!AllDigits(v)) return bad("a whole number of months");
    return v;
  }
  if (field == "currency" || field == "nationality") {
    v = Upper(v);
    if (v.size() != 3 || !std::all_of(v.begin(), v.end(), [](unsigned char c) { return std::isupper(c); })) {
      return bad(field == "currency" ? "an ISO 4217 code (INR, USD, EUR, ...)" : "an ISO 3166-1 alpha-3 code (IND, GBR, ...)");
    }
    return v;
  }
  if (field == "id_type") {
    if (!IsOneOf(v, {"passport", "national_id", "driving_licence", "pan", "aadhaar", "voter_id"})) {
      return bad("one of passport, national_id, driving_licence, pan, aadhaar, voter_id");
    }
    return v;
  }
  if (IsOneOf(field, {"id_number", "invoice_number", "loan_number", "po_number", "vendor_tax_id"})) {
    v = Upper(Without(v, " "));
    if (v.empty()) return bad("a reference");
    return v;
  }
  if (IsOneOf(field, {"vendor_name", "customer_name", "applicant_name", "full_name"})) {
    if (v.empty()) return bad("a name");
    return v;
  }
  return Status::Invalid("unknown field " + field);
}

std::vector<std::string> LowFields(const Record& r, const CorrectionOptions& options) {
  std::vector<std::string> out;
  for (const auto& [name, f] : r.fields) {
    if (f.confidence < options.low_field_confidence) out.push_back(name);
  }
  return out;
}

bool NeedsReview(const Record& r, const CorrectionOptions& options) {
  if (r.status != "archived") return false;
  // A possible business duplicate stays in the queue until a clerk has
  // looked (and dismissed it, ApplyCorrection).
  if (r.extra.contains("possible_duplicate_of")) return true;
  auto it = r.extra.find("needs_review");
  if (it != r.extra.end() && it->value().is_bool() && it->value().get_bool()) return true;
  return !LowFields(r, options).empty();
}

namespace {

// What needs_review becomes after a correction: the type is in doubt while
// no clerk has settled it and the classifier was less sure than
// review_below; a field is in doubt below low_field_confidence.
bool StillInDoubt(const Record& r, const CorrectionOptions& options) {
  bool type_unsure = !r.extra.contains("type_corrected") && r.confidence < options.review_below;
  return type_unsure || !LowFields(r, options).empty();
}

}  // namespace

Status ApplyCorrection(Record* r, const Correction& c, const CorrectionOptions& options) {
  if (r->status != "archived") return Status::Invalid("only archived records can be corrected");
  std::string at = c.at.empty() ? NowIso8601() : c.at;
  json::object entry{{"by", c.by}, {"at", at}};
  if (c.type) {
    const auto& types = CorrectableTypes();
    if (std::find(types.begin(), types.end(), *c.type) == types.end()) {
      return Status::Invalid("unknown type '" + *c.type + "' (invoice, loan, kyc or other)");
    }
    entry["field"] = "type";
    entry["old"] = r->type;
    entry["new"] = *c.type;
    entry["old_confidence"] = r->confidence;
    // The marker docket train reads: the type a clerk set, and the old one.
    r->extra["type_corrected"] = json::object{{"by", c.by}, {"at", at}, {"from", r->type}};
    r->type = *c.type;
    r->confidence = 1.0;
  } else if (c.field == "possible_duplicate_of") {
    // A clerk looked: not the same paper. The flag goes; who said so stays.
    auto it = r->extra.find("possible_duplicate_of");
    if (it == r->extra.end()) return Status::Invalid("the record is not marked as a possible duplicate");
    if (!Squeeze(c.value).empty()) return Status::Invalid("possible_duplicate_of can only be removed (empty value)");
    json::value of = it->value();
    r->extra.erase(it);  // before adding a member: an insert may move the others
    entry["field"] = "possible_duplicate_of";
    entry["old"] = of;
    entry["new"] = nullptr;
    r->extra["duplicate_dismissed"] = json::object{{"by", c.by}, {"at", at}, {"of", std::move(of)}};
  } else {
    const auto& allowed = FieldsOf(r->type);
    if (std::find(allowed.begin(), allowed.end(), c.field) == allowed.end()) {
      return Status::Invalid("a " + r->type + " has no field '" + c.field + "'");
    }
    auto it = r->fields.find(c.field);
    const std::string* old = it == r->fields.end() ? nullptr : &it->second.value;
    entry["field"] = c.field;
    entry["old"] = OrNull(old);
    if (old) entry["old_confidence"] = it->second.confidence;
    if (Squeeze(c.value).empty()) {
      if (!old) return Status::Invalid("the record has no " + c.field + " to remove");
      entry["new"] = nullptr;
      r->fields.erase(it);
    } else {
      auto value = NormaliseFieldValue(c.field, c.value);
      if (!value.ok()) return value.status();
      entry["new"] = *value;
      Field& f = r->fields[c.field];  // keeps page and box when it had them
      f.value = *value;
      f.confidence = 1.0;
    }
  }
  json::value& history = r->extra["history"];
  if (!history.is_array()) history = json::array();
  history.get_array().push_back(std::move(entry));
  r->extra["needs_review"] = StillInDoubt(*r, options);
  return Status::Ok();
}

Result<Record> CorrectRecord(Archive* archive, const std::string& index_path, const std::string& id,
                             const Correction& c, const CorrectionOptions& options) {
  auto record = archive->GetRecord(id);
  if (!record.ok()) return record.status();
  DOCKET_RETURN_IF_ERROR(ApplyCorrection(&*record, c, options));
  auto pages = archive->GetPages(id);
  if (!pages.ok()) return pages.status().Annotate("the pages of " + id);
  // The record is the truth: written first. Should the index fail, the
  // correction stands and `docket reindex` brings the index in step.
  DOCKET_RETURN_IF_ERROR(archive->PutRecord(*record));
  IndexOptions io;
  io.wait_for_lock = true;  // docket watch / ingest hold the lock per batch only
  auto writer = IndexWriter::Open(index_path, io);
  if (!writer.ok()) return writer.status().Annotate("the correction is stored but not yet indexed");
  DOCKET_RETURN_IF_ERROR((*writer)->Put(*record, *pages).Annotate("indexing the correction"));
  DOCKET_RETURN_IF_ERROR((*writer)->Commit().Annotate("indexing the correction"));
  return record;
}

}  // namespace docket::server
