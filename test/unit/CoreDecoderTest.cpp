//===- CoreDecoderTest.cpp - Opcode table, instruction reader, decoder ----===//
//
// Direct tests of the core frontend's pieces that lit cannot reach easily:
// the consistency of the generated opcode tables, the immediates that
// InstrReader fills in, and the shape of the decoded Module.
//
//===----------------------------------------------------------------------===//

#include "Core/Decoder.h"
#include "Core/InstrReader.h"
#include "Core/Validator.h"

#include "gtest/gtest.h"

#include <set>
#include <vector>

using namespace llvm;
using namespace weld;
using namespace weld::core;

namespace {

std::vector<uint8_t> header() { return {0x00, 0x61, 0x73, 0x6d, 1, 0, 0, 0}; }

/// Appends a section with the given id and contents.
void section(std::vector<uint8_t> &M, uint8_t Id, std::vector<uint8_t> Body) {
  M.push_back(Id);
  M.push_back(uint8_t(Body.size())); // tests keep sections under 128 bytes
  M.insert(M.end(), Body.begin(), Body.end());
}

TEST(CoreOpcodes, TableIsConsistent) {
  std::set<std::pair<unsigned, unsigned>> Seen;
  unsigned Simd = 0;
  for (unsigned I = 0; I < NumOpcodes; ++I) {
    const OpcodeInfo &Info = opcodeInfo(Opcode(I));
    EXPECT_TRUE(Seen.insert({Info.Prefix, Info.Code}).second) << Info.Name;
    auto Back = lookupOpcode(Info.Prefix, Info.Code);
    ASSERT_TRUE(Back.has_value()) << Info.Name;
    EXPECT_EQ(unsigned(*Back), I) << Info.Name;
    bool IsMemory =
        Info.Imm == ImmKind::MemArg || Info.Imm == ImmKind::MemArgLane;
    EXPECT_EQ(IsMemory, Info.AccessBytes != 0) << Info.Name;
    Simd += Info.Prefix == 0xfd;
  }
  EXPECT_EQ(Simd, 236u);
  EXPECT_FALSE(lookupOpcode(0xfd, 0x9a).has_value());
  EXPECT_EQ(opcodeName(Opcode::I32Add), "i32.add");
}

TEST(CoreInstrReader, Immediates) {
  const uint8_t Code[] = {
      0x28, 0x42, 0x01, 0x10,       // i32.load memory=1 align=4 offset=16
      0x0e, 0x02, 0x00, 0x01, 0x02, // br_table 0 1 default 2
      0xfd, 0x16, 0x0f,             // i8x16.extract_lane_u 15
      0x41, 0x7f,                   // i32.const -1
      0xfc, 0x0a, 0x01, 0x00,       // memory.copy 1 0
      0x1c, 0x01, 0x7e,             // select (result i64)
      0x0b,                         // end
  };
  InstrReader R(Code, 0x100);
  Instr I;
  ASSERT_FALSE(bool(R.read(I)));
  EXPECT_EQ(I.Op, Opcode::I32Load);
  EXPECT_EQ(I.Offset, 0x100u);
  EXPECT_EQ(I.Mem.Memory, 1u);
  EXPECT_EQ(I.Mem.AlignLog2, 2u);
  EXPECT_EQ(I.Mem.Offset, 16u);
  ASSERT_FALSE(bool(R.read(I)));
  EXPECT_EQ(I.Op, Opcode::BrTable);
  EXPECT_EQ(I.Targets.size(), 2u);
  EXPECT_EQ(I.Targets[1], 1u);
  EXPECT_EQ(I.Index, 2u);
  ASSERT_FALSE(bool(R.read(I)));
  EXPECT_EQ(I.Op, Opcode::I8x16ExtractLaneU);
  EXPECT_EQ(I.Lane, 15);
  EXPECT_EQ(I.Offset, 0x109u);
  ASSERT_FALSE(bool(R.read(I)));
  EXPECT_EQ(I.I32, -1);
  ASSERT_FALSE(bool(R.read(I)));
  EXPECT_EQ(I.Op, Opcode::MemoryCopy);
  EXPECT_EQ(I.Index, 1u);
  EXPECT_EQ(I.Index2, 0u);
  ASSERT_FALSE(bool(R.read(I)));
  EXPECT_EQ(I.Op, Opcode::SelectT);
  EXPECT_EQ(I.Index, 1u);
  EXPECT_EQ(I.Type, ValType::I64);
  ASSERT_FALSE(bool(R.read(I)));
  EXPECT_EQ(I.Op, Opcode::End);
  EXPECT_TRUE(R.atEnd());
}

TEST(CoreInstrReader, UnsupportedProposal) {
  const uint8_t Code[] = {0x06, 0x40}; // try
  InstrReader R(Code, 0);
  Instr I;
  Error E = R.read(I);
  ASSERT_TRUE(bool(E));
  EXPECT_NE(toString(std::move(E)).find("not supported yet: exception-handling"),
            std::string::npos);
}

/// A module with an imported function and global, a defined function with
/// locals, an export, passive and active segments and a name section.
std::vector<uint8_t> sampleModule() {
  std::vector<uint8_t> M = header();
  section(M, 1, {1, 0x60, 1, 0x7f, 1, 0x7f});           // (i32) -> i32
  section(M, 2, {2, 2, 'e', 'f', 1, 'f', 0, 0,          // func "ef"."f"
                 1, 'e', 1, 'g', 3, 0x7e, 0});          // global i64
  section(M, 3, {1, 0});                                // func 1: type 0
  section(M, 4, {1, 0x70, 0, 1});                       // table funcref 1
  section(M, 5, {1, 1, 1, 2});                          // memory 1..2
  section(M, 7, {1, 3, 'r', 'u', 'n', 0, 1});           // export "run"
  section(M, 9, {1, 0, 0x41, 0, 0x0b, 1, 1});           // elem (i32.const 0) 1
  section(M, 12, {2});                                  // data count 2
  section(M, 10, {1, 6, 1, 2, 0x7d, 0x20, 0, 0x0b});    // 2 x f32; local.get 0
  section(M, 11, {2, 1, 2, 'h', 'i',                    // passive "hi"
                  0, 0x41, 8, 0x0b, 1, 'x'});           // active at 8 "x"
  section(M, 0, {4, 'n', 'a', 'm', 'e', 1, 5, 1, 1, 2, 'f', 'n'});
  return M;
}

TEST(CoreDecoder, ModuleShape) {
  std::vector<uint8_t> Bytes = sampleModule();
  auto MOr = loadModule(Bytes, 0x40);
  ASSERT_TRUE(bool(MOr)) << toString(MOr.takeError());
  const Module &M = **MOr;
  ASSERT_EQ(M.Types.size(), 1u);
  EXPECT_EQ(M.Types[0].Params.size(), 1u);
  ASSERT_EQ(M.Imports.size(), 2u);
  EXPECT_EQ(M.Imports[0].Module, "ef");
  EXPECT_EQ(M.Imports[1].Kind, ExternKind::Global);
  EXPECT_EQ(M.NumImportedFuncs, 1u);
  EXPECT_EQ(M.NumImportedGlobals, 1u);
  ASSERT_EQ(M.Funcs.size(), 2u);
  EXPECT_TRUE(M.isImported(FuncIndex(0)));
  const Function &F = M.Funcs[1];
  EXPECT_EQ(F.NumLocals, 2u);
  ASSERT_EQ(F.Locals.size(), 1u);
  EXPECT_EQ(F.Locals[0].Type, ValType::F32);
  EXPECT_EQ(F.Code.size(), 3u);
  EXPECT_EQ(F.Code[0], 0x20);
  // The body starts after its size and local declarations.
  EXPECT_EQ(F.CodeOffset - 0x40, uint64_t(F.Code.data() - Bytes.data()));
  ASSERT_EQ(M.Memories.size(), 1u);
  EXPECT_EQ(M.Memories[0].Type.Pages.Max, 2u);
  ASSERT_EQ(M.Exports.size(), 1u);
  EXPECT_EQ(M.Exports[0].Name, "run");
  ASSERT_EQ(M.Elems.size(), 1u);
  EXPECT_EQ(M.Elems[0].Mode, SegmentMode::Active);
  EXPECT_EQ(M.Elems[0].FuncIndices, std::vector<uint32_t>{1});
  ASSERT_EQ(M.Elems[0].OffsetExpr.Instrs.size(), 1u);
  EXPECT_EQ(M.Elems[0].OffsetExpr.Instrs[0].Op, Opcode::I32Const);
  ASSERT_EQ(M.Datas.size(), 2u);
  EXPECT_EQ(M.Datas[0].Mode, SegmentMode::Passive);
  EXPECT_EQ(M.Datas[0].Bytes.size(), 2u);
  EXPECT_EQ(M.Datas[1].OffsetExpr.Instrs[0].I32, 8);
  EXPECT_EQ(M.DataCount, 2u);
  EXPECT_EQ(M.funcName(FuncIndex(1)), "fn");
}

TEST(CoreDecoder, ErrorsCarryOffsets) {
  std::vector<uint8_t> Bytes = sampleModule();
  // Corrupt the body's local.get index to an unknown local.
  for (size_t I = 0; I + 2 < Bytes.size(); ++I)
    if (Bytes[I] == 0x20 && Bytes[I + 1] == 0 && Bytes[I + 2] == 0x0b)
      Bytes[I + 1] = 9;
  auto M = loadModule(Bytes);
  ASSERT_FALSE(bool(M));
  std::string Msg;
  handleAllErrors(M.takeError(), [&](const InputError &E) {
    Msg = E.Message;
    EXPECT_EQ(Bytes[E.Offset], 0x20);
  });
  EXPECT_EQ(Msg, "unknown local 9");
}

TEST(CoreDecoder, FeaturesCanBeTurnedOff) {
  std::vector<uint8_t> M = header();
  section(M, 5, {2, 0, 1, 0, 1}); // two memories
  auto Decoded = decodeModule(M);
  ASSERT_TRUE(bool(Decoded));
  EXPECT_FALSE(bool(validateModule(**Decoded)));
  Features NoMulti;
  NoMulti.MultiMemory = false;
  Error E = validateModule(**Decoded, NoMulti);
  ASSERT_TRUE(bool(E));
  EXPECT_NE(toString(std::move(E)).find("multiple memories"),
            std::string::npos);
}

} // namespace
