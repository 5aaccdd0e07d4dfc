#include "producers/checkpoint.h"

#include <sys/stat.h>

#include <nlohmann/json.hpp>

#include "producers/state_file.h"

namespace quotewire::producers {
namespace fs = std::filesystem;
namespace {

constexpr int kVersion = 1;

}  // namespace

std::optional<FileIdentity> identify(const fs::path& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return std::nullopt;
  return FileIdentity{
      .device = static_cast<uint64_t>(st.st_dev),
      .inode = static_cast<uint64_t>(st.st_ino),
      .size = static_cast<int64_t>(st.st_size),
      .mtime_ns = static_cast<int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec};
}

Checkpoint::Checkpoint(fs::path path) : path_(std::move(path)) {
  read_state_file(path_, "checkpoint", kVersion, [&](const nlohmann::json& doc) {
    for (const auto& [input, p] : doc.at("inputs").items()) {
      inputs_[input] = {.position = {p.at("offset").get<int64_t>(), p.value("line", int64_t{0})},
                        .complete = p.value("complete", false),
                        .identity = {.device = p.at("device").get<uint64_t>(),
                                     .inode = p.at("inode").get<uint64_t>(),
                                     .size = p.at("size").get<int64_t>(),
                                     .mtime_ns = p.at("mtime_ns").get<int64_t>()}};
    }
  });
}

const FilePosition* Checkpoint::find(const std::string& input) const {
  const auto it = inputs_.find(input);
  return it == inputs_.end() ? nullptr : &it->second;
}

void Checkpoint::set(const std::string& input, const FilePosition& position) {
  auto& slot = inputs_[input];
  if (slot.position == position.position && slot.complete == position.complete &&
      slot.identity == position.identity) {
    return;
  }
  slot = position;
  dirty_ = true;
}

void Checkpoint::save() {
  if (!dirty_) return;
  nlohmann::json inputs = nlohmann::json::object();
  for (const auto& [input, p] : inputs_) {
    inputs[input] = {{"offset", p.position.offset},    {"line", p.position.line},
                     {"complete", p.complete},         {"device", p.identity.device},
                     {"inode", p.identity.inode},      {"size", p.identity.size},
                     {"mtime_ns", p.identity.mtime_ns}};
  }
  write_state_file(path_, kVersion, {{"inputs", std::move(inputs)}}, 1);
  dirty_ = false;
}

}  // namespace quotewire::producers
