#pragma once
// The process's mapping of an LMDB data file, and dropping its pages from
// the process's RSS. Any thread may call these; the caller keeps the map
// from being remapped meanwhile (StoreCore::map_mu held shared).
//
// The mapping is shared (read-only, or writable under MDB_WRITEMAP):
// MADV_DONTNEED only unmaps pages, which stay in the page cache (dirty ones
// stay dirty there) and fault back in on the next access. Nothing committed
// or being read is lost.

#include <cstddef>
#include <filesystem>

namespace nc::storage {

struct FileMapping {
  void* address = nullptr;
  size_t size = 0;  // 0: not found (not Linux), nothing to release
};

// The largest mapping of `file` in /proc/self/maps (LMDB does not say where
// it mapped the file: me_mapaddr is only set with MDB_FIXEDMAP), capped at
// the file's length so that no more of a map reserving gigabytes is touched.
FileMapping FindFileMapping(const std::filesystem::path& file);

// Drops the resident pages of `mapping` from this process (MADV_DONTNEED).
void ReleaseResidentPages(const FileMapping& mapping);

}  // namespace nc::storage
