#include "cli/record_output.h"

#include <cstdio>

#include <boost/json.hpp>

namespace docket::cli {
namespace {

std::string Percent(double confidence) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.0f%%", confidence * 100);
  return buf;
}

// Snippets are HTML with <mark>; on a terminal the marks become [brackets].
std::string PlainSnippet(std::string s) {
  auto replace = [&s](const std::string& from, const std::string& to) {
    for (size_t i = s.find(from); i != std::string::npos; i = s.find(from, i + to.size())) {
      s.replace(i, from.size(), to);
    }
  };
  replace("<mark>", "[");
  replace("</mark>", "]");
  replace("\n", " ");
  replace("&lt;", "<");
  replace("&gt;", ">");
  replace("&quot;", "\"");
  replace("&#39;", "'");
  replace("&amp;", "&");
  return s;
}

}  // namespace

void PrintIngested(std::ostream& out, const Record& r, bool json) {
  if (json) {
    out << boost::json::serialize(ToJson(r)) << "\n" << std::flush;
    return;
  }
  if (r.status == "rejected") {
    out << "rejected   " << r.source << ": " << r.error << "\n";
  } else if (r.status == "duplicate") {
    out << "duplicate  " << r.source << " -> " << r.id << "\n";
  } else {
    out << "archived   " << r.source << " -> " << r.id << " (" << r.type << ", " << r.pages
        << (r.pages == 1 ? " page" : " pages") << ", " << r.ocr_pages << " OCR'd)\n";
    if (auto dup = r.extra.find("possible_duplicate_of"); dup != r.extra.end() && dup->value().is_string()) {
      out << "           possible duplicate of " << dup->value().get_string().c_str() << "\n";
    }
    // A packet: one line per document found in it.
    if (auto parts = r.extra.find("parts"); parts != r.extra.end() && parts->value().is_array()) {
      for (const boost::json::value& v : parts->value().get_array()) {
        auto part = RecordFromJson(v);
        if (!part.ok()) continue;
        out << "  part     " << part->id << " (" << part->type << ", pages " << part->first_page << "-"
            << part->last_page() << ")";
        if (auto d = part->extra.find("possible_duplicate_of"); d != part->extra.end() && d->value().is_string()) {
          out << " possible duplicate of " << d->value().get_string().c_str();
        }
        if (part->extra.contains("boundary_uncertain")) out << " boundary uncertain";
        out << "\n";
      }
    }
  }
  out << std::flush;
}

// needs_review, the features that weighed most for the type, and a
// clerk's correction of it (record members of issue #4).
static void PrintTypeWhy(std::ostream& out, const Record& r) {
  auto str = [](const boost::json::object& o, const char* key) {
    auto it = o.find(key);
    return it != o.end() && it->value().is_string() ? std::string(it->value().get_string()) : std::string();
  };
  if (auto it = r.extra.find("needs_review"); it != r.extra.end() && it->value().is_bool()) {
    out << "needs review: " << (it->value().get_bool() ? "yes" : "no") << "\n";
  }
  if (auto it = r.extra.find("type_corrected"); it != r.extra.end() && it->value().is_object()) {
    const boost::json::object& c = it->value().get_object();
    out << "type corrected: from " << str(c, "from") << " by " << str(c, "by") << " at " << str(c, "at") << "\n";
  }
  if (auto it = r.extra.find("reasons"); it != r.extra.end() && it->value().is_array() &&
      !it->value().get_array().empty()) {
    out << "why " << r.type << ":\n";
    for (const boost::json::value& v : it->value().get_array()) {
      if (v.is_string()) out << "  " << v.get_string().c_str() << "\n";
    }
  }
}

// Where a part sits in its packet, a packet's parts, and a possible
// business duplicate (issue #9).
static void PrintPacketMembers(std::ostream& out, const Record& r) {
  if (!r.packet.empty()) {
    out << "packet:      " << r.packet << ", pages " << r.first_page << "-" << r.last_page() << "\n";
    auto why = r.extra.find("split_why");
    if (why != r.extra.end() && why->value().is_string()) {
      out << "starts:      " << why->value().get_string().c_str();
      if (r.extra.contains("boundary_uncertain")) out << " (uncertain: check the boundary)";
      out << "\n";
    }
  }
  if (auto dup = r.extra.find("possible_duplicate_of"); dup != r.extra.end() && dup->value().is_string()) {
    out << "possible duplicate of: " << dup->value().get_string().c_str() << "\n";
  }
  auto parts = r.extra.find("parts");
  if (parts == r.extra.end() || !parts->value().is_array()) return;
  out << "parts:\n";
  for (const boost::json::value& v : parts->value().get_array()) {
    const boost::json::object* o = v.if_object();
    if (o == nullptr) continue;
    auto str = [o](const char* k) {
      auto it = o->find(k);
      return it != o->end() && it->value().is_string() ? std::string(it->value().get_string()) : std::string();
    };
    std::string range;
    if (auto pg = o->find("pages"); pg != o->end() && pg->value().is_array() && pg->value().get_array().size() == 2) {
      range = boost::json::serialize(pg->value().get_array()[0]) + "-" +
              boost::json::serialize(pg->value().get_array()[1]);
    }
    out << "  " << str("id") << "  " << str("type") << "  pages " << range;
    if (auto d = o->find("possible_duplicate_of"); d != o->end() && d->value().is_string()) {
      out << "  (possible duplicate of " << d->value().get_string().c_str() << ")";
    }
    if (o->contains("boundary_uncertain")) out << "  (boundary uncertain)";
    out << "\n";
  }
}

void PrintRecord(std::ostream& out, const Record& r, bool json) {
  if (json) {
    out << boost::json::serialize(ToJson(r)) << "\n";
    return;
  }
  out << "id:          " << r.id << "\n"
      << "source:      " << r.source << "\n"
      << "sha256:      " << r.sha256 << "\n"
      << "status:      " << r.status << "\n";
  if (!r.error.empty()) out << "error:       " << r.error << "\n";
  out << "type:        " << r.type << " (" << Percent(r.confidence) << ")\n"
      << "format:      " << r.format << ", " << r.size << " bytes\n"
      << "pages:       " << r.pages << " (" << r.ocr_pages << " OCR'd)\n"
      << "archived at: " << r.archived_at << "\n";
  PrintPacketMembers(out, r);
  PrintTypeWhy(out, r);
  if (!r.fields.empty()) {
    out << "fields:\n";
    for (const auto& [name, f] : r.fields) {
      out << "  " << name << ": " << f.value << " (" << Percent(f.confidence);
      if (f.page > 0) out << ", page " << f.page;
      out << ")\n";
    }
  }
}

void PrintListed(std::ostream& out, const Record& r, bool json) {
  if (json) {
    out << boost::json::serialize(ToJson(r)) << "\n";
    return;
  }
  out << r.id << "  " << r.archived_at.substr(0, 19) << "  " << r.type << "  " << r.pages
      << (r.pages == 1 ? " page   " : " pages  ") << r.source << "\n";
}

void PrintSearch(std::ostream& out, const SearchResult& result, bool json) {
  if (json) {
    boost::json::array hits;
    for (const SearchHit& h : result.hits) {
      boost::json::object fields;
      for (const auto& [k, v] : h.fields) fields[k] = v;
      hits.push_back(boost::json::object{{"id", h.id}, {"type", h.type}, {"score", h.score},
                                         {"snippet", h.snippet}, {"fields", std::move(fields)}});
    }
    boost::json::object o{{"total", result.total}, {"hits", std::move(hits)}};
    if (!result.total_exact) o["total_exact"] = false;
    if (!result.suggestion.empty()) o["suggestion"] = result.suggestion;
    if (!result.facets.empty()) {
      boost::json::object facets;
      for (const auto& [name, counts] : result.facets) {
        boost::json::object c;
        for (const auto& [value, n] : counts) c[value] = n;
        facets[name] = std::move(c);
      }
      o["facets"] = std::move(facets);
    }
    out << boost::json::serialize(o) << "\n";
    return;
  }
  out << (result.total_exact ? "" : "about ") << result.total
      << (result.total == 1 ? " document\n" : " documents\n");
  if (!result.suggestion.empty()) out << "did you mean: " << result.suggestion << "\n";
  for (const auto& [name, counts] : result.facets) {
    if (counts.empty()) continue;
    out << name << ":";
    for (const auto& [value, n] : counts) out << "  " << value << " (" << n << ")";
    out << "\n";
  }
  for (const SearchHit& h : result.hits) {
    out << "\n" << h.id << "  " << h.type << "  score " << Percent(h.score) << "\n";
    for (const auto& [k, v] : h.fields) out << "  " << k << ": " << v << "\n";
    if (!h.snippet.empty()) out << "  " << PlainSnippet(h.snippet) << "\n";
  }
}

}  // namespace docket::cli
