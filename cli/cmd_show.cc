// docket show ID: one record.
#include <iostream>

#include "cli/command.h"
#include "cli/record_output.h"
#include "index/searcher.h"
#include "ingest/packet_records.h"

#include <boost/json.hpp>

namespace docket::cli {

int RunShow(const std::vector<std::string>& args) {
  CommonOptions common;
  std::string id;
  bool text = false;
  po::options_description desc("options");
  AddCommonOptions(desc, &common);
  desc.add_options()
      ("text", po::bool_switch(&text), "also print the text of each page")
      ("id", po::value(&id)->required(), "the record's id");
  po::positional_options_description pos;
  pos.add("id", 1);
  po::variables_map vm;
  int code = kExitOk;
  if (!ParseArgs(args, "show", "[OPTIONS] ID", desc, pos, &vm, common, &code)) return code;
  auto archive = OpenArchiveOrSay(common, /*create=*/false);
  if (!archive) return kExitArchive;
  auto record = archive->GetRecord(id);
  if (!record.ok()) {
    Complain("show: " + record.status().message());
    return record.status().IsNotFound() || record.status().code() == Status::Code::kInvalid
               ? kExitUsage
               : kExitArchive;
  }
  // Links are derived from the index, never stored: they follow every
  // correction and every new document.
  std::vector<Link> links;
  if (auto searcher = Searcher::Open(archive->IndexPath()); searcher.ok()) {
    if (auto found = (*searcher)->Linked(*record, 50); found.ok()) {
      links = std::move(*found);
    } else {
      Complain("show: links not found: " + found.status().message());
    }
  }
  boost::json::array ids;
  for (const Link& l : links) ids.emplace_back(l.id);
  record->extra["links"] = std::move(ids);
  ExpandParts(archive.get(), &*record);  // a packet's parts, each a full record
  PrintRecord(std::cout, *record, common.json);
  if (!common.json && !links.empty()) {
    std::cout << "linked:\n";
    for (const Link& l : links) std::cout << "  " << l.id << "  " << l.type << "  (same " << l.why << ")\n";
  }
  if (text && !common.json) {
    auto pages = archive->GetPages(id);
    if (!pages.ok()) {
      Complain("show: the text of " + id + " cannot be read: " + pages.status().message());
      return kExitArchive;
    }
    for (const Page& p : *pages) {
      std::cout << "\n--- page " << p.number << " (" << p.origin;
      if (p.rotation != 0) std::cout << ", turned " << p.rotation << "°";
      std::cout << ") ---\n" << p.text << "\n";
    }
  }
  return kExitOk;
}

}  // namespace docket::cli
