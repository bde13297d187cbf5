// A loan's bundle (README, "pull: a loan's bundle"): every document of the
// loan and its applicants' KYC papers, under readable names
// ("01-loan-VL-HYD-2023-43877.pdf", "02-kyc-pan-KAVITA-KULKARNI.jpg"), with
// manifest.json, as a folder or one zip file. Parts of stacked scans leave
// as PDFs of their own pages (ingest/part_pdf.h).
//
// One implementation for `docket pull` (cli/cmd_pull.cc) and the web
// application's GET /api/loans/NO/bundle.zip (web_app.cc). It lives in
// server/ because the web application serves it and cli/ already links
// docket_server (for serve and the peer client); below server/ no module
// may read both the index and render parts, and ingest/ is about taking
// documents in, not handing them out.
//
// Where records and originals come from is the caller's: this archive, or
// shards on this machine and on other hosts (cli/shard_records.h, the web
// application's peer clients). The bundle only asks through
// LoanBundleSources.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "base/fs.h"
#include "base/status.h"
#include "index/searcher.h"
#include "store/record.h"

namespace docket::server {

// An original as a source hands it over: a file on this machine, or bytes
// fetched from another host (already checked against the record's sha256).
struct BundleOriginal {
  std::string path;   // set for a file on this machine
  std::string bytes;  // else the bytes
};

struct LoanBundleSources {
  // The index over this archive or over every shard. Not owned.
  Searcher* searcher = nullptr;
  // The record the searcher names `id` ("ID", or "ID@SHARD" over shards).
  std::function<Result<Record>(const std::string& id)> record;
  // The original of `record`, whose id the searcher gave as `id`.
  std::function<Result<BundleOriginal>(const std::string& id, const Record& record)> original;
  // Over shards a KYC paper the index names but whose record cannot be
  // read stops the bundle (a host refused: it would be silently short), and
  // manifest entries carry "id": "ID@SHARD" and "shard". In one archive a
  // linked record that cannot be read is left out, as before shards.
  bool over_shards = false;
};

struct LoanBundleOptions {
  std::string loan;  // as typed: spacing and case do not matter
  // The folder to create, or the zip file with `zip`. Built beside it
  // (OUT.tmp.PID) and renamed into place: whole or absent, and an existing
  // OUT is never replaced.
  std::string out;
  bool zip = false;
  Fs* fs = DefaultFs();  // not owned
};

struct LoanBundleWritten {
  std::string manifest;             // manifest.json's text, ending in a newline
  std::vector<std::string> files;   // the documents' names in the bundle, in order
  std::vector<std::string> ids;     // their records' ids, as the searcher named them
};

// Finds the loan's documents (oldest first) and the KYC papers linked to
// them as the applicant's, and writes the bundle to options.out.
// NotFound "no document of loan NO in the archive" when the index has none
// (and only then: a record the index names but that cannot be read is
// Corrupt); Invalid when options.out exists (checked again just before the
// rename); otherwise the failing record's or file's error, naming it. Nothing is left
// behind on failure. Thread-safe when the sources are.
Result<LoanBundleWritten> WriteLoanBundle(const LoanBundleOptions& options, const LoanBundleSources& sources);

// A file name for the loan's bundle as a download: "loan-VL-HYD-2023-43877.zip".
std::string LoanBundleZipName(const std::string& loan);

}  // namespace docket::server
