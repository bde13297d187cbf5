// The only file that includes Tesseract. Every char* and iterator it hands
// out is owned by a unique_ptr; its chatter goes to /dev/null (debug_file),
// never to our stdout.
#include "ocr/engine.h"

#include "base/clock.h"

#include <cstdlib>
#include <numeric>

#include <unistd.h>

#include <leptonica/allheaders.h>
#include <tesseract/baseapi.h>
#include <tesseract/ocrclass.h>
#include <tesseract/osdetect.h>
#include <tesseract/resultiterator.h>

namespace docket {
namespace {

struct TextDeleter {
  void operator()(char* p) const { delete[] p; }
};
using TessText = std::unique_ptr<char, TextDeleter>;

Status ModelMissing(const std::string& dir, const std::string& lang) {
  return Status::NotFound("cannot load Tesseract model '" + lang + "' from " + dir +
                          " (install tesseract-ocr-" + lang + ")");
}

Status InitApi(tesseract::TessBaseAPI* api, const std::string& dir, const std::string& lang,
               tesseract::OcrEngineMode mode) {
  std::vector<std::string> names = {"debug_file"};
  std::vector<std::string> values = {"/dev/null"};
  if (api->Init(dir.c_str(), lang.c_str(), mode, nullptr, 0, &names, &values, false) != 0) {
    return ModelMissing(dir, lang);
  }
  return Status::Ok();
}

}  // namespace

std::string TessdataDir(const OcrOptions& options) {
  if (!options.tessdata.empty()) return options.tessdata;
  return "/usr/share/tesseract-ocr/5/tessdata";
}

struct Engine::Impl {
  OcrOptions options;
  tesseract::TessBaseAPI api;
  std::unique_ptr<tesseract::TessBaseAPI> osd;  // loaded on first use
};

Engine::Engine(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Engine::~Engine() {
  if (impl_) {
    impl_->api.End();
    if (impl_->osd) impl_->osd->End();
  }
}

Result<std::unique_ptr<Engine>> Engine::Create(const OcrOptions& options) {
  auto impl = std::make_unique<Impl>();
  impl->options = options;
  DOCKET_RETURN_IF_ERROR(
      InitApi(&impl->api, TessdataDir(options), options.language, tesseract::OEM_LSTM_ONLY));
  impl->api.SetPageSegMode(tesseract::PSM_AUTO);
  // Tesseract 5 reads every line it is unsure of a second time, inverted,
  // in case it is light print on dark; back-office paper is dark on light,
  // and the second reading cost recognition time on every noisy fax line.
  impl->api.SetVariable("tessedit_do_invert", "0");
  return std::unique_ptr<Engine>(new Engine(std::move(impl)));
}

Status Engine::CheckModel(const OcrOptions& options) {
  std::string dir = TessdataDir(options);
  std::string file = dir + "/" + options.language + ".traineddata";
  if (::access(file.c_str(), R_OK) != 0) return ModelMissing(dir, options.language);
  return Status::Ok();
}

Result<OcrPage> Engine::Recognize(const Pix* image, int dpi) {
  tesseract::TessBaseAPI& api = impl_->api;
  api.SetImage(const_cast<Pix*>(image));
  api.SetSourceResolution(dpi > 0 ? dpi : 300);  // after SetImage, which resets it

  tesseract::ETEXT_DESC monitor;
  monitor.set_deadline_msecs(impl_->options.page_timeout_ms);
  double start = ThreadCpuSeconds();
  int rc = api.Recognize(&monitor);
  OcrPage page;
  page.recognize_seconds = ThreadCpuSeconds() - start;
  if (rc != 0) {
    api.Clear();
    if (monitor.deadline_exceeded()) {
      return Status::TooLarge("OCR of a page took longer than " +
                              std::to_string(impl_->options.page_timeout_ms / 1000) + " s");
    }
    return Status::Invalid("Tesseract could not recognise the page");
  }

  std::unique_ptr<tesseract::ResultIterator> it(api.GetIterator());
  double conf_sum = 0;
  if (it) {
    bool first = true;
    do {
      TessText word(it->GetUTF8Text(tesseract::RIL_WORD));
      if (!word || word.get()[0] == '\0') continue;
      if (!first) {
        if (it->IsAtBeginningOf(tesseract::RIL_PARA)) {
          page.text += "\n\n";
        } else if (it->IsAtBeginningOf(tesseract::RIL_TEXTLINE)) {
          page.text += "\n";
        } else {
          page.text += " ";
        }
      }
      first = false;
      OcrWord w;
      w.text = word.get();
      w.confidence = it->Confidence(tesseract::RIL_WORD);
      it->BoundingBox(tesseract::RIL_WORD, &w.left, &w.top, &w.right, &w.bottom);
      page.text += w.text;
      conf_sum += w.confidence;
      page.words.push_back(std::move(w));
    } while (it->Next(tesseract::RIL_WORD));
  }
  it.reset();  // iterators die with the next Clear
  api.Clear();
  if (!page.words.empty()) page.mean_confidence = static_cast<float>(conf_sum / page.words.size());
  return page;
}

Result<Orientation> Engine::DetectOrientation(const Pix* image, int dpi) {
  if (!impl_->osd) {
    auto osd = std::make_unique<tesseract::TessBaseAPI>();
    DOCKET_RETURN_IF_ERROR(
        InitApi(osd.get(), TessdataDir(impl_->options), "osd", tesseract::OEM_TESSERACT_ONLY));
    osd->SetPageSegMode(tesseract::PSM_OSD_ONLY);
    impl_->osd = std::move(osd);
  }
  tesseract::TessBaseAPI& api = *impl_->osd;
  api.SetImage(const_cast<Pix*>(image));
  api.SetSourceResolution(dpi > 0 ? dpi : 300);
  Orientation o;
  const char* script = nullptr;
  float script_conf = 0;
  double start = ThreadCpuSeconds();
  bool ok = api.DetectOrientationScript(&o.degrees, &o.confidence, &script, &script_conf);
  o.seconds = ThreadCpuSeconds() - start;
  api.Clear();
  if (!ok) return Status::Invalid("orientation could not be detected");
  return o;
}

}  // namespace docket
