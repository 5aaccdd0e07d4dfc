#include "producers/xml_errors.h"

#include <libxml/globals.h>

namespace quotewire::producers {
namespace {

void ignore(void*, xmlErrorPtr) {}

}  // namespace

XmlErrors::XmlErrors()
    : previous_handler_(xmlStructuredError), previous_context_(xmlStructuredErrorContext) {
  xmlSetStructuredErrorFunc(this, &XmlErrors::collect);
}

XmlErrors::~XmlErrors() {
  xmlSetStructuredErrorFunc(previous_context_, previous_handler_);
}

void XmlErrors::collect(void* self, xmlErrorPtr error) {
  if (!error || error->level < XML_ERR_ERROR) return;
  std::string message = error->message ? error->message : "malformed XML";
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) {
    message.pop_back();
  }
  static_cast<XmlErrors*>(self)->errors_.push_back({error->line, std::move(message)});
}

SilencedXmlErrors::SilencedXmlErrors()
    : previous_handler_(xmlStructuredError), previous_context_(xmlStructuredErrorContext) {
  xmlSetStructuredErrorFunc(nullptr, &ignore);
}

SilencedXmlErrors::~SilencedXmlErrors() {
  xmlSetStructuredErrorFunc(previous_context_, previous_handler_);
}

}  // namespace quotewire::producers
