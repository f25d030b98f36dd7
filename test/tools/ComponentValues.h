//===- ComponentValues.h - values of the component spec-test host -*- C++ -*-===//
//
// The type strings of weld/component.h parsed into HType trees, the host
// ABI's layout of each type (the canonical ABI's memory layout with 64-bit
// pointers), and conversions between that layout and the JSON values of
// `wasm-tools json-from-wast` scripts.
//
//===----------------------------------------------------------------------===//

#ifndef WELD_TEST_TOOLS_COMPONENTVALUES_H
#define WELD_TEST_TOOLS_COMPONENTVALUES_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/JSON.h"

#include <memory>
#include <string>
#include <vector>

namespace weld::chost {

using llvm::StringRef;

/// A parsed type string.
struct HType {
  std::string Kind; // bool, u32, string, list, record, variant, ...
  std::vector<std::string> Names;
  std::vector<std::shared_ptr<HType>> Elems; // null: no payload
  uint32_t Length = 0;                       // fixed lists
  bool Fixed = false;
};
using HTypeP = std::shared_ptr<HType>;

class TypeParser {
public:
  explicit TypeParser(StringRef S) : S(S) {}
  HTypeP type();
  bool func(std::vector<std::string> &Names, std::vector<HTypeP> &Params,
            HTypeP &Result);

private:
  bool eat(char C) {
    if (!S.empty() && S[0] == C) {
      S = S.drop_front();
      return true;
    }
    return false;
  }
  std::string ident() {
    size_t N = 0;
    while (N < S.size() && (isalnum((unsigned char)S[N]) || S[N] == '-' ||
                            S[N] == '_' || S[N] == '%'))
      ++N;
    std::string R = S.take_front(N).str();
    S = S.drop_front(N);
    return R;
  }
  StringRef S;
};

uint64_t alignUp(uint64_t V, uint64_t A);
uint64_t alignOf(const HTypeP &T);
uint64_t sizeOf(const HTypeP &T);

/// Writes value V of type T at P (native memory), recording malloc'd
/// buffers in Allocs. Returns false when V does not fit T.
bool store(const HTypeP &T, const llvm::json::Value &V, uint8_t *P,
           std::vector<void *> &Allocs);
/// Reads a value of type T at P into the script's JSON form.
llvm::json::Value loadValue(const HTypeP &T, const uint8_t *P);
/// Compares a result with the script's expectation (NaN patterns for
/// floats, numbers as decimal strings).
bool valuesEqual(const llvm::json::Value &Got, const llvm::json::Value &Want);

} // namespace weld::chost

#endif
