//===- Values.h - spec-test values in JSON form --------------*- C++ -*-===//
//
// `wasm-tools json-from-wast` writes values as {"type": T, "value": V} with
// integers and float bit patterns as decimal strings, NaN patterns as
// "nan:canonical"/"nan:arithmetic", v128 as lanes of a "lane_type", and
// references as "null" or a number. The host represents externref N as the
// pointer value N + 1 so that externref 0 is not null.
//
//===----------------------------------------------------------------------===//

#ifndef WELD_TEST_TOOLS_VALUES_H
#define WELD_TEST_TOOLS_VALUES_H

#include "weld/runtime.h"

#include "llvm/Support/JSON.h"

#include <string>

namespace weld::host {

/// Parses an argument value; false with Msg on a value it cannot express.
bool parseValue(const llvm::json::Value &V, weld_value &Out, std::string &Msg);

/// Checks Actual against an expected value (NaN patterns allowed).
bool valueMatches(const llvm::json::Value &Expected, const weld_value &Actual,
                  std::string &Msg);

/// True when a trap of kind Kind is what message Want describes (one is a
/// prefix of the other: "uninitialized element 2" matches).
bool trapMatches(weld_trap_kind Kind, const std::string &Want);

} // namespace weld::host

#endif
