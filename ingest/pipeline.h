// Wires decode, OCR, classification, the archive and the index together for
// a batch of files; does none of their work itself.
//
// The pages of one document and the documents of a batch are spread over
// 2 x `jobs` workers; a page that needs OCR leases one of `jobs` Tesseract
// engines, so recognition never runs more than `jobs` wide, while the other
// workers read pages or wait on the disk (every stored file is fsynced).
// At most 2 x jobs + 1 documents are open at once, and a page's image lives
// only while a worker holds it, so memory stays flat however long the batch
// or the document.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "base/status.h"
#include "classify/classifier.h"
#include "classify/packet_split.h"
#include "index/searcher.h"
#include "index/writer.h"
#include "ingest/document.h"
#include "ocr/barcode_reader.h"
#include "ocr/engine_pool.h"
#include "ocr/page_prep.h"
#include "store/archive.h"

namespace docket {

struct PipelineOptions {
  int jobs = 1;  // worker threads; the EnginePool should hold as many engines
  DecodeOptions decode;
  PrepOptions prep;
  // Finding the documents of a stacked scan (issue #9); a file of one
  // document gets one record, as without it.
  PacketSplitOptions packets;
  // How separator sheets' barcodes are read (packets.separator_barcodes
  // says which values make a separator; none, and no page is scanned).
  BarcodeOptions barcodes;
  // Other shards (watch --shards) asked for a record with the same business
  // keys when this archive has none: possible_duplicate_of is then
  // "ID@SHARD". One that cannot be asked is logged and skipped.
  std::vector<Shard> peers;
};

// Where the time went: CPU seconds of the workers, summed (waiting for a
// core, a lock or the disk counts nowhere), and the batch's wall time.
struct PipelineStats {
  uint64_t files = 0, archived = 0, duplicates = 0, rejected = 0;
  uint64_t pages = 0, ocr_pages = 0, text_layer_pages = 0, blank_pages = 0;
  double wall_seconds = 0;
  double decode_seconds = 0;     // reading, hashing, rendering
  double load_seconds = 0;       // loading Tesseract's models (once per engine)
  double prepare_seconds = 0;    // greying, squaring, deskew, orientation check, reading results
  double recognize_seconds = 0;  // inside Tesseract's recognition
  double osd_seconds = 0;        // inside Tesseract's OSD, for pages found turned
  double finish_seconds = 0;     // classify, extract, store, index
  double busy_seconds() const {
    return decode_seconds + load_seconds + prepare_seconds + recognize_seconds + osd_seconds +
           finish_seconds;
  }
  // The share of busy time outside Tesseract's recognition calls (OSD
  // counted as outside too), and outside any call into Tesseract.
  double outside_recognition_share() const {
    double b = busy_seconds();
    return b > 0 ? (b - recognize_seconds) / b : 0;
  }
  double outside_tesseract_share() const {
    double b = busy_seconds();
    return b > 0 ? (b - recognize_seconds - osd_seconds) / b : 0;
  }
};

struct Progress {
  uint64_t files_done = 0, files_total = 0;
  uint64_t pages_done = 0;
  double elapsed_seconds = 0;
};

// One file to ingest. `source` is what the record says it came from (the
// path as given, or the inbox path of a file claimed into a spool).
struct Input {
  std::string path;
  std::string source;
  std::string type_hint;  // the type its inbox mostly receives, or ""
};

class Pipeline {
 public:
  // Borrows everything; all must outlive the pipeline.
  Pipeline(const PipelineOptions& options, Archive* archive, IndexWriter* index,
           EnginePool* engines, const Classifier* classifier);

  // Ingests `paths`. `on_record` is called once per path, in input order,
  // as soon as that file and all before it are finished; `on_progress`
  // after each page and file (both may be null; both are called under a
  // lock, one at a time). Returns an error only when the archive or index
  // itself fails; a bad input becomes a rejected record.
  Status Run(const std::vector<Input>& inputs,
             const std::function<void(const Record&)>& on_record,
             const std::function<void(const Progress&)>& on_progress);
  // The same, each path being its own source.
  Status Run(const std::vector<std::string>& paths,
             const std::function<void(const Record&)>& on_record,
             const std::function<void(const Progress&)>& on_progress);

  PipelineStats stats() const;

 private:
  struct Doc;
  struct Batch;
  void Work(Batch* batch);
  void OpenNext(Batch* batch, size_t input);
  void ProcessPage(Batch* batch, Doc* doc, int index);
  void Finish(Batch* batch, Doc* doc);
  void Emit(Batch* batch, size_t input, Record record);
  // Flags business duplicates, stores and indexes `record` (and a packet's
  // `parts`); false when it emitted a rejection instead.
  bool StoreAndIndex(Batch* batch, Doc* doc, Record* record, std::vector<Record>* parts);
  // The oldest record of options_.peers with one of `record`'s business
  // keys, "ID@SHARD"; NotFound when none (or none could be asked).
  Result<std::string> FindBusinessDuplicateElsewhere(const Record& record);
  Result<Page> ReadAndRecognise(Doc* doc, int index);

  PipelineOptions options_;
  Archive* archive_;
  IndexWriter* index_;
  EnginePool* engines_;
  const Classifier* classifier_;

  std::mutex index_mu_;  // one index writer, fed by every worker
  // Guarded by index_mu_: business key -> id of the record being stored
  // with it and not yet indexed (see StoreAndIndex).
  std::unordered_map<std::string, std::string> storing_keys_;
  mutable std::mutex stats_mu_;
  PipelineStats stats_;
};

}  // namespace docket
