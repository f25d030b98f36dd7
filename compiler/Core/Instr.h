//===- Instr.h - Core WebAssembly value types and instructions --*- C++ -*-===//
//
// The vocabulary shared by everything that reads core WebAssembly code: value
// types, the closed Opcode enum generated from Opcodes.def, and Instr, one
// decoded instruction with its immediates. The decoder stores constant
// expressions as Instr vectors; function bodies stay bytes in the Module and
// are decoded again, one Instr at a time, by InstrReader (the validator and
// the code generator each walk them once), so nothing here owns code.
//
//===----------------------------------------------------------------------===//

#ifndef WELD_CORE_INSTR_H
#define WELD_CORE_INSTR_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

#include <array>
#include <cstdint>

namespace weld::core {

/// A value type. The enumerators carry their binary encoding.
enum class ValType : uint8_t {
  I32 = 0x7f,
  I64 = 0x7e,
  F32 = 0x7d,
  F64 = 0x7c,
  V128 = 0x7b,
  FuncRef = 0x70,
  ExternRef = 0x6f,
};

/// True for funcref and externref.
inline bool isRefType(ValType T) {
  return T == ValType::FuncRef || T == ValType::ExternRef;
}
/// The text-format name ("i32", "funcref", ...).
llvm::StringRef valTypeName(ValType T);

/// Every instruction weld accepts (see Opcodes.def for the list).
enum class Opcode : uint16_t {
#define WELD_OPCODE(NAME, PREFIX, CODE, TEXT, IMM, SIG) NAME,
#include "Core/Opcodes.def"
};

/// Number of Opcode enumerators.
constexpr unsigned NumOpcodes = 0
#define WELD_OPCODE(NAME, PREFIX, CODE, TEXT, IMM, SIG) +1
#include "Core/Opcodes.def"
    ;

/// What follows an opcode in the binary, and which Instr fields hold it.
enum class ImmKind : uint8_t {
  None,
  BlockType,    ///< Instr::Block.
  Label,        ///< Instr::Index = relative label depth.
  BrTable,      ///< Instr::Targets = the label depths, Instr::Index = default.
  Func,         ///< Instr::Index = function index (call, return_call, ref.func).
  CallIndirect, ///< Instr::Index = type index, Instr::Index2 = table index.
  Local,        ///< Instr::Index = local index.
  Global,       ///< Instr::Index = global index.
  Table,        ///< Instr::Index = table index.
  Memory,       ///< Instr::Index = memory index (memory.size/grow/fill).
  MemArg,       ///< Instr::Mem.
  MemArgLane,   ///< Instr::Mem and Instr::Lane.
  I32,          ///< Instr::I32.
  I64,          ///< Instr::I64.
  F32,          ///< Instr::F32Bits.
  F64,          ///< Instr::F64Bits.
  V128,         ///< Instr::V128 (16 little-endian bytes).
  Shuffle,      ///< Instr::V128 holds the 16 lane indices.
  Lane,         ///< Instr::Lane.
  RefType,      ///< Instr::Type (funcref or externref).
  SelectT,      ///< Instr::Index = number of types, Instr::Type = the first.
  TableInit,    ///< Instr::Index = element segment, Instr::Index2 = table.
  ElemIndex,    ///< Instr::Index = element segment.
  TableCopy,    ///< Instr::Index = destination table, Instr::Index2 = source.
  MemoryInit,   ///< Instr::Index = data segment, Instr::Index2 = memory.
  DataIndex,    ///< Instr::Index = data segment.
  MemoryCopy,   ///< Instr::Index = destination memory, Instr::Index2 = source.
};

/// The static facts about an opcode, from Opcodes.def.
struct OpcodeInfo {
  /// 0, 0xfc or 0xfd.
  uint8_t Prefix;
  /// The byte after the prefix (or the only byte).
  uint32_t Code;
  /// Text-format name.
  const char *Name;
  ImmKind Imm;
  /// "PARAMS:RESULTS" (letters i I f F v) for fixed-type instructions, or ""
  /// when the type depends on immediates or context.
  const char *Signature;
  /// Bytes accessed by a load or store, 0 for other instructions.
  uint8_t AccessBytes;
};

const OpcodeInfo &opcodeInfo(Opcode Op);
inline llvm::StringRef opcodeName(Opcode Op) { return opcodeInfo(Op).Name; }
inline ImmKind immKind(Opcode Op) { return opcodeInfo(Op).Imm; }

/// Block type of block, loop and if.
struct BlockType {
  enum KindTy : uint8_t {
    Empty,   ///< [] -> []
    Value,   ///< [] -> [Type]
    TypeIdx, ///< the function type Types[Index] (multi-value)
  };
  KindTy Kind = Empty;
  ValType Type = ValType::I32;
  uint32_t Index = 0;
};

/// Memory operand of loads and stores.
struct MemArg {
  /// Static offset added to the dynamic address.
  uint64_t Offset = 0;
  /// Alignment hint as a power of two exponent (the flag bit 6 removed).
  uint32_t AlignLog2 = 0;
  /// Memory index (0 unless flag bit 6 was set: multi-memory).
  uint32_t Memory = 0;
};

/// One decoded instruction. Only the fields named by immKind(Op) are
/// meaningful; the others are zero.
struct Instr {
  Opcode Op = Opcode::Nop;
  /// Absolute file offset of the first byte (prefix included).
  uint64_t Offset = 0;
  /// First index immediate (see ImmKind for its meaning per kind).
  uint32_t Index = 0;
  /// Second index immediate.
  uint32_t Index2 = 0;
  /// Lane index of extract/replace_lane and the lane loads and stores.
  uint8_t Lane = 0;
  /// ref.null's type; select's first result type.
  ValType Type = ValType::I32;
  BlockType Block;
  MemArg Mem;
  int32_t I32 = 0;
  int64_t I64 = 0;
  uint32_t F32Bits = 0;
  uint64_t F64Bits = 0;
  std::array<uint8_t, 16> V128 = {};
  /// br_table label depths, without the default. Points into the
  /// InstrReader that decoded it and is valid until its next read(); empty
  /// in instructions stored in a Module.
  llvm::ArrayRef<uint32_t> Targets;
};

} // namespace weld::core

#endif
