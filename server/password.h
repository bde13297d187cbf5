// Passwords and secrets, through libsodium: Argon2id hashes (salted, slow,
// memory-hard, self-describing "$argon2id$v=19$m=...,t=...,p=...$salt$hash"
// strings), random tokens, and comparisons in constant time.
#pragma once

#include <string>
#include <string_view>

#include "base/status.h"

namespace docket::server {

// Initialises libsodium (idempotent, thread-safe). Every function below
// calls it; Unsupported when the library cannot start (no entropy).
Status InitCrypto();

// An Argon2id hash of `password` with a fresh random salt, libsodium's
// "interactive" limits (64 MiB, 2 passes: ~0.1 s on a server core).
Result<std::string> HashPassword(std::string_view password);

// True when `password` matches `hash` (a string made by HashPassword).
// False for a wrong password and for a malformed hash.
bool VerifyPassword(std::string_view password, const std::string& hash);

// `bytes` random bytes from the system's CSPRNG, as lower-case hex.
std::string RandomHex(size_t bytes);

// Equality that takes the same time wherever the strings differ, so a
// token cannot be guessed byte by byte from response times.
bool ConstantTimeEquals(std::string_view a, std::string_view b);

}  // namespace docket::server
