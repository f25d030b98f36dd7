//===- ABI.h - Whole-program code generation for components -----*- C++ -*-===//
//
// The canonical ABI stage: a statically instantiated component (a Graph)
// becomes one llvm::Module holding every core instance's code, one fused
// adapter per lowering, the resource built-ins, the instance-block init
// function, one C entry point per exported function and the
// `weld_component` descriptor (include/weld/component.h). The store layout
// (the instance block) is computed here once, at compile time.
//
//===----------------------------------------------------------------------===//

#ifndef WELD_ABI_ABI_H
#define WELD_ABI_ABI_H

#include "CodeGen/CodeGen.h"
#include "Component/Instantiate.h"

#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/Error.h"

#include <memory>
#include <string>
#include <vector>

namespace weld::abi {

/// How host resources are represented when the host is weld's WASI host
/// (weld/wasi_host.h): its handles cross the boundary unchanged instead of
/// entering the canonical handle tables (the WASI host checks them, with
/// generations and per-kind tables), and `resource.drop` of one calls
/// weld_wasi_host_drop.
struct WasiBinding {
  /// Per runtime resource (Graph::Resources): its weld_wasi_kind, or -1
  /// for resources the WASI host does not define.
  std::vector<int32_t> ResourceKinds;
};

/// Translates the whole program G. Opts.DescriptorName names the exported
/// weld_component descriptor. With Wasi, host resources follow WasiBinding.
llvm::Expected<std::unique_ptr<llvm::Module>>
translateComponent(const component::Graph &G, component::TypeStore &Types,
                   llvm::LLVMContext &Ctx, const codegen::CodeGenOptions &Opts,
                   const WasiBinding *Wasi = nullptr);

/// A whole program with its largest core instances cut into slices of
/// their defined functions (codegen::FunctionSlice) for parallel code
/// generation: Primary holds everything else (adapters, built-ins, the
/// smaller instances, every instance's init function, exports and the
/// descriptor) and calls the slices' functions through hidden symbols.
struct SplitProgram {
  std::unique_ptr<llvm::Module> Primary;
  std::vector<codegen::FunctionSlice> Slices;
};

/// Only instances with at least this much wasm code are sliced: smaller
/// ones keep whole-program inlining with their neighbours.
constexpr uint64_t MinSlicedInstanceBytes = 1 << 20;

/// Translates G as translateComponent() does, slicing every core instance
/// of at least MinSlicedInstanceBytes of code into
/// codegen::partitionFunctions(Jobs) slices (none when Jobs is 1).
llvm::Expected<SplitProgram>
translateComponentSplit(const component::Graph &G, component::TypeStore &Types,
                        llvm::LLVMContext &Ctx,
                        const codegen::CodeGenOptions &Opts, unsigned Jobs,
                        const WasiBinding *Wasi = nullptr);

/// The type string of a value or function type (the grammar is in
/// weld/component.h).
std::string typeString(const component::TypeStore &Types, component::TypeId T,
                       const component::Graph *G = nullptr,
                       component::ComponentInstanceIndex Inst = {});

/// A C header declaring the exports of G as C functions over the
/// descriptor (see weld/component.h). Prefix starts every identifier.
std::string cHeader(const component::Graph &G,
                    const component::TypeStore &Types,
                    const std::string &Prefix);

} // namespace weld::abi

#endif
