//===- core_decode_fuzzer.cpp - libFuzzer target for the core frontend ----===//
//
// Feeds arbitrary bytes to decodeModule() and validateModule(), then walks
// every body of a valid module once more with InstrReader, as the code
// generator would. Any crash, sanitizer report, hang or large allocation is
// a bug: input must only ever produce an llvm::Error.
//
//===----------------------------------------------------------------------===//

#include "Core/Decoder.h"
#include "Core/InstrReader.h"
#include "Core/Validator.h"

#include <cstddef>
#include <cstdint>

using namespace weld::core;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  llvm::ArrayRef<uint8_t> Bytes(Data, Size);
  auto M = loadModule(Bytes, /*BaseOffset=*/0x10);
  if (!M) {
    llvm::consumeError(M.takeError());
    return 0;
  }
  // A validated module must decode again without errors.
  for (const Function &F : (*M)->Funcs) {
    if (F.Imported)
      continue;
    InstrReader R(F.Code, F.CodeOffset);
    Instr I;
    while (!R.atEnd())
      if (llvm::Error E = R.read(I))
        __builtin_trap();
  }
  return 0;
}
