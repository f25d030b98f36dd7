//===- Module.h - Decoded core WebAssembly module ---------------*- C++ -*-===//
//
// The IR of the core frontend, and the contract between it and its users
// (the code generator, the component frontend, `weld inspect`). A Module is
// what the binary says, decoded: types, imports, every index space with
// imports first, segments and constant expressions. Function bodies are not
// turned into a tree: each keeps its byte range (and absolute file offset)
// and is walked with InstrReader, so that large modules cost little memory
// and every instruction can be reported at its offset.
//
// A Module does not own the bytes it was decoded from: Bytes, function
// bodies, data segments and custom sections point into the caller's buffer,
// which must outlive the Module.
//
// decodeModule() checks everything the binary format requires (section
// order and sizes, counts, LEB128, opcodes). validateModule() (Validator.h)
// checks the typing rules; only a validated Module may be compiled.
//
//===----------------------------------------------------------------------===//

#ifndef WELD_CORE_MODULE_H
#define WELD_CORE_MODULE_H

#include "Core/Instr.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallVector.h"

#include <compare>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace weld::core {

/// A strongly typed index into one of the module's index spaces.
template <typename Tag> struct IndexT {
  uint32_t Value = 0;
  constexpr IndexT() = default;
  constexpr explicit IndexT(uint32_t V) : Value(V) {}
  friend constexpr auto operator<=>(IndexT, IndexT) = default;
};
using TypeIndex = IndexT<struct TypeIndexTag>;
using FuncIndex = IndexT<struct FuncIndexTag>;
using TableIndex = IndexT<struct TableIndexTag>;
using MemoryIndex = IndexT<struct MemoryIndexTag>;
using GlobalIndex = IndexT<struct GlobalIndexTag>;
using ElemIndex = IndexT<struct ElemIndexTag>;
using DataIndex = IndexT<struct DataIndexTag>;

/// Which optional features the decoder and validator accept. Everything in
/// scope is on by default; turning one off makes its use an error.
struct Features {
  bool MultiMemory = true;
  bool TailCall = true;
  bool ExtendedConst = true;
  bool Simd = true;
};

/// A function type.
struct FuncType {
  llvm::SmallVector<ValType, 4> Params;
  llvm::SmallVector<ValType, 2> Results;
  friend bool operator==(const FuncType &, const FuncType &) = default;
};

/// Limits of a table (in elements) or a memory (in 64 KiB pages).
struct Limits {
  uint64_t Min = 0;
  std::optional<uint64_t> Max;
};

struct TableType {
  /// funcref or externref.
  ValType ElemType = ValType::FuncRef;
  Limits Size;
};

struct MemoryType {
  /// In pages of 65536 bytes. The validator bounds both to 65536.
  Limits Pages;
};

struct GlobalType {
  ValType Type = ValType::I32;
  bool Mutable = false;
};

/// The four kinds of imports and exports.
enum class ExternKind : uint8_t { Func = 0, Table = 1, Memory = 2, Global = 3 };
llvm::StringRef externKindName(ExternKind K);

/// A constant expression (global initializers, segment offsets, element
/// items), without its final `end`. After validation it contains only
/// constant instructions: t.const, ref.null, ref.func, global.get and
/// i32/i64 add, sub, mul (extended-const), in stack order.
struct ConstExpr {
  llvm::SmallVector<Instr, 1> Instrs;
  /// Absolute file offset of the first instruction.
  uint64_t Offset = 0;
};

struct Import {
  std::string Module;
  std::string Name;
  ExternKind Kind = ExternKind::Func;
  /// Index of the imported entity in the index space of its kind.
  uint32_t Index = 0;
  /// Kind == Func: the function's type.
  TypeIndex Type;
  /// Kind == Table.
  TableType Table;
  /// Kind == Memory.
  MemoryType Memory;
  /// Kind == Global.
  GlobalType Global;
  /// Absolute file offset of the import entry.
  uint64_t Offset = 0;
};

/// A run of locals of one type, as declared in a function body.
struct LocalDecl {
  uint32_t Count = 0;
  ValType Type = ValType::I32;
};

/// An entry of the function index space.
struct Function {
  TypeIndex Type;
  /// Absolute file offset of the import or function section entry.
  uint64_t DeclOffset = 0;
  /// True for imported functions, which have no body.
  bool Imported = false;
  /// Declared locals (parameters excluded), compressed as in the binary.
  std::vector<LocalDecl> Locals;
  /// Sum of Locals[i].Count (the decoder bounds it, see MaxLocals).
  uint32_t NumLocals = 0;
  /// The instructions after the local declarations, including the final
  /// `end`; decode them with InstrReader(Code, CodeOffset).
  llvm::ArrayRef<uint8_t> Code;
  /// Absolute file offset of Code[0].
  uint64_t CodeOffset = 0;
  /// Absolute file offset of the body (its size field).
  uint64_t BodyOffset = 0;
};

struct Table {
  TableType Type;
  bool Imported = false;
  /// Absolute file offset of the definition or import.
  uint64_t Offset = 0;
};

struct Memory {
  MemoryType Type;
  bool Imported = false;
  /// Absolute file offset of the definition or import.
  uint64_t Offset = 0;
};

struct Global {
  GlobalType Type;
  bool Imported = false;
  /// Initializer of a defined global; empty for imported ones.
  ConstExpr Init;
  /// Absolute file offset of the definition or import.
  uint64_t Offset = 0;
};

struct Export {
  std::string Name;
  ExternKind Kind = ExternKind::Func;
  /// Index in the index space of Kind.
  uint32_t Index = 0;
  uint64_t Offset = 0;
};

/// Active segments are copied at instantiation, passive ones by
/// table.init/memory.init, declarative ones (elements only) only declare
/// functions for ref.func.
enum class SegmentMode : uint8_t { Active, Passive, Declarative };

struct ElemSegment {
  SegmentMode Mode = SegmentMode::Active;
  /// Active only: the table and the offset (an i32 constant expression).
  TableIndex Table;
  ConstExpr OffsetExpr;
  /// funcref or externref.
  ValType Type = ValType::FuncRef;
  /// Items of the legacy encodings (flags 0-3): function indices.
  /// Exactly one of FuncIndices and Exprs is used, see UsesExprs.
  std::vector<uint32_t> FuncIndices;
  /// Items of the expression encodings (flags 4-7).
  std::vector<ConstExpr> Exprs;
  bool UsesExprs = false;
  uint64_t Offset = 0;

  size_t size() const { return UsesExprs ? Exprs.size() : FuncIndices.size(); }
};

struct DataSegment {
  /// Active or Passive.
  SegmentMode Mode = SegmentMode::Active;
  /// Active only.
  MemoryIndex Memory;
  ConstExpr OffsetExpr;
  llvm::ArrayRef<uint8_t> Bytes;
  /// Absolute file offset of Bytes[0].
  uint64_t BytesOffset = 0;
  uint64_t Offset = 0;
};

struct CustomSection {
  std::string Name;
  llvm::ArrayRef<uint8_t> Data;
  uint64_t Offset = 0;
};

/// Implementation limits (the spec allows engines to have them).
constexpr uint32_t MaxLocals = 50000;
/// Largest memory, in pages, of a 32-bit memory.
constexpr uint64_t MaxMemoryPages = 65536;

class Module {
public:
  std::vector<FuncType> Types;
  std::vector<Import> Imports;
  /// Index spaces, imported entries first, in import order.
  std::vector<Function> Funcs;
  std::vector<Table> Tables;
  std::vector<Memory> Memories;
  std::vector<Global> Globals;
  uint32_t NumImportedFuncs = 0;
  uint32_t NumImportedTables = 0;
  uint32_t NumImportedMemories = 0;
  uint32_t NumImportedGlobals = 0;

  std::vector<Export> Exports;
  std::optional<FuncIndex> Start;
  /// Absolute file offset of the start section's function index.
  uint64_t StartOffset = 0;
  std::vector<ElemSegment> Elems;
  std::vector<DataSegment> Datas;
  /// The data count section's value, if present.
  std::optional<uint32_t> DataCount;
  std::vector<CustomSection> Customs;
  /// From the "name" custom section, when it is well-formed; otherwise empty.
  std::string ModuleName;
  std::map<uint32_t, std::string> FuncNames;

  /// The decoded bytes (not owned) and the file offset of Bytes[0].
  llvm::ArrayRef<uint8_t> Bytes;
  uint64_t BaseOffset = 0;

  const FuncType &funcType(FuncIndex F) const {
    return Types[Funcs[F.Value].Type.Value];
  }
  bool isImported(FuncIndex F) const { return F.Value < NumImportedFuncs; }
  /// Number of functions with a body.
  uint32_t numDefinedFuncs() const {
    return uint32_t(Funcs.size()) - NumImportedFuncs;
  }
  /// The name from the name section, or "" when there is none.
  llvm::StringRef funcName(FuncIndex F) const {
    auto It = FuncNames.find(F.Value);
    return It == FuncNames.end() ? llvm::StringRef() : It->second;
  }
};

} // namespace weld::core

#endif
