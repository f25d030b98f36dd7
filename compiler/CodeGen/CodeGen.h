//===- CodeGen.h - Core WebAssembly to LLVM IR, objects and artifacts -*- C++ -*-===//
//
// The back end of weld for core modules. translateModule() turns a validated
// core::Module into one llvm::Module that follows the runtime's C ABI
// (include/weld/runtime.h): every function takes the instance context
// (vmctx) first, and the module exports one descriptor symbol (weld_module
// by default) with its imports, exports and init function. emitModule()
// optimizes it and writes LLVM IR, assembly or object files; linkShared()
// links objects and the runtime into a shared object.
//
//===----------------------------------------------------------------------===//

#ifndef WELD_CODEGEN_CODEGEN_H
#define WELD_CODEGEN_CODEGEN_H

#include "Core/Module.h"

#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/Error.h"

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace weld::codegen {

/// How linear memory accesses are kept in bounds.
enum class BoundsChecks {
  /// Rely on the 8 GiB reservation and the fault handler (64-bit hosts).
  Guard,
  /// Compare every access against the memory's current size.
  Explicit,
};

/// Everything that changes the generated code.
struct CodeGenOptions {
  /// 0 to 3, as clang's -O.
  unsigned OptLevel = 2;
  BoundsChecks Bounds = BoundsChecks::Guard;
  /// Target triple; empty means the host.
  std::string Triple;
  /// Name of the exported weld_module descriptor.
  std::string DescriptorName = "weld_module";
  /// Whole-program mode (compiler/ABI translates several instances into one
  /// llvm::Module): prefix of the symbols of this instance, and whether the
  /// per-module descriptor is emitted at all.
  std::string SymbolPrefix;
  bool EmitDescriptor = true;
};

/// Translates a validated module. The result verifies (anything else is an
/// internal error, reported as an llvm::Error rather than a crash).
llvm::Expected<std::unique_ptr<llvm::Module>>
translateModule(const core::Module &M, llvm::LLVMContext &Ctx,
                const CodeGenOptions &Opts);

/// What emitModule() writes.
enum class OutputKind { LLVMIR, Assembly, Object };

/// Optimizes LM at Opts.OptLevel and writes it. For objects with Jobs > 1
/// the module is split into up to Jobs partitions compiled in parallel, and
/// one file per partition is written (OutputPaths returns them); otherwise
/// exactly Path is written.
llvm::Error emitModule(std::unique_ptr<llvm::Module> LM,
                       const CodeGenOptions &Opts, OutputKind Kind,
                       unsigned Jobs, const std::string &Path,
                       std::vector<std::string> &OutputPaths);

/// Compiles a large core module as partitions of its defined functions,
/// each translated, optimized and emitted to an object in its own
/// LLVMContext by up to Jobs threads; OutputPaths returns the objects
/// (Path.N.o). Returns false, writing nothing, when the module is too small
/// to gain from partitions (then use translateModule() and emitModule()).
/// Calls cannot be inlined across partitions, so this is only for modules
/// compiled on their own (--core), not whole-program component builds.
llvm::Expected<bool> compilePartitioned(const core::Module &M,
                                       const CodeGenOptions &Opts,
                                       unsigned Jobs, const std::string &Path,
                                       std::vector<std::string> &OutputPaths);

/// The partitions of M's defined functions for Jobs threads: contiguous
/// index ranges of about equal code size (about one per 256 KiB of wasm
/// code, at least Jobs, at most one per 16 functions), or none when Jobs
/// is 1 or M is too small to gain (less than MinBytes of code, or fewer
/// than two partitions). Depends only on M, Jobs and MinBytes.
std::vector<std::pair<uint32_t, uint32_t>>
partitionFunctions(const core::Module &M, unsigned Jobs, uint64_t MinBytes = 0);

/// What a statically bound import of a sliced module calls: a function of
/// another object, by symbol (an adapter, a built-in or another instance's
/// function), with the callee's vmctx at the caller's plus VmctxDelta.
struct ExternalCallee {
  std::string Symbol;
  unsigned CallingConv = 0;
  int64_t VmctxDelta = 0;
};

/// Defined functions [Begin, End) of one instance of a module, translated
/// and compiled in a context of their own with Opts (its SymbolPrefix
/// names the instance). The rest of the program, including the instance's
/// init function, is in another object; other functions are reached
/// through hidden symbols.
struct FunctionSlice {
  const core::Module *M = nullptr;
  CodeGenOptions Opts;
  uint32_t Begin = 0, End = 0;
  /// By function index: the callee of a statically bound import (an empty
  /// Symbol calls through the funcref record).
  std::vector<ExternalCallee> Imports;
};

/// Optimizes and emits Primary and compiles every slice, each to an object
/// of its own (Path.N.o, returned in OutputPaths, Primary first), with up
/// to Jobs threads; at most Jobs of them are in memory at once.
llvm::Error emitSplit(std::unique_ptr<llvm::Module> Primary,
                      const std::vector<FunctionSlice> &Slices,
                      const CodeGenOptions &Opts, unsigned Jobs,
                      const std::string &Path,
                      std::vector<std::string> &OutputPaths);

/// Runs clang-22 (with lld) as the linker: `clang --target=TRIPLE Args...`
/// (no --target for the host), producing Output.
llvm::Error runLinker(const std::vector<std::string> &Args,
                      const std::string &Output, const CodeGenOptions &Opts);

/// Links Objects with the runtime library RuntimeLib into a shared object
/// at Output, exporting only the descriptor.
llvm::Error linkShared(const std::vector<std::string> &Objects,
                       const std::string &RuntimeLib, const std::string &Output,
                       const CodeGenOptions &Opts);

/// Combines Objects into one relocatable object at Output (ld -r), so that
/// a partitioned compile still writes the single object asked for.
llvm::Error linkRelocatable(const std::vector<std::string> &Objects,
                            const std::string &Output,
                            const CodeGenOptions &Opts);

/// Initializes the LLVM targets weld can emit code for (once).
void initializeTargets();

} // namespace weld::codegen

#endif
