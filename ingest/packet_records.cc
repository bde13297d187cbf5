#include "ingest/packet_records.h"

#include "classify/extract.h"
#include "store/archive.h"

namespace docket {
namespace json = boost::json;

namespace {

Record MakePart(const Record& file, int ordinal, const PacketPart& part, const std::vector<Page>& pages,
                bool doubtful, const Classifier& classifier, const std::string& type_hint) {
  std::vector<Page> own = PagesInRange(pages, part.first_page, part.last_page);
  Record r;
  r.id = file.id + "-" + std::to_string(ordinal);
  r.source = file.source;
  r.sha256 = file.sha256;
  r.status = "archived";
  r.format = file.format;
  r.size = file.size;
  r.archived_at = file.archived_at;
  r.packet = file.id;
  r.first_page = part.first_page;
  r.pages = part.last_page - part.first_page + 1;
  for (const Page& p : own) r.ocr_pages += p.origin == "ocr" ? 1 : 0;
  Classification c = classifier.Classify(own, type_hint);
  r.type = c.type;
  r.confidence = c.confidence;
  bool boundary_unsure = !part.certain || doubtful;
  if (c.needs_review || boundary_unsure) r.extra["needs_review"] = true;
  if (boundary_unsure) r.extra["boundary_uncertain"] = true;
  if (!part.why.empty()) r.extra["split_why"] = part.why;
  if (!c.reasons.empty()) {
    json::array reasons;
    for (const std::string& why : c.reasons) reasons.emplace_back(why);
    r.extra["reasons"] = std::move(reasons);
  }
  r.fields = ExtractFields(r.type, own);
  return r;
}

std::vector<int> IntArray(const Record& r, const char* key) {
  std::vector<int> out;
  auto it = r.extra.find(key);
  if (it == r.extra.end() || !it->value().is_array()) return out;
  for (const json::value& v : it->value().get_array()) {
    if (v.is_int64()) out.push_back(static_cast<int>(v.get_int64()));
  }
  return out;
}

}  // namespace

PacketRecords MakePacketRecords(const Record& file, const std::vector<Page>& pages,
                                const std::vector<PacketPart>& parts, const std::vector<int>& separator_pages,
                                const std::vector<std::pair<int, std::string>>& doubtful,
                                const Classifier& classifier, const std::string& type_hint) {
  PacketRecords out;
  bool all_certain = true;
  for (size_t i = 0; i < parts.size(); ++i) {
    bool unsure_inside = false;
    for (const auto& [page, why] : doubtful) {
      unsure_inside |= page >= parts[i].first_page && page <= parts[i].last_page;
    }
    out.parts.push_back(MakePart(file, static_cast<int>(i + 1), parts[i], pages, unsure_inside, classifier,
                                 type_hint));
    all_certain &= parts[i].certain && !unsure_inside;
  }
  Record& p = out.packet;
  p = file;
  p.type = "packet";
  // How sure docket is that the file is this packet: the boundaries.
  p.confidence = all_certain ? 1.0 : 0.5;
  p.fields.clear();
  p.extra.erase("reasons");
  p.extra.erase("needs_review");
  if (!all_certain) p.extra["needs_review"] = true;
  p.extra["parts"] = PartsSummary(out.parts);
  json::array seps;
  for (int s : separator_pages) seps.emplace_back(s);
  p.extra["separator_pages"] = std::move(seps);
  return out;
}

json::array PartsSummary(const std::vector<Record>& parts) {
  json::array a;
  for (const Record& r : parts) {
    a.push_back(json::object{{"id", r.id}, {"type", r.type},
                             {"pages", json::array{r.first_page, r.last_page()}}});
  }
  return a;
}

std::vector<int> PartStarts(const Record& packet) {
  std::vector<int> out;
  auto it = packet.extra.find("parts");
  if (it == packet.extra.end() || !it->value().is_array()) return out;
  for (const json::value& v : it->value().get_array()) {
    const json::object* o = v.if_object();
    if (o == nullptr) continue;
    auto pg = o->find("pages");
    if (pg == o->end() || !pg->value().is_array() || pg->value().get_array().empty()) continue;
    const json::value& first = pg->value().get_array()[0];
    if (first.is_int64()) out.push_back(static_cast<int>(first.get_int64()));
  }
  return out;
}

std::vector<int> SeparatorPages(const Record& packet) { return IntArray(packet, "separator_pages"); }

std::vector<std::string> PartIds(const Record& packet) {
  std::vector<std::string> out;
  auto it = packet.extra.find("parts");
  if (it == packet.extra.end() || !it->value().is_array()) return out;
  for (const json::value& v : it->value().get_array()) {
    const json::object* o = v.if_object();
    if (o == nullptr) continue;
    auto id = o->find("id");
    if (id != o->end() && id->value().is_string()) out.emplace_back(id->value().get_string());
  }
  return out;
}

void ExpandParts(Archive* archive, Record* packet) {
  auto it = packet->extra.find("parts");
  if (it == packet->extra.end() || !it->value().is_array()) return;
  for (json::value& v : it->value().get_array()) {
    const json::object* o = v.if_object();
    if (o == nullptr) continue;
    auto id = o->find("id");
    if (id == o->end() || !id->value().is_string()) continue;
    auto part = archive->GetRecord(std::string(id->value().get_string()));
    if (part.ok()) v = ToJson(*part);
  }
}

}  // namespace docket
