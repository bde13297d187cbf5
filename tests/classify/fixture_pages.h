// Stored pages (ARCHIVE/pages/ID.json as docket writes them) kept under
// tests/classify/fixtures/, for tests of what reads pages.
#pragma once

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <boost/json.hpp>

#include "store/record.h"
#include "tests/testutil/samples.h"

namespace docket::testing {

inline std::vector<Page> LoadFixturePages(const std::string& name) {
  std::ifstream in(SourceDir() + "/tests/classify/fixtures/" + name);
  std::stringstream ss;
  ss << in.rdbuf();
  std::vector<Page> pages;
  const boost::json::value doc = boost::json::parse(ss.str());
  for (const auto& v : doc.as_array()) pages.push_back(*PageFromJson(v));
  return pages;
}

}  // namespace docket::testing
