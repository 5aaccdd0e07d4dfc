#include "broker/broker_probe.h"

namespace quotewire::broker {

void BrokerProbe::export_to(metrics::Exposition& out) const {
  out.counter("quotewire_broker_articles_received_total", "New articles accepted from producers",
              articles_received);
  out.counter("quotewire_broker_duplicates_received_total",
              "Articles re-sent by producers while still queued or in flight", duplicates_received);
  out.counter("quotewire_broker_dispatched_total", "Deliveries of articles to workers", dispatched);
  out.counter("quotewire_broker_acknowledged_total",
              "Sink acknowledgements passed back to producers", acknowledged);
  out.counter("quotewire_broker_redeliveries_total",
              "Articles taken back from dead workers and queued again", requeued);
  out.counter("quotewire_broker_workers_expired_total",
              "Workers declared dead (silent past the heartbeat liveness, or unreachable)",
              workers_expired);
  out.counter("quotewire_broker_rejected_frames_total",
              "Messages rejected as undecodable or unexpected", bad_frames);
  out.counter("quotewire_broker_refused_keys_total",
              "Messages refused because their sender's key was removed from the allowed keys",
              refused_keys);
  out.gauge("quotewire_broker_queue_depth", "Articles waiting for a worker", queue_depth);
  out.gauge("quotewire_broker_in_flight", "Articles held by workers", in_flight);
  out.gauge("quotewire_broker_workers_alive", "Workers currently connected", workers_alive);
}

}  // namespace quotewire::broker
