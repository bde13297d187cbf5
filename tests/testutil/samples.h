// The committed samples (samples/corpus, samples/bad) and their truth.
#pragma once

#include <string>
#include <vector>

#include <boost/json/object.hpp>

namespace docket::testing {

struct Sample {
  std::string path;        // the document
  std::string truth_path;  // NAME.truth.json beside it
  std::string type;
  std::string format;
  std::string keyword;     // a word only this document prints
  int pages = 1;
};

std::string SourceDir();       // the repository
std::string DocketBinary();    // the built docket executable
std::string SamplePath(const std::string& relative);  // under samples/

// Every document of samples/corpus (train and heldout), sorted by path.
std::vector<Sample> CorpusSamples();

// Runs a shell command; returns its exit status, stdout in *out.
int RunCommand(const std::string& command, std::string* out);

// The JSON objects of JSON Lines output. Boost.JSON checks UTF-8, so a line
// that is not valid JSON fails the test that reads it (it throws).
std::vector<boost::json::object> JsonLines(const std::string& text);

// A file's bytes ("" when it cannot be read).
std::string ReadFileBytes(const std::string& path);

}  // namespace docket::testing
