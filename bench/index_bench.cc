// index_bench: documents per second into docket's Xapian index, and search
// latency (p50, p99) for word, phrase, field and range queries, with
// snippets and facets, at growing archive sizes.
//
//   index_bench --dir DIR [--sizes 10000,100000] [--queries 300] [--seed 1] [--reuse]
//
// --reuse searches an index an earlier run with the same seed left in DIR
// (generated once, searched while tuning the searcher) instead of writing;
// --exact-up-to N overrides SearchOptions::exact_up_to.
// Writes synthetic records through IndexWriter (the code `docket ingest`
// uses) into DIR/index, measuring at each size once the records up to it
// are committed, and prints one JSON object on stdout. DIR must be empty or
// absent. Page texts are ~250 words drawn from a Zipf-distributed synthetic
// vocabulary of 20,000 words, so term statistics look like prose.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <memory>
#include <random>
#include <sstream>
#include <unordered_set>
#include <string>
#include <vector>

#include <boost/json.hpp>

#include "index/searcher.h"
#include "index/writer.h"
#include "store/record.h"

namespace {

using Clock = std::chrono::steady_clock;
double Since(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}

[[noreturn]] void Die(const std::string& why) {
  std::cerr << "index_bench: " << why << std::endl;
  std::exit(1);
}

// Pronounceable synthetic words: distinct, deterministic.
std::vector<std::string> MakeVocabulary(size_t n, std::mt19937_64& rng) {
  static const char* kOnsets[] = {"b", "c", "d", "f", "g", "h", "j", "k", "l", "m", "n",
                                  "p", "r", "s", "t", "v", "w", "z", "br", "cl", "dr", "st",
                                  "tr", "pl", "gr", "sh", "ch", "th"};
  static const char* kVowels[] = {"a", "e", "i", "o", "u", "ai", "ea", "ou", "io"};
  static const char* kCodas[] = {"", "", "n", "r", "s", "l", "t", "m", "nd", "rk"};
  std::vector<std::string> words;
  words.reserve(n);
  std::unordered_set<std::string> have;
  while (words.size() < n) {
    int syllables = 1 + static_cast<int>(rng() % 3);
    std::string w;
    for (int s = 0; s < syllables; ++s) {
      w += kOnsets[rng() % std::size(kOnsets)];
      w += kVowels[rng() % std::size(kVowels)];
    }
    w += kCodas[rng() % std::size(kCodas)];
    if (w.size() < 3 || !have.insert(w).second) continue;
    words.push_back(std::move(w));
  }
  return words;
}

struct Corpus {
  std::vector<std::string> vocab;
  std::discrete_distribution<size_t> zipf;
  std::vector<std::string> vendors;  // "Word Word Traders"
  std::vector<std::string> people;
};

Corpus MakeCorpus(std::mt19937_64& rng) {
  Corpus c;
  c.vocab = MakeVocabulary(20000, rng);
  std::vector<double> weights(c.vocab.size());
  for (size_t i = 0; i < weights.size(); ++i) weights[i] = 1.0 / static_cast<double>(i + 1);
  c.zipf = std::discrete_distribution<size_t>(weights.begin(), weights.end());
  static const char* kSuffix[] = {"Traders", "Industries", "Pvt Ltd", "LLC", "GmbH", "Works",
                                  "Supplies", "Analytics"};
  auto cap = [](std::string s) {
    s[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(s[0])));
    return s;
  };
  // Names from the rarer half of the vocabulary.
  auto rare = [&] { return c.vocab[5000 + rng() % 15000]; };
  for (int i = 0; i < 500; ++i) {
    c.vendors.push_back(cap(rare()) + " " + cap(rare()) + " " + kSuffix[rng() % std::size(kSuffix)]);
  }
  for (int i = 0; i < 2000; ++i) c.people.push_back(cap(rare()) + " " + cap(rare()));
  return c;
}

docket::Field F(std::string v) {
  docket::Field f;
  f.value = std::move(v);
  f.confidence = 0.9;
  f.page = 1;
  return f;
}

std::string Date(std::mt19937_64& rng) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", 2023 + static_cast<int>(rng() % 2),
                1 + static_cast<int>(rng() % 12), 1 + static_cast<int>(rng() % 28));
  return buf;
}

// One synthetic archived record with one page of ~250 words. Every 50th
// record also yields a two-word phrase from its text for the phrase queries.
void MakeRecord(uint64_t n, Corpus& c, std::mt19937_64& rng, docket::Record* r,
                std::vector<docket::Page>* pages, std::vector<std::string>* phrases) {
  static const char* kTypes[] = {"invoice", "loan", "kyc", "other"};
  char id[32];
  std::snprintf(id, sizeof id, "%016llx", static_cast<unsigned long long>(n + 1));
  *r = docket::Record{};
  r->id = id;
  r->sha256 = std::string(48, '0') + id;
  r->source = "/inbox/bench-" + std::to_string(n) + ".pdf";
  r->status = "archived";
  r->type = kTypes[rng() % 4];
  r->confidence = 0.9;
  r->pages = 1;
  r->ocr_pages = 1;
  r->format = "pdf";
  r->archived_at = Date(rng) + "T09:00:00Z";
  std::string head;
  if (r->type == "invoice") {
    const std::string& vendor = c.vendors[rng() % c.vendors.size()];
    r->fields["vendor_name"] = F(vendor);
    r->fields["invoice_number"] = F("INV-" + std::to_string(100000 + n));
    r->fields["invoice_date"] = F(Date(rng));
    r->fields["total_amount"] = F(std::to_string(100 + rng() % 500000) + ".00");
    r->fields["currency"] = F("INR");
    head = "TAX INVOICE\n" + vendor + "\nInvoice No INV-" + std::to_string(100000 + n) + "\n";
  } else if (r->type == "loan") {
    const std::string& who = c.people[rng() % c.people.size()];
    r->fields["applicant_name"] = F(who);
    r->fields["loan_number"] = F("HL-" + std::to_string(n));
    r->fields["loan_amount"] = F(std::to_string(100000 + rng() % 5000000) + ".00");
    r->fields["application_date"] = F(Date(rng));
    head = "LOAN APPLICATION\nApplicant: " + who + "\n";
  } else if (r->type == "kyc") {
    const std::string& who = c.people[rng() % c.people.size()];
    r->fields["full_name"] = F(who);
    r->fields["id_type"] = F("pan");
    head = "PERMANENT ACCOUNT NUMBER\n" + who + "\n";
  }
  docket::Page p;
  p.number = 1;
  p.origin = "ocr";
  p.text = head;
  int words = 200 + static_cast<int>(rng() % 100);
  std::string prev;
  bool want_phrase = phrases != nullptr && n % 50 == 0;
  int phrase_at = words / 2;
  for (int i = 0; i < words; ++i) {
    const std::string& w = c.vocab[c.zipf(rng)];
    if (want_phrase && i == phrase_at) phrases->push_back(prev + " " + w);
    p.text += w;
    p.text += (i % 12 == 11) ? '\n' : ' ';
    prev = w;
  }
  pages->assign(1, std::move(p));
}

struct Latency {
  double p50_ms = 0, p99_ms = 0, mean_ms = 0;
  uint64_t queries = 0;
  double mean_total = 0;  // matches per query
};

Latency Measure(docket::Searcher& s, const std::vector<std::string>& queries, int warmup,
                int exact_up_to) {
  docket::SearchOptions options;
  options.limit = 10;
  options.facets = true;
  if (exact_up_to >= 0) options.exact_up_to = exact_up_to;
  std::vector<double> ms;
  double totals = 0;
  for (size_t i = 0; i < queries.size(); ++i) {
    auto t = Clock::now();
    auto r = s.Search(queries[i], options);
    double took = Since(t) * 1000;
    if (!r.ok()) Die("query " + queries[i] + ": " + r.status().ToString());
    // Snippets and facets are part of the answer: touch them.
    size_t bytes = 0;
    for (const auto& h : r->hits) bytes += h.snippet.size();
    if (bytes == 0 && !r->hits.empty()) Die("no snippets for " + queries[i]);
    if (static_cast<int>(i) < warmup) continue;
    ms.push_back(took);
    totals += static_cast<double>(r->total);
  }
  Latency l;
  if (ms.empty()) return l;
  std::sort(ms.begin(), ms.end());
  auto pct = [&](double p) {
    size_t i = static_cast<size_t>(p * static_cast<double>(ms.size() - 1) + 0.5);
    return ms[std::min(i, ms.size() - 1)];
  };
  l.p50_ms = pct(0.50);
  l.p99_ms = pct(0.99);
  double sum = 0;
  for (double v : ms) sum += v;
  l.mean_ms = sum / static_cast<double>(ms.size());
  l.queries = ms.size();
  l.mean_total = totals / static_cast<double>(ms.size());
  return l;
}

}  // namespace

int main(int argc, char** argv) {
  std::string dir;
  std::vector<uint64_t> sizes = {10000, 100000};
  int queries = 300;
  uint64_t seed = 1;
  bool reuse = false;
  int exact_up_to = -1;  // the searcher's default
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto next = [&]() -> std::string {
      if (i + 1 >= argc) Die(a + " needs a value");
      return argv[++i];
    };
    if (a == "--dir") {
      dir = next();
    } else if (a == "--sizes") {
      sizes.clear();
      std::stringstream ss(next());
      std::string part;
      while (std::getline(ss, part, ',')) sizes.push_back(std::stoull(part));
      std::sort(sizes.begin(), sizes.end());
    } else if (a == "--queries") {
      queries = std::stoi(next());
    } else if (a == "--seed") {
      seed = std::stoull(next());
    } else if (a == "--exact-up-to") {
      exact_up_to = std::stoi(next());
    } else if (a == "--reuse") {
      reuse = true;
    } else {
      Die("usage: index_bench --dir DIR [--sizes 10000,100000] [--queries N] [--seed S] [--reuse] [--exact-up-to N]");
    }
  }
  if (dir.empty() || sizes.empty()) Die("--dir and --sizes are needed");
  std::filesystem::create_directories(dir);
  const std::string path = dir + "/index";
  if (!reuse && std::filesystem::exists(path)) Die(path + " exists: give an empty folder");

  std::mt19937_64 rng(seed);
  Corpus corpus = MakeCorpus(rng);
  std::vector<std::string> phrases;

  std::unique_ptr<docket::IndexWriter> writer;
  if (!reuse) {
    auto opened = docket::IndexWriter::Open(path);
    if (!opened.ok()) Die(opened.status().ToString());
    writer = std::move(*opened);
  }

  boost::json::array levels;
  uint64_t written = 0;
  double index_seconds = 0, generate_seconds = 0;
  docket::Record record;
  std::vector<docket::Page> pages;
  for (uint64_t size : sizes) {
    while (written < size) {
      auto g = Clock::now();
      MakeRecord(written, corpus, rng, &record, &pages, &phrases);
      generate_seconds += Since(g);
      ++written;
      if (reuse) continue;  // the records only regenerate the phrases
      auto t = Clock::now();
      docket::Status st = writer->Put(record, pages);
      index_seconds += Since(t);
      if (!st.ok()) Die(st.ToString());
    }
    if (writer) {
      auto t = Clock::now();
      if (auto st = writer->Commit(); !st.ok()) Die(st.ToString());
      index_seconds += Since(t);
    }

    // Queries, drawn the same way at every size.
    std::mt19937_64 qrng(seed * 7919 + 1);
    auto word = [&] { return corpus.vocab[50 + qrng() % 4950]; };
    std::vector<std::string> word_q, phrase_q, field_q, range_q;
    for (int i = 0; i < queries; ++i) {
      word_q.push_back(word());
      phrase_q.push_back("\"" + phrases[qrng() % phrases.size()] + "\"");
      const std::string& vendor = corpus.vendors[qrng() % corpus.vendors.size()];
      field_q.push_back("type:invoice vendor:" + vendor.substr(0, vendor.find(' ')));
      int m = 1 + static_cast<int>(qrng() % 10);
      char q[128];
      std::snprintf(q, sizeof q, "date:2024-%02d-01..2024-%02d-28 amount:%d..%d", m, m + 2,
                    static_cast<int>(qrng() % 100000), 200000 + static_cast<int>(qrng() % 300000));
      range_q.push_back(q);
    }
    auto searcher = docket::Searcher::Open(path);
    if (!searcher.ok()) Die(searcher.status().ToString());
    const int warmup = std::max(5, queries / 10);
    boost::json::object kinds;
    for (auto& [name, qs] : std::vector<std::pair<std::string, std::vector<std::string>*>>{
             {"word", &word_q}, {"phrase", &phrase_q}, {"field", &field_q}, {"range", &range_q}}) {
      // Warm-up queries first: they are run, not counted.
      std::vector<std::string> run(qs->begin(), qs->begin() + std::min<size_t>(warmup, qs->size()));
      run.insert(run.end(), qs->begin(), qs->end());
      Latency l = Measure(**searcher, run, warmup, exact_up_to);
      kinds[name] = boost::json::object{{"p50_ms", l.p50_ms}, {"p99_ms", l.p99_ms},
                                        {"mean_ms", l.mean_ms}, {"queries", l.queries},
                                        {"mean_matches", l.mean_total},
                                        {"example", qs->front()}};
    }
    levels.push_back(boost::json::object{
        {"records", size},
        {"index_seconds", index_seconds},
        {"docs_per_second", index_seconds > 0 ? static_cast<double>(size) / index_seconds : 0.0},
        {"queries", std::move(kinds)}});
    std::cerr << "index_bench: " << size << " records, " << index_seconds << " s indexing"
              << std::endl;
  }
  writer.reset();
  std::cout << boost::json::serialize(boost::json::object{
                   {"levels", std::move(levels)},
                   {"snippets", true},
                   {"facets", boost::json::array{"type", "vendor", "month"}},
                   {"text_words_per_record", "200-300"},
                   {"generate_seconds", generate_seconds}})
            << std::endl;
  return 0;
}
