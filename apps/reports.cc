#include "apps/reports.h"

#include <fmt/format.h>

#include "apps/app.h"
#include "sink/queries.h"

namespace quotewire::app {

std::string first_words(const std::string& text, size_t words) {
  size_t pos = 0;
  for (size_t n = 0; n < words; ++n) {
    pos = text.find(' ', pos + 1);
    if (pos == std::string::npos) return text;
  }
  return text.substr(0, pos) + " …";
}

namespace {

// Pads by display width (code points), so names with diacritics line up.
std::string pad(const std::string& s, size_t width) {
  size_t points = 0;
  for (unsigned char c : s) points += (c & 0xC0) != 0x80;
  return points >= width ? s : s + std::string(width - points, ' ');
}

}  // namespace

void print_publish_report(const producers::ProducerProbe& p) {
  fmt::print("published {} article(s): {} stored, {} already stored, {} dead-lettered",
             p.published.load(), p.stored.load(), p.duplicates.load(), p.dead_lettered.load());
  if (p.input_errors > 0) fmt::print("; {} input error(s)", p.input_errors.load());
  if (p.in_flight > 0) fmt::print("; {} NOT acknowledged", p.in_flight.load());
  fmt::print("\n");
}

void throw_if_incomplete(const producers::ProducerProbe& p, bool complete) {
  if (!complete) {
    throw Failure{fmt::format("{} article(s) were not acknowledged", p.in_flight.load()), 1};
  }
  if (p.input_errors > 0) {
    throw Failure{
        fmt::format("{} input(s) could not be read (see the log above)", p.input_errors.load()), 2};
  }
}

void print_actor_summary(const std::string& db_path, size_t limit) {
  sink::Queries queries(db_path);
  const auto actors = queries.actors(limit);
  const auto totals = queries.totals();
  fmt::print("\n{} {} {:>10}  {}\n", pad("ACTOR", 32), pad("TYPE", 9), "STATEMENTS",
             "LATEST STATEMENT");
  for (const auto& a : actors) {
    fmt::print("{} {} {:>10}  “{}”\n", pad(a.name, 32), pad(a.type, 9), a.statement_count,
               first_words(a.latest_statement, 8));
  }
  fmt::print(
      "\n{} article(s), {} statement(s), {} attributed to {} actor(s), {} dead letter(s) "
      "in {}\n",
      totals.articles, totals.statements, totals.attributed, totals.actors, totals.dead_letters,
      sink::displayed(db_path));
}

}  // namespace quotewire::app
