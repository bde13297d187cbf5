#include "ocr/engine_pool.h"

namespace docket {

EnginePool::EnginePool(const OcrOptions& options, int size)
    : options_(options), size_(size < 1 ? 1 : size) {}

Result<EnginePool::Lease> EnginePool::Acquire() {
  std::unique_lock<std::mutex> lock(mu_);
  cv_.wait(lock, [&] { return !idle_.empty() || created_ < size_; });
  if (!idle_.empty()) {
    auto engine = std::move(idle_.back());
    idle_.pop_back();
    return Lease(this, std::move(engine));
  }
  ++created_;
  lock.unlock();  // loading a model takes ~0.1 s: not under the lock
  auto engine = Engine::Create(options_);
  if (!engine.ok()) {
    std::lock_guard<std::mutex> relock(mu_);
    --created_;
    cv_.notify_one();
    return engine.status();
  }
  return Lease(this, std::move(*engine));
}

void EnginePool::Return(std::unique_ptr<Engine> engine) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    idle_.push_back(std::move(engine));
  }
  cv_.notify_one();
}

}  // namespace docket
