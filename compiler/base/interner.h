// Interned identifiers: a Sym is a 32-bit id; equal names have equal ids. Id 0 is the empty name.
#pragma once

#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <unordered_map>

namespace fl {

struct Sym {
  uint32_t id = 0;
  bool operator==(const Sym&) const = default;
  explicit operator bool() const { return id != 0; }
};

class Interner {
 public:
  Interner() { intern(""); }
  Sym intern(std::string_view s) {
    auto it = map_.find(s);
    if (it != map_.end()) return Sym{it->second};
    strings_.emplace_back(s);
    uint32_t id = static_cast<uint32_t>(strings_.size() - 1);
    map_.emplace(std::string_view(strings_.back()), id);
    return Sym{id};
  }
  // The Sym of an already interned name; the empty Sym if s was never interned.
  Sym find(std::string_view s) const {
    auto it = map_.find(s);
    return it == map_.end() ? Sym{} : Sym{it->second};
  }
  std::string_view str(Sym s) const { return strings_[s.id]; }
  size_t size() const { return strings_.size(); }

 private:
  std::deque<std::string> strings_;  // deque: stable addresses for the map's keys
  std::unordered_map<std::string_view, uint32_t> map_;
};

}  // namespace fl

template <>
struct std::hash<fl::Sym> {
  size_t operator()(fl::Sym s) const noexcept { return s.id; }
};
