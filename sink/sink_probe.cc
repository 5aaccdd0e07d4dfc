#include "sink/sink_probe.h"

namespace quotewire::sink {

void SinkProbe::export_to(metrics::Exposition& out) const {
  out.counter("quotewire_sink_results_received_total", "Results received from workers",
              results_received);
  out.counter("quotewire_sink_stored_total", "Articles stored for the first time", stored);
  out.counter("quotewire_sink_duplicates_total",
              "Deliveries of articles already stored (acknowledged, changed nothing)", duplicates);
  out.counter("quotewire_sink_dead_lettered_total", "Articles stored in the dead-letter store",
              dead_lettered);
  out.counter("quotewire_sink_statements_total", "Statements stored", statements);
  out.counter("quotewire_sink_retracted_statements_total",
              "Statements withdrawn because a later version of their story replaced them",
              retracted);
  out.counter("quotewire_sink_updates_published_total", "Statement updates published",
              updates_published);
  out.counter("quotewire_sink_store_errors_total",
              "Batches SQLite could not commit (not acknowledged; workers re-send)", store_errors);
  out.counter("quotewire_sink_rejected_frames_total", "Undecodable or unexpected messages",
              bad_frames);
  out.counter("quotewire_sink_refused_keys_total",
              "Messages refused because their sender's key was removed from the allowed keys",
              refused_keys);
  out.counter("quotewire_sink_subscriber_resets_total",
              "Times every live subscription was closed because a key was revoked",
              subscriber_resets);
  out.counter("quotewire_sink_commits_total", "SQLite transactions committed", commits);
  out.gauge("quotewire_sink_last_sequence", "Sequence of the latest statement stored",
            static_cast<double>(last_sequence));
  out.histogram("quotewire_sink_end_to_end_latency_seconds",
                "From the producer's first send to the commit at the sink", end_to_end_seconds);
  out.histogram("quotewire_sink_commit_seconds", "Time to commit one batch", commit_seconds);
}

}  // namespace quotewire::sink
