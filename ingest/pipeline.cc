#include "ingest/pipeline.h"

#include <chrono>
#include <condition_variable>
#include <list>
#include <optional>
#include <thread>
#include <unordered_map>

#include <boost/json.hpp>
#include <leptonica/allheaders.h>

#include "base/clock.h"
#include "base/log.h"
#include "base/sha256.h"
#include "base/utf8.h"
#include "classify/extract.h"
#include "index/business_keys.h"
#include "ingest/packet_records.h"

namespace docket {
namespace {

using Clock = std::chrono::steady_clock;
double Since(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}

Record Rejected(Record r, const std::string& why) {
  r.status = "rejected";
  r.error = why;
  r.id.clear();
  r.type = "other";
  r.confidence = 0;
  r.fields.clear();
  return r;
}

}  // namespace

struct Pipeline::Doc {
  size_t input = 0;
  std::string path;  // where the bytes are read from
  std::string type_hint;
  Record record;  // source, sha256, size, format, pages so far
  std::unique_ptr<Document> document;
  std::mutex read_mu;  // a Document reads one page at a time
  // Guarded by Batch::mu.
  int page_count = 0;
  int next_page = 0;
  int pages_done = 0;
  bool failed = false;
  Status error;
  std::vector<Page> pages;
};

struct Pipeline::Batch {
  const std::vector<Input>* inputs = nullptr;
  const std::function<void(const Record&)>* on_record = nullptr;
  const std::function<void(const Progress&)>* on_progress = nullptr;
  size_t window = 1;
  Clock::time_point start = Clock::now();

  std::mutex mu;
  std::condition_variable cv;
  size_t next_input = 0;
  int opening = 0;
  std::list<std::unique_ptr<Doc>> open;
  std::unordered_map<std::string, size_t> first_of_sha;  // within this batch
  // Inputs take their turn at first_of_sha in input order (see OpenNext).
  size_t next_sha_turn = 0;
  Status fatal;  // the archive or index failed: stop taking work

  std::mutex out_mu;  // emission order and the callbacks
  std::vector<std::optional<Record>> finished;
  std::vector<std::pair<std::string, std::string>> emitted;  // status, error|id
  size_t next_emit = 0;
  Progress progress;
};

Pipeline::Pipeline(const PipelineOptions& options, Archive* archive, IndexWriter* index,
                   EnginePool* engines, const Classifier* classifier)
    : options_(options), archive_(archive), index_(index), engines_(engines),
      classifier_(classifier) {
  if (options_.jobs < 1) options_.jobs = 1;
}

PipelineStats Pipeline::stats() const {
  std::lock_guard<std::mutex> lock(stats_mu_);
  return stats_;
}

Status Pipeline::Run(const std::vector<std::string>& paths,
                     const std::function<void(const Record&)>& on_record,
                     const std::function<void(const Progress&)>& on_progress) {
  std::vector<Input> inputs;
  inputs.reserve(paths.size());
  for (const std::string& p : paths) inputs.push_back(Input{p, p, ""});
  return Run(inputs, on_record, on_progress);
}

Status Pipeline::Run(const std::vector<Input>& inputs,
                     const std::function<void(const Record&)>& on_record,
                     const std::function<void(const Progress&)>& on_progress) {
  Batch batch;
  batch.inputs = &inputs;
  batch.on_record = &on_record;
  batch.on_progress = &on_progress;
  // Twice the engines: a born-digital batch is bound by fsync waits, not
  // by the CPU (bench: 116 PDFs in 2.6 s with 2 workers, 1.7 s with 4).
  const int threads = 2 * options_.jobs;
  batch.window = static_cast<size_t>(threads) + 1;
  batch.finished.resize(inputs.size());
  batch.emitted.resize(inputs.size());
  batch.progress.files_total = inputs.size();

  std::vector<std::thread> workers;
  for (int i = 0; i < threads; ++i) workers.emplace_back([&] { Work(&batch); });
  for (auto& t : workers) t.join();

  Status st = batch.fatal;
  {
    std::lock_guard<std::mutex> lock(index_mu_);
    Status c = index_->Commit();
    if (st.ok() && !c.ok()) st = c.Annotate("committing the index");
  }
  std::lock_guard<std::mutex> lock(stats_mu_);
  stats_.wall_seconds += Since(batch.start);
  return st;
}

void Pipeline::Work(Batch* b) {
  const size_t n = b->inputs->size();
  std::unique_lock<std::mutex> lock(b->mu);
  for (;;) {
    Doc* doc = nullptr;
    int page = -1;
    for (auto& d : b->open) {
      if (d->next_page < d->page_count) {
        doc = d.get();
        page = d->next_page++;
        break;
      }
    }
    if (doc != nullptr) {
      lock.unlock();
      ProcessPage(b, doc, page);
      lock.lock();
      continue;
    }
    if (b->fatal.ok() && b->next_input < n && b->open.size() + b->opening < b->window) {
      size_t input = b->next_input++;
      ++b->opening;
      lock.unlock();
      OpenNext(b, input);
      lock.lock();
      continue;
    }
    if ((b->next_input >= n || !b->fatal.ok()) && b->open.empty() && b->opening == 0) {
      b->cv.notify_all();
      return;
    }
    b->cv.wait(lock);
  }
}

void Pipeline::OpenNext(Batch* b, size_t input) {
  const std::string& path = (*b->inputs)[input].path;
  const double cpu_start = ThreadCpuSeconds();
  auto doc = std::make_unique<Doc>();
  doc->input = input;
  doc->path = path;
  doc->type_hint = (*b->inputs)[input].type_hint;
  doc->record.source = ValidUtf8((*b->inputs)[input].source);

  // The first copy of some bytes in a batch must be its earliest input: a
  // later copy reads its fate from the first when emitted, in input order.
  // Workers open inputs concurrently, so each waits for its turn to hash
  // and register (a later input registering first made an earlier one the
  // "duplicate" of a file not yet emitted: an empty file was lost that way
  // in watch_test under ASan). The turn passes on every path out.
  struct ShaTurn {
    explicit ShaTurn(Batch* batch) : b(batch) {}
    ShaTurn(const ShaTurn&) = delete;
    ShaTurn& operator=(const ShaTurn&) = delete;
    Batch* b;
    ~ShaTurn() {
      std::lock_guard<std::mutex> lock(b->mu);
      ++b->next_sha_turn;
      b->cv.notify_all();
    }
  };
  std::optional<ShaTurn> turn;
  {
    std::unique_lock<std::mutex> lock(b->mu);
    b->cv.wait(lock, [&] { return b->next_sha_turn == input; });
  }
  turn.emplace(b);

  auto done_opening = [&](bool keep) {
    turn.reset();
    std::lock_guard<std::mutex> lock(b->mu);
    --b->opening;
    if (keep) b->open.push_back(std::move(doc));
    b->cv.notify_all();
  };

  auto sha = Sha256File(path);
  if (!sha.ok()) {
    Emit(b, input, Rejected(doc->record, "cannot read the file: " + sha.status().message()));
    return done_opening(false);
  }
  doc->record.sha256 = *sha;
  if (auto size = DefaultFs()->FileSize(path); size.ok()) doc->record.size = *size;

  // The same bytes already archived, or earlier in this batch.
  auto existing = archive_->FindBySha256(*sha);
  if (existing.ok()) {
    // The record is the truth; make sure the index has it too, in case an
    // earlier run stopped between writing the record and committing.
    if (auto pages = archive_->GetPages(existing->id); pages.ok()) {
      std::lock_guard<std::mutex> lock(index_mu_);
      Status ix = index_->Put(*existing, *pages);
      if (!ix.ok()) LogWarning("re-indexing " + existing->id + " failed: " + ix.message());
    }
    Record dup = std::move(*existing);
    dup.status = "duplicate";
    dup.source = doc->record.source;
    Emit(b, input, std::move(dup));
    return done_opening(false);
  }
  {
    std::lock_guard<std::mutex> lock(b->mu);
    auto [it, inserted] = b->first_of_sha.emplace(*sha, input);
    if (!inserted) {
      Record dup = doc->record;
      dup.status = "duplicate";
      dup.error = "=" + std::to_string(it->second);  // resolved at emission
      --b->opening;
      b->cv.notify_all();
      Emit(b, input, std::move(dup));
      return;  // (the turn passes as `turn` goes, after this lock)
    }
  }
  turn.reset();

  auto document = Document::Open(path, options_.decode);
  {
    std::lock_guard<std::mutex> lock(stats_mu_);
    stats_.decode_seconds += ThreadCpuSeconds() - cpu_start;
  }
  if (!document.ok()) {
    Emit(b, input, Rejected(doc->record, document.status().message()));
    return done_opening(false);
  }
  doc->document = std::move(*document);
  doc->record.format = FormatName(doc->document->format());
  doc->page_count = doc->document->page_count();
  doc->record.pages = doc->page_count;
  doc->pages.resize(doc->page_count);
  done_opening(true);
}

Result<Page> Pipeline::ReadAndRecognise(Doc* doc, int index) {
  const double t0 = ThreadCpuSeconds();
  DecodedPage decoded;
  {
    std::lock_guard<std::mutex> lock(doc->read_mu);
    auto r = doc->document->ReadPage(index);
    if (!r.ok()) return r.status();
    decoded = std::move(*r);
  }
  double decode_s = ThreadCpuSeconds() - t0;
  Page page;
  page.number = decoded.number;
  if (decoded.has_text_layer) {
    page.origin = "text_layer";
    page.text = std::move(decoded.text);
    page.words = std::move(decoded.words);
    std::lock_guard<std::mutex> lock(stats_mu_);
    stats_.decode_seconds += decode_s;
    return page;
  }

  // Waiting for an engine costs no CPU; creating one (the first use of
  // each) loads its model.
  const double t1 = ThreadCpuSeconds();
  auto lease = engines_->Acquire();
  if (!lease.ok()) return lease.status();
  const double t2 = ThreadCpuSeconds();
  double load_s = t2 - t1;
  auto prepared = PrepareForOcr(std::move(decoded.image), &**lease, options_.prep);
  if (!prepared.ok()) return prepared.status().Annotate("page " + std::to_string(page.number));
  page.rotation = prepared->rotation;
  page.skew = prepared->skew;
  double recognize_s = 0;
  if (prepared->blank) {
    page.origin = "blank";
  } else {
    auto ocr = RecognizePage(**lease, *prepared);
    page.rotation = prepared->rotation;
    if (!ocr.ok()) return ocr.status().Annotate("page " + std::to_string(page.number));
    recognize_s = ocr->recognize_seconds;
    page.origin = "ocr";
    double w = pixGetWidth(prepared->pix.get()), h = pixGetHeight(prepared->pix.get());
    page.text = std::move(ocr->text);
    page.words.reserve(ocr->words.size());
    for (OcrWord& ow : ocr->words) {
      Word word;
      word.text = std::move(ow.text);
      word.box = Box{ow.left / w, ow.top / h, ow.right / w, ow.bottom / h};
      word.confidence = ow.confidence;
      page.words.push_back(std::move(word));
    }
  }
  // Barcodes only where a separator sheet can be: a page that looked blank
  // or whose text is short. A page of a document (hundreds of words) never
  // pays for it; a sheet does, about 14 ms on a fine fax page (README,
  // "Packets"), where its OCR took over a second.
  const PacketSplitOptions& po = options_.packets;
  if (po.enabled && !po.separator_barcodes.empty() &&
      static_cast<int>(page.words.size()) <= po.separator_max_words) {
    auto codes = ReadBarcodes(prepared->pix.get(), options_.barcodes);
    // A page whose barcodes cannot be read is still archived: it is then
    // split by its text alone, as before barcodes were read.
    if (!codes.ok()) {
      LogWarning("page " + std::to_string(page.number) + ": " + codes.status().message());
    } else {
      for (Barcode& b : *codes) page.barcodes.push_back(std::move(b.value));
    }
  }
  // Everything since the lease that was not inside Tesseract is ours:
  // preparing, reading the results back, barcodes.
  double osd_s = prepared->osd_seconds;
  double prepare_s = std::max(0.0, ThreadCpuSeconds() - t2 - recognize_s - osd_s);
  std::lock_guard<std::mutex> lock(stats_mu_);
  stats_.decode_seconds += decode_s;
  stats_.load_seconds += load_s;
  stats_.prepare_seconds += prepare_s;
  stats_.recognize_seconds += recognize_s;
  stats_.osd_seconds += osd_s;
  return page;
}

void Pipeline::ProcessPage(Batch* b, Doc* doc, int index) {
  bool skip;
  {
    std::lock_guard<std::mutex> lock(b->mu);
    skip = doc->failed || !b->fatal.ok();
  }
  std::optional<Result<Page>> page;
  if (!skip) page.emplace(ReadAndRecognise(doc, index));

  bool last;
  {
    std::lock_guard<std::mutex> lock(b->mu);
    if (page && !page->ok() && !doc->failed) {
      doc->failed = true;
      doc->error = page->status();
    } else if (page && page->ok()) {
      doc->pages[index] = std::move(page->value());
    }
    if (!b->fatal.ok() && !doc->failed) {
      doc->failed = true;
      doc->error = Status::IoError("not processed: the batch stopped (" + b->fatal.message() + ")");
    }
    last = ++doc->pages_done == doc->page_count;
  }
  {
    std::lock_guard<std::mutex> lock(b->out_mu);
    ++b->progress.pages_done;
    b->progress.elapsed_seconds = Since(b->start);
    if (*b->on_progress) (*b->on_progress)(b->progress);
  }
  if (!last) return;
  Finish(b, doc);
  std::lock_guard<std::mutex> lock(b->mu);
  b->open.remove_if([doc](const std::unique_ptr<Doc>& d) { return d.get() == doc; });
  b->cv.notify_all();
}

void Pipeline::Finish(Batch* b, Doc* doc) {
  const double cpu_start = ThreadCpuSeconds();
  Record r = doc->record;
  if (doc->failed) {
    Emit(b, doc->input, Rejected(std::move(r), doc->error.message()));
    return;
  }
  for (const Page& p : doc->pages) r.ocr_pages += p.origin == "ocr" ? 1 : 0;
  r.id = archive_->IdFor(r.sha256);
  r.status = "archived";
  r.archived_at = NowIso8601();
  std::vector<Record> parts;
  // One page is never a packet: no need to classify it twice.
  PacketSplit split = doc->pages.size() > 1 ? SplitPacket(doc->pages, *classifier_, options_.packets)
                                            : PacketSplit{};
  if (split.is_packet()) {
    PacketRecords pr = MakePacketRecords(r, doc->pages, split.parts, split.separator_pages,
                                         split.doubtful_continuations, *classifier_, doc->type_hint);
    r = std::move(pr.packet);
    parts = std::move(pr.parts);
  } else {
    Classification c = classifier_->Classify(doc->pages, doc->type_hint);
    r.type = c.type;
    r.confidence = c.confidence;
    if (c.needs_review) r.extra["needs_review"] = true;
    if (!c.reasons.empty()) {
      boost::json::array reasons;
      for (const std::string& why : c.reasons) reasons.emplace_back(why);
      r.extra["reasons"] = std::move(reasons);
    }
    r.fields = ExtractFields(r.type, doc->pages);
  }
  if (!StoreAndIndex(b, doc, &r, &parts)) return;
  {
    std::lock_guard<std::mutex> lock(stats_mu_);
    stats_.finish_seconds += ThreadCpuSeconds() - cpu_start;
  }
  Emit(b, doc->input, std::move(r));
}

Result<std::string> Pipeline::FindBusinessDuplicateElsewhere(const Record& record) {
  KnownKeys keys;
  keys.business_keys = BusinessKeys(record);
  if (keys.business_keys.empty()) return Status::NotFound("no business keys");
  // Opened per record: a shard that was down comes back without a restart,
  // and a lookup costs one round trip per remote shard.
  auto searcher = Searcher::OpenShards(options_.peers);
  if (!searcher.ok()) {
    LogWarning("cannot ask the other shards for business duplicates of " + record.id + ": " +
               searcher.status().message());
    return Status::NotFound("other shards not reachable");
  }
  auto known = (*searcher)->FindKnown(keys);
  if (!known.ok()) {
    LogWarning("cannot ask the other shards for business duplicates of " + record.id + ": " + known.status().message());
    return Status::NotFound("other shards not reachable");
  }
  if (known->empty()) return Status::NotFound("no business duplicate in the other shards");
  return known->front();  // oldest first, "ID@SHARD"
}

bool Pipeline::StoreAndIndex(Batch* b, Doc* doc, Record* record, std::vector<Record>* parts) {
  Record& r = *record;
  std::vector<Record*> keyed;  // the records whose business keys count
  if (parts->empty()) keyed.push_back(&r);
  for (Record& part : *parts) keyed.push_back(&part);

  // The lookup is made under the index lock against the index and the keys
  // of records other workers are storing right now, so that two copies of
  // one invoice in the same batch meet each other; this record's keys then
  // join those. The writes themselves (six fsyncs) run outside the lock,
  // side by side with other workers' (born-digital ingest was bound by
  // them, one file at a time).
  std::vector<std::string> claimed;
  {
    std::lock_guard<std::mutex> index_lock(index_mu_);
    for (Record* rec : keyed) {
      auto earlier = index_->FindBusinessDuplicate(*rec);
      if (earlier.status().IsNotFound()) {
        for (const std::string& k : BusinessKeys(*rec)) {
          auto it = storing_keys_.find(k);
          if (it != storing_keys_.end() && it->second != rec->id) {
            earlier = it->second;
            break;
          }
        }
      }
      if (earlier.status().IsNotFound() && !options_.peers.empty()) earlier = FindBusinessDuplicateElsewhere(*rec);
      if (earlier.ok()) {
        rec->extra["possible_duplicate_of"] = *earlier;
        LogInfo(rec->source + ": " + rec->id + " may be a duplicate of " + *earlier);
      } else if (!earlier.status().IsNotFound() && earlier.status().code() != Status::Code::kUnsupported) {
        LogWarning("looking for business duplicates of " + rec->id + ": " + earlier.status().message());
      }
    }
    // Claimed after all are looked up: the parts of one packet are not
    // each other's duplicates, as before they were stored.
    for (Record* rec : keyed) {
      for (const std::string& k : BusinessKeys(*rec)) {
        if (storing_keys_.emplace(k, rec->id).second) claimed.push_back(k);
      }
    }
  }
  // Called under index_mu_ once the record is indexed or has failed.
  auto release_keys = [&] {
    for (const std::string& k : claimed) storing_keys_.erase(k);
  };

  // Original, pages, then the record: the record is the commit point; on
  // failure Store undoes what it wrote, so nothing is left half-done.
  Status st = parts->empty() ? archive_->Store(doc->path, r, doc->pages)
                             : archive_->StorePacket(doc->path, r, doc->pages, *parts);
  if (!st.ok()) {
    {
      std::lock_guard<std::mutex> index_lock(index_mu_);
      release_keys();
    }
    if (st.code() == Status::Code::kInvalid) {
      // The input's fault (it changed under us), not the archive's.
      Emit(b, doc->input, Rejected(std::move(r), st.message()));
      return false;
    }
    {
      std::lock_guard<std::mutex> lock(b->mu);
      if (b->fatal.ok()) b->fatal = st.Annotate("writing to the archive");
    }
    Emit(b, doc->input, Rejected(std::move(r), "not archived: " + st.message()));
    return false;
  }
  Status ix;
  {
    std::lock_guard<std::mutex> index_lock(index_mu_);
    for (const Record& part : *parts) {
      if (ix.ok()) ix = index_->Put(part, PagesInRange(doc->pages, part.first_page, part.last_page()));
    }
    if (ix.ok()) ix = index_->Put(r, doc->pages);
    release_keys();
  }
  if (!ix.ok()) {
    // The record is safe; the index can be rebuilt with `docket reindex`.
    LogError("indexing " + r.id + " failed: " + ix.message());
    std::lock_guard<std::mutex> block(b->mu);
    if (b->fatal.ok()) b->fatal = ix.Annotate("writing to the index");
  }
  if (!parts->empty()) {
    // What ingest prints (CONTRACT.md): each part as a full record.
    boost::json::array full;
    for (const Record& part : *parts) full.push_back(ToJson(part));
    r.extra["parts"] = std::move(full);
  }
  return true;
}

void Pipeline::Emit(Batch* b, size_t input, Record record) {
  std::lock_guard<std::mutex> lock(b->out_mu);
  b->finished[input] = std::move(record);
  while (b->next_emit < b->finished.size() && b->finished[b->next_emit]) {
    Record& r = *b->finished[b->next_emit];
    // A repeat within the batch takes its fate from the first copy.
    if (r.status == "duplicate" && !r.error.empty() && r.error[0] == '=') {
      const auto& first = b->emitted[std::stoul(r.error.substr(1))];
      r.error.clear();
      if (first.first == "rejected") {
        r = Rejected(std::move(r), first.second);
      } else {
        r.id = first.second;
      }
    }
    b->emitted[b->next_emit] = {r.status, r.status == "rejected" ? r.error : r.id};
    {
      std::lock_guard<std::mutex> slock(stats_mu_);
      ++stats_.files;
      if (r.status == "archived") {
        ++stats_.archived;
        stats_.pages += r.pages;
        stats_.ocr_pages += r.ocr_pages;
      } else if (r.status == "duplicate") {
        ++stats_.duplicates;
      } else {
        ++stats_.rejected;
      }
    }
    if (r.status == "rejected") {
      LogWarning(r.source + ": rejected: " + r.error);
    } else if (r.status == "duplicate") {
      LogInfo(r.source + ": duplicate of " + r.id);
    } else {
      LogInfo(r.source + ": archived as " + r.id + " (" + std::to_string(r.pages) + " pages, " +
              std::to_string(r.ocr_pages) + " OCR'd)");
    }
    ++b->progress.files_done;
    b->progress.elapsed_seconds = Since(b->start);
    if (*b->on_record) (*b->on_record)(r);
    if (*b->on_progress) (*b->on_progress)(b->progress);
    b->finished[b->next_emit].reset();
    ++b->next_emit;
  }
}

}  // namespace docket
