// A fresh temporary directory per test fixture, removed with everything in it on destruction.
#pragma once

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <string>

namespace briefsearch::testing_util {

class TempDir {
 public:
  TempDir() {
    std::string tmpl =
        (std::filesystem::temp_directory_path() / "briefsearch_test.XXXXXX").string();
    if (::mkdtemp(tmpl.data()) == nullptr) ADD_FAILURE() << "mkdtemp failed";
    path_ = tmpl;
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::string& path() const { return path_; }
  std::string Sub(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

// Copies the directory tree `from` to `to` while a live process may still be deleting files in it
// (a commit removing the files of an older one): a file gone before it could be copied is left out,
// as it would be from the disk of a machine that crashed at that moment.
inline void CopyLiveDirectory(const std::string& from, const std::string& to) {
  namespace fs = std::filesystem;
  fs::create_directories(to);
  std::error_code ec;
  for (fs::recursive_directory_iterator it(from, ec), end; !ec && it != end; it.increment(ec)) {
    const fs::path target = fs::path(to) / fs::relative(it->path(), from);
    std::error_code entry_ec;
    if (it->is_directory(entry_ec)) {
      fs::create_directories(target);
    } else {
      fs::copy_file(it->path(), target, entry_ec);  // ENOENT: deleted meanwhile
    }
  }
}

}  // namespace briefsearch::testing_util
