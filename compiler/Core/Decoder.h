//===- Decoder.h - Core WebAssembly binary decoder --------------*- C++ -*-===//
//
// Entry points of the core frontend. decodeModule() turns the bytes of a
// core module (a file, or a module embedded in a component) into a Module,
// enforcing the binary format; loadModule() in Validator.h also validates
// it, which is what every user that compiles code wants.
//
//===----------------------------------------------------------------------===//

#ifndef WELD_CORE_DECODER_H
#define WELD_CORE_DECODER_H

#include "Core/Module.h"
#include "Support/ByteReader.h"

#include "llvm/Support/Error.h"

#include <memory>

namespace weld::core {

/// Decodes the core module in Bytes, whose first byte is at absolute file
/// offset BaseOffset (non-zero for modules embedded in a component). The
/// Module points into Bytes, which must outlive it. Errors are InputErrors
/// carrying the offending offset.
llvm::Expected<std::unique_ptr<Module>>
decodeModule(llvm::ArrayRef<uint8_t> Bytes, uint64_t BaseOffset = 0);

/// Decodes a constant expression at R up to and including its `end`.
/// Instructions that can never be constant are rejected here ("constant
/// expression required"); the validator checks types and indices.
llvm::Expected<ConstExpr> readConstExpr(ByteReader &R);

/// True when Bytes start like a core module (magic and version 1).
bool looksLikeCoreModule(llvm::ArrayRef<uint8_t> Bytes);

} // namespace weld::core

#endif
