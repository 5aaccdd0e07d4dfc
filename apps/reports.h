#pragma once
// What publish and run print when they finish.

#include <string>

#include "producers/producer_probe.h"

namespace quotewire::app {

void print_publish_report(const producers::ProducerProbe& probe);
// Failure when articles are left unacknowledged (exit 1) or inputs were unreadable (exit 2).
void throw_if_incomplete(const producers::ProducerProbe& probe, bool complete);
// The first `words` words of a statement, for a one-line summary.
std::string first_words(const std::string& text, size_t words);
// The per-actor table: actor, type, statements, first words of the latest statement.
void print_actor_summary(const std::string& db_path, size_t limit);

}  // namespace quotewire::app
