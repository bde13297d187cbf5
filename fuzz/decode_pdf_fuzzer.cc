// PDFs through Poppler (ingest/pdf_document.cc); see decode_fuzzer.h.
#include "fuzz/decode_fuzzer.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  docket::fuzz::DecodeOne(data, size, {docket::Format::kPdf});
  return 0;
}
