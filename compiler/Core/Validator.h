//===- Validator.h - Core WebAssembly validation ----------------*- C++ -*-===//
//
// Checks a decoded Module against the typing rules of the core spec (Wasm
// 2.0 with tail calls, extended-const and multi-memory), so that the code
// generator can trust every index, type and stack height it reads. Errors
// are InputErrors at the offset of the offending instruction or entry, with
// messages in the spec test suite's words ("type mismatch", "unknown
// local", ...).
//
//===----------------------------------------------------------------------===//

#ifndef WELD_CORE_VALIDATOR_H
#define WELD_CORE_VALIDATOR_H

#include "Core/Module.h"

#include "llvm/Support/Error.h"

#include <memory>

namespace weld::core {

/// Validates the whole module: module-level rules, then every body.
llvm::Error validateModule(const Module &M, const Features &F = Features());

/// decodeModule() followed by validateModule(): the usual entry point.
llvm::Expected<std::unique_ptr<Module>>
loadModule(llvm::ArrayRef<uint8_t> Bytes, uint64_t BaseOffset = 0,
           const Features &F = Features());

} // namespace weld::core

#endif
