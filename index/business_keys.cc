#include "index/business_keys.h"

#include "index/schema.h"

namespace docket {
namespace {

std::string Key(const Record& r, const char* field) {
  auto it = r.fields.find(field);
  if (it == r.fields.end()) return "";
  return index_schema::FieldKey(field, it->second.value);
}

}  // namespace

std::vector<std::string> BusinessKeys(const Record& r) {
  std::vector<std::string> keys;
  if (r.type == "invoice") {
    std::string number = Key(r, "invoice_number");
    if (number.empty()) return keys;
    std::string tax_id = Key(r, "vendor_tax_id");
    if (!tax_id.empty()) keys.push_back("inv:" + tax_id + ":" + number);
    // Without a tax id (or with a misread one) the vendor's name and the
    // total together still single out one invoice.
    std::string vendor = Key(r, "vendor_name");
    std::string total = Key(r, "total_amount");
    if (!vendor.empty() && !total.empty()) keys.push_back("invn:" + vendor + ":" + number + ":" + total);
  } else if (r.type == "kyc") {
    std::string id_number = Key(r, "id_number");
    // A masked Aadhaar ("XXXXXXXX2346") names no one document.
    if (id_number.size() >= 6 && id_number.find("xxxx") == std::string::npos) keys.push_back("kyc:" + id_number);
  }
  return keys;
}

}  // namespace docket
