// Status and Result<T>: the error type every module returns across its
// public seam. Libraries never throw past their headers and never print;
// the caller decides what a failure means.
#pragma once

#include <cassert>
#include <optional>
#include <string>
#include <utility>

namespace docket {

class Status {
 public:
  enum class Code {
    kOk = 0,
    kNotFound,
    kInvalid,      // the input is not what it claims to be
    kUnsupported,  // a well-formed input we do not handle (e.g. encrypted)
    kTooLarge,     // over a configured limit (pixels, pages, bytes, time)
    kIoError,      // the filesystem failed us
    kCorrupt,      // stored data we wrote is damaged
    kBusy,         // a lock is held by someone else
  };

  Status() = default;
  static Status Ok() { return Status(); }
  static Status NotFound(std::string m) { return Status(Code::kNotFound, std::move(m)); }
  static Status Invalid(std::string m) { return Status(Code::kInvalid, std::move(m)); }
  static Status Unsupported(std::string m) { return Status(Code::kUnsupported, std::move(m)); }
  static Status TooLarge(std::string m) { return Status(Code::kTooLarge, std::move(m)); }
  static Status IoError(std::string m) { return Status(Code::kIoError, std::move(m)); }
  static Status Corrupt(std::string m) { return Status(Code::kCorrupt, std::move(m)); }
  static Status Busy(std::string m) { return Status(Code::kBusy, std::move(m)); }

  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  const std::string& message() const { return message_; }
  bool IsNotFound() const { return code_ == Code::kNotFound; }

  // "<kind>: <message>", for logs.
  std::string ToString() const;

  // Prefixes context ("reading x.pdf: ") to the message, keeping the code.
  Status Annotate(const std::string& context) const {
    if (ok()) return *this;
    return Status(code_, context + ": " + message_);
  }

 private:
  Status(Code c, std::string m) : code_(c), message_(std::move(m)) {}
  Code code_ = Code::kOk;
  std::string message_;
};

// A value or the Status saying why there is none.
template <typename T>
class Result {
 public:
  Result(T value) : value_(std::move(value)) {}                      // NOLINT
  Result(Status status) : status_(std::move(status)) { assert(!status_.ok()); }  // NOLINT

  bool ok() const { return value_.has_value(); }
  const Status& status() const { return status_; }
  T& value() & { assert(ok()); return *value_; }
  const T& value() const& { assert(ok()); return *value_; }
  T&& value() && { assert(ok()); return std::move(*value_); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T&& operator*() && { return std::move(*this).value(); }

 private:
  std::optional<T> value_;
  Status status_;
};

}  // namespace docket

#define DOCKET_RETURN_IF_ERROR(expr)          \
  do {                                        \
    ::docket::Status _st = (expr);            \
    if (!_st.ok()) return _st;                \
  } while (0)
