// The one translation unit that compiles Boost.Asio, Asio SSL and Beast
// (BOOST_*_SEPARATE_COMPILATION is defined for the whole project).
#include <boost/asio/impl/src.hpp>
#include <boost/asio/ssl/impl/src.hpp>
#include <boost/beast/src.hpp>
