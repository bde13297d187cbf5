// Makes a decoded page image ready for recognition: grey or 1-bit, square
// pixels (faxes are 204x98 dpi), specks removed from faxes, straightened,
// and turned upright.
#pragma once

#include "base/status.h"
#include "ocr/engine.h"
#include "ocr/pix.h"

namespace docket {

struct PrepOptions {
  bool deskew = true;
  bool orient = true;      // detect sideways and upside-down pages
  int max_dpi = 400;       // larger scans are scaled down: no better, slower
};

struct PreparedPage {
  PixPtr pix;
  int dpi = 300;
  int rotation = 0;        // degrees turned clockwise to make it upright
  double skew = 0;         // degrees of skew corrected
  bool blank = false;      // nothing on it worth recognising
  // The cheap check could not tell that the page is upright: RecognizePage
  // asks Tesseract's OSD if the recognised text looks wrong.
  bool orientation_unsure = false;
  // CPU time spent in Tesseract's OSD turning this page (here and in
  // RecognizePage): Tesseract's work, not preparation.
  double osd_seconds = 0;
};

// `engine` runs Tesseract's OSD when the cheap check says the page is
// turned; may be null (no orientation correction then).
Result<PreparedPage> PrepareForOcr(PageImage image, Engine* engine, const PrepOptions& options);

// Recognises a prepared page. When its orientation was unsure and the text
// comes out poor, asks OSD, turns the page and recognises it again, so an
// upright page never pays for orientation detection.
Result<OcrPage> RecognizePage(Engine& engine, PreparedPage& page);

}  // namespace docket
