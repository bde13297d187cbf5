// Shared by tests/index: a temp folder and a small back office's worth of
// records (two invoices, a loan, a KYC document, a board minute).
#pragma once

#include <stdlib.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "index/searcher.h"
#include "store/record.h"

namespace docket::testing {

// A fresh folder under $TMPDIR, removed with everything in it.
class TempDir {
 public:
  TempDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "docket-index-XXXXXX").string();
    path_ = mkdtemp(tmpl.data()) ? tmpl : "";
  }
  ~TempDir() {
    std::error_code ec;
    if (!path_.empty()) std::filesystem::remove_all(path_, ec);
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

inline Field F(const std::string& value) {
  Field f;
  f.value = value;
  f.confidence = 0.9;
  f.page = 1;
  return f;
}

struct SampleDoc {
  Record record;
  std::vector<Page> pages;
};

inline SampleDoc MakeDoc(const std::string& id, const std::string& type,
                         const std::string& archived_at, const std::string& source,
                         FieldSet fields, std::vector<std::string> page_texts) {
  SampleDoc d;
  d.record.id = id;
  d.record.sha256 = std::string(64 - id.size(), '0') + id;
  d.record.source = source;
  d.record.status = "archived";
  d.record.type = type;
  d.record.confidence = 0.9;
  d.record.archived_at = archived_at;
  d.record.fields = std::move(fields);
  int n = 0;
  for (std::string& t : page_texts) {
    Page p;
    p.number = ++n;
    p.origin = "text_layer";
    p.text = std::move(t);
    d.pages.push_back(std::move(p));
  }
  d.record.pages = n;
  return d;
}

inline std::vector<SampleDoc> SampleDocs() {
  return {
      MakeDoc("inv1", "invoice", "2024-02-16T09:00:00Z", "/inbox/scan_acme_feb.pdf",
              {{"invoice_number", F("INV-2024001")},
               {"invoice_date", F("2024-02-15")},
               {"vendor_name", F("Acme Traders Pvt Ltd")},
               {"customer_name", F("Northwind Finance")},
               {"total_amount", F("25000.00")},
               {"currency", F("INR")}},
              {"TAX INVOICE\nAcme Traders Pvt Ltd\nSupply of office chairs and steel cabinets",
               "Total payable INR 25,000.00\nThank you for your business"}),
      MakeDoc("inv2", "invoice", "2024-05-03T09:00:00Z", "/inbox/bharat-778.pdf",
              {{"invoice_number", F("BSW/778")},
               {"invoice_date", F("2024-05-02")},
               {"vendor_name", F("Bharat Steel Works")},
               {"total_amount", F("120000.00")},
               {"currency", F("INR")}},
              {"INVOICE\nBharat Steel Works\nSteel rods delivered to the Pune warehouse"}),
      MakeDoc("loan1", "loan", "2024-03-11T09:00:00Z", "/inbox/loan_application.pdf",
              {{"loan_number", F("HL-0042")},
               {"applicant_name", F("Priya Raman")},
               {"loan_amount", F("2500000.00")},
               {"application_date", F("2024-03-10")}},
              {"HOME LOAN APPLICATION\nApplicant: Priya Raman\nProperty in Chennai"}),
      MakeDoc("kyc1", "kyc", "2024-03-12T09:00:00Z", "/inbox/pan_card.jpg",
              {{"full_name", F("Priya Raman")},
               {"id_type", F("pan")},
               {"id_number", F("ABCDE1234F")},
               {"date_of_birth", F("1990-01-01")}},
              {"INCOME TAX DEPARTMENT\nPermanent Account Number\nABCDE1234F\nPRIYA RAMAN"}),
      MakeDoc("other1", "other", "2024-06-01T09:00:00Z", "/inbox/minutes.pdf", {},
              {"Minutes of the board meeting: the auditors <and> the budget"}),
  };
}

// Ids of the hits, sorted, for order-free comparison.
inline std::vector<std::string> SortedIds(const SearchResult& r) {
  std::vector<std::string> ids;
  for (const SearchHit& h : r.hits) ids.push_back(h.id);
  std::sort(ids.begin(), ids.end());
  return ids;
}

}  // namespace docket::testing
