#pragma once
// Stable article ids: the feed's own id when it has one, else a hash of the URL, else of the
// title and body; the same article published twice gets the same id, so the sink stores it once.

#include <string>
#include <string_view>

#include "proto/quotewire.pb.h"

namespace quotewire::producers {

// 32 hex digits of FNV-1a 128 (not cryptographic: ids, not secrets).
std::string content_hash(std::string_view text);

// Sets article_id from the URL or the content when the feed gave none.
void ensure_article_id(pb::Article& article);

// The form of a URL that identifies a story: scheme and host lowercased, default port, fragment
// and tracking parameters (utm_*, fbclid, gclid) dropped. Two links to one page compare equal.
std::string normalize_url(std::string_view url);

}  // namespace quotewire::producers
