// Labelled documents (a NAME.truth.json beside each, as samples/ writes
// them), read once into an archive so that `eval` and `train` work from the
// stored page texts and never OCR the same bytes twice.
#pragma once

#include <string>
#include <vector>

#include <boost/json/object.hpp>

#include "base/status.h"
#include "classify/classifier.h"
#include "store/archive.h"
#include "store/record.h"

namespace docket::cli {

struct Labelled {
  std::string path;           // the document
  boost::json::object truth;  // its NAME.truth.json
  Record record;              // as read into the archive (ReadLabelled)
  std::vector<Page> pages;    // its stored pages (empty when rejected)
};

// Every document under `dir` with a NAME.truth.json beside it, sorted by path.
Result<std::vector<Labelled>> FindLabelled(const std::string& dir);

// Reads the documents into `archive` (decode, OCR; those already there are
// only looked up) with `jobs` workers, filling each one's record and pages.
// `what` names the command in progress lines on stderr.
Status ReadLabelled(Archive* archive, int jobs, const Classifier* classifier, const char* what,
                    std::vector<Labelled>* docs);

// A string member of a truth file, or "".
std::string TruthString(const boost::json::object& truth, const char* key);

}  // namespace docket::cli
