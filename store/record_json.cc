// JSON forms of Record and Page, in the member order of CONTRACT.md.
#include <set>

#include <boost/json.hpp>

#include "store/record.h"

namespace docket {
namespace json = boost::json;

namespace {

json::array BoxJson(const Box& b) { return json::array{b.left, b.top, b.right, b.bottom}; }

bool ReadBox(const json::value& v, Box* out) {
  const json::array* a = v.if_array();
  if (a == nullptr || a->size() != 4) return false;
  double d[4];
  for (size_t i = 0; i < 4; ++i) {
    if (!(*a)[i].is_number()) return false;
    d[i] = (*a)[i].to_number<double>();
  }
  *out = Box{d[0], d[1], d[2], d[3]};
  return true;
}

std::string Str(const json::object& o, const char* key) {
  auto it = o.find(key);
  if (it == o.end() || !it->value().is_string()) return "";
  return std::string(it->value().get_string());
}

double Num(const json::object& o, const char* key) {
  auto it = o.find(key);
  if (it == o.end() || !it->value().is_number()) return 0;
  return it->value().to_number<double>();
}

const std::set<std::string>& KnownMembers() {
  static const std::set<std::string> k = {"id", "source", "sha256", "status", "error",
                                          "type", "confidence", "pages", "ocr_pages",
                                          "fields", "format", "size", "archived_at",
                                          "packet"};
  return k;
}

}  // namespace

json::object ToJson(const Record& r) {
  json::object o;
  o["id"] = r.id;
  o["source"] = r.source;
  o["sha256"] = r.sha256;
  o["status"] = r.status;
  if (!r.error.empty()) o["error"] = r.error;
  o["type"] = r.type;
  o["confidence"] = r.confidence;
  if (r.packet.empty()) {
    o["pages"] = r.pages;
  } else {
    o["pages"] = json::array{r.first_page, r.last_page()};
  }
  o["ocr_pages"] = r.ocr_pages;
  json::object fields;
  for (const auto& [name, f] : r.fields) {
    json::object fo;
    fo["value"] = f.value;
    fo["confidence"] = f.confidence;
    if (f.page > 0) fo["page"] = f.page;
    if (f.box) fo["box"] = BoxJson(*f.box);
    fields[name] = std::move(fo);
  }
  o["fields"] = std::move(fields);
  if (!r.format.empty()) o["format"] = r.format;
  if (r.size > 0) o["size"] = r.size;
  if (!r.archived_at.empty()) o["archived_at"] = r.archived_at;
  if (!r.packet.empty()) o["packet"] = r.packet;
  for (const auto& kv : r.extra) {
    if (!KnownMembers().count(std::string(kv.key()))) o[kv.key()] = kv.value();
  }
  return o;
}

Result<Record> RecordFromJson(const json::value& v) {
  const json::object* o = v.if_object();
  if (o == nullptr) return Status::Corrupt("record is not a JSON object");
  Record r;
  r.id = Str(*o, "id");
  if (r.id.empty()) return Status::Corrupt("record has no id");
  r.source = Str(*o, "source");
  r.sha256 = Str(*o, "sha256");
  r.status = Str(*o, "status");
  r.error = Str(*o, "error");
  r.type = Str(*o, "type");
  if (r.type.empty()) r.type = "other";
  r.confidence = Num(*o, "confidence");
  r.pages = static_cast<int>(Num(*o, "pages"));
  r.packet = Str(*o, "packet");
  if (auto it = o->find("pages"); it != o->end() && it->value().is_array()) {
    // A part: [first, last] of the packet's pages.
    const json::array& a = it->value().get_array();
    if (r.packet.empty() || a.size() != 2 || !a[0].is_number() || !a[1].is_number()) {
      return Status::Corrupt("record " + r.id + ": \"pages\" is a range but not of a part");
    }
    r.first_page = static_cast<int>(a[0].to_number<double>());
    int last = static_cast<int>(a[1].to_number<double>());
    if (r.first_page < 1 || last < r.first_page) return Status::Corrupt("record " + r.id + ": bad page range");
    r.pages = last - r.first_page + 1;
  }
  r.ocr_pages = static_cast<int>(Num(*o, "ocr_pages"));
  r.format = Str(*o, "format");
  r.size = static_cast<uint64_t>(Num(*o, "size"));
  r.archived_at = Str(*o, "archived_at");
  if (auto it = o->find("fields"); it != o->end() && it->value().is_object()) {
    for (const auto& kv : it->value().get_object()) {
      const json::object* fo = kv.value().if_object();
      if (fo == nullptr) return Status::Corrupt("field " + std::string(kv.key()) + " is not an object");
      Field f;
      f.value = Str(*fo, "value");
      f.confidence = Num(*fo, "confidence");
      f.page = static_cast<int>(Num(*fo, "page"));
      if (auto b = fo->find("box"); b != fo->end()) {
        Box box;
        if (ReadBox(b->value(), &box)) f.box = box;
      }
      r.fields[std::string(kv.key())] = std::move(f);
    }
  }
  for (const auto& kv : *o) {
    if (!KnownMembers().count(std::string(kv.key()))) r.extra[kv.key()] = kv.value();
  }
  return r;
}

json::object ToJson(const Page& p) {
  json::object o;
  o["number"] = p.number;
  o["origin"] = p.origin;
  o["rotation"] = p.rotation;
  o["skew"] = p.skew;
  o["text"] = p.text;
  // Words as compact arrays: [text, left, top, right, bottom, confidence].
  json::array words;
  words.reserve(p.words.size());
  for (const Word& w : p.words) {
    words.push_back(json::array{json::string(w.text), w.box.left, w.box.top, w.box.right,
                                w.box.bottom, w.confidence});
  }
  o["words"] = std::move(words);
  // Only when read, so that pages stored before barcodes were read and
  // pages without any look the same.
  if (!p.barcodes.empty()) {
    json::array codes;
    for (const std::string& b : p.barcodes) codes.emplace_back(b);
    o["barcodes"] = std::move(codes);
  }
  return o;
}

Result<Page> PageFromJson(const json::value& v) {
  const json::object* o = v.if_object();
  if (o == nullptr) return Status::Corrupt("page is not a JSON object");
  Page p;
  p.number = static_cast<int>(Num(*o, "number"));
  p.origin = Str(*o, "origin");
  p.rotation = static_cast<int>(Num(*o, "rotation"));
  p.skew = Num(*o, "skew");
  p.text = Str(*o, "text");
  if (auto it = o->find("words"); it != o->end() && it->value().is_array()) {
    for (const auto& wv : it->value().get_array()) {
      const json::array* a = wv.if_array();
      if (a == nullptr || a->size() != 6 || !(*a)[0].is_string()) {
        return Status::Corrupt("page " + std::to_string(p.number) + " has a malformed word");
      }
      Word w;
      w.text = std::string((*a)[0].get_string());
      double d[5];
      for (size_t i = 0; i < 5; ++i) {
        if (!(*a)[i + 1].is_number()) return Status::Corrupt("malformed word box");
        d[i] = (*a)[i + 1].to_number<double>();
      }
      w.box = Box{d[0], d[1], d[2], d[3]};
      w.confidence = static_cast<float>(d[4]);
      p.words.push_back(std::move(w));
    }
  }
  if (auto it = o->find("barcodes"); it != o->end() && it->value().is_array()) {
    for (const auto& bv : it->value().get_array()) {
      if (!bv.is_string()) return Status::Corrupt("page " + std::to_string(p.number) + " has a malformed barcode");
      p.barcodes.emplace_back(bv.get_string());
    }
  }
  return p;
}

}  // namespace docket
