#pragma once
// The one-writer-process rule of a store directory: an exclusive flock(2) on
// DIR/lock, taken without blocking, holding the owner's pid as text so that
// the refusal can name it. The kernel drops the lock when the process dies
// (kill -9, crash), so a stale lock file never blocks a resume.
//
// Also a process-wide registry of open store directories: LMDB must not open
// the same environment twice in one process (its lock-file fcntl locks are per
// process and closing either copy would break the other's).
//
// Thread safety: StoreLock is owned by one Store; the registry is internally
// synchronised.

#include <filesystem>
#include <utility>

#include "common/result.h"

namespace nc::storage {

class StoreLock {
 public:
  // Creates DIR/lock if needed. Error "store DIR: in use by another newscrawl
  // process (pid N)" when another open file description holds it.
  static Result<StoreLock> Acquire(const std::filesystem::path& dir);
  // Whether some process holds the exclusive lock now (tries a shared lock
  // and releases it at once). false when there is no lock file.
  static Result<bool> HeldByOther(const std::filesystem::path& dir);

  StoreLock(StoreLock&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}
  StoreLock& operator=(StoreLock&& other) noexcept;
  StoreLock(const StoreLock&) = delete;
  StoreLock& operator=(const StoreLock&) = delete;
  ~StoreLock();

 private:
  explicit StoreLock(int fd) : fd_(fd) {}
  int fd_ = -1;
};

// Marks a directory as open in this process for the object's lifetime.
class OpenDirRegistration {
 public:
  // Error "store DIR: already open in this process" when registered twice.
  static Result<OpenDirRegistration> Register(const std::filesystem::path& dir);

  OpenDirRegistration(OpenDirRegistration&& other) noexcept
      : dev_(other.dev_), ino_(other.ino_), active_(std::exchange(other.active_, false)) {}
  OpenDirRegistration& operator=(OpenDirRegistration&&) = delete;
  OpenDirRegistration(const OpenDirRegistration&) = delete;
  OpenDirRegistration& operator=(const OpenDirRegistration&) = delete;
  ~OpenDirRegistration();

 private:
  OpenDirRegistration(unsigned long long dev, unsigned long long ino)
      : dev_(dev), ino_(ino), active_(true) {}
  unsigned long long dev_ = 0;
  unsigned long long ino_ = 0;
  bool active_ = false;
};

}  // namespace nc::storage
