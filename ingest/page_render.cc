#include "ingest/page_render.h"

#include <leptonica/allheaders.h>
#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-image.h>
#include <poppler/cpp/poppler-page-renderer.h>
#include <poppler/cpp/poppler-page.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <mutex>

#include "ingest/document.h"
#include "ocr/pix.h"

namespace docket {
namespace {

Result<std::string> PngBytes(Pix* pix) {
  l_uint8* data = nullptr;
  size_t size = 0;
  if (pixWriteMem(&data, &size, pix, IFF_PNG) != 0 || data == nullptr) {
    return Status::Invalid("the page cannot be written as PNG");
  }
  std::unique_ptr<l_uint8, decltype(&lept_free)> owned(data, &lept_free);
  return std::string(reinterpret_cast<const char*>(data), size);
}

// Poppler's renderer keeps global font state that is not safe to share
// between threads rendering at once; pages are rendered one at a time.
std::mutex& PopplerMutex() {
  static std::mutex m;
  return m;
}

Result<std::string> RenderPdfPage(const std::string& path, int number, const PageRenderOptions& o) {
  std::lock_guard<std::mutex> lock(PopplerMutex());
  std::unique_ptr<poppler::document> doc(poppler::document::load_from_file(path));
  if (!doc) return Status::Invalid("not a readable PDF");
  if (doc->is_locked()) return Status::Unsupported("the PDF is encrypted");
  if (number < 1 || number > doc->pages()) return Status::NotFound("no page " + std::to_string(number));
  std::unique_ptr<poppler::page> page(doc->create_page(number - 1));
  if (!page) return Status::Invalid("page " + std::to_string(number) + " cannot be read");
  poppler::rectf rect = page->page_rect(poppler::media_box);
  double w_in = rect.width() / 72.0, h_in = rect.height() / 72.0;
  if (!(w_in > 0 && h_in > 0)) return Status::Invalid("page " + std::to_string(number) + " has no size");
  double dpi = o.dpi;
  if (w_in * dpi > o.max_width) dpi = o.max_width / w_in;
  if (w_in * h_in * dpi * dpi > static_cast<double>(o.max_pixels)) {
    dpi = std::sqrt(static_cast<double>(o.max_pixels) / (w_in * h_in));
  }
  if (dpi < 10) return Status::TooLarge("page " + std::to_string(number) + " is too large to show");
  poppler::page_renderer renderer;
  renderer.set_render_hint(poppler::page_renderer::antialiasing, true);
  renderer.set_render_hint(poppler::page_renderer::text_antialiasing, true);
  // ARGB32: one native 32-bit word per pixel, 0xAARRGGBB, paper opaque white.
  // (RGB24 rows hold 3 bytes a pixel: read as words they overrun the row.)
  renderer.set_image_format(poppler::image::format_argb32);
  poppler::image img = renderer.render_page(page.get(), dpi, dpi);
  if (!img.is_valid()) return Status::Invalid("page " + std::to_string(number) + " cannot be rendered");
  // Leptonica wants R, G, B at its own shifts.
  int w = img.width(), h = img.height();
  if (img.format() != poppler::image::format_argb32 || img.bytes_per_row() < w * 4) {
    return Status::Invalid("page " + std::to_string(number) + " rendered in an unexpected format");
  }
  PixPtr pix(pixCreate(w, h, 32));
  if (!pix) return Status::TooLarge("out of memory rendering page " + std::to_string(number));
  l_uint32* dst = pixGetData(pix.get());
  int wpl = pixGetWpl(pix.get());
  const char* src = img.const_data();
  for (int y = 0; y < h; ++y) {
    const uint32_t* row = reinterpret_cast<const uint32_t*>(src + static_cast<size_t>(y) * img.bytes_per_row());
    l_uint32* out = dst + static_cast<size_t>(y) * wpl;
    for (int x = 0; x < w; ++x) {
      uint32_t p = row[x];  // 0xAARRGGBB
      out[x] = ((p >> 16 & 0xff) << L_RED_SHIFT) | ((p >> 8 & 0xff) << L_GREEN_SHIFT) |
               ((p & 0xff) << L_BLUE_SHIFT);
    }
  }
  return PngBytes(pix.get());
}

Result<std::string> RenderImagePage(const std::string& path, int number, const PageRenderOptions& o) {
  DecodeOptions d;
  d.max_pixels = o.max_pixels;
  auto doc = Document::Open(path, d);
  if (!doc.ok()) return doc.status();
  if (number < 1 || number > (*doc)->page_count()) return Status::NotFound("no page " + std::to_string(number));
  auto page = (*doc)->ReadPage(number - 1);
  if (!page.ok()) return page.status();
  Pix* pix = page->image.pix.get();
  if (pix == nullptr) return Status::Invalid("page " + std::to_string(number) + " has no image");
  // Faxes at 204x98 dpi have half-height rows: show them square.
  double sx = 1.0, sy = 1.0;
  if (page->image.xres > 0 && page->image.yres > 0 && page->image.xres != page->image.yres) {
    sy = static_cast<double>(page->image.xres) / page->image.yres;
  }
  int w = pixGetWidth(pix);
  if (w * sx > o.max_width) {
    double f = o.max_width / (w * sx);
    sx *= f;
    sy *= f;
  }
  PixPtr grey, scaled;
  if (sx != 1.0 || sy != 1.0) {
    // 1-bit scans go to grey first so that shrinking averages thin strokes
    // instead of dropping them.
    if (pixGetDepth(pix) == 1) {
      grey.reset(pixConvertTo8(pix, 0));
      if (!grey) return Status::TooLarge("page " + std::to_string(number) + " cannot be converted");
      pix = grey.get();
    }
    scaled.reset(pixScale(pix, static_cast<float>(sx), static_cast<float>(sy)));
    if (!scaled) return Status::TooLarge("page " + std::to_string(number) + " cannot be scaled");
    pix = scaled.get();
  }
  return PngBytes(pix);
}

}  // namespace

Result<std::string> RenderPagePng(const std::string& path, int number, const PageRenderOptions& options) {
  FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) return Status::IoError("cannot open the original");
  char head[1024];
  size_t n = std::fread(head, 1, sizeof head, f);
  std::fclose(f);
  Format format = DetectFormat(std::string_view(head, n));
  if (format == Format::kPdf) return RenderPdfPage(path, number, options);
  if (format == Format::kUnknown) return Status::Unsupported("the original is not a PDF or an image");
  return RenderImagePage(path, number, options);
}

}  // namespace docket
