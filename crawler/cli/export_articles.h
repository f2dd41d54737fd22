#pragma once
// `export --format articles` (export_articles.cc): JSON lines of the
// articles stored by the crawl ([extract] articles), streamed. Several
// stores are written one after the other (a URL stored in several appears
// once per store). Errors: "export.write", or the store's ("store.corrupt").

#include <ostream>
#include <vector>

#include "common/result.h"
#include "storage/export.h"
#include "storage/store.h"

namespace nc {

Status ExportArticles(const std::vector<const storage::Store*>& stores,
                      const storage::ExportFilter& filter, std::ostream& out);

}  // namespace nc
