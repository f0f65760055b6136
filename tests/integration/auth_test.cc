// Authentication and transport on a real briefsearchd: bearer tokens with roles, anonymous reads,
// TLS and mutual TLS with certificates made by the `openssl` command for each run, a Unix socket,
// and the CLI and the indexer with --token-file. After each test the server's log is checked for
// the tokens: no secret may appear in a log line or an error message.
#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/grpcpp.h>
#include <sys/stat.h>

#include <csignal>
#include <cstring>
#include <filesystem>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/integration/harness.h"

namespace briefsearch::testing {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr char kReadToken[] = "rd-4f1c9a7e2b8d6053-reader";
constexpr char kWriteToken[] = "wr-9b2e7d41c6a8f350-writer";
constexpr char kWrongToken[] = "xx-0000000000000000-wrong";
// The harness starts programs without a PATH search.
constexpr char kOpenssl[] = "/usr/bin/openssl";

void WriteSecret(const std::string& path, const std::string& content) {
  WriteFile(path, content);
  ASSERT_EQ(::chmod(path.c_str(), 0600), 0);
}

// The tokens file: the read token in plain, the write token as its SHA-256 digest.
std::string TokensFile(const TempDir& dir) {
  std::string out, err;
  const std::string plain = dir / "write.plain";
  WriteSecret(plain, kWriteToken);
  EXPECT_EQ(RunCommand({kOpenssl, "dgst", "-sha256", "-r", plain}, &out, &err), 0) << err;
  fs::remove(plain);
  const std::string path = dir / "tokens";
  WriteSecret(path, std::string("# role credential name\nread ") + kReadToken +
                        " viewer\nwrite sha256:" + out.substr(0, 64) + " indexer\n");
  return path;
}

ClientOptions WithToken(const std::string& token) {
  return {.timeout = std::chrono::seconds(20), .bearer_token = token};
}

absl::StatusCode SearchCode(const std::string& address, ClientOptions options) {
  options.server = address;
  auto client = Client::Connect(options);
  if (!client.ok()) return client.status().code();
  return (*client)->Search({.query = "반도체", .limit = 1}).status().code();
}

// A call to any method through a generic stub (health and reflection have no typed client here):
// one request message, then the status.
grpc::Status RawCall(const std::string& address, const std::string& method,
                     const std::string& token, const std::string& request) {
  auto channel = grpc::CreateChannel(address, grpc::InsecureChannelCredentials());
  grpc::GenericStub stub(channel);
  grpc::ClientContext ctx;
  ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
  if (!token.empty()) ctx.AddMetadata("authorization", "Bearer " + token);
  grpc::CompletionQueue cq;
  auto next = [&cq] {
    void* tag = nullptr;
    bool ok = false;
    cq.Next(&tag, &ok);
    return ok;
  };
  auto call = stub.PrepareCall(&ctx, method, &cq);
  call->StartCall(reinterpret_cast<void*>(1));
  if (next()) {
    grpc::Slice slice(request);
    grpc::ByteBuffer message(&slice, 1);
    call->Write(message, reinterpret_cast<void*>(2));
    next();
    call->WritesDone(reinterpret_cast<void*>(3));
    next();
    grpc::ByteBuffer response;
    call->Read(&response, reinterpret_cast<void*>(4));
    next();
  }
  grpc::Status status;
  call->Finish(&status, reinterpret_cast<void*>(5));
  next();
  cq.Shutdown();
  void* tag = nullptr;
  bool ok = false;
  while (cq.Next(&tag, &ok)) {
  }
  return status;
}

class TokenAuthTest : public ::testing::Test {
 protected:
  void StartServer(std::vector<std::string> extra, const std::string& listen = "127.0.0.1:0") {
    extra.insert(extra.begin(), {"--tokens-file", tokens_});
    server_ = std::make_unique<ServerProcess>(dir_ / "data", extra, listen);
    server_->set_client_options(WithToken(kWriteToken));
    std::string error;
    ASSERT_TRUE(server_->Start(&error)) << error;
  }
  void TearDown() override {
    if (server_ == nullptr) return;
    const std::string log = server_->log();
    for (const char* token : {kReadToken, kWriteToken, kWrongToken}) {
      EXPECT_THAT(log, Not(HasSubstr(token)));
    }
  }
  std::string address() const { return server_->address(); }

  TempDir dir_;
  std::string tokens_ = TokensFile(dir_);
  std::unique_ptr<ServerProcess> server_;
};

TEST_F(TokenAuthTest, MissingAndWrongTokensAreUnauthenticated) {
  ASSERT_NO_FATAL_FAILURE(StartServer({}));
  EXPECT_EQ(SearchCode(address(), {}), absl::StatusCode::kUnauthenticated);
  EXPECT_EQ(SearchCode(address(), WithToken(kWrongToken)), absl::StatusCode::kUnauthenticated);

  ClientOptions wrong = WithToken(kWrongToken);
  wrong.server = address();
  auto client = Client::Connect(wrong);
  ASSERT_TRUE(client.ok());
  auto upserted = (*client)->UpsertIssue(MakeIssue("memo-1", 1, "인증시험"));
  EXPECT_EQ(upserted.status().code(), absl::StatusCode::kUnauthenticated);
  EXPECT_THAT(std::string(upserted.status().message()), Not(HasSubstr(kWrongToken)));
  EXPECT_EQ(CountHits(server_->client(), "인증시험"), 0);
  // Refusals are reported in the log (the token is checked for absence in TearDown).
  EXPECT_THAT(server_->log(),
              HasSubstr("refused 1 call(s) since the last report; latest: UNAUTHENTICATED "
                        "/briefsearch.v1.SearchService/Search"));
}

TEST_F(TokenAuthTest, ReadTokenSearchesButCannotWrite) {
  ASSERT_NO_FATAL_FAILURE(StartServer({}));
  ASSERT_TRUE(server_->client().UpsertIssue(MakeIssue("memo-1", 1, "인증시험")).ok());
  ClientOptions read = WithToken(kReadToken);
  read.server = address();
  auto client = Client::Connect(read);
  ASSERT_TRUE(client.ok());
  EXPECT_EQ(CountHits(**client, "인증시험"), 1);
  EXPECT_TRUE((*client)->ListIssues(10, "").ok());

  auto upserted = (*client)->UpsertIssue(MakeIssue("memo-2", 1, "쓰기시험"));
  EXPECT_EQ(upserted.status().code(), absl::StatusCode::kPermissionDenied);
  EXPECT_THAT(std::string(upserted.status().message()), HasSubstr("viewer"));
  EXPECT_THAT(std::string(upserted.status().message()), Not(HasSubstr(kReadToken)));
  EXPECT_EQ((*client)->DeleteIssue("memo-1").status().code(), absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(CountHits(server_->client(), "인증시험"), 1);
  EXPECT_EQ(CountHits(server_->client(), "쓰기시험"), 0);
}

TEST_F(TokenAuthTest, WriteTokenWritesAndReads) {
  ASSERT_NO_FATAL_FAILURE(StartServer({}));
  Client& writer = server_->client();
  ASSERT_TRUE(writer.UpsertIssue(MakeIssue("memo-1", 2, "인증시험")).ok());
  EXPECT_EQ(CountHits(writer, "인증시험"), 2);
  auto deleted = writer.DeleteIssue("memo-1");
  ASSERT_TRUE(deleted.ok()) << deleted.status();
  EXPECT_EQ(*deleted, 2);
}

TEST_F(TokenAuthTest, AnonymousReadOpensSearchesNotWrites) {
  ASSERT_NO_FATAL_FAILURE(StartServer({"--anonymous-read"}));
  ASSERT_TRUE(server_->client().UpsertIssue(MakeIssue("memo-1", 1, "인증시험")).ok());
  auto client = Client::Connect({.server = address()});
  ASSERT_TRUE(client.ok());
  EXPECT_EQ(CountHits(**client, "인증시험"), 1);
  EXPECT_EQ((*client)->UpsertIssue(MakeIssue("memo-2", 1, "x")).status().code(),
            absl::StatusCode::kUnauthenticated);
  // A wrong token is still an error, not silently anonymous.
  EXPECT_EQ(SearchCode(address(), WithToken(kWrongToken)), absl::StatusCode::kUnauthenticated);
}

TEST_F(TokenAuthTest, HealthAndReflectionFollowTheSameRules) {
  ASSERT_NO_FATAL_FAILURE(StartServer({}));
  const std::string health = "/grpc.health.v1.Health/Check";
  const std::string reflection = "/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo";
  const std::string list_services("\x3a\x00", 2);  // ServerReflectionRequest{list_services: ""}
  for (const std::string& method : {health, reflection}) {
    EXPECT_EQ(RawCall(address(), method, "", list_services).error_code(),
              grpc::StatusCode::UNAUTHENTICATED)
        << method;
    EXPECT_EQ(RawCall(address(), method, kWrongToken, list_services).error_code(),
              grpc::StatusCode::UNAUTHENTICATED)
        << method;
    EXPECT_TRUE(RawCall(address(), method, kReadToken, list_services).ok()) << method;
  }
  // A method the server does not know needs write before it is found missing.
  EXPECT_EQ(RawCall(address(), "/briefsearch.v1.IngestService/Nope", kReadToken, "").error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(RawCall(address(), "/briefsearch.v1.IngestService/Nope", kWriteToken, "").error_code(),
            grpc::StatusCode::UNIMPLEMENTED);
}

TEST_F(TokenAuthTest, SighupReloadsTheTokensFileAndKeepsItOnErrors) {
  ASSERT_NO_FATAL_FAILURE(StartServer({}));
  constexpr char kNewToken[] = "rd-77aa0c3e51d94b26-rotated";
  // Rotation: the new read token replaces the old one; the write token stays.
  std::string tokens = ReadFile(tokens_);
  tokens.replace(tokens.find(kReadToken), std::strlen(kReadToken), kNewToken);
  WriteSecret(tokens_, tokens);
  server_->Signal(SIGHUP);
  EXPECT_TRUE(WaitUntil(
      [&] { return SearchCode(address(), WithToken(kNewToken)) == absl::StatusCode::kOk; }));
  EXPECT_EQ(SearchCode(address(), WithToken(kReadToken)), absl::StatusCode::kUnauthenticated);
  EXPECT_THAT(server_->log(), HasSubstr("SIGHUP: 2 bearer tokens in force"));

  // A broken file is refused and the tokens in force stay.
  WriteSecret(tokens_, "admin " + std::string(kWrongToken) + "\n");
  server_->Signal(SIGHUP);
  EXPECT_TRUE(
      WaitUntil([&] { return server_->log().find("tokens not reloaded") != std::string::npos; }));
  EXPECT_EQ(SearchCode(address(), WithToken(kNewToken)), absl::StatusCode::kOk);
  EXPECT_THAT(server_->log(), Not(HasSubstr(kNewToken)));
}

TEST_F(TokenAuthTest, UnixSocketWithTokens) {
  ASSERT_NO_FATAL_FAILURE(StartServer({}, "unix:" + (dir_ / "briefsearchd.sock")));
  EXPECT_EQ(address(), "unix:" + (dir_ / "briefsearchd.sock"));
  EXPECT_EQ(SearchCode(address(), WithToken(kReadToken)), absl::StatusCode::kOk);
  EXPECT_EQ(SearchCode(address(), {}), absl::StatusCode::kUnauthenticated);
}

TEST_F(TokenAuthTest, CliTakesTokenFileFromFlagOrEnvironment) {
  ASSERT_NO_FATAL_FAILURE(StartServer({}));
  ASSERT_TRUE(server_->client().UpsertIssue(MakeIssue("memo-1", 1, "인증시험")).ok());
  const std::string read_file = dir_ / "read.token";
  WriteSecret(read_file, std::string(kReadToken) + "\n");
  const std::string cli = BinPath("briefsearch");
  std::string out, err;
  EXPECT_EQ(RunCommand({cli, "--server", address(), "search", "인증시험"}, &out, &err), 1);
  EXPECT_THAT(err, HasSubstr("UNAUTHENTICATED"));

  ASSERT_EQ(RunCommand({cli, "--server", address(), "--token-file", read_file, "search", "--json",
                        "인증시험"},
                       &out, &err),
            0)
      << err;
  EXPECT_THAT(out, HasSubstr("\"total_hits\":1"));

  EXPECT_EQ(RunCommand({"/usr/bin/env", "BRIEFSEARCH_TOKEN_FILE=" + read_file, cli, "--server",
                        address(), "delete", "memo-1"},
                       &out, &err),
            1);
  EXPECT_THAT(err, HasSubstr("PERMISSION_DENIED"));
  EXPECT_THAT(err, Not(HasSubstr(kReadToken)));

  // A token file every user can read is refused before anything is sent.
  ASSERT_EQ(::chmod(read_file.c_str(), 0644), 0);
  EXPECT_EQ(
      RunCommand({cli, "--server", address(), "--token-file", read_file, "stats"}, &out, &err), 1);
  EXPECT_THAT(err, HasSubstr("chmod 600"));
  EXPECT_THAT(err, Not(HasSubstr(kReadToken)));
}

TEST_F(TokenAuthTest, IndexerNeedsAWriteToken) {
  ASSERT_NO_FATAL_FAILURE(StartServer({}));
  fs::create_directories(dir_ / "drop");
  WriteFile(dir_ / "drop/memo.md",
            "# 내부 메모\n\n## 회의 결과\n\n인덱서인증 관련 내용을 확인했다.\n");
  const std::string read_file = dir_ / "read.token", write_file = dir_ / "write.token";
  WriteSecret(read_file, kReadToken);
  WriteSecret(write_file, kWriteToken);
  const std::string indexer = BinPath("briefsearch-indexer");
  std::string out, err;
  const std::vector<std::string> base = {indexer,   "--drop-dir", dir_ / "drop", "--server",
                                         address(), "--once",     "--settle-ms", "0"};

  std::vector<std::string> with_read = base;
  with_read.insert(with_read.end(),
                   {"--state-dir", dir_ / "state-read", "--token-file", read_file});
  EXPECT_EQ(RunCommand(with_read, &out, &err), 1);
  EXPECT_THAT(err, HasSubstr("PERMISSION_DENIED"));
  EXPECT_THAT(err, Not(HasSubstr(kReadToken)));
  EXPECT_EQ(CountHits(server_->client(), "인덱서인증"), 0);

  std::vector<std::string> with_write = base;
  with_write.insert(with_write.end(),
                    {"--state-dir", dir_ / "state-write", "--token-file", write_file});
  ASSERT_EQ(RunCommand(with_write, &out, &err), 0) << err;
  EXPECT_THAT(err, Not(HasSubstr(kWriteToken)));
  EXPECT_EQ(CountHits(server_->client(), "인덱서인증"), 1);
}

// Certificates for one test run: a CA, a server certificate for 127.0.0.1/localhost, a client
// certificate from the same CA, and a client certificate from a second CA the server does not know.
class TlsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    MakeCa("ca");
    MakeCa("rogue-ca");
    MakeLeaf("server", "ca",
             "subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n");
    MakeLeaf("client", "ca", "extendedKeyUsage=clientAuth\n");
    MakeLeaf("rogue", "rogue-ca", "extendedKeyUsage=clientAuth\n");
  }
  void TearDown() override {
    if (server_ == nullptr) return;
    for (const char* token : {kReadToken, kWriteToken, kWrongToken}) {
      EXPECT_THAT(server_->log(), Not(HasSubstr(token)));
    }
  }

  void Openssl(std::vector<std::string> args) {
    args.insert(args.begin(), kOpenssl);
    std::string out, err;
    ASSERT_EQ(RunCommand(args, &out, &err), 0) << err;
  }
  void MakeCa(const std::string& name) {
    Openssl({"req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
             "-days", "1", "-subj", "/CN=briefsearch test " + name, "-keyout", Pem(name + ".key"),
             "-out", Pem(name)});
  }
  void MakeLeaf(const std::string& name, const std::string& ca, const std::string& extensions) {
    Openssl({"req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-subj",
             "/CN=" + name, "-keyout", Pem(name + ".key"), "-out", dir_ / (name + ".csr")});
    WriteFile(dir_ / (name + ".ext"), extensions);
    Openssl({"x509", "-req", "-in", dir_ / (name + ".csr"), "-CA", Pem(ca), "-CAkey",
             Pem(ca + ".key"), "-CAcreateserial", "-days", "1", "-extfile", dir_ / (name + ".ext"),
             "-out", Pem(name)});
  }
  std::string Pem(const std::string& name) const { return dir_ / (name + ".pem"); }

  void StartServer(std::vector<std::string> extra) {
    extra.insert(extra.begin(), {"--tls-cert", Pem("server"), "--tls-key", Pem("server.key")});
    server_ = std::make_unique<ServerProcess>(dir_ / "data", extra);
    ClientOptions options = WithToken(kWriteToken);
    options.tls_ca_file = Pem("ca");
    options.tls_cert_file = Pem("client");
    options.tls_key_file = Pem("client.key");
    server_->set_client_options(options);
    std::string error;
    ASSERT_TRUE(server_->Start(&error)) << error;
  }
  absl::StatusCode Search(ClientOptions options) {
    options.timeout = std::chrono::seconds(5);
    return SearchCode(server_->address(), options);
  }

  TempDir dir_;
  std::unique_ptr<ServerProcess> server_;
};

TEST_F(TlsTest, TlsWithTokens) {
  ASSERT_NO_FATAL_FAILURE(StartServer({"--tokens-file", TokensFile(dir_)}));
  ClientOptions tls = WithToken(kReadToken);
  tls.tls_ca_file = Pem("ca");
  EXPECT_EQ(Search(tls), absl::StatusCode::kOk);
  tls.bearer_token.clear();
  EXPECT_EQ(Search(tls), absl::StatusCode::kUnauthenticated);
  // A plaintext client cannot talk to a TLS server, nor a client that does not trust its CA.
  EXPECT_EQ(Search({}), absl::StatusCode::kUnavailable);
  ClientOptions untrusting = WithToken(kReadToken);
  untrusting.tls_ca_file = Pem("rogue-ca");
  EXPECT_EQ(Search(untrusting), absl::StatusCode::kUnavailable);
}

TEST_F(TlsTest, MutualTlsRejectsMissingAndUntrustedClientCertificates) {
  ASSERT_NO_FATAL_FAILURE(StartServer({"--tls-client-ca", Pem("ca")}));
  ClientOptions trusted{
      .tls_ca_file = Pem("ca"), .tls_cert_file = Pem("client"), .tls_key_file = Pem("client.key")};
  EXPECT_EQ(Search(trusted), absl::StatusCode::kOk);
  ClientOptions no_cert{.tls_ca_file = Pem("ca")};
  EXPECT_EQ(Search(no_cert), absl::StatusCode::kUnavailable);
  ClientOptions rogue{
      .tls_ca_file = Pem("ca"), .tls_cert_file = Pem("rogue"), .tls_key_file = Pem("rogue.key")};
  EXPECT_EQ(Search(rogue), absl::StatusCode::kUnavailable);
}

TEST_F(TlsTest, CliAndIndexerOverMutualTls) {
  ASSERT_NO_FATAL_FAILURE(
      StartServer({"--tls-client-ca", Pem("ca"), "--tokens-file", TokensFile(dir_)}));
  const std::string write_file = dir_ / "write.token";
  WriteSecret(write_file, kWriteToken);
  fs::create_directories(dir_ / "drop");
  WriteFile(dir_ / "drop/memo.md",
            "# 내부 메모\n\n## 회의 결과\n\n암호통신 관련 내용을 확인했다.\n");
  const std::vector<std::string> tls = {"--tls-ca",     Pem("ca"),   "--tls-cert",
                                        Pem("client"),  "--tls-key", Pem("client.key"),
                                        "--token-file", write_file};
  std::vector<std::string> indexer = {BinPath("briefsearch-indexer"),
                                      "--drop-dir",
                                      dir_ / "drop",
                                      "--server",
                                      server_->address(),
                                      "--state-dir",
                                      dir_ / "state",
                                      "--once",
                                      "--settle-ms",
                                      "0"};
  indexer.insert(indexer.end(), tls.begin(), tls.end());
  std::string out, err;
  ASSERT_EQ(RunCommand(indexer, &out, &err), 0) << err;

  std::vector<std::string> cli = {BinPath("briefsearch"), "--server", server_->address()};
  cli.insert(cli.end(), tls.begin(), tls.end());
  cli.insert(cli.end(), {"search", "--json", "암호통신"});
  ASSERT_EQ(RunCommand(cli, &out, &err), 0) << err;
  EXPECT_THAT(out, HasSubstr("\"total_hits\":1"));
}

TEST(UnixSocketTest, ServesWithoutTokensToo) {
  TempDir dir;
  ServerProcess server(dir / "data", {}, "unix:" + (dir / "s.sock"));
  std::string error;
  ASSERT_TRUE(server.Start(&error)) << error;
  ASSERT_TRUE(server.client().UpsertIssue(MakeIssue("memo-1", 1, "소켓시험")).ok());
  EXPECT_EQ(CountHits(server.client(), "소켓시험"), 1);
  std::string out, err;
  ASSERT_EQ(RunCommand({BinPath("briefsearch"), "--server", server.address(), "stats", "--json"},
                       &out, &err),
            0)
      << err;
  EXPECT_THAT(out, HasSubstr("\"issues\":1"));
}

TEST(ServerFlagsTest, RefusesTokensOverPlaintextOnANetworkAddress) {
  TempDir dir;
  const std::string tokens = TokensFile(dir);
  std::string out, err;
  EXPECT_EQ(RunCommand({BinPath("briefsearchd"), "--listen", "0.0.0.0:0", "--data-dir",
                        dir / "data", "--tokens-file", tokens},
                       &out, &err),
            2);
  EXPECT_THAT(err, HasSubstr("--tls-cert"));
  EXPECT_THAT(err, Not(HasSubstr(kReadToken)));
}

}  // namespace
}  // namespace briefsearch::testing
