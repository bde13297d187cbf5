#include "base/status.h"

namespace docket {

std::string Status::ToString() const {
  const char* kind = "ok";
  switch (code_) {
    case Code::kOk: return "ok";
    case Code::kNotFound: kind = "not found"; break;
    case Code::kInvalid: kind = "invalid"; break;
    case Code::kUnsupported: kind = "unsupported"; break;
    case Code::kTooLarge: kind = "too large"; break;
    case Code::kIoError: kind = "I/O error"; break;
    case Code::kCorrupt: kind = "corrupt"; break;
    case Code::kBusy: kind = "busy"; break;
  }
  return std::string(kind) + ": " + message_;
}

}  // namespace docket
