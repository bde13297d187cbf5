#include "ingest/pdf_document.h"

#include <leptonica/allheaders.h>
#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-image.h>
#include <poppler/cpp/poppler-page-renderer.h>
#include <poppler/cpp/poppler-page.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstring>

namespace docket {
namespace {

std::string Utf8(const poppler::ustring& s) {
  poppler::byte_array b = s.to_utf8();
  return std::string(b.begin(), b.end());
}

// A text layer is usable when it holds enough real words; scanners that add
// a few garbage glyphs, or a stamp's lone word, must not stop the OCR.
bool Usable(const std::vector<Word>& words, int min_words) {
  int real = 0;
  for (const Word& w : words) {
    int alnum = 0;
    for (unsigned char c : w.text) alnum += std::isalnum(c) ? 1 : 0;
    if (alnum >= 2 && alnum * 2 >= static_cast<int>(w.text.size())) ++real;
  }
  return real >= min_words;
}

// Lines from words in reading order: a new line where the next word does
// not sit on the current one's baseline.
std::string JoinLines(const std::vector<Word>& words) {
  std::string text;
  const Word* prev = nullptr;
  for (const Word& w : words) {
    if (prev != nullptr) {
      double h = std::max(prev->box.bottom - prev->box.top, 1e-6);
      bool same_line = std::fabs(w.box.bottom - prev->box.bottom) < 0.5 * h &&
                       w.box.left >= prev->box.left;
      text += same_line ? " " : "\n";
    }
    text += w.text;
    prev = &w;
  }
  return text;
}

PixPtr ToPix(const poppler::image& img) {
  int w = img.width(), h = img.height();
  PixPtr pix(pixCreate(w, h, 8));
  if (!pix) return nullptr;
  const char* src = img.const_data();
  int stride = img.bytes_per_row();
  l_uint32* data = pixGetData(pix.get());
  int wpl = pixGetWpl(pix.get());
  // Leptonica keeps 8-bit pixels in 32-bit words, most significant byte
  // first: copy each row whole, then swap the bytes of every word once on
  // little-endian machines, instead of setting each byte on its own.
  for (int y = 0; y < h; ++y) {
    std::memcpy(data + static_cast<size_t>(y) * wpl, src + static_cast<size_t>(y) * stride,
                static_cast<size_t>(w));
  }
  pixEndianByteSwap(pix.get());
  return pix;
}

class PdfDocument : public Document {
 public:
  PdfDocument(std::unique_ptr<poppler::document> doc, int pages, const DecodeOptions& options)
      : doc_(std::move(doc)), pages_(pages), options_(options) {
    renderer_.set_render_hint(poppler::page_renderer::antialiasing, true);
    renderer_.set_render_hint(poppler::page_renderer::text_antialiasing, true);
    renderer_.set_image_format(poppler::image::format_gray8);
  }

  Format format() const override { return Format::kPdf; }
  int page_count() const override { return pages_; }

  Result<DecodedPage> ReadPage(int index) override {
    std::unique_ptr<poppler::page> page(doc_->create_page(index));
    if (!page) return Status::Invalid("page " + std::to_string(index + 1) + " cannot be read");
    DecodedPage out;
    out.number = index + 1;
    poppler::rectf rect = page->page_rect(poppler::media_box);
    double pw = rect.width(), ph = rect.height();
    if (page->orientation() == poppler::page::landscape ||
        page->orientation() == poppler::page::seascape) {
      std::swap(pw, ph);
    }
    if (!(pw > 1 && ph > 1)) return Status::Invalid("page " + std::to_string(out.number) + " has no size");

    std::vector<Word> words;
    for (const poppler::text_box& tb : page->text_list()) {
      std::string t = Utf8(tb.text());
      if (t.empty()) continue;
      poppler::rectf b = tb.bbox();
      Word w;
      w.text = std::move(t);
      w.box = Box{std::clamp(b.left() / pw, 0.0, 1.0), std::clamp(b.top() / ph, 0.0, 1.0),
                  std::clamp(b.right() / pw, 0.0, 1.0), std::clamp(b.bottom() / ph, 0.0, 1.0)};
      w.confidence = 100;
      words.push_back(std::move(w));
    }
    if (Usable(words, options_.min_text_layer_words)) {
      out.has_text_layer = true;
      out.text = JoinLines(words);
      out.words = std::move(words);
      return out;
    }

    // No usable text: render for OCR, lowering the resolution for giant
    // pages rather than exceeding the pixel budget.
    double dpi = options_.render_dpi;
    double pixels = (pw * dpi / 72.0) * (ph * dpi / 72.0);
    if (pixels > static_cast<double>(options_.max_pixels)) {
      dpi *= std::sqrt(static_cast<double>(options_.max_pixels) / pixels);
      if (dpi < 100) {
        return Status::TooLarge("page " + std::to_string(out.number) + " measures " +
                                std::to_string(static_cast<int>(pw / 72)) + "x" +
                                std::to_string(static_cast<int>(ph / 72)) +
                                " inches, too large to render within the pixel limit");
      }
    }
    poppler::image img = renderer_.render_page(page.get(), dpi, dpi);
    if (!img.is_valid()) return Status::Invalid("page " + std::to_string(out.number) + " cannot be rendered");
    out.image.pix = ToPix(img);
    if (!out.image.pix) return Status::TooLarge("out of memory rendering page " + std::to_string(out.number));
    out.image.xres = out.image.yres = static_cast<int>(std::lround(dpi));
    pixSetResolution(out.image.pix.get(), out.image.xres, out.image.yres);
    return out;
  }

 private:
  std::unique_ptr<poppler::document> doc_;
  int pages_;
  DecodeOptions options_;
  poppler::page_renderer renderer_;
};

}  // namespace

Result<std::unique_ptr<Document>> OpenPdf(const std::string& path, const DecodeOptions& options) {
  std::unique_ptr<poppler::document> doc(poppler::document::load_from_file(path));
  if (!doc) return Status::Invalid("not a readable PDF (damaged or truncated)");
  // A locked document crashes pages(): check first.
  if (doc->is_locked()) return Status::Unsupported("the PDF is encrypted with a password");
  int pages = doc->pages();
  if (pages <= 0) return Status::Invalid("the PDF has no pages (damaged or truncated)");
  if (pages > options.max_pages) {
    return Status::TooLarge("the PDF has " + std::to_string(pages) + " pages, over the limit of " +
                            std::to_string(options.max_pages));
  }
  return std::unique_ptr<Document>(new PdfDocument(std::move(doc), pages, options));
}

}  // namespace docket
