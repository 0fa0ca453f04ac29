// Beast and Asio are compiled once, here, instead of in every file that uses them
// (BOOST_BEAST_SEPARATE_COMPILATION, BOOST_ASIO_SEPARATE_COMPILATION).
#include <utility>  // Boost 1.74's asio/awaitable.hpp misses it under C++20

#include <boost/asio/impl/src.hpp>
#include <boost/beast/src.hpp>
