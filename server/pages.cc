#include "server/pages.h"

#include <algorithm>
#include <cstdio>

#include <boost/json.hpp>

#include "server/request_parsing.h"

namespace docket::server {

namespace json = boost::json;

namespace {

std::string E(std::string_view s) { return HtmlEscape(s); }

std::string Percent(double c) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.0f%%", c * 100);
  return buf;
}

std::string BoxAttr(const std::optional<Box>& b) {
  if (!b) return {};
  char buf[96];
  std::snprintf(buf, sizeof buf, "%.4f,%.4f,%.4f,%.4f", b->left, b->top, b->right, b->bottom);
  return buf;
}

std::string Basename(const std::string& path) {
  size_t slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

std::string Str(const json::object& o, const char* key) {
  auto it = o.find(key);
  if (it == o.end()) return {};
  if (it->value().is_string()) return std::string(it->value().get_string());
  if (it->value().is_null()) return {};
  return json::serialize(it->value());
}

std::string CsrfInput(const Viewer& v) {
  return "<input type=\"hidden\" name=\"csrf\" value=\"" + E(v.csrf_token) + "\">";
}

std::string Layout(const Viewer& v, const std::string& title, const std::string& body) {
  std::string h =
      "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
      "<title>" + E(title) + " · docket</title>"
      "<link rel=\"stylesheet\" href=\"/static/style.css\">"
      "<script src=\"/static/app.js\" defer></script></head><body>\n"
      "<header class=\"top\"><a class=\"brand\" href=\"/\">docket</a>";
  if (!v.user.empty()) {
    h += "<nav><a href=\"/\">Search</a><a href=\"/review\">Review queue</a></nav>"
         "<div class=\"who\"><span class=\"user\">" + E(v.user) + "</span> <span class=\"role\">" +
         E(RoleName(v.role)) + "</span>"
         "<form method=\"post\" action=\"/logout\" class=\"inline\">" + CsrfInput(v) +
         "<button type=\"submit\" class=\"link\">Log out</button></form></div>";
  }
  h += "</header>\n<main>\n" + body + "\n</main></body></html>\n";
  return h;
}

std::string Paging(const std::string& base, size_t total, int offset, int limit) {
  if (total <= static_cast<size_t>(limit) && offset == 0) return {};
  std::string h = "<nav class=\"paging\">";
  if (offset > 0) {
    h += "<a rel=\"prev\" href=\"" + E(base + "offset=" + std::to_string(std::max(0, offset - limit))) +
         "\">‹ Previous</a>";
  }
  size_t pages = (total + limit - 1) / limit;
  h += "<span>page " + std::to_string(offset / limit + 1) + " of " + std::to_string(std::max<size_t>(1, pages)) +
       "</span>";
  if (static_cast<size_t>(offset + limit) < total) {
    h += "<a rel=\"next\" href=\"" + E(base + "offset=" + std::to_string(offset + limit)) + "\">Next ›</a>";
  }
  return h + "</nav>";
}

// The fields worth a glance in a list of hits, most telling first.
std::vector<std::string> KeyFields(const std::map<std::string, std::string>& fields) {
  static const std::vector<std::string> order = {
      "invoice_number", "vendor_name",   "total_amount", "invoice_date", "loan_number", "applicant_name",
      "loan_amount",    "full_name",     "id_type",      "id_number",    "currency",    "application_date"};
  std::vector<std::string> out;
  for (const std::string& f : order) {
    if (fields.count(f) && out.size() < 5) out.push_back(f);
  }
  return out;
}

std::string FacetQuery(const std::string& facet, const std::string& value) {
  if (facet == "type") return "type:" + value;
  if (facet == "month") return "date:" + value;
  if (facet == "vendor") {
    std::string v;
    for (char c : value) v += c == '"' ? ' ' : c;
    return "vendor:\"" + v + "\"";
  }
  return facet + ":" + value;
}

std::string Label(const std::string& name) {
  std::string s = name;
  std::replace(s.begin(), s.end(), '_', ' ');
  return s;
}

}  // namespace

bool ValidRecordId(const std::string& id) {
  if (id.empty() || id.size() > 64) return false;
  return std::all_of(id.begin(), id.end(), [](unsigned char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-' || c == '_';
  });
}

bool ValidQualifiedId(const std::string& id) {
  // Shard names follow the same rule as ids (ParseShard).
  size_t at = id.find('@');
  if (at == std::string::npos) return ValidRecordId(id);
  return ValidRecordId(id.substr(0, at)) && ValidRecordId(id.substr(at + 1));
}

std::vector<std::pair<std::string, std::string>> RecordLinks(const Record& r) {
  std::vector<std::pair<std::string, std::string>> out;
  auto it = r.extra.find("links");
  if (it == r.extra.end() || !it->value().is_array()) return out;
  for (const json::value& v : it->value().get_array()) {
    std::string id, why;
    if (v.is_string()) {
      id = std::string(v.get_string());
    } else if (v.is_object()) {
      id = Str(v.get_object(), "id");
      for (const char* k : {"reason", "why", "by", "shared"}) {
        if (why.empty()) why = Str(v.get_object(), k);
      }
    }
    if (ValidRecordId(id)) out.emplace_back(id, why);
  }
  return out;
}

std::string LoginPage(const std::string& csrf_token, const std::string& next, const std::string& name,
                      const std::string& error) {
  std::string b = "<section class=\"login\"><h1>Log in</h1>";
  if (!error.empty()) b += "<p class=\"error\" role=\"alert\">" + E(error) + "</p>";
  b += "<form method=\"post\" action=\"/login\" id=\"login-form\">"
       "<input type=\"hidden\" name=\"csrf\" value=\"" + E(csrf_token) + "\">"
       "<input type=\"hidden\" name=\"next\" value=\"" + E(next) + "\">"
       "<label>Name <input name=\"name\" id=\"name\" autocomplete=\"username\" required value=\"" + E(name) +
       "\"></label>"
       "<label>Password <input type=\"password\" name=\"password\" id=\"password\" "
       "autocomplete=\"current-password\" required></label>"
       "<button type=\"submit\">Log in</button></form></section>";
  return Layout(Viewer{}, "Log in", b);
}

std::string SearchPage(const Viewer& v, const SearchView& s) {
  std::string b =
      "<form class=\"search\" method=\"get\" action=\"/\" role=\"search\">"
      "<input type=\"search\" name=\"q\" id=\"q\" value=\"" + E(s.query) +
      "\" placeholder=\"words, &quot;a phrase&quot;, type:invoice, vendor:acme, date:2024-03, amount:1000..\" "
      "autofocus><select name=\"sort\" id=\"sort\" aria-label=\"order\">";
  for (const auto& [key, label] : std::vector<std::pair<std::string, std::string>>{
           {"", "best match"}, {"newest", "newest"}, {"oldest", "oldest"}, {"amount_high", "largest amount"},
           {"amount_low", "smallest amount"}}) {
    b += "<option value=\"" + key + "\"" + (key == s.sort ? " selected" : "") + ">" + label + "</option>";
  }
  b += "</select><button type=\"submit\">Search</button></form>\n";
  if (!s.error.empty()) b += "<p class=\"error\" role=\"alert\">" + E(s.error) + "</p>";
  if (s.result == nullptr) return Layout(v, "Search", b);
  const SearchResult& r = *s.result;
  std::string sort_param = s.sort.empty() ? "" : "&sort=" + UrlEncode(s.sort);
  if (!r.suggestion.empty()) {
    b += "<p class=\"suggestion\">Did you mean <a href=\"/?q=" + E(UrlEncode(r.suggestion) + sort_param) + "\">" +
         E(r.suggestion) + "</a>?</p>";
  }
  b += "<div class=\"results-layout\"><aside class=\"facets\">";
  static const std::vector<std::pair<std::string, std::string>> facet_names = {
      {"type", "Type"}, {"vendor", "Vendor"}, {"month", "Month"}};
  for (const auto& [key, title] : facet_names) {
    auto it = r.facets.find(key);
    if (it == r.facets.end() || it->second.empty()) continue;
    std::vector<std::pair<std::string, uint64_t>> values(it->second.begin(), it->second.end());
    if (key != "month") {
      std::stable_sort(values.begin(), values.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
    } else {
      std::reverse(values.begin(), values.end());  // newest month first
    }
    if (values.size() > 12) values.resize(12);
    b += "<section class=\"facet\" data-facet=\"" + E(key) + "\"><h2>" + E(title) + "</h2><ul>";
    for (const auto& [value, count] : values) {
      std::string q = s.query.empty() ? FacetQuery(key, value) : s.query + " " + FacetQuery(key, value);
      b += "<li><a href=\"/?q=" + E(UrlEncode(q)) + "\">" + E(value) + "</a> <span class=\"count\">" +
           std::to_string(count) + "</span></li>";
    }
    b += "</ul></section>";
  }
  b += "</aside><section class=\"results\">";
  b += "<p class=\"total\" id=\"total\">" + std::string(r.total_exact ? "" : "about ") + std::to_string(r.total) + (r.total == 1 ? " document" : " documents") +
       "</p><ol class=\"hits\" start=\"" + std::to_string(s.offset + 1) + "\">";
  for (const SearchHit& h : r.hits) {
    auto rec = s.records.find(h.id);
    std::string title = rec != s.records.end() && !rec->second.source.empty() ? Basename(rec->second.source) : h.id;
    b += "<li class=\"hit\" data-id=\"" + E(h.id) + "\"><div class=\"hit-head\"><a class=\"title\" href=\"/records/" +
         E(h.id) + "\">" + E(title) + "</a> <span class=\"badge type-" + E(h.type) + "\">" + E(h.type) +
         "</span> <span class=\"id\">" + E(h.id) + "</span></div>";
    std::vector<std::string> keys = KeyFields(h.fields);
    if (!keys.empty()) {
      b += "<dl class=\"keyfields\">";
      for (const std::string& k : keys) {
        b += "<div data-field=\"" + E(k) + "\"><dt>" + E(Label(k)) + "</dt><dd>" + E(h.fields.at(k)) + "</dd></div>";
      }
      b += "</dl>";
    }
    // Escaped by the index, with <mark> around matched words.
    if (!h.snippet.empty()) b += "<p class=\"snippet\">" + h.snippet + "</p>";
    b += "</li>";
  }
  b += "</ol>";
  b += Paging("/?q=" + UrlEncode(s.query) + sort_param + "&", r.total, s.offset, s.limit);
  b += "</section></div>";
  return Layout(v, s.query.empty() ? "Search" : s.query, b);
}

// A possible business duplicate, the packet a part belongs to, and a
// packet's parts with the form that moves their boundaries (issue #9).
static std::string PacketSection(const Viewer& v, const Record& r, bool can_correct) {
  std::string b;
  if (auto d = r.extra.find("possible_duplicate_of"); d != r.extra.end() && d->value().is_string()) {
    std::string other(d->value().get_string());
    b += "<section class=\"duplicate\" id=\"duplicate\"><h2>Possible duplicate</h2><p>The same business keys "
         "(vendor and invoice number, or id number) as <a href=\"/records/" + E(other) + "\">" + E(other) +
         "</a>, archived earlier from other bytes (a rescan, a fax, an e-mail of one paper?). Both are kept.</p>";
    if (can_correct) {
      b += "<form method=\"post\" action=\"/records/" + E(r.id) + "/corrections\">" + CsrfInput(v) +
           "<input type=\"hidden\" name=\"field\" value=\"possible_duplicate_of\">"
           "<input type=\"hidden\" name=\"value\" value=\"\">"
           "<button type=\"submit\">Not a duplicate</button></form>";
    }
    b += "</section>";
  }
  if (!r.packet.empty()) {
    b += "<section class=\"packet\" id=\"packet\"><h2>Part of a packet</h2><p>Pages " +
         std::to_string(r.first_page) + "&ndash;" + std::to_string(r.last_page()) + " of <a href=\"/records/" +
         E(r.packet) + "\">" + E(r.packet) + "</a>";
    if (auto w = r.extra.find("split_why"); w != r.extra.end() && w->value().is_string()) {
      b += "; starts here: " + E(std::string(w->value().get_string()));
    }
    if (r.extra.contains("boundary_uncertain")) b += " <span class=\"badge review\">boundary unsure</span>";
    b += "</p></section>";
  }
  auto parts = r.extra.find("parts");
  if (parts == r.extra.end() || !parts->value().is_array()) return b;
  b += "<section class=\"packet\" id=\"packet\"><h2>Documents in this file</h2><table class=\"parts\">"
       "<thead><tr><th>part</th><th>type</th><th>pages</th></tr></thead><tbody>";
  std::string starts;
  for (const json::value& pv : parts->value().get_array()) {
    const json::object* o = pv.if_object();
    if (o == nullptr) continue;
    std::string pid = Str(*o, "id");
    std::string range;
    if (auto pg = o->find("pages"); pg != o->end() && pg->value().is_array() && pg->value().get_array().size() == 2) {
      range = json::serialize(pg->value().get_array()[0]) + "&ndash;" + json::serialize(pg->value().get_array()[1]);
      starts += (starts.empty() ? "" : ", ") + json::serialize(pg->value().get_array()[0]);
    }
    b += "<tr data-id=\"" + E(pid) + "\"><td><a href=\"/records/" + E(pid) + "\">" + E(pid) + "</a></td><td>" +
         E(Str(*o, "type")) + "</td><td>" + range + "</td></tr>";
  }
  b += "</tbody></table>";
  if (auto it = r.extra.find("separator_pages"); it != r.extra.end() && it->value().is_array() &&
                                                 !it->value().get_array().empty()) {
    b += "<p>Separator pages: " + E(json::serialize(it->value())) + "</p>";
  }
  if (can_correct) {
    b += "<form method=\"post\" action=\"/records/" + E(r.id) + "/boundaries\" class=\"boundaries\">" +
         CsrfInput(v) + "<label>First page of every document <input name=\"starts\" id=\"starts\" value=\"" +
         E(starts) + "\" required></label> <button type=\"submit\">Move boundaries</button></form>"
         "<p class=\"hint\">Add a page to split a document, remove one to join two. The parts are read again; "
         "parts whose pages do not change keep their corrections.</p>";
  }
  b += "</section>";
  return b;
}

std::string RecordPage(const Viewer& v, const RecordView& view) {
  const Record& r = *view.record;
  bool can_correct =
      !v.user.empty() && Allowed(v.role, Permission::kCorrect) && r.status == "archived" && !view.read_only;
  std::string action = "/records/" + E(r.id) + "/corrections";
  std::string b;
  b += "<h1>" + E(Basename(r.source)) + " <span class=\"badge type-" + E(r.type) + "\" id=\"record-type\">" +
       E(r.type) + "</span></h1>";
  if (!view.notice.empty()) b += "<p class=\"notice\" role=\"status\">" + E(view.notice) + "</p>";
  if (!view.error.empty()) b += "<p class=\"error\" role=\"alert\">" + E(view.error) + "</p>";
  bool review = NeedsReview(r, view.corrections);
  b += "<dl class=\"meta\"><div><dt>id</dt><dd id=\"record-id\">" + E(r.id) + "</dd></div>"
       "<div><dt>type confidence</dt><dd>" + Percent(r.confidence) + "</dd></div>"
       "<div><dt>format</dt><dd>" + E(r.format) + ", " + std::to_string(r.size) + " bytes</dd></div>"
       "<div><dt>pages</dt><dd>" + std::to_string(r.pages) + " (" + std::to_string(r.ocr_pages) + " OCR'd)</dd></div>"
       "<div><dt>archived</dt><dd>" + E(r.archived_at) + "</dd></div>"
       "<div><dt>status</dt><dd>" + E(r.status) + (review ? " <span class=\"badge review\">needs review</span>" : "") +
       "</dd></div></dl>";
  b += "<p><a class=\"button\" id=\"download\" href=\"/api/records/" + E(r.id) + "/original\">Download original</a> ";
  // A document of a loan offers the whole loan's bundle to those who may
  // pull it (README, "pull: a loan's bundle"); the loan number, slashes
  // and all, travels as one encoded path segment.
  if (auto loan = r.fields.find("loan_number");
      loan != r.fields.end() && !loan->second.value.empty() && Allowed(v.role, Permission::kPull)) {
    b += "<a class=\"button\" id=\"download-bundle\" href=\"/api/loans/" + E(UrlEncode(loan->second.value)) +
         "/bundle.zip\">Download loan bundle</a> ";
  }
  b += "<a class=\"button secondary\" href=\"/api/records/" + E(r.id) + "\">JSON</a></p>";

  // Type, and its correction.
  b += "<section class=\"type\"><h2>Type</h2><p>" + E(r.type) + " (" + Percent(r.confidence) + ")";
  if (auto it = r.extra.find("type_corrected"); it != r.extra.end() && it->value().is_object()) {
    const json::object& c = it->value().get_object();
    b += " · corrected from " + E(Str(c, "from")) + " by " + E(Str(c, "by")) + " at " + E(Str(c, "at"));
  }
  b += "</p>";
  if (can_correct) {
    b += "<form method=\"post\" action=\"" + action + "\" class=\"correct-type\">" + CsrfInput(v) +
         "<label>Correct the type <select name=\"type\" id=\"type-select\">";
    for (const std::string& t : CorrectableTypes()) {
      b += "<option" + std::string(t == r.type ? " selected" : "") + ">" + E(t) + "</option>";
    }
    b += "</select></label> <button type=\"submit\">Save type</button></form>";
  }
  if (auto it = r.extra.find("reasons"); it != r.extra.end() && it->value().is_array() && !it->value().get_array().empty()) {
    b += "<details><summary>Why " + E(r.type) + "</summary><ul class=\"reasons\">";
    for (const json::value& reason : it->value().get_array()) {
      b += "<li>" + E(reason.is_string() ? std::string(reason.get_string()) : json::serialize(reason)) + "</li>";
    }
    b += "</ul></details>";
  }
  b += "</section>";

  // Fields with confidences; low ones marked.
  b += "<section class=\"fields\" id=\"fields\"><h2>Fields</h2>";
  if (r.fields.empty()) b += "<p class=\"empty\">No fields were read.</p>";
  if (!r.fields.empty()) {
    b += "<table><thead><tr><th>field</th><th>value</th><th>confidence</th><th>page</th>" +
         std::string(can_correct ? "<th>correct</th>" : "") + "</tr></thead><tbody>";
    for (const auto& [name, f] : r.fields) {
      bool low = f.confidence < view.corrections.low_field_confidence;
      b += "<tr class=\"field" + std::string(low ? " low" : "") + "\" data-field=\"" + E(name) + "\" data-page=\"" +
           std::to_string(f.page) + "\" data-box=\"" + BoxAttr(f.box) + "\"><th scope=\"row\">" + E(Label(name)) +
           "</th><td class=\"value\">" + E(f.value) + "</td><td class=\"conf\">" + Percent(f.confidence) +
           (low ? " <span class=\"low-flag\" title=\"below " + Percent(view.corrections.low_field_confidence) +
                      "\">low</span>"
                : "") +
           "</td><td>" + (f.page > 0 ? std::to_string(f.page) : "") + "</td>";
      if (can_correct) {
        b += "<td><form method=\"post\" action=\"" + action + "\" class=\"correct-field\">" + CsrfInput(v) +
             "<input type=\"hidden\" name=\"field\" value=\"" + E(name) + "\">"
             "<input name=\"value\" value=\"" + E(f.value) + "\" aria-label=\"new " + E(Label(name)) + "\">"
             "<button type=\"submit\">Save</button></form></td>";
      }
      b += "</tr>";
    }
    b += "</tbody></table>";
  }
  if (can_correct) {
    std::vector<std::string> missing;
    for (const std::string& f : FieldsOf(r.type)) {
      if (!r.fields.count(f)) missing.push_back(f);
    }
    if (!missing.empty()) {
      b += "<form method=\"post\" action=\"" + action + "\" class=\"add-field\">" + CsrfInput(v) +
           "<label>Add a field <select name=\"field\">";
      for (const std::string& f : missing) b += "<option value=\"" + E(f) + "\">" + E(Label(f)) + "</option>";
      b += "</select></label> <input name=\"value\" aria-label=\"value\" required> "
           "<button type=\"submit\">Add</button></form>";
    }
    b += "<p class=\"hint\">An empty value removes the field. Dates as YYYY-MM-DD, amounts as 1234.50.</p>";
  }
  b += "</section>";

  b += PacketSection(v, r, can_correct);

  // Linked records: same loan, applicant or vendor.
  std::vector<Link> links = view.links;
  if (links.empty()) {
    for (auto& [id, why] : RecordLinks(r)) links.push_back(Link{id, "", why});
  }
  if (!links.empty()) {
    b += "<section class=\"links\"><h2>Linked records</h2><ul>";
    for (const Link& l : links) {
      if (!ValidQualifiedId(l.id)) continue;
      b += "<li data-id=\"" + E(l.id) + "\"><a href=\"/records/" + E(l.id) + "\">" + E(l.id) + "</a>" +
           (l.type.empty() ? "" : " <span class=\"badge type-" + E(l.type) + "\">" + E(l.type) + "</span>") +
           (l.why.empty() ? "" : " · same " + E(Label(l.why))) + "</li>";
    }
    b += "</ul></section>";
  }

  // History of corrections.
  if (auto it = r.extra.find("history"); it != r.extra.end() && it->value().is_array() &&
                                         !it->value().get_array().empty()) {
    b += "<section class=\"history\"><h2>History</h2><table><thead><tr><th>when</th><th>who</th><th>what</th>"
         "<th>old</th><th>new</th></tr></thead><tbody>";
    const json::array& h = it->value().get_array();
    for (auto e = h.rbegin(); e != h.rend(); ++e) {
      if (!e->is_object()) continue;
      const json::object& o = e->get_object();
      b += "<tr><td>" + E(Str(o, "at")) + "</td><td>" + E(Str(o, "by")) + "</td><td>" + E(Label(Str(o, "field"))) +
           "</td><td>" + E(Str(o, "old")) + "</td><td>" + E(Str(o, "new")) + "</td></tr>";
    }
    b += "</tbody></table></section>";
  }

  // The pages: image with the fields' boxes, and the text read from it.
  b += "<section class=\"pages\"><h2>Pages</h2>";
  // A part of a packet shows its own pages, numbered as in the original.
  const int first_page = r.packet.empty() ? 1 : r.first_page;
  for (int n = first_page; n < first_page + r.pages; ++n) {
    b += "<figure class=\"page\" data-page=\"" + std::to_string(n) + "\"><div class=\"page-image\">"
         "<img src=\"/api/records/" + E(r.id) + "/pages/" + std::to_string(n) + ".png\" alt=\"page " +
         std::to_string(n) + "\" loading=\"lazy\">";
    for (const auto& [name, f] : r.fields) {
      if (f.page == n && f.box) {
        b += "<div class=\"fieldbox\" data-field=\"" + E(name) + "\" data-box=\"" + BoxAttr(f.box) + "\" title=\"" +
             E(Label(name)) + "\"></div>";
      }
    }
    b += "</div><figcaption>page " + std::to_string(n) + "</figcaption>";
    if (view.pages != nullptr) {
      for (const Page& p : *view.pages) {
        if (p.number != n) continue;
        b += "<details class=\"text\"><summary>text (" + E(p.origin) + ")</summary><pre>" + E(p.text) +
             "</pre></details>";
      }
    }
    b += "</figure>";
  }
  b += "</section>";
  return Layout(v, Basename(r.source), b);
}

std::string ReviewPage(const Viewer& v, const std::vector<ReviewItem>& items, size_t total, int offset, int limit) {
  std::string b = "<h1>Review queue</h1><p class=\"total\">" + std::to_string(total) +
                  (total == 1 ? " record needs" : " records need") + " a look.</p>";
  if (!items.empty()) {
    b += "<table class=\"review\"><thead><tr><th>document</th><th>type</th><th>why</th><th>archived</th></tr></thead>"
         "<tbody>";
    for (const ReviewItem& it : items) {
      const Record& r = it.record;
      std::string why;
      auto nr = r.extra.find("needs_review");
      if (nr != r.extra.end() && nr->value().is_bool() && nr->value().get_bool()) {
        why = "type unsure (" + Percent(r.confidence) + ")";
      }
      if (r.extra.contains("boundary_uncertain") || (r.type == "packet" && !why.empty())) {
        why = r.type == "packet" ? "boundaries unsure" : why + (why.empty() ? "" : "; ") + "boundary unsure";
      }
      if (auto d = r.extra.find("possible_duplicate_of"); d != r.extra.end() && d->value().is_string()) {
        if (!why.empty()) why += "; ";
        why += "possible duplicate of " + std::string(d->value().get_string());
      }
      if (!it.low_fields.empty()) {
        if (!why.empty()) why += "; ";
        why += "low: ";
        for (size_t i = 0; i < it.low_fields.size(); ++i) why += (i ? ", " : "") + Label(it.low_fields[i]);
      }
      b += "<tr data-id=\"" + E(r.id) + "\"><td><a href=\"/records/" + E(r.id) + "\">" + E(Basename(r.source)) +
           "</a> <span class=\"id\">" + E(r.id) + "</span></td><td><span class=\"badge type-" + E(r.type) + "\">" +
           E(r.type) + "</span></td><td>" + E(why) + "</td><td>" + E(r.archived_at.substr(0, 19)) + "</td></tr>";
    }
    b += "</tbody></table>";
  }
  b += Paging("/review?", total, offset, limit);
  return Layout(v, "Review queue", b);
}

std::string ErrorPage(const Viewer& v, int status, const std::string& message) {
  return Layout(v, std::to_string(status), "<h1>" + std::to_string(status) + "</h1><p class=\"error\">" +
                                               E(message) + "</p><p><a href=\"/\">Back to search</a></p>");
}

}  // namespace docket::server
