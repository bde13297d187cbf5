// Reads the fields of CONTRACT.md for a document of a given type from its
// pages' words and boxes. Until field extraction lands (issue #5) it finds
// none.
#pragma once

#include <string>
#include <vector>

#include "store/record.h"

namespace docket {

// Thread-safe. A field the document does not carry is absent.
FieldSet ExtractFields(const std::string& type, const std::vector<Page>& pages);

}  // namespace docket
