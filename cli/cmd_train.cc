// docket train [LABELLED_DIR...]: retrains the archive's type model from
// what it already knew (the texts the model keeps of its training
// documents), labelled folders (a NAME.truth.json beside each document) and
// the archive's records whose type a clerk corrected; then writes the new
// model to ARCHIVE/model/classifier.json atomically.
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <map>
#include <thread>

#include <boost/json.hpp>

#include "classify/archive_model.h"
#include "classify/classifier.h"
#include "classify/model.h"
#include "cli/command.h"
#include "cli/labelled.h"

namespace docket::cli {
namespace {

namespace fs = std::filesystem;
namespace json = boost::json;

}  // namespace

int RunTrain(const std::vector<std::string>& args) {
  CommonOptions common;
  std::vector<std::string> dirs;
  std::string cache, out;
  bool fresh = false;
  TrainOptions topts;
  int jobs = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  po::options_description desc("options");
  AddCommonOptions(desc, &common);
  desc.add_options()
      ("jobs,j", po::value(&jobs)->default_value(jobs), "OCR workers")
      ("cache", po::value(&cache),
       "read the labelled documents into this archive and keep them there (default: a temp folder)")
      ("fresh", po::bool_switch(&fresh),
       "forget the current model's examples: learn only from the folders and corrections given")
      ("out", po::value(&out), "also write the model to this file (with no archive: only there)")
      ("iterations", po::value(&topts.iterations)->default_value(topts.iterations),
       "gradient steps per fit")
      ("l2", po::value(&topts.l2)->default_value(topts.l2, "0.0001"), "L2 penalty on the weights")
      ("review-below", po::value(&topts.confident)->default_value(topts.confident, "0.9"),
       "the review threshold: the temperature is fitted so that cross-validated predictions at or "
       "above it are wrong at most 1 time in 100")
      ("dir", po::value(&dirs), "folders of documents with NAME.truth.json beside each");
  po::positional_options_description pos;
  pos.add("dir", -1);
  po::variables_map vm;
  int code = kExitOk;
  const char* usage = "[OPTIONS] [LABELLED_DIR...]";
  if (!ParseArgs(args, "train", usage, desc, pos, &vm, common, &code)) return code;
  if (topts.iterations < 1 || topts.l2 < 0 || topts.confident <= 0 || topts.confident > 1) {
    Complain("train: --iterations must be positive, --l2 not negative, --review-below in (0, 1]");
    return kExitUsage;
  }

  bool has_archive = !common.archive.empty() || std::getenv("DOCKET_ARCHIVE") != nullptr;
  if (!has_archive && out.empty()) {
    Complain("train: give --archive DIR (or DOCKET_ARCHIVE), or --out FILE");
    return kExitUsage;
  }
  std::unique_ptr<Archive> archive;
  std::shared_ptr<const TypeModel> current;
  if (has_archive) {
    archive = OpenArchiveOrSay(common, /*create=*/true);
    if (!archive) return kExitArchive;
    auto c = OpenArchiveClassifier(*archive, ClassifierOptions{});
    if (!c.ok()) {
      Complain("train: the archive's model: " + c.status().message());
      return kExitArchive;
    }
    current = c->model();
  } else {
    auto c = Classifier::Default();
    if (c.ok()) current = c->model();
  }

  // What to learn from, in this order (a later label for the same document
  // wins): the model's own examples, the labelled folders, the corrections.
  std::vector<Example> examples;
  std::map<std::string, int> from;
  if (!fresh && current) {
    for (const Example& e : current->examples()) {
      examples.push_back(e);
      ++from["the current model's examples"];
    }
  }
  std::vector<Labelled> labelled;
  for (const std::string& d : dirs) {
    auto found = FindLabelled(d);
    if (!found.ok()) {
      Complain("train: " + found.status().message());
      return kExitUsage;
    }
    if (found->empty()) {
      Complain("train: no NAME.truth.json files under " + d);
      return kExitUsage;
    }
    labelled.insert(labelled.end(), found->begin(), found->end());
  }
  if (!labelled.empty()) {
    std::string scratch;
    if (cache.empty()) {
      std::string tmpl = (fs::temp_directory_path() / "docket-train-XXXXXX").string();
      if (mkdtemp(tmpl.data()) == nullptr) {
        Complain("train: cannot make a temp folder");
        return kExitArchive;
      }
      scratch = cache = tmpl;
    }
    {
      ArchiveOptions ao;
      auto reading = Archive::Open(cache, ao);
      if (!reading.ok()) {
        Complain("train: cannot open " + cache + ": " + reading.status().message());
        return kExitArchive;
      }
      Classifier classifier;  // only fills the records; its guesses are not used
      Status st = ReadLabelled(reading->get(), jobs, &classifier, "train", &labelled);
      if (!st.ok()) {
        Complain("train: " + st.message());
        return kExitArchive;
      }
    }
    if (!scratch.empty()) {
      std::error_code ec;
      fs::remove_all(scratch, ec);
    }
    for (const Labelled& l : labelled) {
      std::string type = TruthString(l.truth, "type");
      if (l.record.status == "rejected") {
        Complain("train: " + l.path + " was rejected, left out: " + l.record.error);
        continue;
      }
      if (std::find(ModelLabels().begin(), ModelLabels().end(), type) == ModelLabels().end()) {
        Complain("train: " + l.path + ": unknown type '" + type + "', left out");
        continue;
      }
      Example e;
      e.sha256 = l.record.sha256;
      e.label = type;
      e.origin = "labelled";
      for (const Page& p : l.pages) e.pages.push_back(p.text);
      examples.push_back(std::move(e));
      ++from["labelled documents"];
    }
  }
  if (archive) {
    auto corrected = CorrectedExamples(archive.get());
    if (!corrected.ok()) {
      Complain("train: reading the corrections: " + corrected.status().message());
      return kExitArchive;
    }
    for (Example& e : *corrected) {
      examples.push_back(std::move(e));
      ++from["records a clerk corrected"];
    }
  }

  TrainReport report;
  auto model = TypeModel::Train(std::move(examples), topts, &report);
  if (!model.ok()) {
    Complain("train: " + model.status().message());
    return kExitUsage;
  }
  Classifier trained(*model, ClassifierOptions{});
  if (archive) {
    Status st = trained.Save(ArchiveModelPath(*archive));
    if (!st.ok()) {
      Complain("train: saving the model: " + st.message());
      return kExitArchive;
    }
  }
  if (!out.empty()) {
    Status st = trained.Save(out);
    if (!st.ok()) {
      Complain("train: writing " + out + ": " + st.message());
      return kExitArchive;
    }
  }
  json::object sources;
  for (const auto& [k, n] : from) sources[k] = n;
  json::object summary = report.ToJson();
  summary["sources"] = sources;
  if (archive) summary["model"] = ArchiveModelPath(*archive);
  if (!out.empty()) summary["out"] = out;
  if (common.json) {
    std::cout << json::serialize(summary) << "\n";
    return kExitOk;
  }
  std::cout << "learned from " << report.examples << " documents (after removing repeats):\n";
  for (const auto& [k, n] : from) std::cout << "  " << n << " " << k << "\n";
  std::cout << "per type:";
  for (size_t i = 0; i < report.per_label.size(); ++i) {
    std::cout << " " << ModelLabels()[i] << " " << report.per_label[i];
  }
  char line[200];
  std::snprintf(line, sizeof line,
                "\ncross-validated (%d folds) accuracy: %.2f%%; confidence >= %.2f: %d documents, "
                "%d wrong; temperature %.3f\n",
                topts.folds, 100 * report.cv_accuracy, topts.confident, report.cv_confident,
                report.cv_confident_wrong, report.temperature);
  std::cout << line;
  if (archive) std::cout << "model written to " << ArchiveModelPath(*archive) << "\n";
  if (!out.empty()) std::cout << "model written to " << out << "\n";
  return kExitOk;
}

}  // namespace docket::cli
