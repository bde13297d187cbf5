// docket ingest FILE...: archive each file, in input order.
#include <fnmatch.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <thread>

#include <boost/json.hpp>

#include "cli/command.h"
#include "cli/record_output.h"
#include "classify/archive_model.h"
#include "classify/classifier.h"
#include "index/writer.h"
#include "cli/packet_options.h"
#include "ingest/pipeline.h"
#include "ocr/engine.h"

namespace docket::cli {
namespace {

namespace fs = std::filesystem;

bool Skipped(const std::string& name, const std::vector<std::string>& skip) {
  if (name.empty() || name[0] == '.') return true;
  return std::any_of(skip.begin(), skip.end(),
                     [&](const std::string& g) { return fnmatch(g.c_str(), name.c_str(), 0) == 0; });
}

// Files as given; folders expand to their files, recursively, sorted.
std::vector<std::string> ExpandInputs(const std::vector<std::string>& inputs,
                                      const std::vector<std::string>& skip) {
  std::vector<std::string> files;
  for (const std::string& in : inputs) {
    std::error_code ec;
    if (!fs::is_directory(in, ec)) {
      files.push_back(in);
      continue;
    }
    std::vector<std::string> found;
    for (auto it = fs::recursive_directory_iterator(in, ec); !ec && it != fs::end(it);
         it.increment(ec)) {
      std::string name = it->path().filename().string();
      if (it->is_directory(ec)) {
        if (!name.empty() && name[0] == '.') it.disable_recursion_pending();
        continue;
      }
      if (it->is_regular_file(ec) && !Skipped(name, skip)) found.push_back(it->path().string());
    }
    std::sort(found.begin(), found.end());
    files.insert(files.end(), found.begin(), found.end());
  }
  return files;
}

std::string Duration(double s) {
  if (s < 0 || s > 1e7) return "?";
  int t = static_cast<int>(s + 0.5);
  char buf[32];
  if (t >= 3600) std::snprintf(buf, sizeof buf, "%dh%02dm", t / 3600, (t / 60) % 60);
  else if (t >= 60) std::snprintf(buf, sizeof buf, "%dm%02ds", t / 60, t % 60);
  else std::snprintf(buf, sizeof buf, "%ds", t);
  return buf;
}

boost::json::object StatsJson(const PipelineStats& s, int jobs) {
  double busy = s.busy_seconds();
  return boost::json::object{
      {"files", s.files}, {"archived", s.archived}, {"duplicates", s.duplicates},
      {"rejected", s.rejected}, {"pages", s.pages}, {"ocr_pages", s.ocr_pages},
      {"jobs", jobs}, {"wall_seconds", s.wall_seconds},
      {"pages_per_second", s.wall_seconds > 0 ? s.pages / s.wall_seconds : 0.0},
      {"decode_seconds", s.decode_seconds}, {"load_seconds", s.load_seconds},
      {"prepare_seconds", s.prepare_seconds}, {"recognize_seconds", s.recognize_seconds},
      {"osd_seconds", s.osd_seconds}, {"finish_seconds", s.finish_seconds},
      {"busy_seconds", busy}, {"timed_by", "thread CPU time"},
      {"overhead_share", s.outside_recognition_share()},
      {"outside_tesseract_share", s.outside_tesseract_share()}};
}

}  // namespace

int RunIngest(const std::vector<std::string>& args) {
  CommonOptions common;
  PipelineOptions options;
  OcrOptions ocr;
  std::vector<std::string> inputs, skip;
  bool stats = false, quiet = false;
  ClassifierOptions copts;
  int jobs = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  po::options_description desc("options");
  AddCommonOptions(desc, &common);
  desc.add_options()
      ("jobs,j", po::value(&jobs)->default_value(jobs), "OCR workers (default: the number of cores)")
      ("skip", po::value(&skip)->composing(), "in folders, skip files whose name matches this glob (repeatable)")
      ("max-pages", po::value(&options.decode.max_pages)->default_value(options.decode.max_pages),
       "reject documents with more pages")
      ("max-pixels", po::value(&options.decode.max_pixels)->default_value(options.decode.max_pixels),
       "reject page images with more pixels")
      ("page-timeout", po::value(&ocr.page_timeout_ms)->default_value(ocr.page_timeout_ms),
       "give up recognising a page after this many milliseconds")
      ("tessdata", po::value(&ocr.tessdata), "folder of Tesseract models (default: Debian's)")
      ("review-below", po::value(&copts.review_below)->default_value(copts.review_below, "0.9"),
       "mark records whose type confidence is below this needs_review")
      ("no-deskew", "do not straighten skewed scans")
      ("no-orient", "do not turn sideways or upside-down pages");
  AddPacketOptions(desc);
  desc.add_options()
      ("stats", po::bool_switch(&stats), "print where the time went (JSON on stderr)")
      ("quiet,q", po::bool_switch(&quiet), "no progress on stderr")
      ("input", po::value(&inputs), "files or folders to ingest");
  po::positional_options_description pos;
  pos.add("input", -1);
  po::variables_map vm;
  int code = kExitOk;
  const char* usage = "[OPTIONS] FILE|FOLDER...";
  if (!ParseArgs(args, "ingest", usage, desc, pos, &vm, common, &code)) return code;
  options.prep.deskew = vm.count("no-deskew") == 0;
  options.prep.orient = vm.count("no-orient") == 0;
  ApplyPacketOptions(vm, &options.packets);
  if (inputs.empty()) {
    Complain("ingest: no files given");
    std::cerr << "usage: docket ingest " << usage << std::endl;
    return kExitUsage;
  }
  if (jobs < 1 || options.decode.max_pages < 1 || options.decode.max_pixels < 1) {
    Complain("ingest: --jobs, --max-pages and --max-pixels must be positive");
    return kExitUsage;
  }
  options.jobs = jobs;

  auto archive = OpenArchiveOrSay(common, /*create=*/true);
  if (!archive) return kExitArchive;
  auto index = IndexWriter::Open(archive->IndexPath());
  if (!index.ok()) {
    Complain("cannot open the index: " + index.status().message());
    return kExitArchive;
  }
  std::vector<std::string> files = ExpandInputs(inputs, skip);
  // Fail before the batch, not on its first scanned page, if the model is
  // missing; the engines themselves load when a page first needs OCR.
  if (Status model = Engine::CheckModel(ocr); !model.ok()) {
    Complain(model.message());
    return kExitArchive;
  }
  EnginePool engines(ocr, jobs);
  // The archive's own model (a copy of the built-in one on first use).
  auto classifier = OpenArchiveClassifier(*archive, copts);
  if (!classifier.ok()) {
    Complain("the archive's type model: " + classifier.status().message());
    return kExitArchive;
  }
  Pipeline pipeline(options, archive.get(), index->get(), &engines, &*classifier);

  bool show_progress = !quiet && files.size() > 3;
  bool tty = isatty(STDERR_FILENO);
  double last_shown = -1;
  auto on_progress = [&](const Progress& p) {
    if (!show_progress) return;
    bool done = p.files_done == p.files_total;
    if (!done && p.elapsed_seconds - last_shown < (tty ? 0.2 : 2.0)) return;
    last_shown = p.elapsed_seconds;
    double rate = p.elapsed_seconds > 0 ? p.pages_done / p.elapsed_seconds : 0;
    double per_file = p.files_done > 0 ? p.elapsed_seconds / p.files_done : -1;
    double left = per_file >= 0 ? per_file * (p.files_total - p.files_done) : -1;
    char line[160];
    std::snprintf(line, sizeof line, "[%llu/%llu files] %llu pages, %.2f pages/s, %s left",
                  static_cast<unsigned long long>(p.files_done),
                  static_cast<unsigned long long>(p.files_total),
                  static_cast<unsigned long long>(p.pages_done), rate, Duration(left).c_str());
    std::cerr << (tty ? "\r" : "") << line << (tty && !done ? "" : "\n") << std::flush;
  };
  auto on_record = [&](const Record& r) { PrintIngested(std::cout, r, common.json); };
  Status st = pipeline.Run(files, on_record, on_progress);
  if (stats) {
    std::cerr << boost::json::serialize(boost::json::object{{"stats", StatsJson(pipeline.stats(), jobs)}})
              << std::endl;
  }
  if (!st.ok()) {
    Complain(st.message());
    return kExitArchive;
  }
  return kExitOk;
}

}  // namespace docket::cli
