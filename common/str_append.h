#pragma once
// StrAppend(out, "<a href=\"", href, "\">", text, '>'): appends each piece
// in order, for text built from many small pieces (the Prometheus
// exposition, the fixture site's HTML) where a chain of `out += ...;`
// statements would hide what is written. Pieces are anything a
// std::string_view is made from, or a single char. Any thread.

#include <string>
#include <string_view>
#include <type_traits>

namespace nc {

template <typename... Pieces>
void StrAppend(std::string& out, const Pieces&... pieces) {
  const auto append = [&out](const auto& piece) {
    if constexpr (std::is_same_v<std::decay_t<decltype(piece)>, char>) {
      out.push_back(piece);
    } else {
      out.append(std::string_view(piece));
    }
  };
  (append(pieces), ...);
}

}  // namespace nc
