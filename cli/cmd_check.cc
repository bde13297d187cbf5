// docket check: verify the archive. Every original against its sha256,
// every record readable and whole (its original and pages present), the
// index in step with the records. One line per problem; exit 1 when any.
#include <iostream>
#include <set>

#include <boost/json.hpp>

#include "base/sha256.h"
#include "cli/command.h"
#include "index/searcher.h"

namespace docket::cli {

int RunCheck(const std::vector<std::string>& args) {
  CommonOptions common;
  po::options_description desc("options");
  AddCommonOptions(desc, &common);
  po::positional_options_description pos;
  po::variables_map vm;
  int code = kExitOk;
  if (!ParseArgs(args, "check", "[OPTIONS]", desc, pos, &vm, common, &code)) return code;
  auto archive = OpenArchiveOrSay(common, /*create=*/false);
  if (!archive) return kExitArchive;

  size_t problems = 0;
  auto report = [&](const std::string& kind, const std::string& id, const std::string& detail) {
    ++problems;
    if (common.json) {
      std::cout << boost::json::serialize(boost::json::object{{"problem", kind}, {"id", id}, {"detail", detail}})
                << "\n";
    } else {
      std::cout << kind << "  " << id << ": " << detail << "\n";
    }
  };

  auto ids = archive->ListIds();
  if (!ids.ok()) {
    Complain("check: " + ids.status().message());
    return kExitArchive;
  }
  std::set<std::string> archived;
  size_t checked = 0;
  for (const std::string& id : *ids) {
    auto r = archive->GetRecord(id);
    if (!r.ok()) {
      report("unreadable_record", id, r.status().message());
      continue;
    }
    ++checked;
    if (r->status == "archived") archived.insert(id);
    auto sha = Sha256File(archive->OriginalPath(r->sha256));
    if (!sha.ok()) {
      report("missing_original", id, archive->OriginalPath(r->sha256));
    } else if (*sha != r->sha256) {
      report("damaged_original", id, "sha256 is " + *sha + ", the record says " + r->sha256);
    }
    if (auto pages = archive->GetPages(id); !pages.ok()) {
      report("unreadable_pages", id, pages.status().message());
    } else if (static_cast<int>(pages->size()) != r->pages) {
      report("damaged_pages", id, std::to_string(pages->size()) + " pages stored, the record says " +
                                      std::to_string(r->pages));
    }
  }

  auto searcher = Searcher::Open(archive->IndexPath());
  auto indexed = searcher.ok() ? (*searcher)->Ids() : Result<std::vector<std::string>>(searcher.status());
  if (!indexed.ok()) {
    report("unreadable_index", "", indexed.status().message() + " (docket reindex rebuilds it)");
  } else {
    std::set<std::string> in_index(indexed->begin(), indexed->end());
    for (const std::string& id : archived) {
      if (!in_index.count(id)) report("not_indexed", id, "the record is not in the index (docket reindex)");
    }
    for (const std::string& id : in_index) {
      if (!archived.count(id)) report("stale_index_entry", id, "indexed without a record (docket reindex)");
    }
  }
  if (!common.json) {
    std::cerr << "checked " << checked << " records: " << problems
              << (problems == 1 ? " problem" : " problems") << std::endl;
  }
  return problems > 0 ? kExitArchive : kExitOk;
}

}  // namespace docket::cli
