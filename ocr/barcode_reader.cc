#include "ocr/barcode_reader.h"

#include <leptonica/allheaders.h>
#include <zbar.h>  // C API; in C++ its declarations live in namespace zbar

#include <cstdint>
#include <memory>

#include "ocr/pix.h"

namespace docket {
namespace {

struct ScannerDeleter {
  void operator()(zbar::zbar_image_scanner_t* s) const { zbar::zbar_image_scanner_destroy(s); }
};
struct ImageDeleter {
  // The image borrows its pixels (no cleanup handler): the caller's buffer
  // outlives it, so destroying it frees only ZBar's own state and results.
  void operator()(zbar::zbar_image_t* i) const { zbar::zbar_image_destroy(i); }
};

// Y800 is one byte per pixel, rows packed: Leptonica's 8-bit rows are
// padded to 32-bit words in native word order, hence GET_DATA_BYTE.
std::vector<uint8_t> ToY800(const Pix* pix, int* width, int* height) {
  Pix* p = const_cast<Pix*>(pix);  // Leptonica's getters are not const-correct
  PixPtr grey;
  int depth = pixGetDepth(p);
  if (depth == 32) {
    grey.reset(pixConvertRGBToLuminance(p));
  } else if (depth != 8 || pixGetColormap(p) != nullptr) {
    grey.reset(pixConvertTo8(p, 0));
  }
  Pix* g = grey ? grey.get() : p;
  std::vector<uint8_t> out;
  if (g == nullptr) return out;
  *width = pixGetWidth(g);
  *height = pixGetHeight(g);
  int wpl = pixGetWpl(g);
  l_uint32* data = pixGetData(g);
  out.resize(static_cast<size_t>(*width) * *height);
  for (int y = 0; y < *height; ++y) {
    l_uint32* line = data + static_cast<size_t>(y) * wpl;
    uint8_t* row = out.data() + static_cast<size_t>(y) * *width;
    for (int x = 0; x < *width; ++x) row[x] = static_cast<uint8_t>(GET_DATA_BYTE(line, x));
  }
  return out;
}

}  // namespace

Result<std::vector<Barcode>> ReadBarcodes(const Pix* pix, const BarcodeOptions& options) {
  if (pix == nullptr) return Status::Invalid("no image to read barcodes on");
  int width = 0, height = 0;
  std::vector<uint8_t> y800 = ToY800(pix, &width, &height);
  if (y800.empty() || width <= 0 || height <= 0) {
    return Status::Invalid("barcodes: the page image could not be converted to grey");
  }

  std::unique_ptr<zbar::zbar_image_scanner_t, ScannerDeleter> scanner(zbar::zbar_image_scanner_create());
  std::unique_ptr<zbar::zbar_image_t, ImageDeleter> image(zbar::zbar_image_create());
  if (!scanner || !image) return Status::IoError("barcodes: ZBar could not allocate a scanner");
  zbar::zbar_image_scanner_set_config(scanner.get(), zbar::ZBAR_NONE, zbar::ZBAR_CFG_ENABLE, 0);
  zbar::zbar_image_scanner_set_config(scanner.get(), zbar::ZBAR_CODE39, zbar::ZBAR_CFG_ENABLE, options.code39 ? 1 : 0);
  zbar::zbar_image_scanner_set_config(scanner.get(), zbar::ZBAR_CODE128, zbar::ZBAR_CFG_ENABLE, options.code128 ? 1 : 0);
  zbar::zbar_image_scanner_set_config(scanner.get(), zbar::ZBAR_I25, zbar::ZBAR_CFG_ENABLE, options.interleaved_2of5 ? 1 : 0);
  zbar::zbar_image_scanner_set_config(scanner.get(), zbar::ZBAR_NONE, zbar::ZBAR_CFG_Y_DENSITY, options.row_step);
  zbar::zbar_image_scanner_set_config(scanner.get(), zbar::ZBAR_NONE, zbar::ZBAR_CFG_X_DENSITY, options.column_step);

  // zbar_fourcc is a macro, so not in the namespace.
  zbar::zbar_image_set_format(image.get(), zbar_fourcc('Y', '8', '0', '0'));
  zbar::zbar_image_set_size(image.get(), static_cast<unsigned>(width), static_cast<unsigned>(height));
  zbar::zbar_image_set_data(image.get(), y800.data(), y800.size(), nullptr);
  int n = zbar::zbar_scan_image(scanner.get(), image.get());
  if (n < 0) return Status::IoError("barcodes: ZBar failed to scan the page image");

  std::vector<Barcode> found;
  for (const zbar::zbar_symbol_t* s = zbar::zbar_image_first_symbol(image.get()); s != nullptr;
       s = zbar::zbar_symbol_next(s)) {
    Barcode b;
    b.symbology = zbar::zbar_get_symbol_name(zbar::zbar_symbol_get_type(s));
    b.value.assign(zbar::zbar_symbol_get_data(s), zbar::zbar_symbol_get_data_length(s));
    found.push_back(std::move(b));
  }
  return found;
}

}  // namespace docket
