#include "server/password.h"

#include <sodium.h>

namespace docket::server {

Status InitCrypto() {
  // sodium_init is safe to call many times and from several threads.
  if (sodium_init() < 0) return Status::Unsupported("libsodium cannot start");
  return Status::Ok();
}

Result<std::string> HashPassword(std::string_view password) {
  DOCKET_RETURN_IF_ERROR(InitCrypto());
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
    return Status::TooLarge("out of memory hashing the password");
  }
  return std::string(out);
}

bool VerifyPassword(std::string_view password, const std::string& hash) {
  if (!InitCrypto().ok()) return false;
  if (hash.size() >= crypto_pwhash_STRBYTES) return false;
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

std::string RandomHex(size_t bytes) {
  if (!InitCrypto().ok()) return {};
  std::string raw(bytes, '\0');
  randombytes_buf(raw.data(), raw.size());
  std::string hex(bytes * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), reinterpret_cast<const unsigned char*>(raw.data()), raw.size());
  hex.pop_back();  // the terminating NUL
  sodium_memzero(raw.data(), raw.size());
  return hex;
}

bool ConstantTimeEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size() || a.empty()) return false;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace docket::server
