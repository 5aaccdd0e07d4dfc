#include "workers/worker_probe.h"

namespace quotewire::workers {

void WorkerProbe::export_to(metrics::Exposition& out, const std::string& worker_id) const {
  const metrics::Labels id{{"worker", worker_id}};
  out.counter("quotewire_worker_articles_received_total", "Articles received from the broker",
              articles_received, id);
  out.counter("quotewire_worker_processed_total", "Articles extracted", extracted, id);
  out.counter("quotewire_worker_dead_lettered_total",
              "Articles sent to the dead-letter store instead of being extracted", dead_lettered,
              id);
  out.counter("quotewire_worker_acknowledged_total", "Results the sink acknowledged", acknowledged,
              id);
  out.counter("quotewire_worker_sink_resends_total",
              "Results re-sent because the sink did not acknowledge in time", sink_resends, id);
  out.counter("quotewire_worker_broker_reconnects_total", "Fresh connections to a silent broker",
              broker_reconnects, id);
  out.counter("quotewire_worker_rejected_frames_total", "Undecodable or unexpected messages",
              bad_frames, id);
  out.histogram("quotewire_worker_extraction_seconds", "Time to extract one article",
                extraction_seconds, id);
}

}  // namespace quotewire::workers
