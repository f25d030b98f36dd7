//===- Validator.h - State of the decoding validator ------------*- C++ -*-===//
//
// Private to compiler/Component. A Validator decodes one component binary
// and validates each definition against the index spaces built so far. A
// Scope holds the index spaces of one component definition or of one
// component/instance type declarator; outer aliases walk the scope stack.
//
//===----------------------------------------------------------------------===//

#ifndef WELD_COMPONENT_VALIDATOR_H
#define WELD_COMPONENT_VALIDATOR_H

#include "Component/Component.h"
#include "Component/CoreInterface.h"
#include "Support/ByteReader.h"

#include "llvm/ADT/ScopeExit.h"
#include "llvm/ADT/StringExtras.h"

#include <map>
#include <set>

namespace weld::component {

#define WELD_TRY(Var, Expr)                                                    \
  auto Var##OrErr = (Expr);                                                    \
  if (!Var##OrErr)                                                             \
    return Var##OrErr.takeError();                                             \
  auto Var = std::move(*Var##OrErr);

/// The exports of a core instance.
struct CoreInstanceInfo {
  std::vector<std::pair<std::string, CoreExternType>> Exports;
  const CoreExternType *find(llvm::StringRef Name) const {
    for (auto &E : Exports)
      if (E.first == Name)
        return &E.second;
    return nullptr;
  }
};

/// Index spaces of one component or type declarator.
struct Scope {
  enum Kind : uint8_t { ComponentDef, ComponentTypeDecl, InstanceTypeDecl } K;
  std::vector<TypeId> CoreTypes, Types;
  /// Core type indices declared as non-final sub types (others are final
  /// and cannot be supertypes).
  std::set<size_t> NonFinalCoreTypes;
  std::vector<TypeId> CoreFuncs;
  std::vector<CoreExternType> CoreTables, CoreMemories, CoreGlobals, CoreTags;
  std::vector<TypeId> CoreModules;
  std::vector<CoreInstanceInfo> CoreInstances;
  std::vector<TypeId> Funcs, Components, Instances, Values;
  std::vector<bool> ValueUsed;
  NamedEntities Imports, Exports;
  /// Canonical (strongly-unique) forms of the names used so far.
  std::set<std::string> ImportKeys, ExportKeys;
  std::vector<ResourceId> ImportedResources, DefinedResources;
  /// Resources defined by this component (resource.new/rep allowed).
  std::set<ResourceId> LocalResources;
  /// Resource labels of imports and exports, for [method] etc.
  std::map<std::string, ResourceId> ImportResources, ExportResources;
  /// Type nodes named by an import (ImportNamed: usable by later imports)
  /// or by an import or export (ExportNamed: usable by exports), as the
  /// external-visibility rule of Explainer.md requires.
  std::set<uint32_t> ImportNamed, ExportNamed;
  /// The core type of context.get/set in this component so far (Code 0:
  /// none yet); nested components choose their own.
  CoreValType ContextType{0, 0};
  Component *C = nullptr;

  explicit Scope(Kind K) : K(K) {}
};

/// Subtyping with resource binding: resources listed in Bindable (on either
/// side) may be bound to the other side's resource the first time they meet.
struct SubtypeCx {
  TypeStore &Types;
  std::set<ResourceId> Bindable;
  std::map<ResourceId, ResourceId> Bound;

  explicit SubtypeCx(TypeStore &T) : Types(T) {}
  bool entity(const EntityType &A, const EntityType &E);
  bool type(TypeId A, TypeId E);
  bool instance(TypeId A, TypeId E);
  bool component(TypeId A, TypeId E);
  bool module(TypeId A, TypeId E);
  bool resource(ResourceId A, ResourceId E);
};

class Validator {
public:
  Validator(TypeStore &Types, const DecodeLimits &Limits)
      : Types(Types), Limits(Limits) {}

  llvm::Expected<std::unique_ptr<Component>>
  component(ByteReader &R, uint64_t Start);

  // Sections (Decoder.cpp).
  llvm::Error coreInstanceSection(ByteReader &R);
  llvm::Error instanceSection(ByteReader &R);
  llvm::Error aliasSection(ByteReader &R);
  llvm::Error importSection(ByteReader &R);
  llvm::Error exportSection(ByteReader &R);
  llvm::Error startSection(ByteReader &R);
  llvm::Error valueSection(ByteReader &R);
  llvm::Error alias(ByteReader &R, Scope &S, bool InDeclarator);

  // Types (TypeDecoder.cpp).
  llvm::Error coreTypeSection(ByteReader &R);
  llvm::Error typeSection(ByteReader &R);
  llvm::Error coreType(ByteReader &R, Scope &S, bool InModuleType);
  /// A type definition, bounded in size and depth.
  llvm::Error type(ByteReader &R, Scope &S);
  llvm::Error typeDef(ByteReader &R, Scope &S);
  /// wasmparser's limits: MAX_WASM_TYPE_SIZE, MAX_WASM_COMPONENT_TYPE_DEPTH.
  static constexpr uint32_t MaxTypeSize = 1000000, MaxTypeDepth = 100;
  llvm::Error checkTypeSize(TypeId T, uint64_t Off);
  llvm::Expected<TypeId> valType(ByteReader &R, Scope &S);
  llvm::Expected<TypeId> funcType(ByteReader &R, Scope &S, bool Async);
  llvm::Expected<TypeId> componentType(ByteReader &R);
  llvm::Expected<TypeId> instanceType(ByteReader &R);
  llvm::Expected<TypeId> moduleType(ByteReader &R);
  llvm::Expected<EntityType> externType(ByteReader &R, Scope &S,
                                        bool IsImport, llvm::StringRef Name);
  /// Attributes of an extern name (0x02 form) that depend on its entity.
  struct NameAttrs {
    bool Implements = false, VersionSuffix = false, ExternalId = false;
  };
  llvm::Expected<std::string> externName(ByteReader &R,
                                         NameAttrs *Attrs = nullptr);
  /// Checks Attrs against the name's form and its entity T.
  llvm::Error checkNameAttrs(llvm::StringRef Name, const NameAttrs &Attrs,
                             const EntityType &T, uint64_t Off);

  // Names and visibility (Names.cpp).
  llvm::Error checkName(llvm::StringRef Name, uint64_t Off, const char *What);
  llvm::Error addImport(Scope &S, const std::string &Name, EntityType T,
                        uint64_t Off);
  llvm::Error addExport(Scope &S, const std::string &Name, EntityType T,
                        uint64_t Off);
  /// Whether every type T mentions has a name in Named (T itself needs
  /// none when Top).
  bool namedIn(const std::set<uint32_t> &Named, TypeId T, bool Top);
  bool funcNamedIn(const std::set<uint32_t> &Named, TypeId F);
  bool instanceNamedIn(const std::set<uint32_t> &Named, TypeId Inst);
  /// A type being given a name: its parts must be named.
  bool typeNamedIn(const std::set<uint32_t> &Named, TypeId T);
  /// Checks the external visibility of an import (IsImport) or export of S
  /// and records the types it names.
  bool registerNamed(Scope &S, const EntityType &T, bool IsImport);
  /// Pushes an entity into S's index spaces (imports, exports, aliases).
  void pushEntity(Scope &S, const EntityType &T);

  // Canonical definitions (Canon.cpp).
  llvm::Error canonSection(ByteReader &R);

  // Instantiation (Decoder.cpp).
  llvm::Expected<TypeId> instantiate(TypeId ComponentType,
                                     std::map<std::string, EntityType> &Args,
                                     uint64_t Off);
  /// Makes the abstract resources of an imported instance type fresh.
  TypeId freshenInstance(TypeId Inst, std::vector<ResourceId> &NewResources);

  Scope &cur() { return *Stack.back(); }
  llvm::Expected<EntityType> entityOf(Scope &S, uint8_t SortByte,
                                      uint32_t Index, uint64_t Off);

  TypeStore &Types;
  const DecodeLimits &Limits;
  std::vector<Scope *> Stack;
  /// Components nest at most Limits.MaxNesting deep.
  unsigned Depth = 0;
  const Features &feats() const { return Limits.Feats; }
};

/// Whether Name is a [constructor]/[method]/[static] name.
bool isAnnotatedName(llvm::StringRef Name);

/// Whether L is a kebab-case label: words of digits and one letter case,
/// joined by '-', the first starting with a letter (Names.cpp).
bool isLabelText(llvm::StringRef L);

/// Reads a component-level sort (two bytes for core sorts).
llvm::Expected<Sort> readSort(ByteReader &R);
/// The entity kind a sort refers to, if it is a component-level sort.
std::optional<EntityKind> entityKindOfSort(Sort S);

} // namespace weld::component

#endif
