#include "ocr/page_prep.h"

#include <cmath>

#include <leptonica/allheaders.h>

namespace docket {
namespace {

constexpr double kA4WidthInches = 8.27;

PixPtr Own(Pix* p) { return PixPtr(p); }

// Grey (8 bpp) or 1 bpp without a colour map: what the steps below expect.
Result<PixPtr> ToGreyOrBinary(PixPtr pix) {
  int d = pixGetDepth(pix.get());
  if (pixGetColormap(pix.get()) != nullptr) {
    pix = Own(pixRemoveColormap(pix.get(), REMOVE_CMAP_TO_GRAYSCALE));
    if (!pix) return Status::Invalid("cannot remove the image's colour map");
    d = pixGetDepth(pix.get());
  }
  if (d == 1 || d == 8) return pix;
  PixPtr grey = Own(d == 32 ? pixConvertRGBToLuminance(pix.get()) : pixConvertTo8(pix.get(), 0));
  if (!grey) return Status::Invalid("cannot convert a " + std::to_string(d) + "-bit image to grey");
  return grey;
}

// A fax's standard resolution (204x98) has pixels twice as tall as wide;
// Tesseract wants square ones.
PixPtr MakeSquare(PixPtr pix, int xres, int yres) {
  if (xres <= 0 || yres <= 0 || xres == yres) return pix;
  float sy = static_cast<float>(xres) / static_cast<float>(yres);
  // Interpolating in grey, rather than repeating rows of bits, gives
  // smoother strokes (measured on the fax samples: fewer misread words).
  PixPtr grey = pixGetDepth(pix.get()) == 1 ? Own(pixConvertTo8(pix.get(), 0)) : nullptr;
  PixPtr out = Own(pixScale(grey ? grey.get() : pix.get(), 1.0f, sy));
  return out ? std::move(out) : std::move(pix);
}

// A binary copy for measuring (skew, orientation, ink).
PixPtr Binary(const PixPtr& pix) {
  if (pixGetDepth(pix.get()) == 1) return Own(pixClone(pix.get()));
  return Own(pixConvertTo1(pix.get(), 140));
}

// Removes specks (components smaller than 3x3 px) that fax lines and dirty
// glass add; REFERENCE measured this as the largest single gain on faxes.
PixPtr Despeckle(PixPtr pix) {
  l_int32 changed = 0;
  PixPtr clean = Own(pixSelectBySize(pix.get(), 3, 3, 8, L_SELECT_IF_EITHER, L_SELECT_IF_GTE,
                                     &changed));
  return clean ? std::move(clean) : std::move(pix);
}

enum class Upright { kYes, kNo, kUnsure };

// Leptonica's text-line statistics (~10 ms): sure of most full pages either
// way; Tesseract's OSD (~300 ms) is kept for the pages it is not sure of.
Upright CheapOrientation(Pix* binary, int dpi) {
  PixPtr reduced;
  Pix* probe = binary;
  // Halve 300 dpi pages only: a fax (204 dpi) at half size gave no
  // text-line statistics at all, so its pages went to the costly paths.
  if (dpi >= 280) {
    reduced = Own(pixReduceRankBinary2(binary, 1, nullptr));  // to half: ~150 dpi
    if (reduced) probe = reduced.get();
  }
  l_float32 up = 0, left = 0;
  if (pixOrientDetect(probe, &up, &left, 0, 0) != 0) return Upright::kUnsure;
  if (up > 6.0f && std::fabs(left) < 0.5f * up) return Upright::kYes;
  // Upright pages of forms show a sideways score of up to ~7 beside a
  // larger upright one; only a sideways score that dominates means turned
  // (a false "turned" costs an OSD run, ~0.3 s).
  if (up < -6.0f || (std::fabs(left) > 6.0f && std::fabs(left) > 1.5f * std::fabs(up))) {
    return Upright::kNo;
  }
  return Upright::kUnsure;
}

// Turns `page` upright as Tesseract's OSD says; false when it stays as is.
bool TurnUpright(Engine& engine, PreparedPage& page) {
  // (Measured: OSD on a half-size copy is no faster; its time goes into
  // classifying blobs, not into the pixels.)
  auto o = engine.DetectOrientation(page.pix.get(), page.dpi);
  if (o.ok()) page.osd_seconds += o->seconds;
  if (!o.ok() || o->degrees == 0 || o->confidence < 1.0f) return false;
  // Tesseract reports the page's clockwise rotation; turn it back.
  int quads = (4 - o->degrees / 90) % 4;
  PixPtr upright = Own(pixRotateOrth(page.pix.get(), quads));
  if (!upright) return false;
  page.pix = std::move(upright);
  page.rotation = (page.rotation + quads * 90) % 360;
  return true;
}

// Text that an upright page of print would not give.
bool LooksWrong(const OcrPage& p) { return p.words.size() < 3 || p.mean_confidence < 65; }

}  // namespace

Result<PreparedPage> PrepareForOcr(PageImage image, Engine* engine, const PrepOptions& options) {
  if (!image.pix) return Status::Invalid("no image");
  auto pix = ToGreyOrBinary(std::move(image.pix));
  if (!pix.ok()) return pix.status();
  PixPtr work = std::move(*pix);

  PreparedPage out;
  if (pixGetDepth(work.get()) == 1) work = Despeckle(std::move(work));
  work = MakeSquare(std::move(work), image.xres, image.yres);
  int dpi = image.xres;
  // No or implausible resolution (photos): assume the page fills the width.
  if (dpi < 70 || dpi > 1200) {
    dpi = static_cast<int>(std::lround(pixGetWidth(work.get()) / kA4WidthInches));
    if (dpi < 70) dpi = 70;
  }
  if (dpi > options.max_dpi) {
    float s = static_cast<float>(options.max_dpi) / static_cast<float>(dpi);
    PixPtr smaller = Own(pixGetDepth(work.get()) == 1 ? pixScaleToGray(work.get(), s)
                                                       : pixScale(work.get(), s, s));
    if (smaller) {
      work = std::move(smaller);
      dpi = options.max_dpi;
    }
  }

  PixPtr binary = Binary(work);
  if (!binary) return Status::Invalid("cannot binarise the page");
  l_int32 ink = 0;
  pixCountPixels(binary.get(), &ink, nullptr);
  double area = double(pixGetWidth(binary.get())) * pixGetHeight(binary.get());
  if (area <= 0 || ink < area * 0.0005) {
    out.blank = true;
    out.pix = std::move(work);
    out.dpi = dpi;
    return out;
  }

  if (options.deskew) {
    l_float32 angle = 0, conf = 0;
    if (pixFindSkew(binary.get(), &angle, &conf) == 0 && conf > 2.5f && std::fabs(angle) > 0.15f &&
        std::fabs(angle) < 10.0f) {
      float rad = angle * 3.14159265f / 180.0f;
      // Rotating 1-bit pages by area map needs grey first; shearing bits
      // instead leaves jagged strokes that cost recognition.
      if (pixGetDepth(work.get()) == 1) {
        PixPtr grey = Own(pixConvertTo8(work.get(), 0));
        if (grey) work = std::move(grey);
      }
      PixPtr straight = Own(pixRotate(work.get(), rad, L_ROTATE_AREA_MAP, L_BRING_IN_WHITE, 0, 0));
      if (straight) {
        work = std::move(straight);
        out.skew = angle;
        // The binary copy stays the unrotated one: the orientation check
        // below does not care about a few degrees, and binarising the
        // whole page again cost as much as the check itself.
      }
    }
  }

  Upright upright = options.orient ? CheapOrientation(binary.get(), dpi) : Upright::kYes;
  out.pix = std::move(work);
  out.dpi = dpi;
  if (upright == Upright::kNo && engine != nullptr) {
    if (!TurnUpright(*engine, out)) out.orientation_unsure = true;
  } else {
    out.orientation_unsure = upright == Upright::kUnsure;
  }
  return out;
}

Result<OcrPage> RecognizePage(Engine& engine, PreparedPage& page) {
  auto first = engine.Recognize(page.pix.get(), page.dpi);
  if (!first.ok() || !page.orientation_unsure || !LooksWrong(*first)) return first;
  page.orientation_unsure = false;
  if (!TurnUpright(engine, page)) return first;
  auto second = engine.Recognize(page.pix.get(), page.dpi);
  if (!second.ok()) return second;
  second->recognize_seconds += first->recognize_seconds;
  return second;
}

}  // namespace docket
