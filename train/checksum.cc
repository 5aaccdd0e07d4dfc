#include "train/checksum.h"

#include <sodium.h>

#include <fstream>
#include <iterator>
#include <stdexcept>

namespace quotewire::train {

std::string sha256_hex(std::string_view bytes) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to start");
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  static constexpr char hex[] = "0123456789abcdef";
  std::string out;
  for (const unsigned char byte : digest) {
    out += hex[byte >> 4];
    out += hex[byte & 15];
  }
  return out;
}

std::string sha256_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  return sha256_hex(std::string(std::istreambuf_iterator<char>(in), {}));
}

}  // namespace quotewire::train
