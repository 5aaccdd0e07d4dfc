#pragma once
// Feed metadata (title, URL, byline, ...) travels in protobuf strings, which must be UTF-8.
// Invalid bytes there are replaced by U+FFFD so the article still goes through; the body is
// left alone (it travels as bytes and the worker rejects it with the offending offset).

#include <string>

#include "proto/quotewire.pb.h"

namespace quotewire::producers {

// Replaces each invalid byte by U+FFFD; true when anything was replaced.
bool repair_utf8(std::string& text);

// Repairs every string field of the article but the body; returns the names of those repaired.
std::vector<std::string> repair_metadata_utf8(pb::Article& article);

}  // namespace quotewire::producers
