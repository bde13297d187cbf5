// The query language (index/query.h, private to index/), parsed and then
// run by Searcher::Search over a small index of tests/index's sample
// records, so that field processors, ranges, wildcards, sorting, facets and
// snippets all see the parsed query.
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>

#include "fuzz/fuzz_util.h"
#include "index/query.h"
#include "index/searcher.h"
#include "index/writer.h"
#include "tests/index/index_samples.h"

namespace {

docket::testing::TempDir* g_dir = nullptr;
std::unique_ptr<docket::Searcher> g_searcher;
docket::index_query::QueryLanguage* g_language = nullptr;

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  // The index lives in memory when /dev/shm exists: Search runs per input.
  if (access("/dev/shm", W_OK) == 0) setenv("TMPDIR", "/dev/shm", 1);
  g_dir = new docket::testing::TempDir();  // leaked on purpose: lives as long as the process
  {
    auto writer = docket::IndexWriter::Open(g_dir->path());
    if (!writer.ok()) {
      std::fprintf(stderr, "cannot create the index: %s\n", writer.status().ToString().c_str());
      std::abort();
    }
    for (const auto& doc : docket::testing::SampleDocs()) {
      if (!(*writer)->Put(doc.record, doc.pages).ok()) std::abort();
    }
    if (!(*writer)->Commit().ok()) std::abort();
  }
  auto searcher = docket::Searcher::Open(g_dir->path());
  if (!searcher.ok()) std::abort();
  g_searcher = std::move(*searcher);
  g_language = new docket::index_query::QueryLanguage();
  std::atexit([] {
    g_searcher.reset();
    delete g_language;
    delete g_dir;
  });
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1 || size > 2048) return 0;  // queries are typed by people
  // The first byte picks the search options, the rest is the query.
  docket::SearchOptions options;
  options.sort = static_cast<docket::SortOrder>(data[0] % 5);
  options.facets = (data[0] & 0x08) != 0;
  options.offset = (data[0] >> 4) % 4;
  options.limit = 1 + (data[0] >> 6);
  std::string query(reinterpret_cast<const char*>(data + 1), size - 1);

  (void)g_language->Parse(query);  // without a database: no wildcard expansion

  docket::Result<docket::SearchResult> r = g_searcher->Search(query, options);
  if (r.ok()) {
    DOCKET_FUZZ_CHECK(r->hits.size() <= static_cast<size_t>(options.limit));
    DOCKET_FUZZ_CHECK(r->total <= docket::testing::SampleDocs().size());
    for (const docket::SearchHit& h : r->hits) DOCKET_FUZZ_CHECK(h.score >= 0 && h.score <= 1.0 + 1e-9);
  }
  return 0;
}
