#pragma once
// The link graph as tab-separated text, one line per stored edge:
//
//   source_url TAB target_url TAB role TAB anchor_text TAB followed TAB reason
//
// `followed` is 0 or 1; `reason` (SkipReasonName) is empty when followed. In
// anchor text, backslash, tab, CR and LF are written as \\ \t \r \n so that
// every edge stays on one line. Edges come in (source id, ordinal) order.
//
// Streams from one read transaction: memory does not grow with the store.

#include <ostream>
#include <string>
#include <string_view>

#include "common/result.h"
#include "storage/store.h"

namespace nc::storage {

Status ExportEdgesTsv(const Store& store, std::ostream& out);

// Appends `text` to `dst` with \ TAB CR LF escaped as above.
void AppendTsvEscaped(std::string_view text, std::string* dst);

}  // namespace nc::storage
