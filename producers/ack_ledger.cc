#include "producers/ack_ledger.h"

namespace quotewire::producers {

AckLedger::Stream AckLedger::open(Position start) {
  const Stream stream = next_stream_++;
  streams_[stream].committed = start;
  return stream;
}

void AckLedger::close(Stream stream) {
  streams_.erase(stream);
}

uint64_t AckLedger::read(Stream stream, Position after) {
  State& state = streams_.at(stream);
  const uint64_t ticket = next_ticket_++;
  tickets_[ticket] = {stream, state.first_index + state.entries.size()};
  state.entries.push_back({after, false});
  return ticket;
}

void AckLedger::skip(Stream stream, Position after) {
  State& state = streams_.at(stream);
  state.entries.push_back({after, true});
  advance(state);
}

void AckLedger::acknowledge(uint64_t ticket) {
  const auto it = tickets_.find(ticket);
  if (it == tickets_.end()) return;
  const Ticket t = it->second;
  tickets_.erase(it);
  const auto stream = streams_.find(t.stream);
  if (stream == streams_.end()) return;  // closed meanwhile
  State& state = stream->second;
  state.entries[t.index - state.first_index].acknowledged = true;
  advance(state);
}

void AckLedger::advance(State& state) {
  while (!state.entries.empty() && state.entries.front().acknowledged) {
    state.committed = state.entries.front().after;
    state.entries.pop_front();
    ++state.first_index;
  }
}

std::optional<Position> AckLedger::committed(Stream stream) const {
  const auto it = streams_.find(stream);
  if (it == streams_.end()) return std::nullopt;
  return it->second.committed;
}

bool AckLedger::settled(Stream stream) const {
  const auto it = streams_.find(stream);
  return it == streams_.end() || it->second.entries.empty();
}

}  // namespace quotewire::producers
