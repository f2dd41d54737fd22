// Boost.JSON's compiled part (header-only mode): Debian's Boost 1.81 ships no
// libboost_json, so exactly one translation unit of the product includes
// src.hpp. Other code includes <boost/json.hpp> only.
#include <boost/json/src.hpp>
