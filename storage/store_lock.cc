#include "storage/store_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <mutex>
#include <set>
#include <string>
#include <utility>

namespace nc::storage {
namespace {

constexpr const char* kLockFileName = "lock";

std::string Prefix(const std::filesystem::path& dir) { return "store " + dir.string() + ": "; }

Error IoError(const std::filesystem::path& dir, const char* call, int err) {
  return MakeError("store.io", Prefix(dir) + call + " " + (dir / kLockFileName).string() + ": " +
                                   std::strerror(err));
}

// The pid written by the holder, or "unknown" (it may not have written it yet).
std::string ReadPid(int fd) {
  char buf[32] = {};
  ssize_t n = pread(fd, buf, sizeof(buf) - 1, 0);
  if (n <= 0) return "unknown";
  std::string text(buf, static_cast<size_t>(n));
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  if (text.empty() || text.find_first_not_of("0123456789") != std::string::npos) return "unknown";
  return text;
}

std::mutex registry_mu;
std::set<std::pair<unsigned long long, unsigned long long>>& Registry() {
  static auto* registry = new std::set<std::pair<unsigned long long, unsigned long long>>();
  return *registry;
}

}  // namespace

Result<StoreLock> StoreLock::Acquire(const std::filesystem::path& dir) {
  std::string path = (dir / kLockFileName).string();
  int fd = open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) {
    const int err = errno;
    if (err == EACCES || err == EPERM || err == EROFS) {
      // A store of another user, or on a read-only mount: say what still works.
      return MakeError("store.permission", Prefix(dir) + "this user cannot write the store (open " +
                                               path + ": " + std::strerror(err) +
                                               "); status, export and cat can still read it");
    }
    return IoError(dir, "open", err);
  }
  StoreLock lock(fd);
  if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
    int err = errno;
    if (err == EWOULDBLOCK) {
      return MakeError("store.locked", Prefix(dir) + "in use by another newscrawl process (pid " +
                                           ReadPid(fd) + ")");
    }
    return IoError(dir, "flock", err);
  }
  std::string pid = std::to_string(getpid()) + "\n";
  if (ftruncate(fd, 0) != 0 ||
      pwrite(fd, pid.data(), pid.size(), 0) != static_cast<ssize_t>(pid.size())) {
    return IoError(dir, "write", errno);
  }
  return lock;
}

Result<bool> StoreLock::HeldByOther(const std::filesystem::path& dir) {
  std::string path = (dir / kLockFileName).string();
  int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT) return false;
    return IoError(dir, "open", errno);
  }
  bool held = false;
  if (flock(fd, LOCK_SH | LOCK_NB) != 0) {
    int err = errno;
    if (err != EWOULDBLOCK) {
      close(fd);
      return IoError(dir, "flock", err);
    }
    held = true;
  }
  close(fd);  // also releases our shared lock
  return held;
}

StoreLock& StoreLock::operator=(StoreLock&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) close(fd_);
    fd_ = std::exchange(other.fd_, -1);
  }
  return *this;
}

StoreLock::~StoreLock() {
  if (fd_ >= 0) close(fd_);
}

Result<OpenDirRegistration> OpenDirRegistration::Register(const std::filesystem::path& dir) {
  struct stat st {};
  if (stat(dir.c_str(), &st) != 0) {
    int err = errno;
    return MakeError("store.io", Prefix(dir) + "stat: " + std::strerror(err));
  }
  std::lock_guard lock(registry_mu);
  if (!Registry().emplace(st.st_dev, st.st_ino).second) {
    return MakeError("store.already_open", Prefix(dir) + "already open in this process");
  }
  return OpenDirRegistration(st.st_dev, st.st_ino);
}

OpenDirRegistration::~OpenDirRegistration() {
  if (!active_) return;
  std::lock_guard lock(registry_mu);
  Registry().erase({dev_, ino_});
}

}  // namespace nc::storage
