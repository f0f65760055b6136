#include "common/net_address.h"

namespace briefsearch {

bool IsLoopbackAddress(std::string_view a) {
  if (a.starts_with("unix:") || a.starts_with("unix-abstract:")) return true;
  for (std::string_view scheme : {"ipv4:", "ipv6:", "dns:///", "dns:"}) {
    if (a.starts_with(scheme)) {
      a.remove_prefix(scheme.size());
      break;
    }
  }
  return a.starts_with("127.") || a.starts_with("localhost:") || a.starts_with("[::1]:");
}

}  // namespace briefsearch
