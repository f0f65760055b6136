// briefsearch: command line over libbriefsearch_client.
#include <unistd.h>

#include <cstdlib>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_join.h"
#include "briefsearch/client.h"
#include "briefsearch/credentials.h"
#include "client/cli/output.h"

namespace {

using briefsearch::Client;

constexpr char kUsage[] = R"(usage: briefsearch [--server ADDR] [--timeout-ms N] [--token-file FILE]
                   [--tls-ca FILE [--tls-cert FILE --tls-key FILE]] COMMAND [ARGS]

commands:
  search [--publisher P]... [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--limit N]
         [--page-token T] [--recent] [--explain] [--track-total-hits N] [--json] QUERY...
                          ranked search; P is KOSTEC, KIC, KIEP or OTHER; --track-total-hits:
                          count exactly up to N matches, then faster, "at least N" counts
  get ARTICLE_ID [--json]  one article with its full text
  issue ISSUE_ID [--json]  an issue and its articles in order
  stats [--json]           index statistics
  list [--limit N] [--page-token T] [--json]
                          indexed issues in id order
  delete ISSUE_ID          remove an issue and its articles
  analyze [--json] TEXT... the tokens each indexed field gets for TEXT

--server defaults to $BRIEFSEARCH_SERVER, else 127.0.0.1:7700. --token-file (default
$BRIEFSEARCH_TOKEN_FILE) holds a bearer token, mode 600; --tls-ca turns TLS on and names the CA
that signed the server certificate; --tls-cert/--tls-key are a client certificate (mutual TLS).
query language: words (all must match), "phrases", -exclude, OR, ( ), title: section:
publisher:KIC after:2023-01-01 before:2023-12-31
)";

struct Args {
  std::string command;
  std::vector<std::string> positional;
  std::map<std::string, std::vector<std::string>> options;  // --name -> values
  bool json = false;
  bool explain = false;
  bool recent = false;
};

int UsageError(const std::string& message) {
  std::cerr << "briefsearch: " << message << "\n\n" << kUsage;
  return 2;
}

// Flags that take a value; every other --flag is boolean.
bool TakesValue(const std::string& name) {
  return name == "server" || name == "timeout-ms" || name == "publisher" || name == "from" ||
         name == "to" || name == "limit" || name == "page-token" || name == "token-file" ||
         name == "tls-ca" || name == "tls-cert" || name == "tls-key" || name == "track-total-hits";
}

bool ParseArgs(int argc, char** argv, Args* args, std::string* error) {
  bool only_positional = false;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (!only_positional && a == "--") {
      only_positional = true;
    } else if (!only_positional && a.rfind("--", 0) == 0 && a.size() > 2) {
      std::string name = a.substr(2), value;
      const size_t eq = name.find('=');
      const bool inline_value = eq != std::string::npos;
      if (inline_value) {
        value = name.substr(eq + 1);
        name = name.substr(0, eq);
      }
      if (name == "json") {
        args->json = true;
      } else if (name == "explain") {
        args->explain = true;
      } else if (name == "recent") {
        args->recent = true;
      } else if (name == "help") {
        std::cout << kUsage;
        std::exit(0);
      } else if (!TakesValue(name)) {
        *error = "unknown option --" + name;
        return false;
      } else {
        if (!inline_value) {
          if (i + 1 >= argc) {
            *error = "--" + name + " needs a value";
            return false;
          }
          value = argv[++i];
        }
        args->options[name].push_back(value);
      }
    } else if (args->command.empty()) {
      args->command = a;
    } else {
      args->positional.push_back(a);
    }
  }
  if (args->command.empty()) {
    *error = "no command given";
    return false;
  }
  return true;
}

std::string Option(const Args& args, const std::string& name, const std::string& fallback = "") {
  auto it = args.options.find(name);
  return it == args.options.end() ? fallback : it->second.back();
}

int Fail(const absl::Status& s) {
  std::cerr << "briefsearch: " << absl::StatusCodeToString(s.code()) << ": " << s.message() << "\n";
  return 1;
}

template <typename T, typename ToJson, typename ToText>
int Print(const absl::StatusOr<T>& result, bool json, ToJson to_json, ToText to_text) {
  if (!result.ok()) return Fail(result.status());
  if (json) {
    std::cout << to_json(*result).dump() << "\n";
  } else {
    std::cout << to_text(*result);
  }
  return 0;
}

int RunSearch(Client& client, const Args& args) {
  if (args.positional.empty()) return UsageError("search needs a QUERY");
  briefsearch::SearchRequest request;
  request.query = absl::StrJoin(args.positional, " ");
  if (auto it = args.options.find("publisher"); it != args.options.end()) {
    for (const std::string& p : it->second) {
      auto parsed = briefsearch::ParsePublisher(p);
      if (!parsed) return UsageError("unknown publisher \"" + p + "\" (KOSTEC, KIC, KIEP, OTHER)");
      request.publishers.push_back(*parsed);
    }
  }
  request.published_from = Option(args, "from");
  request.published_to = Option(args, "to");
  request.page_token = Option(args, "page-token");
  request.explain = args.explain;
  request.prefer_recent = args.recent;
  if (!absl::SimpleAtoi(Option(args, "limit", "10"), &request.limit)) {
    return UsageError("--limit needs a number");
  }
  if (!absl::SimpleAtoi(Option(args, "track-total-hits", "0"), &request.track_total_hits)) {
    return UsageError("--track-total-hits needs a number");
  }
  const bool color = isatty(STDOUT_FILENO) && std::getenv("NO_COLOR") == nullptr;
  return Print(client.Search(request), args.json, briefsearch::cli::SearchToJson,
               [&](const briefsearch::SearchResult& r) {
                 return briefsearch::cli::SearchToText(request.query, r, color);
               });
}

int RunList(Client& client, const Args& args) {
  int limit = 100;
  if (!absl::SimpleAtoi(Option(args, "limit", "100"), &limit)) return UsageError("--limit needs a number");
  auto page = client.ListIssues(limit, Option(args, "page-token"));
  return Print(
      page, args.json,
      [](const briefsearch::IssuePage& p) {
        nlohmann::ordered_json issues = nlohmann::ordered_json::array();
        for (const auto& i : p.issues) issues.push_back(briefsearch::cli::IssueToJson(i));
        return nlohmann::ordered_json{{"issues", issues}, {"next_page_token", p.next_page_token}};
      },
      [](const briefsearch::IssuePage& p) {
        std::string out;
        for (const auto& i : p.issues) {
          out += i.issue_id + "\t" + briefsearch::PublisherName(i.publisher) + "\t" + i.published +
                 "\t" + std::to_string(i.article_count) + "\t" + i.title + "\n";
        }
        if (!p.next_page_token.empty()) out += "more: --page-token " + p.next_page_token + "\n";
        return out;
      });
}

int Dispatch(Client& client, const Args& args) {
  namespace cli = briefsearch::cli;
  const std::string& cmd = args.command;
  if (cmd == "search") return RunSearch(client, args);
  if (cmd == "stats") return Print(client.GetStats(), args.json, cli::StatsToJson, cli::StatsToText);
  if (cmd == "list") return RunList(client, args);
  if (cmd == "analyze") {
    if (args.positional.empty()) return UsageError("analyze needs TEXT");
    return Print(client.Analyze(absl::StrJoin(args.positional, " ")), args.json, cli::AnalyzeToJson,
                 cli::AnalyzeToText);
  }
  if (cmd != "get" && cmd != "issue" && cmd != "delete") return UsageError("unknown command \"" + cmd + "\"");
  if (args.positional.size() != 1) return UsageError(cmd + " needs exactly one id");
  const std::string& id = args.positional[0];
  if (cmd == "get") return Print(client.GetArticle(id), args.json, cli::ArticleToJson, cli::ArticleToText);
  if (cmd == "issue") return Print(client.GetIssue(id), args.json, cli::IssueToJson, cli::IssueToText);
  auto deleted = client.DeleteIssue(id);
  if (!deleted.ok()) return Fail(deleted.status());
  std::cout << "deleted issue " << id << " (" << *deleted << " articles)\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  Args args;
  std::string error;
  if (!ParseArgs(argc, argv, &args, &error)) return UsageError(error);
  briefsearch::ClientOptions options;
  if (const char* env = std::getenv("BRIEFSEARCH_SERVER"); env != nullptr && *env != '\0') {
    options.server = env;
  }
  options.server = Option(args, "server", options.server);
  int timeout_ms = 10000;
  if (!absl::SimpleAtoi(Option(args, "timeout-ms", "10000"), &timeout_ms) || timeout_ms <= 0) {
    return UsageError("--timeout-ms needs a positive number");
  }
  options.timeout = std::chrono::milliseconds(timeout_ms);
  const briefsearch::CredentialFlags credentials{Option(args, "token-file"), Option(args, "tls-ca"),
                                                 Option(args, "tls-cert"), Option(args, "tls-key")};
  if (absl::Status s = briefsearch::ApplyCredentialFlags(credentials, &options); !s.ok()) {
    return Fail(s);
  }
  auto client = Client::Connect(options);
  if (!client.ok()) return Fail(client.status());
  return Dispatch(**client, args);
}
