// Owning handle for a Leptonica image: every Pix docket holds is a PixPtr,
// so no path can leak one or free it twice.
#pragma once

#include <memory>

struct Pix;

namespace docket {

struct PixDeleter {
  void operator()(Pix* p) const;
};
using PixPtr = std::unique_ptr<Pix, PixDeleter>;

// An image of one page as decoded, before preparation for OCR.
struct PageImage {
  PixPtr pix;
  int xres = 0;  // dots per inch as the file says; 0 when it does not
  int yres = 0;
};

// Silences Leptonica's messages to stderr (its errors reach us as null
// returns, which docket reports itself). Call once at start-up.
void QuietLeptonica();

}  // namespace docket
