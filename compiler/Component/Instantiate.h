//===- Instantiate.h - Static instantiation of a component graph -*- C++ -*-===//
//
// A component's instantiation graph is fixed at compile time, so weld
// resolves it completely before generating code: every nested component is
// instantiated with its arguments, every alias and re-export followed, and
// every core import bound to its definition. The result, a Graph, lists
// every core instance of the whole program in instantiation order, every
// lifted function, every lowering (one fused adapter each), every resource
// built-in and every runtime resource type. The code generator
// (compiler/ABI) turns a Graph into one LLVM module.
//
// Like wasmtime's "inline every instantiation" translation, the walk is an
// interpreter over the definitions whose values are static descriptions
// (which core instance, which export) instead of runtime objects.
//
//===----------------------------------------------------------------------===//

#ifndef WELD_COMPONENT_INSTANTIATE_H
#define WELD_COMPONENT_INSTANTIATE_H

#include "Component/Component.h"
#include "Core/Module.h"

#include "llvm/Support/Error.h"

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace weld::component {

/// Strong indices into the Graph's lists.
struct CoreInstanceIndex {
  uint32_t V = ~0u;
};
struct ComponentInstanceIndex {
  uint32_t V = ~0u;
  bool valid() const { return V != ~0u; }
  bool operator==(const ComponentInstanceIndex &O) const { return V == O.V; }
};
struct ResourceIndex {
  uint32_t V = ~0u;
  bool valid() const { return V != ~0u; }
};

/// What a core function, table, memory or global is.
struct CoreDef {
  enum Kind : uint8_t {
    /// Export `Name` of core instance `Index`.
    InstanceExport,
    /// The core function of lowering `Index` (Graph::Adapters).
    Adapter,
    /// The core function of built-in `Index` (Graph::Builtins).
    Builtin,
  } K = InstanceExport;
  uint32_t Index = 0;
  std::string Name;
};

/// Canonical options with their core items resolved.
struct ResolvedOptions {
  CanonOptions::Encoding Encoding = CanonOptions::UTF8;
  std::optional<CoreDef> Memory, Realloc, PostReturn;
};

/// A component-level function: a lifted core function or a host import.
struct FuncDef {
  enum Kind : uint8_t { Lifted, HostImport } K = Lifted;
  /// Graph::Lifts or Graph::Imports.
  uint32_t Index = 0;
};

/// A `canon lift`, evaluated in one component instance.
struct LiftDef {
  CoreDef Callee;
  ResolvedOptions Options;
  /// The component function type (in Instance's view of resources).
  TypeId Type;
  ComponentInstanceIndex Instance;
};

/// A `canon lower` of a function into core code of one component instance:
/// one fused adapter.
struct AdapterDef {
  FuncDef Callee;
  ResolvedOptions Options;
  /// The function type as the lowering component sees it.
  TypeId Type;
  ComponentInstanceIndex Instance;
};

/// Resource built-ins (`canon resource.new/drop/rep`).
struct BuiltinDef {
  enum Kind : uint8_t { ResourceNew, ResourceDrop, ResourceRep } K;
  ResourceIndex Resource;
  ComponentInstanceIndex Instance;
};

/// One resource type at run time (a definition in one component instance,
/// or a resource the host provides).
struct ResourceDef {
  /// The defining component instance; invalid for host resources.
  ComponentInstanceIndex Impl;
  std::optional<CoreDef> Dtor;
  /// Name for diagnostics and headers.
  std::string Name;
};

/// One instantiation of a core module.
struct CoreInstanceDef {
  /// The decoded module (owned by the Graph).
  const core::Module *Module = nullptr;
  /// One definition per import of Module, in import order.
  std::vector<CoreDef> Imports;
  ComponentInstanceIndex Instance;
};

struct ComponentInstanceDef {
  /// The instantiating component instance; invalid for the root.
  ComponentInstanceIndex Parent;
};

/// A function the host must supply (a top-level import).
struct HostImportDef {
  /// "name" or "instance#name".
  std::string Name;
  TypeId Type;
};

/// A function the compiled artifact offers the host.
struct ExportFuncDef {
  /// "name" or "instance#name".
  std::string Name;
  FuncDef Func;
  /// The type as the root component exports it.
  TypeId Type;
};

/// The whole program, statically instantiated.
struct Graph {
  std::vector<CoreInstanceDef> CoreInstances;
  std::vector<ComponentInstanceDef> ComponentInstances;
  std::vector<LiftDef> Lifts;
  std::vector<AdapterDef> Adapters;
  std::vector<BuiltinDef> Builtins;
  std::vector<ResourceDef> Resources;
  std::vector<HostImportDef> Imports;
  std::vector<ExportFuncDef> Exports;
  /// Runtime resource of each (component instance, resource id) pair that
  /// a function type of that instance can mention.
  std::map<std::pair<uint32_t, uint32_t>, ResourceIndex> ResourceMap;
  /// Decoded core modules, shared by their instances.
  std::vector<std::unique_ptr<core::Module>> Modules;

  /// The runtime resource a type of instance I means, if known.
  ResourceIndex resource(ComponentInstanceIndex I, ResourceId R) const {
    auto It = ResourceMap.find({I.V, R.V});
    return It == ResourceMap.end() ? ResourceIndex() : It->second;
  }
  /// True when A is B or one of B's ancestors.
  bool isAncestorOrSelf(ComponentInstanceIndex A,
                        ComponentInstanceIndex B) const;
};

/// Instantiates Root statically. Bytes is the whole input file (core
/// modules and resource definitions are read from it). Errors name what is
/// not supported (imported modules or components at the top level, values,
/// async built-ins).
llvm::Expected<std::unique_ptr<Graph>>
instantiateStatically(const Component &Root, TypeStore &Types,
                      llvm::ArrayRef<uint8_t> Bytes);

} // namespace weld::component

#endif
