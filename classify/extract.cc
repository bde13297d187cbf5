#include "classify/extract.h"

#include "classify/fields/candidates.h"
#include "classify/fields/extractors.h"

namespace docket {

namespace fields {

void Put(FieldSet* out, const std::string& name, const std::optional<Found>& f, double min) {
  if (!f || f->value.empty() || f->confidence < min) return;
  (*out)[name] = ToField(*f);
}

}  // namespace fields

FieldSet ExtractFields(const std::string& type, const std::vector<Page>& pages) {
  if (type != "invoice" && type != "loan" && type != "kyc") return {};
  fields::Document doc(pages);
  if (type == "invoice") return fields::ExtractInvoice(doc);
  if (type == "loan") return fields::ExtractLoan(doc);
  return fields::ExtractKyc(doc);
}

}  // namespace docket
