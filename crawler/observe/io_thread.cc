#include "crawler/observe/io_thread.h"

#include <utility>

namespace nc::observe {

IoThread::IoThread(size_t max_pending)
    : max_pending_(max_pending == 0 ? 1 : max_pending), thread_([this] { Run(); }) {}

IoThread::~IoThread() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  changed_.notify_all();
  thread_.join();
}

void IoThread::Post(std::function<void()> job) {
  {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [this] { return jobs_.size() < max_pending_; });
    jobs_.push_back(std::move(job));
  }
  changed_.notify_all();
}

void IoThread::Drain() {
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [this] { return jobs_.empty() && !running_job_; });
}

void IoThread::Run() {
  std::unique_lock lock(mutex_);
  for (;;) {
    changed_.wait(lock, [this] { return !jobs_.empty() || stopping_; });
    if (jobs_.empty()) return;  // stopping, and everything posted has run
    std::function<void()> job = std::move(jobs_.front());
    jobs_.pop_front();
    running_job_ = true;
    lock.unlock();
    changed_.notify_all();  // room for a waiting Post
    job();
    lock.lock();
    running_job_ = false;
    changed_.notify_all();  // a Drain may be waiting
  }
}

}  // namespace nc::observe
