// libFuzzer: any bytes as a JSON Lines record or a text article file must parse or be refused
// with a reason, never crash; what parses gets an id.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "producers/article_formats.h"
#include "producers/article_id.h"
#include "producers/utf8_repair.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  using namespace quotewire::producers;
  auto parsed = parse_json_article(text);
  if (auto* article = std::get_if<quotewire::pb::Article>(&parsed)) {
    ensure_article_id(*article);
    repair_metadata_utf8(*article);
    if (article->article_id().empty()) __builtin_trap();
  }
  auto article = parse_text_article(text);
  ensure_article_id(article);
  repair_metadata_utf8(article);
  if (article.body().size() > size) __builtin_trap();  // the body is part of the input
  return 0;
}
