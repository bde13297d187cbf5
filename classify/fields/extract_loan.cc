// Loan fields: the reference, applicant, amount, rate, term and the date
// of application, by label or in the sentences of offer letters; decoys
// (a letter's own reference and date, the APR, a standard variable rate)
// lose to the labels that name the field.
#include "classify/fields/extractors.h"
#include "classify/fields/normalise_term.h"
#include "classify/fields/validators.h"

namespace docket::fields {
namespace {

std::optional<Parsed> RateValue(const ValueText& v) {
  auto r = FindRate(v.text);
  if (!r || r->begin > 2) return std::nullopt;
  return Parsed{r->value, 1.0};
}

std::optional<Parsed> TermValue(const ValueText& v) {
  auto t = FindTermMonths(v.text);
  if (!t || t->begin > 2) return std::nullopt;
  return Parsed{t->value, 1.0};
}

std::optional<Parsed> PersonName(const ValueText& v) {
  auto p = ParseName(v);
  if (!p) return p;
  // Honorifics are not part of the name.
  for (const char* h : {"Mr. ", "Ms. ", "Mrs. ", "Dr. ", "Shri ", "Smt. "}) {
    if (p->value.rfind(h, 0) == 0) p->value = p->value.substr(std::string(h).size());
  }
  size_t words = 1;
  for (char c : p->value) words += c == ' ' ? 1 : 0;
  if (words < 2 || words > 5) return std::nullopt;
  return p;
}

// A PAN or an Aadhaar number, only when its format (and Aadhaar's check
// digit) holds: a wrong id would link the loan to a stranger's papers.
std::optional<Parsed> ApplicantId(const ValueText& v) {
  auto p = ParseReference(v);
  if (!p) return p;
  std::string id;
  for (char c : p->value) {
    if (c != ' ') id += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  if (!ValidPan(id) && !ValidAadhaar(id)) return std::nullopt;
  p->value = id;
  return p;
}

}  // namespace

FieldSet ExtractLoan(const Document& doc) {
  FieldSet out;
  DateOrder order = doc.date_order();
  bool eu = doc.region() == "EU";
  auto amount = [eu](const ValueText& v) -> std::optional<Parsed> {
    auto p = ParseAmountValue(v, eu);
    // A loan amount is printed with its currency or grouping.
    if (p && p->validity < 1.0) p->validity = 0.8;
    return p;
  };
  auto date = [order](const ValueText& v) { return ParseDateValue(v, order); };
  // Loan numbers never hold a slash-free date; references like "Ref:" are
  // not labels of the field at all.
  Put(&out, "loan_number", doc.Best("loan_number", ParseReference, kSameLine));
  Put(&out, "applicant_name", doc.Best("applicant_name", PersonName, kSameLine));
  auto amt = doc.Best("loan_amount", amount, kSameLine);
  Put(&out, "loan_amount", amt);
  Put(&out, "interest_rate", doc.Best("interest_rate", RateValue, kSameLine));
  Put(&out, "term_months", doc.Best("term_months", TermValue, kSameLine));
  Put(&out, "application_date", doc.Best("application_date", date, kSameLine));
  Put(&out, "applicant_id_number", doc.Best("applicant_id_number", ApplicantId, kSameLine));
  Put(&out, "applicant_date_of_birth", doc.Best("applicant_date_of_birth", date, kSameLine));
  if (!doc.currency().empty()) {
    Found c;
    c.value = doc.currency();
    c.confidence = 0.95;
    c.page = amt ? amt->page : 1;
    if (amt) c.box = amt->box;
    Put(&out, "currency", c);
  }
  return out;
}

}  // namespace docket::fields
