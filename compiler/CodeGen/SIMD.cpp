//===- SIMD.cpp - SIMD-128 instructions as LLVM vector operations ----------===//
//
// v128 values are <2 x i64> in LLVM IR; each instruction bitcasts to the
// lane shape it works on.
//
// The SIMD translation is being written by a dedicated engineer (the SIMD
// code generator work); until it lands, every SIMD instruction is reported
// as unsupported by the code generator (an internal limitation, not a
// validation error).
//
//===----------------------------------------------------------------------===//

#include "CodeGen/Translator.h"

using namespace llvm;
using namespace weld::core;

namespace weld::codegen {

bool FunctionTranslator::translateSimd(const Instr &I) {
  (void)I;
  return false;
}

} // namespace weld::codegen
