#include "server/boundaries.h"

#include <map>
#include <set>

#include <boost/json.hpp>

#include "base/clock.h"
#include "classify/extract.h"
#include "classify/packet_split.h"
#include "index/writer.h"
#include "ingest/packet_records.h"

namespace docket::server {
namespace json = boost::json;

namespace {

json::array IntsJson(const std::vector<int>& v) {
  json::array a;
  for (int i : v) a.emplace_back(i);
  return a;
}

// The whole file as one document again: classified and extracted from all
// its pages, as ingest does for a file of one document.
void MakeWhole(Record* r, const std::vector<Page>& pages, const Classifier& classifier) {
  Classification c = classifier.Classify(pages);
  r->type = c.type;
  r->confidence = c.confidence;
  r->extra.erase("parts");
  r->extra.erase("separator_pages");
  r->extra["needs_review"] = c.needs_review;
  json::array reasons;
  for (const std::string& why : c.reasons) reasons.emplace_back(why);
  r->extra["reasons"] = std::move(reasons);
  r->fields = ExtractFields(r->type, pages);
}

}  // namespace

Result<std::vector<int>> ParseStarts(const std::string& text) {
  std::vector<int> out;
  int value = -1;
  for (size_t i = 0; i <= text.size(); ++i) {
    char ch = i < text.size() ? text[i] : ',';
    if (ch >= '0' && ch <= '9') {
      value = (value < 0 ? 0 : value) * 10 + (ch - '0');
      if (value > 1000000) return Status::Invalid("page number too large");
    } else if (ch == ',' || ch == ' ' || ch == '\t' || ch == ';') {
      if (value >= 0) out.push_back(value);
      value = -1;
    } else {
      return Status::Invalid("first pages are numbers separated by commas, such as 1, 4, 7");
    }
  }
  if (out.empty()) return Status::Invalid("give the first page of every document, such as 1, 4, 7");
  return out;
}

Result<Record> MoveBoundaries(Archive* archive, const std::string& index_path, const std::string& id,
                              const BoundaryEdit& edit, const Classifier& classifier) {
  if (edit.starts.empty()) return Status::Invalid("give the first page of every document");
  auto first = archive->GetRecord(id);
  if (!first.ok()) return first.status();
  if (first->status != "archived") return Status::Invalid("only archived records have boundaries");
  Record file = *first;
  if (!file.packet.empty()) {
    auto packet = archive->GetRecord(file.packet);
    if (!packet.ok()) return packet.status().Annotate("the packet of " + id);
    file = std::move(*packet);
  }
  auto pages = archive->GetPages(file.id);
  if (!pages.ok()) return pages.status().Annotate("the pages of " + file.id);
  if (pages->empty()) return Status::Invalid(file.id + " has no pages");
  int page_count = pages->back().number;
  std::vector<int> seps = SeparatorPages(file);
  auto parts = PartsFromStarts(edit.starts, page_count, seps);
  if (!parts.ok()) return parts.status();

  std::vector<int> old_starts = file.type == "packet" ? PartStarts(file) : std::vector<int>{1};
  std::vector<std::string> old_ids = PartIds(file);
  std::map<std::string, Record> old_parts;
  for (const std::string& pid : old_ids) {
    auto r = archive->GetRecord(pid);
    if (r.ok()) old_parts.emplace(pid, std::move(*r));
  }

  IndexOptions io;
  io.wait_for_lock = true;
  auto writer = IndexWriter::Open(index_path, io);
  if (!writer.ok()) return writer.status().Annotate("the index");

  std::string at = edit.at.empty() ? NowIso8601() : edit.at;
  std::vector<Record> new_parts;
  bool whole = parts->size() == 1 && parts->front().first_page == 1 && parts->front().last_page == page_count;
  Record updated = file;
  if (whole) {
    MakeWhole(&updated, *pages, classifier);
  } else {
    Record base = file;
    base.extra.erase("parts");
    PacketRecords made = MakePacketRecords(base, *pages, *parts, seps, {}, classifier, "");
    updated = std::move(made.packet);
    for (Record& p : made.parts) {
      // A part whose pages did not change keeps its record and corrections.
      auto old = old_parts.find(p.id);
      if (old != old_parts.end() && old->second.first_page == p.first_page && old->second.pages == p.pages) {
        p = old->second;
        p.extra.erase("boundary_uncertain");
      } else {
        p.extra["split_why"] = "set by " + edit.by;
        auto earlier = (*writer)->FindBusinessDuplicate(p);
        if (earlier.ok()) p.extra["possible_duplicate_of"] = *earlier;
      }
      new_parts.push_back(std::move(p));
    }
    updated.extra["parts"] = PartsSummary(new_parts);
    updated.extra["needs_review"] = false;
  }
  // The history a clerk's edit leaves, after whatever the record had.
  if (auto it = file.extra.find("history"); it != file.extra.end()) updated.extra["history"] = it->value();
  json::value& history = updated.extra["history"];
  if (!history.is_array()) history = json::array();
  std::vector<int> new_starts;
  for (const PacketPart& p : *parts) new_starts.push_back(p.first_page);
  history.get_array().push_back(json::object{{"by", edit.by}, {"at", at}, {"field", "boundaries"},
                                             {"old", IntsJson(old_starts)}, {"new", IntsJson(new_starts)}});

  // The records are the truth: parts first, the file's record last (as at
  // ingest), then parts no longer needed go; the index follows.
  for (const Record& p : new_parts) {
    DOCKET_RETURN_IF_ERROR(archive->PutPages(p.id, PagesInRange(*pages, p.first_page, p.last_page())));
    DOCKET_RETURN_IF_ERROR(archive->PutRecord(p));
  }
  DOCKET_RETURN_IF_ERROR(archive->PutRecord(updated));
  std::set<std::string> kept;
  for (const Record& p : new_parts) kept.insert(p.id);
  for (const std::string& pid : old_ids) {
    if (kept.count(pid)) continue;
    DOCKET_RETURN_IF_ERROR(archive->RemoveRecord(pid));
    DOCKET_RETURN_IF_ERROR((*writer)->Remove(pid).Annotate("the boundaries are stored but not yet indexed"));
  }
  for (const Record& p : new_parts) {
    DOCKET_RETURN_IF_ERROR((*writer)->Put(p, PagesInRange(*pages, p.first_page, p.last_page()))
                               .Annotate("the boundaries are stored but not yet indexed"));
  }
  DOCKET_RETURN_IF_ERROR((*writer)->Put(updated, *pages).Annotate("the boundaries are stored but not yet indexed"));
  DOCKET_RETURN_IF_ERROR((*writer)->Commit().Annotate("the boundaries are stored but not yet indexed"));
  return updated;
}

}  // namespace docket::server
