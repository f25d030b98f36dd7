//===- Program.h - state of the whole-program translator --------*- C++ -*-===//
//
// Private to compiler/ABI. ProgramTranslator owns the instance-block layout
// and the per-instance ModuleTranslators; CallEmitter (Adapter.cpp) emits
// one component-level call: reentrance flags, lifting and lowering of every
// value through the canonical ABI, realloc, the callee, post-return.
//
//===----------------------------------------------------------------------===//

#ifndef WELD_ABI_PROGRAM_H
#define WELD_ABI_PROGRAM_H

#include "ABI/ABI.h"
#include "CodeGen/Translator.h"

#include "weld/component.h"

#include "llvm/IR/IRBuilder.h"

namespace weld::abi {

using component::ComponentInstanceIndex;
using component::CoreDef;
using component::Graph;
using component::ResolvedOptions;
using component::TypeId;
using component::TypeKind;
using component::TypeStore;

/// The canonical ABI builtins of the runtime (weld/canon_builtins.def).
enum class CanonBuiltin {
#define WELD_CANON_BUILTIN(Name, Signature, CReturn, CParams) Name,
#include "weld/canon_builtins.def"
  Count
};

/// Where things live in an instance block (byte offsets).
struct BlockLayout {
  /// weld_component_header.
  static constexpr uint64_t HeaderSize = 64;
  static constexpr uint64_t HeaderImports = 24, HeaderHostCtx = 32;
  /// Per component instance: {void *handles; u8 may_enter; u8 may_leave}.
  uint64_t States = HeaderSize;
  /// The host's own handle table slot.
  uint64_t HostTable = 0;
  /// weld_funcref records of adapters, then of built-ins.
  uint64_t AdapterRecords = 0, BuiltinRecords = 0;
  /// The vmctx of each core instance.
  std::vector<uint64_t> Vmctx;
  uint64_t Size = 0;

  uint64_t table(uint32_t Inst) const { return States + Inst * 16; }
  uint64_t mayEnter(uint32_t Inst) const { return States + Inst * 16 + 8; }
  uint64_t mayLeave(uint32_t Inst) const { return States + Inst * 16 + 9; }
};

/// A core function known at compile time: call Fn(block + Offset, ...).
struct FuncTarget {
  llvm::Function *Fn = nullptr;
  uint64_t Offset = 0;
};

class ProgramTranslator {
public:
  ProgramTranslator(const Graph &G, TypeStore &Types, llvm::Module &LM,
                    const codegen::CodeGenOptions &Opts);
  llvm::Error run();

  const Graph &G;
  TypeStore &Types;
  llvm::Module &LM;
  llvm::LLVMContext &Ctx;
  const codegen::CodeGenOptions &Opts;
  /// Set when the host is weld's WASI host (see WasiBinding).
  const WasiBinding *Wasi = nullptr;
  /// Threads of a sliced build (1: one module, nothing sliced).
  unsigned Jobs = 1;
  /// Per core instance: the ranges of its defined functions compiled as
  /// slices outside LM (empty: all of it is in LM).
  std::vector<std::vector<std::pair<uint32_t, uint32_t>>> SliceRanges;
  /// The slices of every sliced instance, after run(); the functions they
  /// call in LM are given hidden external linkage.
  std::vector<codegen::FunctionSlice> slices();
  BlockLayout Layout;
  llvm::Type *I8, *I32, *I64, *F32, *F64, *Ptr;

  FuncTarget resolveFunc(const CoreDef &D) const;
  /// The weld_wasi_kind of runtime resource R when it is a WASI host
  /// resource whose handles pass through unchanged, else -1.
  int32_t wasiKind(uint32_t R) const {
    return Wasi && R < Wasi->ResourceKinds.size() ? Wasi->ResourceKinds[R]
                                                  : -1;
  }
  /// Block offset of the pointer slot holding the weld_memory * of D.
  uint64_t memorySlot(const CoreDef &D) const;
  llvm::FunctionCallee canonBuiltin(CanonBuiltin B);
  llvm::FunctionCallee trapFn();
  /// The core function type of a lowered (Lift=false) or lifted function.
  core::FuncType coreType(TypeId FuncT, bool Lift) const;
  llvm::FunctionType *llvmType(const core::FuncType &T) const;
  llvm::Type *llvmType(core::ValType T) const;
  /// A realloc thunk for the destination side (see weld_string_transfer).
  llvm::Function *reallocThunk(const ResolvedOptions *Opts,
                               ComponentInstanceIndex Inst);

private:
  void computeStateLayout();
  void declareFunctions();
  llvm::Error translateInstances();
  void emitBuiltin(uint32_t I);
  void emitInit();
  void emitDescriptor();
  llvm::Constant *cString(llvm::StringRef S);

  std::vector<std::unique_ptr<codegen::ModuleTranslator>> Instances;
  std::vector<codegen::CodeGenOptions> InstanceOpts;
  std::vector<llvm::Function *> AdapterFns, BuiltinFns, ExportFns;
  llvm::Function *InitFn = nullptr;
  llvm::FunctionCallee CanonBuiltins[size_t(CanonBuiltin::Count)];
  std::map<std::pair<const void *, uint32_t>, llvm::Function *> Thunks;

  friend class CallEmitter;
  friend llvm::Error emitAdapters(ProgramTranslator &PT);
  friend llvm::Error emitExports(ProgramTranslator &PT);
  friend llvm::Expected<std::unique_ptr<llvm::Module>>
  translateComponent(const Graph &, TypeStore &, llvm::LLVMContext &,
                     const codegen::CodeGenOptions &, const WasiBinding *);
};

/// Adapter.cpp: the bodies of every adapter and export entry.
llvm::Error emitAdapters(ProgramTranslator &PT);
llvm::Error emitExports(ProgramTranslator &PT);

} // namespace weld::abi

#endif
