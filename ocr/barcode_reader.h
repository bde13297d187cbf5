// Reads 1-D barcodes on a page image with ZBar: how a mailroom's separator
// sheet says what it is without any text (issue #9). Only this file
// includes <zbar.h>; the scanner and image it creates are owned RAII and
// live for one call, so the function is thread-safe.
#pragma once

#include <string>
#include <vector>

#include "base/status.h"

struct Pix;

namespace docket {

struct BarcodeOptions {
  // The symbologies mailrooms print on separator sheets. Every other one
  // (QR, EAN, ...) is off: each enabled decoder is tried on every scan line.
  bool code39 = true;
  bool code128 = true;
  bool interleaved_2of5 = false;
  // ZBar reads every n-th row (and column) of pixels. A separator sheet's
  // barcode is a centimetre tall or more (over 100 rows at 300 dpi, 70 on a
  // fine fax), so reading every 4th row loses nothing and is four times
  // cheaper than every row. Columns are read too (a page left sideways)
  // unless 0.
  int row_step = 4;
  int column_step = 8;
};

struct Barcode {
  std::string symbology;  // ZBar's name: "CODE-39", "CODE-128", "I2/5"
  std::string value;      // the decoded data, as printed (check digits dropped)
};

// The barcodes found on `pix` (any depth; converted to 8-bit grey, ZBar's
// Y800), in ZBar's order; empty when there is none. Borrows `pix`.
// Invalid for a null or empty image; IoError when ZBar fails.
Result<std::vector<Barcode>> ReadBarcodes(const Pix* pix, const BarcodeOptions& options = {});

}  // namespace docket
