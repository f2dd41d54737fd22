#include "crawler/fetch/http_connection_budget.h"

#include <algorithm>

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
