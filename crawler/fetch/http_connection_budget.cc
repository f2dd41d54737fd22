#include "crawler/fetch/http_connection_budget.h"

#include <algorithm>
#include <cstdint>

namespace nc {

ConnectionBudget::Slot& ConnectionBudget::Slot::operator=(Slot&& other) noexcept {
  if (this != &other) {
    Release();
    budget_ = other.budget_;
    other.budget_ = nullptr;
  }
  return *this;
}

void ConnectionBudget::Slot::Release() {
  if (budget_ == nullptr) return;
  ConnectionBudget* budget = budget_;
  budget_ = nullptr;
  --budget->open_;
  budget->WakeOne();
}

ConnectionBudget::Slot ConnectionBudget::Take() {
  ++open_;
  peak_ = std::max(peak_, open_);
  return Slot(this);
}

void ConnectionBudget::SetMaxOpen(size_t max_open) {
  const size_t room_before = Room();
  max_open_ = max_open;
  const size_t room_after = Room();
  for (size_t woken = room_before; woken < room_after && !waiters_.empty(); ++woken) WakeOne();
}

size_t ConnectionBudget::Room() const {
  if (Full()) return 0;
  return max_open_ == 0 ? SIZE_MAX : max_open_ - open_;
}

void ConnectionBudget::WakeOne() {
  if (waiters_.empty()) return;
  // Removed now, so a second release before this waiter runs wakes the next
  // one instead of cancelling the same timer twice.
  boost::asio::steady_timer* first = waiters_.front();
  waiters_.pop_front();
  first->cancel();
}

void ConnectionBudget::WakeAll() {
  while (!waiters_.empty()) WakeOne();
}

}  // namespace nc
