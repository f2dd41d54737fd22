#pragma once
// Owning pointers to a C library's objects, freed by that library's own
// function: CPtr<natsMsg, natsMsg_Destroy>. One template instead of a
// deleter struct per type; the deleter is empty, so a CPtr is one pointer.
// Any thread (as the library allows for the object).

#include <memory>

namespace nc {

template <auto Free>
struct FreeWith {
  template <typename T>
  void operator()(T* object) const {
    Free(object);
  }
};

template <typename T, auto Free>
using CPtr = std::unique_ptr<T, FreeWith<Free>>;

}  // namespace nc
