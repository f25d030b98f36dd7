//===- Types.h - Interned component and core types --------------*- C++ -*-===//
//
// Every type a component mentions is interned once in a TypeStore: value
// types, function types, component and instance types, resources and the core
// types component validation needs (core function and module types). Value
// types are structural, so two equal value types get the same TypeId and
// type equality is an integer comparison. Resources are nominal: each
// definition (or each instantiation of an abstract resource) gets a fresh
// ResourceId. The canonical ABI's size, alignment and flat count are
// computed when a value type is interned (CanonicalABI.md's definitions),
// because later stages ask for them over and over.
//
//===----------------------------------------------------------------------===//

#ifndef WELD_COMPONENT_TYPES_H
#define WELD_COMPONENT_TYPES_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace weld::component {

/// A strong index into a TypeStore.
struct TypeId {
  uint32_t V = ~0u;
  bool valid() const { return V != ~0u; }
  bool operator==(const TypeId &O) const { return V == O.V; }
  bool operator!=(const TypeId &O) const { return V != O.V; }
  bool operator<(const TypeId &O) const { return V < O.V; }
};

/// Identity of one resource type (nominal).
struct ResourceId {
  uint32_t V = ~0u;
  bool operator==(const ResourceId &O) const { return V == O.V; }
  bool operator<(const ResourceId &O) const { return V < O.V; }
};

enum class TypeKind : uint8_t {
  // Value types.
  Bool, S8, U8, S16, U16, S32, U32, S64, U64, F32, F64, Char, String,
  ErrorContext,
  Record, Variant, List, FixedList, Tuple, Flags, Enum, Option, Result, Own,
  Borrow, Stream, Future, Map,
  // Other component-level types.
  Resource, Func, Instance, Component,
  // Core types.
  CoreFunc, CoreModule, CoreStruct, CoreArray,
};

bool isPrimitive(TypeKind K);
bool isValueKind(TypeKind K);
const char *primitiveName(TypeKind K);

/// Core value types (and reference types by their abbreviated codes; a
/// concrete reference keeps its heap type index in HeapType).
struct CoreValType {
  /// 0x7f i32, 0x7e i64, 0x7d f32, 0x7c f64, 0x7b v128, 0x64/0x63 ref with a
  /// heap type, or an abbreviated reference code (0x70 funcref, 0x6f externref…).
  uint8_t Code = 0x7f;
  /// For 0x64/0x63: the heap type (non-negative: a type index; negative: an
  /// abstract heap type code as a signed value).
  int64_t HeapType = 0;
  bool operator==(const CoreValType &O) const {
    return Code == O.Code && HeapType == O.HeapType;
  }
  bool operator!=(const CoreValType &O) const { return !(*this == O); }
  static CoreValType i32() { return {0x7f, 0}; }
  static CoreValType i64() { return {0x7e, 0}; }
  static CoreValType f32() { return {0x7d, 0}; }
  static CoreValType f64() { return {0x7c, 0}; }
};

std::string coreValTypeName(const CoreValType &T);

/// Limits of a core table or memory.
struct CoreLimits {
  uint64_t Min = 0;
  std::optional<uint64_t> Max;
};

/// The type of something a core module imports or exports.
struct CoreExternType {
  enum Kind : uint8_t { Func = 0, Table = 1, Memory = 2, Global = 3, Tag = 4 };
  Kind K = Func;
  /// Func and Tag: the core function type.
  TypeId FuncType;
  /// Table: element type; Global: value type.
  CoreValType Val;
  /// Table and memory limits.
  CoreLimits Limits;
  /// Memory: 64-bit addresses, shared, page size log2 (16 unless custom).
  bool Is64 = false, Shared = false;
  uint32_t PageSizeLog2 = 16;
  /// Global: mutable.
  bool Mutable = false;
  /// Uses a proposal compiler/Core does not validate yet (memory64,
  /// threads, custom page sizes).
  bool UsesProposals = false;
};

/// One import of a core module type.
struct CoreImport {
  std::string Module, Name;
  CoreExternType Type;
};

/// The interface of a core module: its imports in order and its exports.
struct CoreModuleType {
  std::vector<CoreImport> Imports;
  std::vector<std::pair<std::string, CoreExternType>> Exports;
  /// The module uses proposals beyond what compiler/Core validates (GC
  /// types, memory64, threads, custom page sizes, exceptions); its
  /// function bodies are then not validated yet.
  bool UsesProposals = false;
};

/// What a component-level index refers to, with its type.
enum class EntityKind : uint8_t { Module, Func, Value, Type, Instance, Component };
const char *entityKindName(EntityKind K);

struct EntityType {
  EntityKind Kind = EntityKind::Func;
  /// Module: CoreModule type; Func: Func type; Value: value type; Type: the
  /// type it names (any kind); Instance/Component: their types.
  TypeId Type;
  bool operator==(const EntityType &O) const {
    return Kind == O.Kind && Type == O.Type;
  }
};

/// Named imports or exports, in definition order.
using NamedEntities = std::vector<std::pair<std::string, EntityType>>;

/// The body of a component type.
struct ComponentTypeInfo {
  NamedEntities Imports, Exports;
  /// Resources the imports introduce (abstract, substituted on instantiation).
  std::vector<ResourceId> ImportedResources;
  /// Resources the exports introduce (fresh on each instantiation).
  std::vector<ResourceId> DefinedResources;
};

/// The body of an instance type.
struct InstanceTypeInfo {
  NamedEntities Exports;
  /// Resources the exports introduce (fresh each time the type is imported).
  std::vector<ResourceId> DefinedResources;
};

/// Canonical ABI facts about a value type, computed at interning.
struct ABIInfo {
  /// elem_size and alignment for 32-bit and 64-bit pointers (saturating).
  uint64_t Size32 = 0, Size64 = 0;
  uint32_t Align32 = 1, Align64 = 1;
  /// Length of flatten_type (saturating at UINT32_MAX).
  uint32_t FlatCount = 0;
  /// Transitively contains a list or string (needs memory/realloc).
  bool NeedsMemory = false;
  bool ContainsBorrow = false;
  bool ContainsAsync = false;
  /// Transitively mentions a resource (own/borrow).
  bool ContainsResource = false;
};

/// One interned type.
struct TypeNode {
  TypeKind Kind;
  /// Labels: record fields, variant cases, flags, enum cases, func params.
  std::vector<std::string> Names;
  /// Element types (record fields, variant cases, tuple members, list/option
  /// element, result ok/error, stream/future element, map key/value, func
  /// params). An invalid TypeId means "no payload".
  std::vector<TypeId> Elems;
  /// Func: the result type, if any.
  TypeId Result;
  /// FixedList: the length. Func: 1 when async. Resource: 1 when its
  /// representation is i64 (only known for resources defined here).
  uint32_t Length = 0;
  /// Resource: its identity.
  ResourceId Res;
  /// wasmparser's "effective type size" (1 + the sizes of the parts, so a
  /// type used N times counts N times; saturating) and nesting depth. The
  /// validator bounds both as wasmparser does, so that what other tools
  /// accept stays tractable for them too.
  uint32_t EffSize = 1, Depth = 1;
  /// Index into the store's component/instance/core tables for those kinds.
  uint32_t Extra = 0;
  /// Defined (nominal) value types: each type definition of a component gets
  /// its own node, as wasmparser does, so names and origins survive for WIT.
  bool Nominal = false;
  /// For the node an import or export of a type creates: the node it names
  /// (equal type, kept for WIT to find where a type came from).
  TypeId AliasOf;
  ABIInfo ABI;
};

/// Owner of all types of one compilation.
class TypeStore {
public:
  TypeStore();

  const TypeNode &get(TypeId T) const { return Nodes[T.V]; }
  TypeKind kind(TypeId T) const { return Nodes[T.V].Kind; }
  const ABIInfo &abi(TypeId T) const { return Nodes[T.V].ABI; }

  TypeId primitive(TypeKind K);
  /// Fills N's EffSize and Depth from its parts.
  void computeSize(TypeNode &N) const;
  /// Interns a node (Kind, Names, Elems, Result, Length, Res set); computes
  /// its ABI information for value types.
  TypeId intern(TypeNode N);
  /// Adds a nominal node for one type definition (never shared).
  TypeId define(TypeNode N);
  /// Structural equality of two value or function types (resources by
  /// identity).
  bool equal(TypeId A, TypeId B) const;
  TypeId internComponent(ComponentTypeInfo Info);
  TypeId internInstance(InstanceTypeInfo Info);
  TypeId internCoreFunc(std::vector<CoreValType> Params,
                        std::vector<CoreValType> Results);
  TypeId internCoreModule(CoreModuleType M);
  /// A GC struct/array core type (kept opaque, unique per Key).
  TypeId internCoreOpaque(TypeKind K, std::string Key);

  const ComponentTypeInfo &component(TypeId T) const {
    return Components[Nodes[T.V].Extra];
  }
  const InstanceTypeInfo &instance(TypeId T) const {
    return Instances[Nodes[T.V].Extra];
  }
  const CoreModuleType &coreModule(TypeId T) const {
    return CoreModules[Nodes[T.V].Extra];
  }
  const std::pair<std::vector<CoreValType>, std::vector<CoreValType>> &
  coreFunc(TypeId T) const {
    return CoreFuncs[Nodes[T.V].Extra];
  }

  ResourceId freshResource();
  /// The interned Resource node for R.
  TypeId resourceType(ResourceId R);

  /// Returns T with every resource in Map replaced (re-interned).
  /// Types that share nodes keep sharing them (Memo maps old to new).
  /// Deep: Memo was seeded with type replacements (instantiation replaces a
  /// component's type imports by the arguments), so every value type may
  /// change, not only those holding resources.
  TypeId substitute(TypeId T, const std::map<ResourceId, ResourceId> &Map,
                    std::map<uint32_t, TypeId> &Memo, bool Deep = false);
  TypeId substitute(TypeId T, const std::map<ResourceId, ResourceId> &Map) {
    std::map<uint32_t, TypeId> Memo;
    return substitute(T, Map, Memo);
  }
  EntityType substitute(EntityType E,
                        const std::map<ResourceId, ResourceId> &Map,
                        std::map<uint32_t, TypeId> &Memo, bool Deep = false) {
    E.Type = substitute(E.Type, Map, Memo, Deep);
    return E;
  }

  /// Appends flatten_type(T) with the given pointer type to Out, stopping
  /// once Out holds more than Limit entries.
  void flatten(TypeId T, CoreValType Ptr, std::vector<CoreValType> &Out,
               size_t Limit) const;

  /// Text of a value or other type for diagnostics and `weld inspect`.
  std::string describe(TypeId T) const;

  /// True when the store holds no more types than Limit (guards against
  /// inputs that make type explosions).
  size_t size() const { return Nodes.size(); }

private:
  ABIInfo computeABI(const TypeNode &N) const;
  TypeId add(TypeNode N, std::string Key);

  std::vector<TypeNode> Nodes;
  std::unordered_map<std::string, TypeId> Interned;
  std::vector<ComponentTypeInfo> Components;
  std::vector<InstanceTypeInfo> Instances;
  std::vector<CoreModuleType> CoreModules;
  std::vector<std::pair<std::vector<CoreValType>, std::vector<CoreValType>>>
      CoreFuncs;
  uint32_t NextResource = 0;
  uint32_t NextDefinition = 0;
};

/// Canonical ABI limits.
constexpr unsigned MaxFlatParams = 16;
constexpr unsigned MaxFlatAsyncParams = 4;
constexpr unsigned MaxFlatResults = 1;
/// elem_size(t, i64) must stay below this (Binary.md).
constexpr uint64_t MaxTypeSize = uint64_t(1) << 28;

} // namespace weld::component

#endif
