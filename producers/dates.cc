#include "producers/dates.h"

#include <charconv>
#include <ctime>
#include <iomanip>
#include <sstream>
#include <string>
#include <utility>

namespace quotewire::producers {
namespace {

// "+01:00", "-0500", "Z", "GMT", "UTC" → offset in seconds east of UTC.
std::optional<int64_t> zone_offset(std::string_view zone) {
  if (zone.empty() || zone == "Z" || zone == "GMT" || zone == "UTC" || zone == "UT") return 0;
  // RFC 822's North American zones, still common in RSS pubDates.
  constexpr std::pair<std::string_view, int> kNamed[] = {{"EST", -5}, {"EDT", -4}, {"CST", -6},
                                                         {"CDT", -5}, {"MST", -7}, {"MDT", -6},
                                                         {"PST", -8}, {"PDT", -7}};
  for (const auto& [name, hours] : kNamed) {
    if (zone == name) return hours * 3600;
  }
  if (zone[0] != '+' && zone[0] != '-') return std::nullopt;
  std::string digits;
  for (char c : zone.substr(1)) {
    if (c != ':') digits += c;
  }
  if (digits.size() != 4) return std::nullopt;
  int hh = 0, mm = 0;
  std::from_chars(digits.data(), digits.data() + 2, hh);
  std::from_chars(digits.data() + 2, digits.data() + 4, mm);
  const int64_t offset = (hh * 60 + mm) * 60;
  return zone[0] == '+' ? offset : -offset;
}

std::optional<int64_t> parse_with(std::string_view text, const char* format) {
  std::tm tm{};
  std::istringstream in{std::string(text)};
  in.imbue(std::locale::classic());
  in >> std::get_time(&tm, format);
  if (in.fail()) return std::nullopt;
  std::string rest;
  std::getline(in, rest);
  // Fractional seconds carry no information we keep.
  if (!rest.empty() && rest[0] == '.') {
    size_t i = 1;
    while (i < rest.size() && std::isdigit(static_cast<unsigned char>(rest[i]))) ++i;
    rest.erase(0, i);
  }
  while (!rest.empty() && rest.front() == ' ') rest.erase(0, 1);
  auto offset = zone_offset(rest);
  if (!offset) return std::nullopt;
  return (static_cast<int64_t>(timegm(&tm)) - *offset) * 1000;
}

}  // namespace

std::optional<int64_t> parse_date(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) {
    text.remove_suffix(1);
  }
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) {
    text.remove_prefix(1);
  }
  if (text.empty()) return std::nullopt;
  int64_t millis = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), millis);
  if (error == std::errc() && end == text.data() + text.size()) return millis;
  for (const char* format : {"%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S", "%a, %d %b %Y %H:%M:%S",
                             "%d %b %Y %H:%M:%S", "%a, %d %b %Y %H:%M", "%d %b %Y %H:%M"}) {
    if (auto parsed = parse_with(text, format)) return parsed;
  }
  if (text.size() == 10) return parse_with(text, "%Y-%m-%d");
  return std::nullopt;
}

}  // namespace quotewire::producers
