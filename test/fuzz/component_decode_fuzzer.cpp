//===- component_decode_fuzzer.cpp - libFuzzer target for components -----===//
//
// Feeds arbitrary bytes to the component decoder/validator; whatever it
// accepts is also printed by `weld inspect` and converted to WIT, so those
// paths see every valid component the fuzzer finds. Any crash, hang or
// sanitizer report is a bug: bad input must only produce an llvm::Error.
//
//===----------------------------------------------------------------------===//

#include "Component/Component.h"
#include "Component/Inspect.h"
#include "WIT/FromComponent.h"

#include "llvm/Support/raw_ostream.h"

using namespace weld;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  component::TypeStore Types;
  // Every gated proposal on, so that their validation paths are fuzzed too.
  component::DecodeLimits Limits;
  Limits.Feats = component::Features::all();
  auto C = component::decodeComponent(llvm::ArrayRef<uint8_t>(Data, Size),
                                      Types, Limits);
  if (!C) {
    llvm::consumeError(C.takeError());
    return 0;
  }
  std::string Text;
  llvm::raw_string_ostream OS(Text);
  component::printComponent(OS, **C, Types);
  auto W = wit::worldFromComponent(**C, Types);
  if (!W) {
    llvm::consumeError(W.takeError());
    return 0;
  }
  (void)wit::printResolve(W->R, W->Main, W->Nested);
  return 0;
}
