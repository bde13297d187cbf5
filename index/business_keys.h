// Business keys: what makes two different files the same paper. A rescan,
// a fax and an e-mailed PDF of one invoice have different bytes (so the
// sha256 check never meets them) but the same vendor and invoice number; two
// copies of one identity document share its number. Each key is indexed as
// a boolean term (see the schema comment in writer.cc), so ingest finds an
// earlier record with the same key in one posting-list lookup.
#pragma once

#include <string>
#include <vector>

#include "store/record.h"

namespace docket {

// The record's business keys, possibly none:
//   invoice  "inv:<vendor tax id>:<invoice number>" when both are read, and
//            "invn:<vendor name>:<invoice number>:<total>" when those are;
//   kyc      "kyc:<id number>".
// Values are compared by their index keys (case, spacing and punctuation
// ignored), so "INV-2024/001" and "inv 2024 001" meet.
std::vector<std::string> BusinessKeys(const Record& record);

}  // namespace docket
