#include "server/index/checked_directory.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <mutex>

#include "common/utf8.h"

namespace briefsearch::index {

struct WriteFailures {
  std::atomic<int64_t> count{0};
  mutable std::mutex mu;  // guards the two fields below
  int last_errno = 0;
  std::string last;

  // Records the failure and throws the IOException Lucene++ expects from a failed write. The
  // message carries strerror, so CurrentExceptionToStatus maps ENOSPC to RESOURCE_EXHAUSTED.
  [[noreturn]] void Fail(int err, const std::string& what) {
    {
      std::lock_guard<std::mutex> l(mu);
      last_errno = err;
      last = what;
    }
    count.fetch_add(1);
    boost::throw_exception(Lucene::IOException(Utf8ToWide(what + ": " + std::strerror(err))));
  }
};

namespace {

// One index file being written: Lucene++'s buffering, then pwrite at the buffer's file offset with
// every result checked.
class CheckedIndexOutput : public Lucene::BufferedIndexOutput {
 public:
  CheckedIndexOutput(std::string path, int fd, std::shared_ptr<WriteFailures> failures)
      : path_(std::move(path)), fd_(fd), failures_(std::move(failures)) {}
  ~CheckedIndexOutput() override {
    if (fd_ >= 0) ::close(fd_);
  }
  using String = Lucene::String;
  LUCENE_CLASS(CheckedIndexOutput);

  void flushBuffer(const uint8_t* b, int32_t offset, int32_t length) override {
    // BufferedIndexOutput calls this before advancing bufferStart: it is where these bytes go.
    int64_t at = bufferStart;
    const uint8_t* p = b + offset;
    auto left = static_cast<size_t>(length);
    while (left > 0) {
      const ssize_t n = ::pwrite(fd_, p, left, static_cast<off_t>(at));
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) failures_->Fail(n < 0 ? errno : EIO, "write " + path_);
      p += n;
      at += n;
      left -= static_cast<size_t>(n);
    }
  }

  void close() override {
    if (fd_ < 0) return;
    struct Closer {  // the descriptor goes even when the last flush throws
      int& fd;
      ~Closer() {
        ::close(fd);
        fd = -1;
      }
    } closer{fd_};
    Lucene::BufferedIndexOutput::close();
  }

  int64_t length() override {
    struct stat st {};
    if (::fstat(fd_, &st) != 0) failures_->Fail(errno, "stat " + path_);
    return st.st_size;
  }

 private:
  std::string path_;
  int fd_;
  std::shared_ptr<WriteFailures> failures_;
};

}  // namespace

CheckedDirectory::CheckedDirectory(const Lucene::String& path)
    : Lucene::MMapDirectory(path), failures_(std::make_shared<WriteFailures>()) {}

CheckedDirectory::~CheckedDirectory() = default;

Lucene::IndexOutputPtr CheckedDirectory::createOutput(const Lucene::String& name) {
  initOutput(name);  // creates the directory, removes an old file of that name
  const std::string path = WideToUtf8(directory) + "/" + WideToUtf8(name);
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) failures_->Fail(errno, "create " + path);
  return Lucene::newLucene<CheckedIndexOutput>(path, fd, failures_);
}

void CheckedDirectory::sync(const Lucene::String& name) {
  ensureOpen();
  const std::string path = WideToUtf8(directory) + "/" + WideToUtf8(name);
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) failures_->Fail(errno, "open for fsync " + path);
  const int rc = ::fsync(fd);
  const int err = errno;
  ::close(fd);
  if (rc != 0) failures_->Fail(err, "fsync " + path);
}

int64_t CheckedDirectory::failures() const { return failures_->count.load(); }

int CheckedDirectory::last_errno() const {
  std::lock_guard<std::mutex> l(failures_->mu);
  return failures_->last_errno;
}

std::string CheckedDirectory::last_failure() const {
  std::lock_guard<std::mutex> l(failures_->mu);
  return failures_->last;
}

}  // namespace briefsearch::index
