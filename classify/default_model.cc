// The default type model, built into the binary so that docket classifies
// anywhere, with no file to install. The assembler copies the JSON file
// named by DOCKET_DEFAULT_MODEL_PATH (classify/CMakeLists.txt) into
// read-only data.
#include "classify/classifier.h"

#ifndef DOCKET_DEFAULT_MODEL_PATH
#error "DOCKET_DEFAULT_MODEL_PATH must name the default model file"
#endif

asm(".section .rodata\n"
    ".balign 16\n"
    ".globl docket_default_model_begin\n"
    ".hidden docket_default_model_begin\n"
    "docket_default_model_begin:\n"
    ".incbin \"" DOCKET_DEFAULT_MODEL_PATH "\"\n"
    ".globl docket_default_model_end\n"
    ".hidden docket_default_model_end\n"
    "docket_default_model_end:\n"
    ".byte 0\n"
    ".previous\n");

extern "C" const char docket_default_model_begin[];
extern "C" const char docket_default_model_end[];

namespace docket {

std::string_view DefaultModelText() {
  return std::string_view(docket_default_model_begin,
                          static_cast<size_t>(docket_default_model_end - docket_default_model_begin));
}

}  // namespace docket
