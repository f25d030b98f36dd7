//===- Component.h - A decoded and validated component ----------*- C++ -*-===//
//
// The component frontend turns a component binary into this IR in one pass
// that decodes and validates together (as wasmparser does), because every
// definition's validity depends on the index spaces built by the ones
// before it. The IR keeps each definition in order with its operands and the
// type the validator inferred, nested components as child IRs and core
// modules as byte ranges (compiler/Core decodes them again when compiling).
// Static instantiation and `weld inspect`/`weld wit` read it.
//
//===----------------------------------------------------------------------===//

#ifndef WELD_COMPONENT_COMPONENT_H
#define WELD_COMPONENT_COMPONENT_H

#include "Component/Types.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/Error.h"

#include <memory>
#include <string>
#include <vector>

namespace weld::component {

/// Index spaces of a component (core sorts first).
enum class Sort : uint8_t {
  CoreFunc, CoreTable, CoreMemory, CoreGlobal, CoreTag, CoreType, CoreModule,
  CoreInstance, Func, Value, Type, Component, Instance,
};
const char *sortName(Sort S);

/// An embedded core module, kept as bytes.
struct CoreModuleDef {
  /// Absolute offset of the module's preamble in the input file.
  uint64_t Offset = 0;
  /// The module's bytes (pointing into the input buffer).
  llvm::ArrayRef<uint8_t> Bytes;
  /// Its interface (a CoreModule type).
  TypeId Type;
};

/// A `(core instance ...)` or `(instance ...)` definition.
struct InstanceDef {
  /// True for `instantiate`, false for a bag of inline exports.
  bool Instantiate = false;
  /// Module or component index for `instantiate`.
  uint32_t Of = 0;
  /// `with` arguments or inline exports: name, sort and index.
  struct Item {
    std::string Name;
    Sort S;
    uint32_t Index;
  };
  std::vector<Item> Items;
};

/// An alias definition.
struct AliasDef {
  enum Kind : uint8_t { Export, CoreExport, Outer } K = Export;
  Sort S = Sort::Func;
  /// Instance index (Export, CoreExport) or outer count (Outer).
  uint32_t Instance = 0;
  /// Outer: index in the target scope.
  uint32_t Index = 0;
  std::string Name;
};

/// Canonical options of lift, lower and the built-ins that take them.
struct CanonOptions {
  enum Encoding : uint8_t { UTF8, UTF16, Latin1UTF16 } StringEncoding = UTF8;
  std::optional<uint32_t> Memory, Realloc, PostReturn, Callback;
  bool Async = false;
  /// Memory uses 64-bit addresses.
  bool Memory64 = false;
  /// GC lowering (`gc` option) and its explicit core function type.
  bool GC = false;
  TypeId CoreType;
};

/// A `canon` definition.
struct CanonDef {
  /// The opcode from Binary.md (0x00 lift, 0x01 lower, 0x02 resource.new …).
  uint8_t Opcode = 0;
  /// lift: core func; lower: component func; resource.*, stream.*, future.*:
  /// the type index; context.get/set: the slot; thread builtins: the type.
  uint32_t Index = 0;
  /// lift: the function type index; thread.new-indirect: the table.
  uint32_t Index2 = 0;
  /// The async?/cancel?/shared? immediate where present.
  bool Flag = false;
  CanonOptions Options;
  /// lift: the component function type; otherwise the core function type
  /// of the function it defines.
  TypeId Type;
};

/// An import of the component.
struct ImportDef {
  std::string Name;
  EntityType Type;
};

/// An export of the component.
struct ExportDef {
  std::string Name;
  Sort S = Sort::Func;
  uint32_t Index = 0;
  EntityType Type;
};

/// A custom section.
struct CustomSection {
  std::string Name;
  uint64_t Offset = 0;
  llvm::ArrayRef<uint8_t> Bytes;
};

/// One definition, in binary order, pointing into the per-kind lists.
struct Definition {
  enum Kind : uint8_t {
    CoreModule, CoreInstance, CoreType, Component, Instance, Alias, Type,
    Canon, Start, Import, Export, Value, Custom,
  } K;
  /// Index into the list for this kind (Types: the type index; Custom: the
  /// custom section).
  uint32_t Index;
  /// Absolute offset where the definition starts.
  uint64_t Offset;
};

/// A validated component.
struct Component {
  /// Byte range of the component in the input file.
  uint64_t Offset = 0, Size = 0;
  /// Definitions in binary order.
  std::vector<Definition> Defs;
  std::vector<CoreModuleDef> Modules;
  std::vector<std::unique_ptr<Component>> Components;
  std::vector<InstanceDef> CoreInstances, Instances;
  std::vector<AliasDef> Aliases;
  std::vector<CanonDef> Canons;
  std::vector<ImportDef> Imports;
  std::vector<ExportDef> Exports;
  std::vector<CustomSection> Customs;
  /// Sizes of the final index spaces, by Sort.
  uint32_t SpaceSizes[13] = {};
  /// Types of the component-level index spaces.
  std::vector<TypeId> Funcs, TypeSpace, ComponentSpace, InstanceSpace;
  /// The component's own type (imports and exports).
  TypeId Type;
};

/// Component-model proposals behind a feature gate, named as wasm-tools
/// names them. The defaults are wasm-tools' defaults, so that weld accepts
/// exactly the components `wasm-tools validate` accepts; the others are
/// opt-in (`weld inspect --features`). The GC lowering (`cm-gc`) is not
/// implemented: its options are always rejected.
struct Features {
  bool Async = true;             ///< cm-async
  bool AsyncStackful = false;    ///< cm-async-stackful
  bool MoreAsyncBuiltins = false; ///< cm-more-async-builtins
  bool Threading = false;        ///< cm-threading
  bool ErrorContext = false;     ///< cm-error-context
  bool FixedLengthLists = false; ///< cm-fixed-length-lists
  bool Map = true;               ///< cm-map
  bool CM64 = false;             ///< cm64: 64-bit memories and resources
  bool Values = false;           ///< cm-values (value and start sections)
  bool NestedNames = false;      ///< cm-nested-names
  bool Implements = true;        ///< cm-implements
  bool CanonNames = true;        ///< cm-canon-names
  /// The core shared-everything-threads proposal (its thread.spawn*
  /// built-ins).
  bool SharedEverythingThreads = false;

  /// Every feature weld implements.
  static Features all();
  /// Applies a comma-separated wasm-tools style list: `NAME` enables,
  /// `-NAME` disables, `all`/`-all` switch every implemented feature.
  llvm::Error apply(llvm::StringRef List);
};

/// Limits that keep hostile inputs bounded, and the feature gates.
struct DecodeLimits {
  unsigned MaxNesting = 100;
  size_t MaxTypes = 1000000;
  /// Which gated proposals are accepted.
  Features Feats;
};

/// Decodes and validates the component in Bytes (starting at absolute
/// offset 0 of the file). Types live in Types.
llvm::Expected<std::unique_ptr<Component>>
decodeComponent(llvm::ArrayRef<uint8_t> Bytes, TypeStore &Types,
                const DecodeLimits &Limits = {});

/// Kind of binary in the first 8 bytes: a core module, a component, or
/// neither.
enum class BinaryKind { CoreModule, Component, Unknown };
BinaryKind classifyBinary(llvm::ArrayRef<uint8_t> Bytes);

} // namespace weld::component

#endif
