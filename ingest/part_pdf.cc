#include "ingest/part_pdf.h"

#include <leptonica/allheaders.h>

#include <algorithm>
#include <memory>

#include "ingest/page_render.h"
#include "ocr/pix.h"

namespace docket {

Result<std::string> PartPdf(const std::string& path, int first, int last, const PartPdfOptions& options) {
  if (first < 1 || last < first) return Status::Invalid("bad page range");
  PageRenderOptions render;
  render.dpi = options.dpi;
  render.max_width = options.max_width;
  std::unique_ptr<Pixa, void (*)(Pixa*)> pixa(pixaCreate(last - first + 1), [](Pixa* p) { pixaDestroy(&p); });
  if (!pixa) return Status::IoError("out of memory");
  for (int n = first; n <= last; ++n) {
    auto png = RenderPagePng(path, n, render);
    if (!png.ok()) return png.status().Annotate(path + " page " + std::to_string(n));
    Pix* pix = pixReadMem(reinterpret_cast<const l_uint8*>(png->data()), png->size());
    if (pix == nullptr) return Status::Corrupt(path + " page " + std::to_string(n) + ": the rendered page cannot be read");
    // Whatever the rendering's width, the page spans an A4 width (8.27 in)
    // of the PDF, so every page of the part comes out the same size.
    int res = std::max(72, static_cast<int>(pixGetWidth(pix) / 8.27));
    pixSetResolution(pix, res, res);
    pixaAddPix(pixa.get(), pix, L_INSERT);
  }
  l_uint8* data = nullptr;
  size_t size = 0;
  if (pixaConvertToPdfData(pixa.get(), 0, 1.0, L_DEFAULT_ENCODE, 75, nullptr, &data, &size) != 0 || data == nullptr) {
    return Status::IoError(path + ": pages " + std::to_string(first) + "-" + std::to_string(last) +
                           " cannot be written as PDF");
  }
  std::string out(reinterpret_cast<const char*>(data), size);
  lept_free(data);
  return out;
}

}  // namespace docket
