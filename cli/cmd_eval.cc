// docket eval LABELLED_DIR: how well docket classifies and extracts, against
// the NAME.truth.json files beside the documents (samples/ writes them).
//
// The documents are ingested (OCR'd) once into a scratch archive, or into
// --cache DIR so that later runs skip the OCR; classification and
// extraction then run afresh on the stored pages, so the figures are always
// those of this build's model and rules.
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <thread>

#include <boost/json.hpp>

#include "classify/classifier.h"
#include "classify/extract.h"
#include "classify/field_eval.h"
#include "classify/type_eval.h"
#include "cli/command.h"
#include "index/writer.h"
#include "ingest/pipeline.h"

namespace docket::cli {
namespace {

namespace fs = std::filesystem;
namespace json = boost::json;

constexpr const char* kTruthSuffix = ".truth.json";

struct Labelled {
  std::string path;
  json::object truth;
};

// Every document under `dir` with a NAME.truth.json beside it, sorted.
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
    out.push_back(Labelled{doc, std::move(v.as_object())});
  }
  if (ec) return Status::IoError("cannot read " + dir + ": " + ec.message());
  std::sort(out.begin(), out.end(), [](const Labelled& a, const Labelled& b) { return a.path < b.path; });
  return out;
}

std::string Str(const json::object& o, const char* key) {
  auto it = o.find(key);
  return it == o.end() || !it->value().is_string() ? "" : std::string(it->value().get_string());
}

}  // namespace

int RunEval(const std::vector<std::string>& args) {
  CommonOptions common;
  std::string dir, cache;
  int jobs = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  po::options_description desc("options");
  AddCommonOptions(desc, &common);
  desc.add_options()
      ("jobs,j", po::value(&jobs)->default_value(jobs), "OCR workers")
      ("cache", po::value(&cache), "keep the OCR'd documents in this archive for later runs")
      ("dir", po::value(&dir)->required(), "folder of documents with NAME.truth.json beside each");
  po::positional_options_description pos;
  pos.add("dir", 1);
  po::variables_map vm;
  int code = kExitOk;
  if (!ParseArgs(args, "eval", "[OPTIONS] LABELLED_DIR", desc, pos, &vm, common, &code)) return code;

  auto labelled = FindLabelled(dir);
  if (!labelled.ok()) {
    Complain("eval: " + labelled.status().message());
    return kExitUsage;
  }
  if (labelled->empty()) {
    Complain("eval: no NAME.truth.json files under " + dir);
    return kExitUsage;
  }

  // The scratch archive lives in a temp folder unless --cache names one.
  std::string scratch;
  if (cache.empty()) {
    std::string tmpl = (fs::temp_directory_path() / "docket-eval-XXXXXX").string();
    if (mkdtemp(tmpl.data()) == nullptr) {
      Complain("eval: cannot make a temp folder");
      return kExitArchive;
    }
    scratch = cache = tmpl;
  }
  CommonOptions archive_opts = common;
  archive_opts.archive = cache;
  auto archive = OpenArchiveOrSay(archive_opts, /*create=*/true);
  if (!archive) return kExitArchive;
  int exit_code = kExitOk;
  {
    auto index = IndexWriter::Open(archive->IndexPath());
    if (!index.ok()) {
      Complain("eval: " + index.status().message());
      return kExitArchive;
    }
    PipelineOptions options;
    options.jobs = jobs;
    EnginePool engines(OcrOptions{}, jobs);
    Classifier classifier;
    Pipeline pipeline(options, archive.get(), index->get(), &engines, &classifier);
    std::vector<std::string> paths;
    for (const Labelled& l : *labelled) paths.push_back(l.path);
    std::vector<Record> records;
    Status st = pipeline.Run(paths, [&](const Record& r) { records.push_back(r); },
                             [&](const Progress& p) {
                               if (p.files_done == p.files_total || p.files_done % 10 == 0) {
                                 std::cerr << "\reval: " << p.files_done << "/" << p.files_total
                                           << " documents read" << std::flush;
                               }
                             });
    std::cerr << "\n";
    if (!st.ok()) {
      Complain("eval: " + st.message());
      return kExitArchive;
    }

    std::vector<EvalCase> cases;
    for (size_t i = 0; i < records.size(); ++i) {
      const Record& r = records[i];
      const json::object& truth = (*labelled)[i].truth;
      EvalCase c;
      c.path = r.source;
      c.format = Str(truth, "format");
      c.true_type = Str(truth, "type");
      if (auto f = truth.find("fields"); f != truth.end() && f->value().is_object()) {
        for (const auto& kv : f->value().get_object()) {
          if (kv.value().is_string()) c.true_fields[kv.key()] = kv.value().get_string().c_str();
        }
      }
      if (r.status == "rejected") {
        Complain("eval: " + r.source + " was rejected: " + r.error);
        exit_code = kExitArchive;
      } else if (auto pages = archive->GetPages(r.id); pages.ok()) {
        c.predicted = classifier.Classify(*pages);
        c.predicted_fields = ExtractFields(c.predicted.type, *pages);
      } else {
        Complain("eval: the pages of " + r.id + " cannot be read: " + pages.status().message());
        exit_code = kExitArchive;
      }
      cases.push_back(std::move(c));
    }
    json::object types = TypeReport(cases);
    json::object fields = FieldReport(cases);
    if (common.json) {
      std::cout << json::serialize(json::object{{"documents", cases.size()},
                                                {"classification", types},
                                                {"fields", fields}})
                << "\n";
    } else {
      std::cout << cases.size() << " labelled documents under " << dir << "\n\n"
                << TypeReportText(types) << "\n" << FieldReportText(fields);
    }
  }
  archive.reset();
  if (!scratch.empty()) {
    std::error_code ec;
    fs::remove_all(scratch, ec);
  }
  return exit_code;
}

}  // namespace docket::cli
