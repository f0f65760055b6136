// briefsearchd: the search daemon. Owns the index in --data-dir and serves SearchService,
// IngestService, grpc.health.v1.Health and server reflection on --listen.
#include <grpcpp/ext/proto_server_reflection_plugin.h>
#include <grpcpp/grpcpp.h>
#include <grpcpp/health_check_service_interface.h>
#include <pthread.h>
#include <signal.h>

#include <boost/program_options.hpp>
#include <iostream>
#include <thread>

#include "absl/strings/str_cat.h"
#include "common/files.h"
#include "common/log.h"
#include "common/net_address.h"
#include "server/analysis/analyzer.h"
#include "server/auth/server_credentials.h"
#include "server/common/malloc_tuning.h"
#include "server/common/lucene.h"
#include "server/common/thread_pool.h"
#include "server/index/index_manager.h"
#include "server/query/search_engine.h"
#include "server/query/split_search.h"
#include "server/service/services.h"
#include "server/service/warmup.h"

namespace po = boost::program_options;
using namespace briefsearch;

namespace {

struct Flags {
  std::string listen = "127.0.0.1:7700";
  std::string data_dir = "data";
  std::string port_file;
  int search_threads = 2;
  // Searches that may run on gRPC's own threads, one at a time (service/inline_gate.h).
  bool inline_searches = true;
  // One search alone on the server is scored in two halves on two cores.
  int split_threads = query::DefaultSplitThreads();
  // Writers waiting together share one log fsync (group commit), so more than one ingest thread
  // raises throughput when several clients upsert at once.
  int ingest_threads = 4;
  int merge_when_idle_s = 60;
  int idle_merge_segments = 1;
  int commit_interval_ms = 2000;
  int max_queue = 256;
  int max_message_mb = 64;
  double bm25_k1 = 1.2;
  double bm25_b = 0.75;
  double title_boost = 2.0;
  int result_cache_mb = 64;
  int64_t track_total_hits = 0;  // 0: exact counts unless a request asks otherwise
  int64_t verify_sync_max_mb = index::IndexOptions().verify_sync_max_mb;
  int64_t gram_fallback_below = query::PlannerOptions().gram_fallback_below;
  auth::TransportOptions transport;
};

bool ParseFlags(int argc, char** argv, Flags* f) {
  po::options_description desc("briefsearchd options");
  desc.add_options()("help,h", "show this help")(
      "listen", po::value(&f->listen)->default_value(f->listen),
      "address to serve on (host:port, or unix:/path/to.sock)")(
      "data-dir", po::value(&f->data_dir)->default_value(f->data_dir),
      "directory holding the index and the write-ahead log")(
      "port-file", po::value(&f->port_file),
      "after start, write the bound address here (use with --listen 127.0.0.1:0)")(
      "search-threads", po::value(&f->search_threads)->default_value(f->search_threads),
      "fixed number of search worker threads")(
      "inline-searches", po::value(&f->inline_searches)->default_value(f->inline_searches),
      "a search arriving while no other runs is run on the gRPC thread that took the call, "
      "saving the hand-off to a worker and back (0 = every search on a worker)")(
      "split-threads", po::value(&f->split_threads)->default_value(f->split_threads),
      "threads that score half of a search while no other search runs (0 = never split)")(
      "track-total-hits", po::value(&f->track_total_hits)->default_value(f->track_total_hits),
      "for requests that leave track_total_hits 0: count matches exactly up to this many, then "
      "skip articles that cannot reach the page (total_hits becomes a lower bound; 0 = always "
      "count exactly)")(
      "ingest-threads", po::value(&f->ingest_threads)->default_value(f->ingest_threads),
      "threads applying upserts and deletes (concurrent writes share one log fsync)")(
      "merge-when-idle-s", po::value(&f->merge_when_idle_s)->default_value(f->merge_when_idle_s),
      "after this many seconds without a write, merge the index in the background (0 = never)")(
      "idle-merge-segments",
      po::value(&f->idle_merge_segments)->default_value(f->idle_merge_segments),
      "segments the idle merge leaves (fewer segments: faster searches, longer merges)")(
      "commit-interval-ms", po::value(&f->commit_interval_ms)->default_value(f->commit_interval_ms),
      "how often pending writes are committed to Lucene++ (they are durable in the log at once)")(
      "max-queue", po::value(&f->max_queue)->default_value(f->max_queue),
      "calls allowed to wait for a worker before RESOURCE_EXHAUSTED")(
      "max-message-mb", po::value(&f->max_message_mb)->default_value(f->max_message_mb),
      "largest request accepted, in MiB")(
      "bm25-k1", po::value(&f->bm25_k1)->default_value(f->bm25_k1),
      "BM25 term-frequency saturation (0 = ignore tf)")(
      "bm25-b", po::value(&f->bm25_b)->default_value(f->bm25_b),
      "BM25 length normalisation, 0-1 (0 = ignore article length)")(
      "title-boost", po::value(&f->title_boost)->default_value(f->title_boost),
      "how much more a match in the title counts than one in the body")(
      "result-cache-mb", po::value(&f->result_cache_mb)->default_value(f->result_cache_mb),
      "memory for recent search responses, reused until the index changes (0 = no cache)")(
      "verify-sync-max-mb", po::value(&f->verify_sync_max_mb)->default_value(f->verify_sync_max_mb),
      "index files up to this size are checked against their checksums before serving, bigger "
      "ones in the background after (0 = all but segments_N after; a huge value = all before)")(
      "gram-fallback-below",
      po::value(&f->gram_fallback_below)->default_value(f->gram_fallback_below),
      "a query word found in fewer documents than this is also matched inside compounds (by its "
      "bigram phrase, slower); 0 = only words the index does not have")(
      "tls-cert", po::value(&f->transport.tls_cert_file),
      "PEM certificate chain: serve TLS (with --tls-key)")(
      "tls-key", po::value(&f->transport.tls_key_file), "PEM private key of --tls-cert")(
      "tls-client-ca", po::value(&f->transport.tls_client_ca_file),
      "PEM CA certificates: require client certificates signed by them (mutual TLS)")(
      "tokens-file", po::value(&f->transport.tokens_file),
      "bearer tokens with roles, one 'read|write TOKEN|sha256:HEX [NAME]' a line "
      "(see docs/SECURITY.md); every call then needs a token; SIGHUP re-reads it")(
      "anonymous-read", po::bool_switch(&f->transport.anonymous_read),
      "with --tokens-file: searches and lookups need no token, writes still do");
  po::variables_map vm;
  try {
    po::store(po::parse_command_line(argc, argv, desc), vm);
    po::notify(vm);
  } catch (const std::exception& e) {
    std::cerr << "briefsearchd: " << e.what() << "\n" << desc;
    return false;
  }
  if (vm.count("help")) {
    std::cout << desc;
    std::exit(0);
  }
  if (f->bm25_k1 < 0 || f->bm25_k1 > 10 || f->bm25_b < 0 || f->bm25_b > 1 || f->title_boost <= 0 ||
      f->gram_fallback_below < 0 || f->result_cache_mb < 0 || f->verify_sync_max_mb < 0) {
    std::cerr << "briefsearchd: --bm25-k1 must be 0-10, --bm25-b 0-1, --title-boost > 0, "
                 "--gram-fallback-below >= 0, --result-cache-mb >= 0, --verify-sync-max-mb >= 0\n";
    return false;
  }
  if (f->merge_when_idle_s < 0 || f->idle_merge_segments < 1) {
    std::cerr << "briefsearchd: --merge-when-idle-s must be >= 0, --idle-merge-segments >= 1\n";
    return false;
  }
  if (f->ingest_threads < 1 || f->ingest_threads > 64) {
    std::cerr << "briefsearchd: --ingest-threads must be 1-64\n";
    return false;
  }
  if (f->track_total_hits < 0) {
    std::cerr << "briefsearchd: --track-total-hits must be >= 0\n";
    return false;
  }
  if (f->split_threads < 0 || f->split_threads > 64) {
    std::cerr << "briefsearchd: --split-threads must be 0-64\n";
    return false;
  }
  if (f->search_threads < 1 || f->search_threads > 64) {
    std::cerr << "briefsearchd: --search-threads must be 1-64\n";
    return false;
  }
  f->transport.listen = f->listen;
  return true;
}

// Blocks SIGTERM/SIGINT (stop) and SIGHUP (reload the tokens file) in every thread (call before
// starting any) and returns the set.
sigset_t BlockStopSignals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGHUP);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  return set;
}

}  // namespace

int main(int argc, char** argv) {
  SetLogProgramName("briefsearchd");
  TuneMallocForServer();
  Flags flags;
  if (!ParseFlags(argc, argv, &flags)) return 2;
  const sigset_t stop_signals = BlockStopSignals();
  // Before the index opens: a bad certificate or tokens file should fail in milliseconds.
  auto transport = auth::MakeServerTransport(flags.transport);
  if (!transport.ok()) {
    LogError("%s", transport.status().ToString());
    return 2;
  }

  analysis::Analyzer analyzer;
  index::IndexOptions options;
  options.data_dir = flags.data_dir;
  options.commit_interval = std::chrono::milliseconds(flags.commit_interval_ms);
  options.merge_when_idle = std::chrono::seconds(flags.merge_when_idle_s);
  options.idle_merge_segments = flags.idle_merge_segments;
  options.verify_sync_max_mb = flags.verify_sync_max_mb;
  auto opened = index::IndexManager::Open(options, &analyzer);
  if (!opened.ok()) {
    LogError("cannot open data directory %s: %s", flags.data_dir, opened.status().ToString());
    return 1;
  }
  std::unique_ptr<index::IndexManager> index = std::move(*opened);
  const index::RecoveryReport& rec = index->recovery();
  LogInfo("opened %s: commit at sequence %d, %d log records replayed, %d torn bytes cut",
          flags.data_dir, rec.committed_sequence, rec.replayed, rec.torn_bytes_cut);

  query::PlannerOptions planner_options;
  planner_options.bm25 = {flags.bm25_k1, flags.bm25_b};
  planner_options.title_boost = flags.title_boost;
  planner_options.gram_fallback_below = flags.gram_fallback_below;
  // Declared before the engine, which refers to it, so that it is destroyed after it.
  const std::unique_ptr<ThreadPool> split_pool = query::MakeSplitPool(flags.split_threads);
  query::SearchLimits limits;
  limits.track_total_hits = flags.track_total_hits;
  query::SearchEngine engine(&analyzer, limits, planner_options, split_pool.get());
  ThreadPool search_pool("bs-search", flags.search_threads, static_cast<size_t>(flags.max_queue));
  ThreadPool ingest_pool("bs-ingest", flags.ingest_threads, static_cast<size_t>(flags.max_queue));
  if (absl::Status s = service::WarmUp(index.get(), &engine, &search_pool); !s.ok()) {
    LogError("warm-up failed: %s", s.ToString());
    return 1;
  }

  query::ResultCache result_cache(static_cast<size_t>(flags.result_cache_mb) << 20);
  // gRPC 1.51 runs callback handlers on two fixed threads; four leaves room for another build.
  // Inline only while no other search runs: under load the workers keep both cores busy and
  // gRPC's threads stay free to take and answer calls (measured: docs/BENCHMARKS.md).
  service::InlineGate inline_gate(flags.inline_searches ? 4 : 0, /*max_searches=*/1);
  service::ServiceContext ctx{index.get(), &engine, &search_pool, &ingest_pool, &result_cache,
                              &inline_gate};
  service::SearchServiceImpl search_service(ctx);
  service::IngestServiceImpl ingest_service(ctx);
  grpc::EnableDefaultHealthCheckService(true);
  grpc::reflection::InitProtoReflectionServerBuilderPlugin();
  grpc::ServerBuilder builder;
  int port = 0;
  builder.AddListeningPort(flags.listen, transport->credentials, &port);
  builder.SetMaxReceiveMessageSize(flags.max_message_mb << 20);
  builder.SetMaxSendMessageSize(flags.max_message_mb << 20);
  // Bounded resources against misbehaving or hostile clients (Debian's gRPC 1.51 has known HTTP/2
  // denial-of-service CVEs; see docs on exposing the service): streams per connection, keepalive
  // pings no more often than every 10 s, and a memory quota for the transport.
  builder.AddChannelArgument(GRPC_ARG_MAX_CONCURRENT_STREAMS, 64);
  builder.AddChannelArgument(GRPC_ARG_HTTP2_MIN_RECV_PING_INTERVAL_WITHOUT_DATA_MS, 10000);
  builder.AddChannelArgument(GRPC_ARG_HTTP2_MAX_PING_STRIKES, 3);
  builder.AddChannelArgument(GRPC_ARG_KEEPALIVE_PERMIT_WITHOUT_CALLS, 0);
  builder.AddChannelArgument(GRPC_ARG_MAX_CONNECTION_IDLE_MS, 30 * 60 * 1000);
  grpc::ResourceQuota quota("briefsearchd");
  quota.Resize(static_cast<size_t>(flags.max_message_mb) * 8 << 20);
  builder.SetResourceQuota(quota);
  builder.RegisterService(&search_service);
  builder.RegisterService(&ingest_service);
  std::unique_ptr<grpc::Server> server = builder.BuildAndStart();
  if (server == nullptr) {
    LogError("cannot listen on %s", flags.listen);
    return 1;
  }
  std::string bound = flags.listen;
  if (flags.listen.rfind("unix:", 0) != 0) {
    bound = absl::StrCat(flags.listen.substr(0, flags.listen.rfind(':')), ":", port);
  }
  if (!IsLoopbackAddress(bound)) {
    LogWarning("listening on a non-loopback address %s: put a TLS-terminating proxy in front "
               "(docs/SECURITY.md)%s",
               bound, flags.transport.tokens_file.empty() ? "; without --tokens-file anyone who "
                                                            "reaches it can read and write" : "");
  }
  if (!flags.port_file.empty()) {
    if (absl::Status s = WriteFileDurably(flags.port_file, bound + "\n"); !s.ok()) {
      LogError("cannot write --port-file: %s", s.ToString());
    }
  }
  LogInfo("listening on %s (%s) with %d search threads", bound, transport->description,
          flags.search_threads);
  // Only now: the check's reads would otherwise compete with opening, warm-up and first searches.
  index->StartDeferredCheck([&server](const absl::Status& s) {
    LogError("index unrecoverable (%s): health NOT_SERVING; searches answer from what was open",
             s.ToString());
    server->GetHealthCheckService()->SetServingStatus(false);
  });

  int sig = 0;
  while (sigwait(&stop_signals, &sig) == 0 && sig == SIGHUP) {
    auto reloaded = auth::ReloadTokens(flags.transport, &*transport);
    if (reloaded.ok()) {
      LogInfo("SIGHUP: %d bearer tokens in force from %s", *reloaded, flags.transport.tokens_file);
    } else {
      LogError("SIGHUP: tokens not reloaded, the previous ones stay: %s",
               reloaded.status().ToString());
    }
  }
  LogInfo("signal %d: stopping; finishing calls in flight", sig);
  server->Shutdown(std::chrono::system_clock::now() + std::chrono::seconds(10));
  server->Wait();
  LogInfo("calls finished; committing");
  absl::Status closed = index->Close();

  if (!closed.ok()) {
    LogError("final commit failed (the log keeps every write): %s", closed.ToString());
    return 1;
  }
  LogInfo("stopped cleanly at sequence %d", index->LastSequence());
  return 0;
}
