// Tests for common/net_address.h: which addresses keep traffic on the machine.
#include "common/net_address.h"

#include <gtest/gtest.h>

namespace briefsearch {
namespace {

TEST(NetAddressTest, LoopbackAndUnixSockets) {
  for (const char* a :
       {"127.0.0.1:7700", "127.1.2.3:1", "localhost:7700", "[::1]:7700",
        "unix:/run/briefsearch.sock", "ipv4:127.0.0.1:7700", "dns:///localhost:1"}) {
    EXPECT_TRUE(IsLoopbackAddress(a)) << a;
  }
}

TEST(NetAddressTest, NetworkAddresses) {
  for (const char* a : {"0.0.0.0:7700", "10.0.0.5:7700", "[::]:7700", "search.example.com:443",
                        "localhost.example.com:1", "128.0.0.1:7700", "ipv4:10.0.0.1:1"}) {
    EXPECT_FALSE(IsLoopbackAddress(a)) << a;
  }
}

}  // namespace
}  // namespace briefsearch
