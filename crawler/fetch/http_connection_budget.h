#pragma once
// ConnectionBudget: the sockets an HttpClient holds open — connecting, in
// use, or idle in the keep-alive pool — counted against
// max_open_connections, so a crawl of many hosts never holds more sockets
// than the operator allowed, however many idle keep-alive connections it
// would like to keep. Each open socket owns a Slot; the slot is released
// when the connection is destroyed (after its socket is closed).
//
// A request that needs a new connection while the budget is full closes the
// least recently used idle connection (the client does that through its
// pool); if none is idle it waits here until a slot is released or a
// connection turns idle.
//
// Thread safety: network thread only, like the HttpClient that owns it.

#include <cstddef>
#include <list>

#include <boost/asio/steady_timer.hpp>

namespace nc {

class ConnectionBudget {
 public:
  // max_open 0: no cap.
  explicit ConnectionBudget(size_t max_open) : max_open_(max_open) {}
  ConnectionBudget(const ConnectionBudget&) = delete;
  ConnectionBudget& operator=(const ConnectionBudget&) = delete;

  // One counted socket; movable, released on destruction.
  class Slot {
   public:
    Slot() = default;
    Slot(Slot&& other) noexcept : budget_(other.budget_) { other.budget_ = nullptr; }
    Slot& operator=(Slot&& other) noexcept;
    ~Slot() { Release(); }
    void Release();

   private:
    friend class ConnectionBudget;
    explicit Slot(ConnectionBudget* budget) : budget_(budget) {}
    ConnectionBudget* budget_ = nullptr;
  };

  bool Full() const { return max_open_ != 0 && open_ >= max_open_; }
  // A new cap (the default one follows the hosts in rotation). Raised, it
  // wakes as many waiters as it made room for; lowered under open(), no
  // socket is closed here: Full() holds until enough are released.
  void SetMaxOpen(size_t max_open);
  // Counts one more open socket. Callers check Full() first (the cap is
  // theirs to keep: the pool may have to give up an idle connection).
  Slot Take();

  // A waiting request parks `timer` (armed with its deadline) here; it is
  // cancelled, and removed, when a slot is released or WakeOne() is called.
  void AddWaiter(boost::asio::steady_timer* timer) { waiters_.push_back(timer); }
  void RemoveWaiter(boost::asio::steady_timer* timer) { waiters_.remove(timer); }
  // Something changed that may let the first waiter go on (a connection was
  // pooled: it can now be closed to make room).
  void WakeOne();
  // Shutdown: every waiter wakes (and finds the client shut down).
  void WakeAll();

  size_t open() const { return open_; }
  size_t peak() const { return peak_; }  // most open at once so far
  size_t max_open() const { return max_open_; }

 private:
  size_t Room() const;  // sockets that may still be opened

  size_t max_open_;
  size_t open_ = 0;
  size_t peak_ = 0;
  // Oldest first, so waiters are served in arrival order.
  std::list<boost::asio::steady_timer*> waiters_;
};

}  // namespace nc
