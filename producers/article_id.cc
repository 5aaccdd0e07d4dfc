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

namespace {

bool tracking_parameter(std::string_view parameter) {
  const std::string_view name = parameter.substr(0, parameter.find('='));
  return name.starts_with("utm_") || name == "fbclid" || name == "gclid";
}

}  // namespace

std::string normalize_url(std::string_view url) {
  url = url.substr(0, url.find('#'));
  const auto scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos) return std::string(url);
  const auto authority_end = url.find_first_of("/?", scheme_end + 3);
  std::string out;
  for (char c : url.substr(0, authority_end)) {
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  if (out.starts_with("http://") && out.ends_with(":80")) out.resize(out.size() - 3);
  if (out.starts_with("https://") && out.ends_with(":443")) out.resize(out.size() - 4);
  if (authority_end == std::string_view::npos) return out + "/";
  std::string_view rest = url.substr(authority_end);
  const auto query = rest.find('?');
  std::string path(rest.substr(0, query));
  out += path.empty() ? "/" : path;
  if (query == std::string_view::npos) return out;
  std::string kept;
  std::string_view params = rest.substr(query + 1);
  while (!params.empty()) {
    const auto amp = params.find('&');
    const std::string_view param = params.substr(0, amp);
    if (!param.empty() && !tracking_parameter(param)) {
      kept += kept.empty() ? "?" : "&";
      kept += param;
    }
    params = amp == std::string_view::npos ? std::string_view() : params.substr(amp + 1);
  }
  return out + kept;
}

}  // namespace quotewire::producers
