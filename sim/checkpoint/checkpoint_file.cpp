#include "checkpoint/checkpoint_file.hpp"

#include <fmt/format.h>

#include <boost/crc.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <stdexcept>

namespace regimesim::checkpoint {
namespace {

constexpr char kMagic[8] = {'R', 'S', 'I', 'M', 'C', 'K', 'P', 'T'};
constexpr std::uint32_t kByteOrder = 0x01020304;
constexpr std::size_t kHeaderBytes = sizeof kMagic + 4 + 4 + 8;

std::uint32_t crc_of(const unsigned char* data, std::size_t bytes) {
  boost::crc_32_type crc;
  crc.process_bytes(data, bytes);
  return crc.checksum();
}

template <class T>
void put_raw(std::vector<unsigned char>& out, T v) {
  const auto* p = reinterpret_cast<const unsigned char*>(&v);
  out.insert(out.end(), p, p + sizeof v);
}

const char* kind_name(Kind k) {
  switch (k) {
    case Kind::floating: return "floating-point";
    case Kind::unsigned_integer: return "unsigned integer";
    case Kind::signed_integer: return "signed integer";
    case Kind::text: return "text";
  }
  return "unknown";
}

}  // namespace

void Writer::header(std::string_view name, Kind kind, std::size_t element_bytes, std::size_t count) {
  put_raw(payload_, static_cast<std::uint16_t>(name.size()));
  append(name.data(), name.size());
  put_raw(payload_, static_cast<std::uint8_t>(kind));
  put_raw(payload_, static_cast<std::uint8_t>(element_bytes));
  put_raw(payload_, static_cast<std::uint64_t>(count));
}

void Writer::append(const void* data, std::size_t bytes) {
  const auto* p = static_cast<const unsigned char*>(data);
  payload_.insert(payload_.end(), p, p + bytes);
}

void Writer::put(std::string_view name, const std::vector<bool>& values) {
  std::vector<std::uint8_t> bytes(values.begin(), values.end());
  put(name, bytes);
}

void Writer::put_text(std::string_view name, std::string_view text) {
  header(name, Kind::text, 1, text.size());
  append(text.data(), text.size());
}

void Writer::save(const std::string& path) const {
  std::vector<unsigned char> head;
  head.insert(head.end(), kMagic, kMagic + sizeof kMagic);
  put_raw(head, kVersion);
  put_raw(head, kByteOrder);
  put_raw(head, static_cast<std::uint64_t>(payload_.size()));
  const std::string partial = path + ".partial";
  {
    std::ofstream f(partial, std::ios::binary | std::ios::trunc);
    f.write(reinterpret_cast<const char*>(head.data()), static_cast<std::streamsize>(head.size()));
    f.write(reinterpret_cast<const char*>(payload_.data()), static_cast<std::streamsize>(payload_.size()));
    const std::uint32_t crc = crc_of(payload_.data(), payload_.size());
    f.write(reinterpret_cast<const char*>(&crc), sizeof crc);
    if (!f) {
      f.close();
      std::remove(partial.c_str());
      throw std::runtime_error("cannot write the checkpoint " + path);
    }
  }
  std::filesystem::rename(partial, path);
}

Reader::Reader(std::string path) : path_(std::move(path)) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path_, ec)) refuse("", "no checkpoint file here");
  const auto size = std::filesystem::file_size(path_, ec);
  if (ec) refuse("", "cannot read its size: " + ec.message());
  std::ifstream f(path_, std::ios::binary);
  unsigned char head[kHeaderBytes];
  if (size < kHeaderBytes || !f.read(reinterpret_cast<char*>(head), kHeaderBytes) ||
      std::memcmp(head, kMagic, sizeof kMagic) != 0)
    refuse("", "not a regimesim checkpoint (it does not start with RSIMCKPT); a checkpoint is the file "
               "`regimesim run --checkpoint-at STEP --out DIR` writes as DIR/checkpoint-STEP");
  std::uint32_t version, order;
  std::uint64_t bytes;
  std::memcpy(&version, head + 8, 4);
  std::memcpy(&order, head + 12, 4);
  std::memcpy(&bytes, head + 16, 8);
  if (order != kByteOrder) refuse("", "written on a machine of the other byte order; it cannot be read here");
  if (version != kVersion)
    refuse("", fmt::format("a version {} checkpoint; this build reads version {} only (save it again with this build)",
                           version, kVersion));
  if (bytes != size - kHeaderBytes - 4)
    refuse("", fmt::format("truncated or extended: its header says {} bytes of state, the file holds {}", bytes,
                           size < kHeaderBytes + 4 ? 0 : size - kHeaderBytes - 4));
  file_.resize(bytes);
  std::uint32_t crc = 0;
  if (!f.read(reinterpret_cast<char*>(file_.data()), static_cast<std::streamsize>(bytes)) ||
      !f.read(reinterpret_cast<char*>(&crc), sizeof crc))
    refuse("", "cannot read it whole");
  if (crc != crc_of(file_.data(), file_.size()))
    refuse("", "damaged: its checksum does not match its contents");
  data_ = file_.data();
  size_ = file_.size();
}

// Written by this process a moment ago: no header, length or checksum to check.
Reader::Reader(const std::vector<unsigned char>& payload, std::string label)
    : path_(std::move(label)), data_(payload.data()), size_(payload.size()) {}

void Reader::refuse(std::string_view section, const std::string& message) const {
  throw ScenarioError(Origin{path_, 0, 0, std::string(section)}, "checkpoint " + message);
}

void Reader::take(void* out, std::size_t bytes) {
  if (size_ - pos_ < bytes) refuse("", "ends inside a section");
  if (bytes) std::memcpy(out, data_ + pos_, bytes);
  pos_ += bytes;
}

std::string Reader::peek_name() const {
  if (at_end()) return "";
  std::uint16_t n;
  if (size_ - pos_ < sizeof n) return "";
  std::memcpy(&n, data_ + pos_, sizeof n);
  if (size_ - pos_ - sizeof n < n) return "";
  return std::string(reinterpret_cast<const char*>(data_ + pos_ + sizeof n), n);
}

std::size_t Reader::section(std::string_view name, Kind kind, std::size_t element_bytes,
                            std::optional<std::size_t> expected_count) {
  if (at_end()) refuse(name, "ends before this section; it was saved by a build that keeps other state");
  std::uint16_t n;
  take(&n, sizeof n);
  std::string found(n, '\0');
  take(found.data(), n);
  if (found != name)
    refuse(name, fmt::format("holds section '{}' where this build expects '{}'; it was saved by a build that keeps "
                             "other state", found, name));
  std::uint8_t k, size;
  std::uint64_t count;
  take(&k, 1);
  take(&size, 1);
  take(&count, sizeof count);
  if (k != static_cast<std::uint8_t>(kind) || size != element_bytes)
    refuse(name, fmt::format("holds {}-byte elements of kind {}, this build expects {}-byte {}", size,
                             kind_name(static_cast<Kind>(k)), element_bytes, kind_name(kind)));
  if (count > (size_ - pos_) / std::max<std::size_t>(1, element_bytes))
    refuse(name, "claims more elements than the file holds");
  if (expected_count && count != *expected_count)
    refuse(name, fmt::format("holds {} elements where this run has {}: it was saved on another world", count,
                             *expected_count));
  return count;
}

void Reader::get(std::string_view name, std::vector<bool>& values, std::optional<std::size_t> expected_count) {
  std::vector<std::uint8_t> bytes;
  get(name, bytes, expected_count);
  values.assign(bytes.begin(), bytes.end());
}

std::string Reader::get_text(std::string_view name) {
  const std::size_t n = section(name, Kind::text, 1, std::nullopt);
  std::string s(n, '\0');
  take(s.data(), n);
  return s;
}

}  // namespace regimesim::checkpoint
