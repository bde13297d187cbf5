// Private to classify/: the field extractor of each document type. Each
// reads CONTRACT.md's fields of its type from a Document and leaves out what
// it cannot read with confidence.
#pragma once

#include "classify/fields/candidates.h"
#include "store/record.h"

namespace docket::fields {

FieldSet ExtractInvoice(const Document& doc);
FieldSet ExtractLoan(const Document& doc);
FieldSet ExtractKyc(const Document& doc);

// Adds `f` as `name` when it is sure enough (confidence >= min).
void Put(FieldSet* out, const std::string& name, const std::optional<Found>& f, double min = 0.5);

}  // namespace docket::fields
