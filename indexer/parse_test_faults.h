// Faults on demand in the parse child, for the tests of its isolation (a crash, a loop, a memory
// bomb in the middle of a run of good files). Only with `parse-server --test-faults`, which the
// indexer passes on only under its hidden `--parse-test-faults` flag: a file whose first line is
// "briefsearch-test-fault: WHAT" then makes the child
//   crash      die of SIGSEGV              loop     spin on the CPU forever
//   alloc      allocate until refused, then abort() as a C library would
//   exit       exit(3) without answering   sleep    wait forever without using CPU
//   wrong-id   answer under another request's id
//   stdout     print to its stdout, then parse the rest of the file normally
#pragma once

#include <string_view>

#include "indexer/pipeline/parse_frames.h"

namespace briefsearch::indexer {

// Acts on the fault `*bytes` asks for, if any (most never return). Returns true when the file is
// to be parsed as usual (`*bytes` then holds what follows the fault line), false when `*response`
// is the answer.
bool InjectTestFault(std::string_view* bytes, pipeline::ParseResponse* response);

}  // namespace briefsearch::indexer
