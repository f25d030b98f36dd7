//===- ValidatorImpl.h - Shared state of the validator's files --*- C++ -*-===//
//
// Internal to compiler/Core: the module context that the module-level rules
// (Validator.cpp) compute once and the body validator (FunctionValidator.cpp,
// SimdValidator.cpp) consults for every instruction.
//
//===----------------------------------------------------------------------===//

#ifndef WELD_CORE_VALIDATORIMPL_H
#define WELD_CORE_VALIDATORIMPL_H

#include "Core/Module.h"

#include "Support/Diagnostics.h"

#include "llvm/ADT/BitVector.h"
#include "llvm/Support/Error.h"

namespace weld::core {

/// What every body check needs besides the Module.
struct ValidationContext {
  const Module &M;
  const Features &F;
  /// C.refs: functions that ref.func may name inside function bodies
  /// (those named in element segments, exports or global initializers).
  llvm::BitVector DeclaredRefs;
};

/// Validates the body of defined function Func.
llvm::Error validateFunctionBody(const ValidationContext &Ctx, FuncIndex Func);

/// Number of lanes addressed by a lane immediate of Op (extract/replace
/// lane, lane loads and stores); 0 for other opcodes.
unsigned laneCount(Opcode Op);

/// Checks the immediates of SIMD instructions that the operand signature
/// does not cover (lane indices, shuffle masks).
llvm::Error checkSimdImmediates(const Instr &I);

} // namespace weld::core

#endif
