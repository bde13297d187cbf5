#include "classify/archive_model.h"

#include <algorithm>

namespace docket {

std::string ArchiveModelPath(const Archive& archive) { return archive.dir() + "/model/classifier.json"; }

Result<Classifier> OpenArchiveClassifier(const Archive& archive, const ClassifierOptions& options, Fs* fs) {
  if (fs == nullptr) fs = DefaultFs();
  std::string path = ArchiveModelPath(archive);
  auto own = Classifier::Load(path, options, fs);
  if (own.ok() || !own.status().IsNotFound()) return own;
  auto def = Classifier::Default(options);
  if (!def.ok()) return def.status();
  DOCKET_RETURN_IF_ERROR(def->Save(path, fs).Annotate("installing the default model"));
  return def;
}

bool TypeCorrected(const Record& r) {
  auto it = r.extra.find("type_corrected");
  return it != r.extra.end() && it->value().is_object();
}

Result<std::vector<Example>> CorrectedExamples(Archive* archive) {
  auto records = archive->AllRecords();
  if (!records.ok()) return records.status();
  std::vector<Example> out;
  for (const Record& r : *records) {
    if (r.status != "archived" || !TypeCorrected(r)) continue;
    if (std::find(ModelLabels().begin(), ModelLabels().end(), r.type) == ModelLabels().end()) continue;
    auto pages = archive->GetPages(r.id);
    if (!pages.ok()) return pages.status().Annotate("the pages of " + r.id);
    Example e;
    e.sha256 = r.sha256;
    e.label = r.type;
    e.origin = "corrected";
    for (const Page& p : *pages) e.pages.push_back(p.text);
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace docket
