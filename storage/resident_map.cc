#include "storage/resident_map.h"

#include <sys/mman.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <string>
#include <system_error>

namespace nc::storage {

FileMapping FindFileMapping(const std::filesystem::path& file) {
  FileMapping found;
  std::error_code error;
  const std::string canonical = std::filesystem::canonical(file, error).string();
  if (error) return found;
  std::ifstream maps("/proc/self/maps");
  for (std::string line; std::getline(maps, line);) {
    if (!line.ends_with(" " + canonical)) continue;
    uintptr_t start = 0, end = 0;
    if (std::sscanf(line.c_str(), "%lx-%lx", &start, &end) != 2 || end <= start) continue;
    if (end - start > found.size) {
      // The address is read as text from /proc/self/maps: there is no
      // pointer to derive it from, so the integer-to-pointer cast is the point.
      found.address = reinterpret_cast<void*>(start);  // NOLINT(performance-no-int-to-ptr)
      found.size = end - start;
    }
  }
  const uintmax_t file_size = std::filesystem::file_size(canonical, error);
  if (error) return FileMapping{};
  found.size = std::min<size_t>(found.size, file_size);
  return found;
}

void ReleaseResidentPages(const FileMapping& mapping) {
  if (mapping.size != 0) madvise(mapping.address, mapping.size, MADV_DONTNEED);
}

}  // namespace nc::storage
