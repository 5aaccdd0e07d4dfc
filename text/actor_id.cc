#include "text/actor_id.h"

#include <cctype>
#include <vector>

#include "text/utf8.h"

namespace quotewire::text {

std::string actor_id_for(std::string_view name) {
  const std::string folded = utf8::folded(name);
  std::vector<std::string_view> words;
  size_t i = 0;
  while (i < folded.size()) {
    while (i < folded.size() && !std::isalnum(static_cast<unsigned char>(folded[i]))) ++i;
    size_t j = i;
    while (j < folded.size() && std::isalnum(static_cast<unsigned char>(folded[j]))) ++j;
    if (j > i) words.emplace_back(folded.data() + i, j - i);
    i = j;
  }
  std::string id;
  for (size_t w = 0; w < words.size(); ++w) {
    // Middle initials come and go ("Ana M. Kovač", "Ana Kovač"): not part of the id.
    if (words[w].size() == 1 && w > 0 && w + 1 < words.size()) continue;
    if (!id.empty()) id += '-';
    id += words[w];
  }
  return id;
}

}  // namespace quotewire::text
