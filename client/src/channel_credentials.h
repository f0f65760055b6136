// The channel credentials a ClientOptions asks for: plaintext or TLS (with a client certificate for
// mutual TLS), and the check that a bearer token never travels in plaintext off the machine.
#pragma once

#include <grpcpp/grpcpp.h>

#include <memory>

#include "absl/status/statusor.h"
#include "briefsearch/client.h"

namespace briefsearch::internal {

// Reads the PEM files of `options`; may add the server-name override to `args`.
absl::StatusOr<std::shared_ptr<grpc::ChannelCredentials>> MakeChannelCredentials(
    const ClientOptions& options, grpc::ChannelArguments* args);

}  // namespace briefsearch::internal
