// A fixed number of Tesseract engines shared by the worker threads: each
// worker leases one for a page and returns it, so a model is loaded once per
// engine, never per page, and there is never a global engine.
#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <vector>

#include "base/status.h"
#include "ocr/engine.h"

namespace docket {

class EnginePool {
 public:
  // Engines are created on first demand, up to `size`.
  EnginePool(const OcrOptions& options, int size);

  class Lease {
   public:
    Lease(EnginePool* pool, std::unique_ptr<Engine> engine)
        : pool_(pool), engine_(std::move(engine)) {}
    Lease(Lease&&) = default;
    Lease& operator=(Lease&&) = delete;
    ~Lease() { if (engine_) pool_->Return(std::move(engine_)); }
    Engine* operator->() { return engine_.get(); }
    Engine& operator*() { return *engine_; }

   private:
    EnginePool* pool_;
    std::unique_ptr<Engine> engine_;
  };

  // Blocks until an engine is free. Fails only when an engine cannot be made
  // (the model is missing). Thread-safe.
  Result<Lease> Acquire();

  int size() const { return size_; }

 private:
  void Return(std::unique_ptr<Engine> engine);

  OcrOptions options_;
  int size_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::unique_ptr<Engine>> idle_;
  int created_ = 0;
};

}  // namespace docket
