#include "producers/article_id.h"

#include <fmt/format.h>

namespace quotewire::producers {

std::string content_hash(std::string_view text) {
  using u128 = unsigned __int128;
  const u128 prime = (u128{1} << 88) + 0x13b;
  u128 hash = (u128{0x6c62272e07bb0142} << 64) | 0x62b821756295c58d;
  for (unsigned char c : text) {
    hash ^= c;
    hash *= prime;
  }
  return fmt::format("{:016x}{:016x}", static_cast<uint64_t>(hash >> 64),
                     static_cast<uint64_t>(hash));
}

void ensure_article_id(pb::Article& article) {
  if (!article.article_id().empty()) return;
  if (!article.url().empty()) {
    article.set_article_id("url-" + content_hash(article.url()));
  } else {
    article.set_article_id("sha-" + content_hash(article.title() + '\n' + article.body()));
  }
}

}  // namespace quotewire::producers
