// Tests for server/auth/server_credentials.h: flag combinations that cannot work are refused before
// anything listens. Working TLS and token setups are tested on a real server in
// tests/integration/auth_test.cc.
#include "server/auth/server_credentials.h"

#include <gtest/gtest.h>

#include "tests/server/temp_dir.h"

namespace briefsearch::auth {
namespace {

void WriteText(const std::string& path, const char* text) {
  FILE* f = std::fopen(path.c_str(), "w");
  ASSERT_NE(f, nullptr);
  std::fputs(text, f);
  std::fclose(f);
}

TEST(ServerTransportTest, NoFlagsIsPlaintextWithoutAuthentication) {
  auto t = MakeServerTransport({.listen = "127.0.0.1:0"});
  ASSERT_TRUE(t.ok()) << t.status();
  EXPECT_NE(t->credentials, nullptr);
  EXPECT_EQ(t->description, "plaintext, no authentication");
}

TEST(ServerTransportTest, FlagsThatDoNotGoTogether) {
  const TransportOptions bad[] = {
      {.listen = "127.0.0.1:0", .tls_cert_file = "c.pem"},
      {.listen = "127.0.0.1:0", .tls_key_file = "k.pem"},
      {.listen = "127.0.0.1:0", .tls_client_ca_file = "ca.pem"},
      {.listen = "127.0.0.1:0", .anonymous_read = true},
  };
  for (const TransportOptions& o : bad) {
    EXPECT_EQ(MakeServerTransport(o).status().code(), absl::StatusCode::kInvalidArgument);
  }
}

TEST(ServerTransportTest, TokensOverPlaintextOnlyOnThisMachine) {
  testing_util::TempDir dir;
  const std::string tokens = dir.Sub("tokens");
  WriteText(tokens, "write some-write-token-0123456789\n");

  auto network = MakeServerTransport({.listen = "0.0.0.0:7700", .tokens_file = tokens});
  EXPECT_EQ(network.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(network.status().message().find("some-write-token"), std::string::npos);

  auto loopback = MakeServerTransport({.listen = "127.0.0.1:0", .tokens_file = tokens});
  ASSERT_TRUE(loopback.ok()) << loopback.status();
  EXPECT_EQ(loopback->description, "plaintext, local peers only, 1 bearer token");
  auto unix_socket = MakeServerTransport(
      {.listen = "unix:" + dir.Sub("s.sock"), .tokens_file = tokens, .anonymous_read = true});
  ASSERT_TRUE(unix_socket.ok()) << unix_socket.status();
  EXPECT_EQ(unix_socket->description,
            "plaintext, local peers only, 1 bearer token, anonymous reads allowed");
}

TEST(ServerTransportTest, TlsAllowsTokensOnANetworkAddress) {
  // gRPC parses the PEM files only when the port is bound; here only the choice of credentials
  // and the flag rules are under test (a real handshake is in tests/integration/auth_test.cc).
  testing_util::TempDir dir;
  for (const char* name : {"cert.pem", "key.pem", "ca.pem"}) {
    WriteText(dir.Sub(name), "-----BEGIN PLACEHOLDER-----\n");
  }
  WriteText(dir.Sub("tokens"),
            "read some-read-token-0123456789\nwrite some-write-token-0123456789\n");

  TransportOptions options{.listen = "0.0.0.0:7700",
                           .tls_cert_file = dir.Sub("cert.pem"),
                           .tls_key_file = dir.Sub("key.pem"),
                           .tokens_file = dir.Sub("tokens")};
  auto tls = MakeServerTransport(options);
  ASSERT_TRUE(tls.ok()) << tls.status();
  EXPECT_EQ(tls->description, "TLS, 2 bearer tokens");
  options.tokens_file.clear();
  options.tls_client_ca_file = dir.Sub("ca.pem");
  auto mutual = MakeServerTransport(options);
  ASSERT_TRUE(mutual.ok()) << mutual.status();
  EXPECT_EQ(mutual->description, "mutual TLS");
}

TEST(ServerTransportTest, MissingFilesAreReported) {
  testing_util::TempDir dir;
  auto no_tokens = MakeServerTransport({.listen = "127.0.0.1:0", .tokens_file = dir.Sub("none")});
  EXPECT_EQ(no_tokens.status().code(), absl::StatusCode::kNotFound);
  auto no_cert = MakeServerTransport(
      {.listen = "127.0.0.1:0", .tls_cert_file = dir.Sub("c"), .tls_key_file = dir.Sub("k")});
  EXPECT_EQ(no_cert.status().code(), absl::StatusCode::kNotFound);
}

}  // namespace
}  // namespace briefsearch::auth
