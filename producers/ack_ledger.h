#pragma once
// Where each input may resume. Articles are read from an input (a file, a Kafka partition) in
// order but acknowledged in any order; an input's position may only advance past the
// contiguous acknowledged prefix, or a restart would skip the article still in flight.

#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <unordered_map>

namespace quotewire::producers {

// How far into an input: bytes (JSON Lines), articles (feeds, text files) or a Kafka offset;
// `line` only for line-oriented inputs, so errors after a resume still name the right line.
struct Position {
  int64_t offset = 0;
  int64_t line = 0;
  bool operator==(const Position&) const = default;
};

class AckLedger {
 public:
  using Stream = uint64_t;

  // A new input, starting at `start` (its checkpointed position or the beginning).
  Stream open(Position start);
  // Forgets an input (a Kafka partition handed to another consumer): later acks for its
  // articles are ignored.
  void close(Stream stream);

  // An article was read; `after` is the position just past it. Returns its ticket: tickets
  // count from 0 in the order of read() calls, so a source can use its own ordinals.
  uint64_t read(Stream stream, Position after);
  // Input consumed without an article (a bad line, the end of a file): the position may pass
  // it as soon as everything before is acknowledged.
  void skip(Stream stream, Position after);
  // The sink acknowledged the article with this ticket. Unknown tickets are ignored.
  void acknowledge(uint64_t ticket);

  // The position everything before is acknowledged: where a restart resumes.
  std::optional<Position> committed(Stream stream) const;
  // True when nothing read from the stream is still waiting for an acknowledgement.
  bool settled(Stream stream) const;
  // Articles read and not yet acknowledged, over all streams.
  size_t outstanding() const { return tickets_.size(); }

 private:
  struct Entry {
    Position after;
    bool acknowledged;
  };
  struct State {
    Position committed;
    uint64_t first_index = 0;  // index of entries.front() among all entries of the stream
    std::deque<Entry> entries;
  };
  struct Ticket {
    Stream stream;
    uint64_t index;
  };

  void advance(State& state);

  std::unordered_map<Stream, State> streams_;
  std::unordered_map<uint64_t, Ticket> tickets_;
  Stream next_stream_ = 1;
  uint64_t next_ticket_ = 0;
};

}  // namespace quotewire::producers
