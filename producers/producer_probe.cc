#include "producers/producer_probe.h"

namespace quotewire::producers {

void ProducerProbe::export_to(metrics::Exposition& out) const {
  out.counter("quotewire_producer_published_total", "Articles handed to the broker", published);
  out.counter("quotewire_producer_acknowledged_total", "Acknowledgements by outcome", stored,
              {{"status", "stored"}});
  out.counter("quotewire_producer_acknowledged_total", "Acknowledgements by outcome", duplicates,
              {{"status", "duplicate"}});
  out.counter("quotewire_producer_acknowledged_total", "Acknowledgements by outcome", dead_lettered,
              {{"status", "dead_lettered"}});
  out.counter("quotewire_producer_resent_total", "Articles re-sent after an ack timeout", resent);
  out.counter("quotewire_producer_input_errors_total", "Unreadable inputs and malformed records",
              input_errors);
  out.counter("quotewire_producer_rejected_total", "Messages the broker refused", rejected);
  out.gauge("quotewire_producer_lag", "Articles sent and not yet acknowledged", in_flight);
  out.histogram("quotewire_producer_ack_seconds", "From send to acknowledgement", ack_seconds);
}

}  // namespace quotewire::producers
