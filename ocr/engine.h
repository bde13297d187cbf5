// One Tesseract engine: the English LSTM model loaded once, plus a lazily
// loaded orientation (OSD) model. The only place docket touches Tesseract.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "base/status.h"
#include "ocr/pix.h"

namespace docket {

struct OcrOptions {
  std::string tessdata;            // folder of *.traineddata; "" = Debian's default
  std::string language = "eng";
  int page_timeout_ms = 120000;    // recognition of one page gives up after this
};

// A recognised word; the box is in pixels of the image given to Recognize.
struct OcrWord {
  std::string text;
  int left = 0, top = 0, right = 0, bottom = 0;
  float confidence = 0;  // 0..100
};

struct OcrPage {
  std::vector<OcrWord> words;
  std::string text;        // words joined, lines by '\n', paragraphs by "\n\n"
  float mean_confidence = 0;
  // CPU time of the calling thread inside Tesseract's recognition (with
  // OMP_THREAD_LIMIT=1, as docket runs it, that is all of Tesseract's).
  double recognize_seconds = 0;
};

// Orientation as Tesseract's OSD sees it.
struct Orientation {
  int degrees = 0;     // clockwise rotation the page image has (0/90/180/270)
  float confidence = 0;
  double seconds = 0;  // CPU time inside Tesseract's OSD
};

class Engine {
 public:
  static Result<std::unique_ptr<Engine>> Create(const OcrOptions& options);
  // Whether Create can find the model, without loading it (~0.1 s saved
  // for a batch that turns out to need no OCR); Create's error if not.
  static Status CheckModel(const OcrOptions& options);
  ~Engine();
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  // Recognises an upright page (1, 8 or 32 bpp) scanned at `dpi`.
  Result<OcrPage> Recognize(const Pix* image, int dpi);

  // Runs Tesseract's orientation detection (loads the OSD model on first use).
  Result<Orientation> DetectOrientation(const Pix* image, int dpi);

 private:
  struct Impl;
  explicit Engine(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// The folder Tesseract's models are read from under these options.
std::string TessdataDir(const OcrOptions& options);

}  // namespace docket
