#pragma once
// libxml2 reports errors through a per-thread handler (printing to stderr by default). These
// scopes capture them instead: XmlErrors collects them for a feed's error report (with lines),
// SilencedXmlErrors drops them where errors are expected (HTML fragments).

#include <libxml/xmlerror.h>

#include <string>
#include <vector>

namespace quotewire::producers {

struct XmlError {
  int line = 0;
  std::string message;
};

class XmlErrors {
 public:
  XmlErrors();
  ~XmlErrors();
  XmlErrors(const XmlErrors&) = delete;
  XmlErrors& operator=(const XmlErrors&) = delete;

  // Errors and fatal errors seen so far, in order (warnings are not kept).
  const std::vector<XmlError>& errors() const { return errors_; }

 private:
  static void collect(void* self, xmlErrorPtr error);

  std::vector<XmlError> errors_;
  xmlStructuredErrorFunc previous_handler_;
  void* previous_context_;
};

class SilencedXmlErrors {
 public:
  SilencedXmlErrors();
  ~SilencedXmlErrors();
  SilencedXmlErrors(const SilencedXmlErrors&) = delete;
  SilencedXmlErrors& operator=(const SilencedXmlErrors&) = delete;

 private:
  xmlStructuredErrorFunc previous_handler_;
  void* previous_context_;
};

}  // namespace quotewire::producers
