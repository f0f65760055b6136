#include "server/common/lucene_status.h"

#include <cerrno>
#include <new>
#include <string>

#include "server/common/lucene.h"
#include "absl/strings/str_cat.h"
#include "common/utf8.h"

namespace briefsearch {

absl::Status CurrentExceptionToStatus(std::string_view what) {
  try {
    throw;
  } catch (const Lucene::TimeExceededException&) {
    return absl::DeadlineExceededError(absl::StrCat(std::string(what), ": deadline exceeded; stopped"));
  } catch (const Lucene::IOException& e) {
    // Lucene++ hides errno; ENOSPC still shows in the message text of the failed write.
    const std::string msg = WideToUtf8(e.getError());
    if (msg.find("No space") != std::string::npos || errno == ENOSPC) {
      return absl::ResourceExhaustedError(absl::StrCat(std::string(what), ": disk full: ", msg));
    }
    return absl::InternalError(absl::StrCat(std::string(what), ": I/O error: ", msg));
  } catch (const Lucene::LuceneException& e) {
    return absl::InternalError(absl::StrCat(std::string(what), ": ", WideToUtf8(e.getError())));
  } catch (const std::bad_alloc&) {
    return absl::ResourceExhaustedError(absl::StrCat(std::string(what), ": out of memory"));
  } catch (const std::exception& e) {
    return absl::InternalError(absl::StrCat(std::string(what), ": ", e.what()));
  } catch (...) {
    return absl::InternalError(absl::StrCat(std::string(what), ": unknown exception"));
  }
}

}  // namespace briefsearch
