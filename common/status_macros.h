// RETURN_IF_ERROR / ASSIGN_OR_RETURN: the installed Abseil (20220623) does not ship them.
#pragma once

#include "absl/status/status.h"
#include "absl/status/statusor.h"

#define BS_CONCAT_INNER_(a, b) a##b
#define BS_CONCAT_(a, b) BS_CONCAT_INNER_(a, b)

#define RETURN_IF_ERROR(expr)                          \
  do {                                                 \
    ::absl::Status bs_status_ = (expr);                \
    if (!bs_status_.ok()) return bs_status_;           \
  } while (0)

#define ASSIGN_OR_RETURN(lhs, expr) \
  BS_ASSIGN_OR_RETURN_IMPL_(BS_CONCAT_(bs_statusor_, __LINE__), lhs, expr)

#define BS_ASSIGN_OR_RETURN_IMPL_(tmp, lhs, expr) \
  auto tmp = (expr);                              \
  if (!tmp.ok()) return std::move(tmp).status();  \
  lhs = std::move(tmp).value()
