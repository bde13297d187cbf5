#include "ingest/image_document.h"

#include <cstdio>

#include <leptonica/allheaders.h>

namespace docket {
namespace {

Status CheckPixels(int64_t w, int64_t h, int64_t limit, const std::string& what) {
  if (w <= 0 || h <= 0) return Status::Invalid(what + " has no size");
  if (w * h > limit) {
    return Status::TooLarge(what + " is " + std::to_string(w) + "x" + std::to_string(h) +
                            " pixels, over the limit of " + std::to_string(limit));
  }
  return Status::Ok();
}

class ImageDocument : public Document {
 public:
  ImageDocument(std::string path, Format format, int pages, const DecodeOptions& options)
      : path_(std::move(path)), format_(format), pages_(pages), options_(options) {}

  Format format() const override { return format_; }
  int page_count() const override { return pages_; }

  Result<DecodedPage> ReadPage(int index) override {
    // Checked here, not left to Leptonica: its readHeaderTiff leaks the open
    // TIFF when the page is missing (found by the ASan suite).
    if (index < 0 || index >= pages_) return Status::NotFound("no page " + std::to_string(index + 1));
    DecodedPage out;
    out.number = index + 1;
    std::string what = pages_ > 1 ? "page " + std::to_string(out.number) : "the image";
    PixPtr pix;
    if (format_ == Format::kTiff) {
      l_int32 w = 0, h = 0, bps = 0, spp = 0, res = 0, cmap = 0, fmt = 0;
      if (readHeaderTiff(path_.c_str(), index, &w, &h, &bps, &spp, &res, &cmap, &fmt) != 0) {
        return Status::Invalid(what + " of the TIFF has an unreadable header");
      }
      DOCKET_RETURN_IF_ERROR(CheckPixels(w, h, options_.max_pixels, what));
      // Sequential reads continue from the last directory; a jump re-seeks.
      if (index == next_index_ && offset_ != 0) {
        pix.reset(pixReadFromMultipageTiff(path_.c_str(), &offset_));
      } else if (index == 0) {
        offset_ = 0;
        pix.reset(pixReadFromMultipageTiff(path_.c_str(), &offset_));
      } else {
        pix.reset(pixReadTiff(path_.c_str(), index));
        offset_ = 0;
      }
      next_index_ = index + 1;
      if (!pix) {
        return Status::Invalid(what + " of the TIFF cannot be decoded (damaged, tiled or old-style JPEG)");
      }
    } else {
      l_int32 fmt = 0, w = 0, h = 0, bps = 0, spp = 0, cmap = 0;
      if (pixReadHeader(path_.c_str(), &fmt, &w, &h, &bps, &spp, &cmap) != 0) {
        return Status::Invalid("the image header is unreadable");
      }
      DOCKET_RETURN_IF_ERROR(CheckPixels(w, h, options_.max_pixels, what));
      pix.reset(pixRead(path_.c_str()));
      if (!pix) return Status::Invalid("the image cannot be decoded (damaged or truncated)");
    }
    // The decoded size, not only the header's, must respect the budget.
    DOCKET_RETURN_IF_ERROR(CheckPixels(pixGetWidth(pix.get()), pixGetHeight(pix.get()),
                                       options_.max_pixels, what));
    l_int32 xres = 0, yres = 0;
    pixGetResolution(pix.get(), &xres, &yres);
    out.image.xres = xres;
    out.image.yres = yres;
    out.image.pix = std::move(pix);
    return out;
  }

 private:
  std::string path_;
  Format format_;
  int pages_;
  DecodeOptions options_;
  size_t offset_ = 0;
  int next_index_ = 0;
};

}  // namespace

Result<std::unique_ptr<Document>> OpenImage(const std::string& path, Format format,
                                            const DecodeOptions& options) {
  int pages = 1;
  if (format == Format::kTiff) {
    FILE* f = std::fopen(path.c_str(), "rb");
    if (f == nullptr) return Status::IoError("cannot open");
    l_int32 n = 0;
    l_ok rc = tiffGetCount(f, &n);
    std::fclose(f);
    if (rc != 0 || n <= 0) return Status::Invalid("the TIFF has no readable pages (damaged or truncated)");
    if (n > options.max_pages) {
      return Status::TooLarge("the TIFF has " + std::to_string(n) + " pages, over the limit of " +
                              std::to_string(options.max_pages));
    }
    pages = n;
  }
  return std::unique_ptr<Document>(new ImageDocument(path, format, pages, options));
}

}  // namespace docket
