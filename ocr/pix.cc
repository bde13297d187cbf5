#include "ocr/pix.h"

#include <leptonica/allheaders.h>

namespace docket {

void PixDeleter::operator()(Pix* p) const {
  if (p != nullptr) pixDestroy(&p);
}

void QuietLeptonica() {
  setMsgSeverity(L_SEVERITY_NONE);
  leptSetStderrHandler([](const char*) {});
}

}  // namespace docket
