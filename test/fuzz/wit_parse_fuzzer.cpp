//===- wit_parse_fuzzer.cpp - libFuzzer target for WIT text ---------------===//
//
// Feeds arbitrary bytes to the WIT lexer, parser and resolver as one
// in-memory file (every @unstable feature on, so gated items are resolved
// too) and prints whatever resolves. Any crash, hang or sanitizer report is
// a bug: bad input must only produce an llvm::Error.
//
//===----------------------------------------------------------------------===//

#include "WIT/Parser.h"

using namespace weld;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  llvm::StringRef Text(reinterpret_cast<const char *>(Data), Size);
  wit::ResolveOptions Opts;
  Opts.AllFeatures = Size % 2 == 0;
  auto W = wit::parseWitText("fuzz.wit", Text, Opts);
  if (!W) {
    llvm::consumeError(W.takeError());
    return 0;
  }
  (void)wit::printResolve(W->R, W->Main, W->Nested);
  return 0;
}
