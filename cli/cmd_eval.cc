// docket eval LABELLED_DIR: how well docket classifies and extracts, against
// the NAME.truth.json files beside the documents (samples/ writes them).
//
// The documents are ingested (OCR'd) once into a scratch archive, or into
// --cache DIR so that later runs skip the OCR; classification and
// extraction then run afresh on the stored pages, so the figures are always
// those of this build's model and rules (or of the model --model names).
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <thread>

#include <boost/json.hpp>

#include "classify/archive_model.h"
#include "classify/boundary_eval.h"
#include "classify/packet_split.h"
#include "classify/classifier.h"
#include "classify/extract.h"
#include "classify/field_eval.h"
#include "classify/type_eval.h"
#include "cli/command.h"
#include "cli/labelled.h"

namespace docket::cli {
namespace {

namespace fs = std::filesystem;
namespace json = boost::json;

// --model names a model file or an archive whose model to use.
Result<Classifier> ModelNamed(const std::string& name, const ClassifierOptions& options) {
  std::error_code ec;
  if (!fs::is_directory(name, ec)) return Classifier::Load(name, options);
  ArchiveOptions ao;
  ao.create_if_missing = false;
  auto archive = Archive::Open(name, ao);
  if (!archive.ok()) return archive.status();
  return Classifier::Load(ArchiveModelPath(**archive), options);
}

// A packet's truth ({"parts": [{"type", "pages": [first, last], "fields"}],
// "separator_pages"}): its boundaries against a fresh split of its stored
// pages, and each part found exactly (the same first and last page) as a
// document of its own, format "packet:" + the packet's, so that parts are
// measured as single documents are. A true part not found exactly counts
// as a document docket got wrong (type "packet", no fields).
void AddPacketCases(const Labelled& l, const Classifier& classifier, bool true_type,
                    std::vector<BoundaryCase>* packets, std::vector<EvalCase>* cases) {
  PacketSplit split = SplitPacket(l.pages, classifier);
  BoundaryCase b;
  b.path = l.record.source;
  if (auto s = l.truth.find("separator_pages"); s != l.truth.end() && s->value().is_array()) {
    b.separators = !s->value().get_array().empty();
  }
  for (const PacketPart& p : split.parts) b.found_starts.push_back(p.first_page);
  auto parts = l.truth.find("parts");
  if (parts == l.truth.end() || !parts->value().is_array()) return;
  for (const json::value& pv : parts->value().get_array()) {
    const json::object* po = pv.if_object();
    if (po == nullptr) continue;
    auto range = po->find("pages");
    if (range == po->end() || !range->value().is_array() || range->value().get_array().size() != 2) continue;
    int first = static_cast<int>(range->value().get_array()[0].to_number<int64_t>());
    int last = static_cast<int>(range->value().get_array()[1].to_number<int64_t>());
    b.true_starts.push_back(first);
    EvalCase c;
    c.path = l.record.source + " pages " + std::to_string(first) + "-" + std::to_string(last);
    c.format = "packet:" + TruthString(l.truth, "format");
    c.true_type = TruthString(*po, "type");
    if (auto f = po->find("fields"); f != po->end() && f->value().is_object()) {
      for (const auto& kv : f->value().get_object()) {
        if (kv.value().is_string()) c.true_fields[kv.key()] = kv.value().get_string().c_str();
      }
    }
    bool found = false;
    for (const PacketPart& p : split.parts) found |= p.first_page == first && p.last_page == last;
    if (found) {
      std::vector<Page> own = PagesInRange(l.pages, first, last);
      c.predicted = classifier.Classify(own);
      c.predicted_fields = ExtractFields(true_type ? c.true_type : c.predicted.type, own);
    } else {
      c.predicted.type = "packet";
    }
    cases->push_back(std::move(c));
  }
  packets->push_back(std::move(b));
}

}  // namespace

int RunEval(const std::vector<std::string>& args) {
  CommonOptions common;
  std::string dir, cache, model;
  ClassifierOptions copts;
  bool true_type = false;
  FieldReportOptions fopts;
  int jobs = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  po::options_description desc("options");
  AddCommonOptions(desc, &common);
  desc.add_options()
      ("jobs,j", po::value(&jobs)->default_value(jobs), "OCR workers")
      ("cache", po::value(&cache), "keep the OCR'd documents in this archive for later runs")
      ("model", po::value(&model),
       "the type model to measure: a model file or an archive folder (default: the built-in model)")
      ("review-below", po::value(&copts.review_below)->default_value(copts.review_below, "0.9"),
       "confidence below which a record needs review")
      ("true-type", po::bool_switch(&true_type),
       "extract fields as if each document had its true type (measures extraction apart from classification)")
      ("field-errors", po::bool_switch(&fopts.list_errors), "list every wrong, missing and extra field")
      ("dir", po::value(&dir)->required(), "folder of documents with NAME.truth.json beside each");
  po::positional_options_description pos;
  pos.add("dir", 1);
  po::variables_map vm;
  int code = kExitOk;
  if (!ParseArgs(args, "eval", "[OPTIONS] LABELLED_DIR", desc, pos, &vm, common, &code)) return code;

  auto classifier = model.empty() ? Classifier::Default(copts) : ModelNamed(model, copts);
  if (!classifier.ok()) {
    Complain("eval: the model: " + classifier.status().message());
    return kExitUsage;
  }
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
    Status st = ReadLabelled(archive.get(), jobs, &*classifier, "eval", &*labelled);
    if (!st.ok()) {
      Complain("eval: " + st.message());
      return kExitArchive;
    }
    std::vector<EvalCase> cases;
    std::vector<BoundaryCase> packets;
    for (const Labelled& l : *labelled) {
      if (TruthString(l.truth, "type") == "packet") {
        if (l.record.status == "rejected") {
          Complain("eval: " + l.record.source + " was rejected: " + l.record.error);
          exit_code = kExitArchive;
          continue;
        }
        AddPacketCases(l, *classifier, true_type, &packets, &cases);
        continue;
      }
      EvalCase c;
      c.path = l.record.source;
      c.format = TruthString(l.truth, "format");
      c.true_type = TruthString(l.truth, "type");
      if (auto f = l.truth.find("fields"); f != l.truth.end() && f->value().is_object()) {
        for (const auto& kv : f->value().get_object()) {
          if (kv.value().is_string()) c.true_fields[kv.key()] = kv.value().get_string().c_str();
        }
      }
      if (l.record.status == "rejected") {
        Complain("eval: " + l.record.source + " was rejected: " + l.record.error);
        exit_code = kExitArchive;
      } else {
        c.predicted = classifier->Classify(l.pages);
        c.predicted_fields = ExtractFields(true_type ? c.true_type : c.predicted.type, l.pages);
      }
      cases.push_back(std::move(c));
    }
    json::object types = TypeReport(cases, copts.review_below);
    types["model"] = model.empty() ? "built-in" : model;
    json::object fields = FieldReport(cases, fopts);
    fields["types_used"] = true_type ? "true" : "predicted";
    if (common.json) {
      json::object out{{"documents", cases.size()}, {"classification", types}, {"fields", fields}};
      if (!packets.empty()) out["boundaries"] = BoundaryReport(packets);
      std::cout << json::serialize(out) << "\n";
    } else {
      std::cout << cases.size() << " labelled documents under " << dir << "\n\n";
      if (!packets.empty()) std::cout << BoundaryReportText(BoundaryReport(packets)) << "\n";
      std::cout << TypeReportText(types) << "\n" << FieldReportText(fields);
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
