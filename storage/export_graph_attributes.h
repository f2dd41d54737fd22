// The attributes the GraphML and GEXF exports give each node and edge: one
// list, in declaration order, and one place that reads their values, so the
// two formats carry the same attributes under the same names. Each format
// declares and writes them in its own syntax (GraphML <key>s and <data> by
// name, GEXF <attribute>s and <attvalue>s by position). Any thread.
#pragma once

#include <array>
#include <cstddef>
#include <functional>
#include <string_view>

#include "storage/export_writers.h"

namespace nc::storage::graph_attributes {

// Indexes the writers' tables of type names.
enum class ValueType { kString = 0, kBoolean = 1, kInteger = 2 };

struct Attribute {
  std::string_view name;
  ValueType type;
};

constexpr Attribute String(std::string_view name) { return {name, ValueType::kString}; }
constexpr Attribute Boolean(std::string_view name) { return {name, ValueType::kBoolean}; }
constexpr Attribute Integer(std::string_view name) { return {name, ValueType::kInteger}; }

inline constexpr std::array<Attribute, 9> kNodeAttributes = {
    String("url"),        String("host"),    String("state"),
    Boolean("fetched"),   Integer("status"), String("content_type"),
    String("fetched_at"), Integer("depth"),  String("title")};

inline constexpr std::array<Attribute, 4> kEdgeAttributes = {String("role"), String("anchor"),
                                                             Boolean("followed"), String("reason")};

// Called with an attribute's index in its list and its value as text.
using ValueFn = std::function<void(size_t index, std::string_view value)>;

// The attributes `node` (or `edge`) has, in list order; one it lacks (no
// status before a fetch, no reason on a followed edge...) is not called.
void ForEachNodeValue(const NodeFields& node, const ValueFn& value);
void ForEachEdgeValue(const EdgeIdsView& edge, const ValueFn& value);

}  // namespace nc::storage::graph_attributes
