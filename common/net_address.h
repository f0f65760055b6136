// What a gRPC address string says about where traffic goes.
#pragma once

#include <string_view>

namespace briefsearch {

// True for unix: sockets and for 127.0.0.0/8, [::1] and localhost (with or without gRPC's
// ipv4:/ipv6:/dns: scheme): traffic that never leaves the machine.
bool IsLoopbackAddress(std::string_view address);

}  // namespace briefsearch
