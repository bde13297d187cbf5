// The page texts docket read from the committed samples
// (tests/classify/data/corpus_pages.json, made by make_corpus_pages.py
// there), so that classify tests run on real OCR output without OCR.
#pragma once

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <boost/json.hpp>

#include "classify/model.h"
#include "tests/testutil/samples.h"

namespace docket::testing {

struct CorpusDoc {
  std::string file, split, type, format, sha256;
  std::vector<std::string> pages;
  std::vector<Page> AsPages() const { return PagesFromTexts(pages); }
  Example AsExample() const { return Example{sha256, type, "labelled", pages}; }
};

inline std::vector<CorpusDoc> CorpusPages() {
  std::ifstream in(SourceDir() + "/tests/classify/data/corpus_pages.json");
  std::stringstream ss;
  ss << in.rdbuf();
  std::vector<CorpusDoc> out;
  const boost::json::value all = boost::json::parse(ss.str());
  for (const boost::json::value& v : all.as_array()) {
    const boost::json::object& o = v.as_object();
    CorpusDoc d;
    d.file = o.at("file").as_string().c_str();
    d.split = o.at("split").as_string().c_str();
    d.type = o.at("type").as_string().c_str();
    d.format = o.at("format").as_string().c_str();
    d.sha256 = o.at("sha256").as_string().c_str();
    for (const boost::json::value& p : o.at("pages").as_array()) d.pages.emplace_back(p.as_string().c_str());
    out.push_back(std::move(d));
  }
  return out;
}

inline std::vector<CorpusDoc> CorpusSplit(const std::string& split) {
  std::vector<CorpusDoc> out;
  for (CorpusDoc& d : CorpusPages()) {
    if (d.split == split) out.push_back(std::move(d));
  }
  return out;
}

}  // namespace docket::testing
