#include "cli/labelled.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include <boost/json.hpp>

#include "index/writer.h"
#include "ingest/pipeline.h"

namespace docket::cli {

namespace fs = std::filesystem;
namespace json = boost::json;

namespace {
constexpr const char* kTruthSuffix = ".truth.json";
}  // namespace

std::string TruthString(const json::object& o, const char* key) {
  auto it = o.find(key);
  return it == o.end() || !it->value().is_string() ? "" : std::string(it->value().get_string());
}

Result<std::vector<Labelled>> FindLabelled(const std::string& dir) {
  std::vector<Labelled> out;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::end(it); it.increment(ec)) {
    std::string p = it->path().string();
    size_t n = std::string(kTruthSuffix).size();
    if (p.size() <= n || p.compare(p.size() - n, n, kTruthSuffix) != 0) continue;
    std::string stem = p.substr(0, p.size() - n);
    std::string doc;
    for (const auto& sib : fs::directory_iterator(it->path().parent_path())) {
      std::string q = sib.path().string();
      if (q.rfind(stem + ".", 0) == 0 && q != p && q.find(kTruthSuffix) == std::string::npos) doc = q;
    }
    if (doc.empty()) return Status::NotFound(p + " has no document beside it");
    std::ifstream in(p);
    std::stringstream ss;
    ss << in.rdbuf();
    boost::system::error_code jec;
    json::value v = json::parse(ss.str(), jec);
    if (jec || !v.is_object()) return Status::Invalid(p + ": not a JSON object");
    Labelled l;
    l.path = doc;
    l.truth = std::move(v.as_object());
    out.push_back(std::move(l));
  }
  if (ec) return Status::IoError("cannot read " + dir + ": " + ec.message());
  std::sort(out.begin(), out.end(), [](const Labelled& a, const Labelled& b) { return a.path < b.path; });
  return out;
}

Status ReadLabelled(Archive* archive, int jobs, const Classifier* classifier, const char* what,
                    std::vector<Labelled>* docs) {
  auto index = IndexWriter::Open(archive->IndexPath());
  if (!index.ok()) return index.status();
  PipelineOptions options;
  options.jobs = jobs;
  EnginePool engines(OcrOptions{}, jobs);
  Pipeline pipeline(options, archive, index->get(), &engines, classifier);
  std::vector<std::string> paths;
  for (const Labelled& l : *docs) paths.push_back(l.path);
  std::vector<Record> records;
  Status st = pipeline.Run(paths, [&](const Record& r) { records.push_back(r); },
                           [&](const Progress& p) {
                             if (p.files_done == p.files_total || p.files_done % 10 == 0) {
                               std::cerr << "\r" << what << ": " << p.files_done << "/" << p.files_total
                                         << " documents read" << std::flush;
                             }
                           });
  std::cerr << "\n";
  if (!st.ok()) return st;
  for (size_t i = 0; i < records.size() && i < docs->size(); ++i) {
    Labelled& l = (*docs)[i];
    l.record = records[i];
    if (l.record.status == "rejected") continue;
    auto pages = archive->GetPages(l.record.id);
    if (!pages.ok()) return pages.status().Annotate("the pages of " + l.record.id);
    l.pages = std::move(*pages);
  }
  return Status::Ok();
}

}  // namespace docket::cli
