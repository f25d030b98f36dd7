//===- InstrReader.cpp - Decodes core instructions one at a time ----------===//
//
// The opcode tables are generated from Opcodes.def at compile time. Opcodes
// of proposals outside weld's scope are recognized so that the user reads
// "not supported yet: PROPOSAL" rather than "illegal opcode".
//
//===----------------------------------------------------------------------===//

#include "Core/InstrReader.h"

#include "llvm/Support/Format.h"

#include <optional>

using namespace llvm;

namespace weld::core {

static constexpr OpcodeInfo Infos[] = {
#define WELD_OPCODE(NAME, PREFIX, CODE, TEXT, IMM, SIG)                        \
  {PREFIX, CODE, TEXT, ImmKind::IMM, SIG, 0},
#define WELD_MEMORY_OPCODE(NAME, PREFIX, CODE, TEXT, IMM, SIG, BYTES)          \
  {PREFIX, CODE, TEXT, ImmKind::IMM, SIG, BYTES},
#include "Core/Opcodes.def"
};
static_assert(sizeof(Infos) / sizeof(Infos[0]) == NumOpcodes);

const OpcodeInfo &opcodeInfo(Opcode Op) { return Infos[unsigned(Op)]; }

StringRef valTypeName(ValType T) {
  switch (T) {
  case ValType::I32:
    return "i32";
  case ValType::I64:
    return "i64";
  case ValType::F32:
    return "f32";
  case ValType::F64:
    return "f64";
  case ValType::V128:
    return "v128";
  case ValType::FuncRef:
    return "funcref";
  case ValType::ExternRef:
    return "externref";
  }
  return "?";
}

// Lookup tables from (prefix, code) to opcode; NoOpcode marks holes.
static constexpr uint16_t NoOpcode = 0xffff;
template <size_t N> using Table = std::array<uint16_t, N>;

template <size_t N> static constexpr Table<N> makeTable(unsigned Prefix) {
  Table<N> T{};
  for (auto &E : T)
    E = NoOpcode;
  for (unsigned I = 0; I < NumOpcodes; ++I)
    if (Infos[I].Prefix == Prefix && Infos[I].Code < N)
      T[Infos[I].Code] = uint16_t(I);
  return T;
}

static constexpr Table<256> PlainOps = makeTable<256>(0);
static constexpr Table<32> MiscOps = makeTable<32>(0xfc);
static constexpr Table<256> SimdOps = makeTable<256>(0xfd);

std::optional<Opcode> lookupOpcode(uint8_t Prefix, uint32_t Code) {
  uint16_t V = NoOpcode;
  if (Prefix == 0 && Code < PlainOps.size())
    V = PlainOps[Code];
  else if (Prefix == 0xfc && Code < MiscOps.size())
    V = MiscOps[Code];
  else if (Prefix == 0xfd && Code < SimdOps.size())
    V = SimdOps[Code];
  if (V == NoOpcode)
    return std::nullopt;
  return Opcode(V);
}

/// The proposal an unknown one-byte opcode belongs to, if weld knows it.
static const char *proposalOfPlainOpcode(uint8_t B) {
  switch (B) {
  case 0x06: // try
  case 0x07: // catch
  case 0x08: // throw
  case 0x09: // rethrow
  case 0x0a: // throw_ref
  case 0x18: // delegate
  case 0x19: // catch_all
  case 0x1f: // try_table
    return "exception-handling";
  case 0x14: // call_ref
  case 0x15: // return_call_ref
  case 0xd4: // ref.as_non_null
  case 0xd5: // br_on_null
  case 0xd6: // br_on_non_null
    return "function-references";
  case 0xd3: // ref.eq
  case 0xfb: // struct/array/i31 instructions
    return "gc";
  case 0xfe: // atomics
    return "threads";
  default:
    return nullptr;
  }
}

/// The proposal of a value-type byte weld does not support, if known.
static const char *proposalOfTypeByte(uint8_t B) {
  switch (B) {
  case 0x63: // (ref null ht)
  case 0x64: // (ref ht)
    return "function-references";
  case 0x69: // exnref
  case 0x74: // noexn
    return "exception-handling";
  case 0x6e: // anyref
  case 0x6d: // eqref
  case 0x6c: // i31ref
  case 0x6b: // structref
  case 0x6a: // arrayref
  case 0x71: // nullref
  case 0x72: // nullexternref
  case 0x73: // nullfuncref
  case 0x78: // i8 (packed)
  case 0x77: // i16 (packed)
    return "gc";
  case 0x68: // contref
  case 0x75: // nocont
    return "stack-switching";
  default:
    return nullptr;
  }
}

static Error unsupported(uint64_t Offset, const char *Proposal) {
  return errorAt(Offset, Twine("not supported yet: ") + Proposal);
}

static std::string hexByte(unsigned B) {
  std::string S;
  raw_string_ostream OS(S);
  OS << format_hex(B, 4);
  return S;
}

Expected<ValType> readValType(ByteReader &R) {
  uint64_t Off = R.offset();
  auto B = R.readU8();
  if (!B)
    return B.takeError();
  switch (*B) {
  case 0x7f:
  case 0x7e:
  case 0x7d:
  case 0x7c:
  case 0x7b:
  case 0x70:
  case 0x6f:
    return ValType(*B);
  default:
    break;
  }
  if (const char *P = proposalOfTypeByte(*B))
    return unsupported(Off, P);
  return errorAt(Off, "invalid value type " + hexByte(*B));
}

Expected<ValType> readRefType(ByteReader &R) {
  uint64_t Off = R.offset();
  auto B = R.readU8();
  if (!B)
    return B.takeError();
  if (*B == 0x70 || *B == 0x6f)
    return ValType(*B);
  if (const char *P = proposalOfTypeByte(*B))
    return unsupported(Off, P);
  return errorAt(Off, "malformed reference type " + hexByte(*B));
}

Error InstrReader::read(Instr &I) {
  I = Instr();
  I.Offset = R.offset();
  auto B = R.readU8();
  if (!B)
    return B.takeError();
  if (*B == 0xfc || *B == 0xfd)
    return readPrefixed(*B, I);
  std::optional<Opcode> Op = lookupOpcode(0, *B);
  if (!Op) {
    if (const char *P = proposalOfPlainOpcode(*B))
      return unsupported(I.Offset, P);
    return errorAt(I.Offset, "illegal opcode " + hexByte(*B));
  }
  I.Op = *Op;
  return readImmediates(I);
}

Error InstrReader::readPrefixed(uint8_t Prefix, Instr &I) {
  auto Code = R.readVarU32();
  if (!Code)
    return Code.takeError();
  std::optional<Opcode> Op = lookupOpcode(Prefix, *Code);
  if (!Op) {
    if (Prefix == 0xfd && *Code >= 0x100 && *Code <= 0x113)
      return unsupported(I.Offset, "relaxed-simd");
    if (Prefix == 0xfc && *Code >= 19 && *Code <= 22)
      return unsupported(I.Offset, "wide-arithmetic");
    return errorAt(I.Offset, "illegal opcode " + hexByte(Prefix) + " " +
                                 hexByte(*Code));
  }
  I.Op = *Op;
  return readImmediates(I);
}

Error InstrReader::readMemArg(MemArg &M) {
  auto Flags = R.readVarU32();
  if (!Flags)
    return Flags.takeError();
  uint32_t Align = *Flags;
  if (Align & 0x40) {
    // Multi-memory: bit 6 says that a memory index follows.
    auto Mem = R.readVarU32();
    if (!Mem)
      return Mem.takeError();
    M.Memory = *Mem;
    Align &= ~0x40u;
  }
  M.AlignLog2 = Align;
  auto Off = R.readVarU32();
  if (!Off)
    return Off.takeError();
  M.Offset = *Off;
  return Error::success();
}

/// Reads one u32 immediate into Dst.
static Error readU32(ByteReader &R, uint32_t &Dst) {
  auto V = R.readVarU32();
  if (!V)
    return V.takeError();
  Dst = *V;
  return Error::success();
}

static Error readBlockType(ByteReader &R, BlockType &BT) {
  auto B = R.peekU8();
  if (!B)
    return B.takeError();
  if (*B == 0x40) {
    (void)R.readU8();
    BT.Kind = BlockType::Empty;
    return Error::success();
  }
  if ((*B & 0xc0) == 0x40) {
    // One-byte negative s33: a value type.
    auto T = readValType(R);
    if (!T)
      return T.takeError();
    BT.Kind = BlockType::Value;
    BT.Type = *T;
    return Error::success();
  }
  uint64_t Off = R.offset();
  auto Idx = R.readVarS33();
  if (!Idx)
    return Idx.takeError();
  if (*Idx < 0)
    return errorAt(Off, "malformed block type");
  BT.Kind = BlockType::TypeIdx;
  BT.Index = uint32_t(*Idx);
  return Error::success();
}

Error InstrReader::readImmediates(Instr &I) {
  switch (immKind(I.Op)) {
  case ImmKind::None:
    return Error::success();
  case ImmKind::BlockType:
    return readBlockType(R, I.Block);
  case ImmKind::Label:
  case ImmKind::Func:
  case ImmKind::Local:
  case ImmKind::Global:
  case ImmKind::Table:
  case ImmKind::Memory:
  case ImmKind::ElemIndex:
  case ImmKind::DataIndex:
    return readU32(R, I.Index);
  case ImmKind::CallIndirect:
  case ImmKind::TableInit:
  case ImmKind::TableCopy:
  case ImmKind::MemoryInit:
  case ImmKind::MemoryCopy:
    if (Error E = readU32(R, I.Index))
      return E;
    return readU32(R, I.Index2);
  case ImmKind::BrTable: {
    auto N = R.readCount(1);
    if (!N)
      return N.takeError();
    TargetStorage.clear();
    TargetStorage.reserve(*N);
    for (uint32_t K = 0; K < *N; ++K) {
      uint32_t T;
      if (Error E = readU32(R, T))
        return E;
      TargetStorage.push_back(T);
    }
    I.Targets = TargetStorage;
    return readU32(R, I.Index);
  }
  case ImmKind::MemArg:
    return readMemArg(I.Mem);
  case ImmKind::MemArgLane: {
    if (Error E = readMemArg(I.Mem))
      return E;
    auto L = R.readU8();
    if (!L)
      return L.takeError();
    I.Lane = *L;
    return Error::success();
  }
  case ImmKind::I32: {
    auto V = R.readVarS32();
    if (!V)
      return V.takeError();
    I.I32 = *V;
    return Error::success();
  }
  case ImmKind::I64: {
    auto V = R.readVarS64();
    if (!V)
      return V.takeError();
    I.I64 = *V;
    return Error::success();
  }
  case ImmKind::F32: {
    auto V = R.readFixedU32();
    if (!V)
      return V.takeError();
    I.F32Bits = *V;
    return Error::success();
  }
  case ImmKind::F64: {
    auto V = R.readFixedU64();
    if (!V)
      return V.takeError();
    I.F64Bits = *V;
    return Error::success();
  }
  case ImmKind::V128:
  case ImmKind::Shuffle: {
    auto V = R.readBytes(16);
    if (!V)
      return V.takeError();
    std::copy(V->begin(), V->end(), I.V128.begin());
    return Error::success();
  }
  case ImmKind::Lane: {
    auto L = R.readU8();
    if (!L)
      return L.takeError();
    I.Lane = *L;
    return Error::success();
  }
  case ImmKind::RefType: {
    auto T = readRefType(R);
    if (!T)
      return T.takeError();
    I.Type = *T;
    return Error::success();
  }
  case ImmKind::SelectT: {
    auto N = R.readCount(1);
    if (!N)
      return N.takeError();
    I.Index = *N;
    for (uint32_t K = 0; K < *N; ++K) {
      auto T = readValType(R);
      if (!T)
        return T.takeError();
      if (K == 0)
        I.Type = *T;
    }
    return Error::success();
  }
  }
  llvm_unreachable("covered switch");
}

} // namespace weld::core
