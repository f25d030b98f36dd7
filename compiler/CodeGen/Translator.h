//===- Translator.h - state shared by the core code generator ---*- C++ -*-===//
//
// ModuleTranslator owns what is per module (LLVM types, the vmctx layout,
// function declarations, builtins, signature strings, trampolines) and
// FunctionTranslator translates one function body: the operand stack is a
// vector of SSA values, locals are allocas (mem2reg promotes them), control
// frames are basic blocks with phis. The instruction families live in
// separate files (Control, Numeric, Memory, TableRef, SIMD).
//
//===----------------------------------------------------------------------===//

#ifndef WELD_CODEGEN_TRANSLATOR_H
#define WELD_CODEGEN_TRANSLATOR_H

#include "CodeGen/CodeGen.h"
#include "Core/Instr.h"
#include "Core/Module.h"

#include "weld/runtime.h"

#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/Module.h"

#include <map>
#include <string>
#include <vector>

namespace weld::codegen {

/// The runtime builtins, from weld/builtins.def.
enum class Builtin {
#define WELD_BUILTIN(Name, Signature, CReturn, CParams) Name,
#include "weld/builtins.def"
  Count
};

/// Where things live in an instance's vmctx (byte offsets). The header
/// (weld_vmctx_header) comes first; then one pointer slot per function,
/// table, memory and global; then the storage of defined entities.
struct VmctxLayout {
  uint64_t PtrSize = 8;
  uint64_t FuncSlots = 0, TableSlots = 0, MemorySlots = 0, GlobalSlots = 0;
  /// weld_funcref records of the defined functions (5 pointers each).
  uint64_t FuncRecords = 0;
  /// weld_global cells of the defined globals (32 bytes each).
  uint64_t GlobalCells = 0;
  /// Per element segment {void **items, uint64_t length}.
  uint64_t ElemSegs = 0;
  /// Per data segment {const uint8_t *bytes, uint64_t length}.
  uint64_t DataSegs = 0;
  /// Start of each element segment's item array.
  std::vector<uint64_t> ElemItems;
  uint64_t Size = 0;

  uint64_t funcSlot(uint32_t I) const { return FuncSlots + I * PtrSize; }
  uint64_t tableSlot(uint32_t I) const { return TableSlots + I * PtrSize; }
  uint64_t memorySlot(uint32_t I) const { return MemorySlots + I * PtrSize; }
  uint64_t globalSlot(uint32_t I) const { return GlobalSlots + I * PtrSize; }
  uint64_t funcRecord(uint32_t Defined) const {
    return FuncRecords + Defined * 5 * PtrSize;
  }
  uint64_t globalCell(uint32_t Defined) const {
    return GlobalCells + Defined * 32;
  }
  uint64_t elemSeg(uint32_t I) const { return ElemSegs + I * 2 * PtrSize; }
  uint64_t dataSeg(uint32_t I) const { return DataSegs + I * 2 * PtrSize; }
};

/// Offsets inside runtime structs (see weld/runtime.h), for 64-bit hosts.
namespace rtoff {
constexpr uint64_t FuncRefCode = 0, FuncRefVmctx = 8, FuncRefSignature = 16,
                   FuncRefArrayCall = 24, FuncRefTailCode = 32;
constexpr uint64_t MemoryBase = 0, MemorySize = 8;
constexpr uint64_t TableElements = 0, TableSize = 8;
constexpr uint64_t GlobalType = 16, GlobalMutable = 17;
constexpr uint64_t StoreStackLimit = 0;
} // namespace rtoff

class ModuleTranslator {
public:
  ModuleTranslator(const core::Module &M, llvm::Module &LM,
                   const CodeGenOptions &Opts);

  /// Translates everything; errors are internal errors.
  llvm::Error run();

  /// Restricts run() to the bodies of defined functions [Begin, End): the
  /// others are declared as hidden external symbols defined by the objects
  /// of the other partitions, so every partition can be translated and
  /// compiled in a context of its own. Only the primary partition holds the
  /// init function and the descriptor.
  void setPartition(uint32_t Begin, uint32_t End, bool Primary) {
    PartBegin = Begin;
    PartEnd = End;
    IsPrimary = Primary;
    Partitioned = true;
  }

  const core::Module &M;
  llvm::Module &LM;
  /// The calling convention of defined functions' bodies: tailcc, which
  /// makes return_call a guaranteed tail call whatever the signatures, or
  /// fastcc where the backend lacks tailcc (RISC-V), which then refuses
  /// return_call.
  llvm::CallingConv::ID BodyCC;
  bool guaranteedTailCalls() const { return BodyCC == llvm::CallingConv::Tail; }
  llvm::LLVMContext &Ctx;
  const CodeGenOptions &Opts;
  VmctxLayout Layout;

  llvm::Type *I8, *I32, *I64, *F32, *F64, *Ptr;
  llvm::FixedVectorType *V128;

  llvm::Type *llvmType(core::ValType T) const;
  /// The LLVM return type of a wasm result list (void, the type, or a
  /// literal struct of the types).
  llvm::Type *returnType(llvm::ArrayRef<core::ValType> Results) const;
  /// The native prototype of a function of type T (vmctx first).
  llvm::FunctionType *functionType(const core::FuncType &T) const;
  /// The canonical signature string of T ("iI:f").
  static std::string signatureString(const core::FuncType &T);
  /// A private constant holding the signature string of T.
  llvm::Constant *signatureConstant(const core::FuncType &T);
  /// The array-call trampoline for T (one per signature).
  llvm::Function *trampoline(const core::FuncType &T);

  llvm::FunctionCallee builtin(Builtin B);
  /// The init function (valid after run()).
  llvm::Function *initFunction() const { return InitFn; }

  /// Whole-program mode: an imported function bound at compile time is
  /// called directly as Fn(vmctx + VmctxDelta, args...), so LLVM can inline
  /// across instances. Indexed by function index; null Fn means "through
  /// the funcref record" as usual.
  struct StaticCallee {
    llvm::Function *Fn = nullptr;
    int64_t VmctxDelta = 0;
  };
  std::vector<StaticCallee> StaticImports;
  /// TBAA access tags: linear memory never aliases the runtime's objects
  /// (vmctx, memory/table objects, global cells, table elements), so LLVM
  /// may keep those loads across linear-memory stores.
  llvm::MDNode *TBAAMemory = nullptr, *TBAARuntime = nullptr;
  /// The C-convention entry of defined function F (null for imports): what
  /// funcref records, trampolines and other modules call. In a partition,
  /// a function of another partition is declared on first use.
  llvm::Function *definedFunction(uint32_t F);
  /// The body of defined function F, with the tailcc convention so that
  /// every return_call between defined functions reuses the frame (the C
  /// entry just calls it).
  llvm::Function *functionBody(uint32_t F);
  /// A constant zero of T (null for references).
  llvm::Constant *zeroValue(core::ValType T) const;

private:
  void computeLayout();
  void declareFunctions();
  void declareFunction(uint32_t I);
  llvm::Error translateFunctions();
  void emitInit();
  void emitFunctionRecords(llvm::IRBuilder<> &B, llvm::Value *Vmctx);
  void emitDataDescriptorLoop(llvm::IRBuilder<> &B, llvm::Value *Vmctx);
  bool emitActiveDataLoop(llvm::IRBuilder<> &B, llvm::Value *Vmctx);
  /// Segments with at least this many items (element segments) or modules
  /// with this many data segments are initialized by loops over constant
  /// tables rather than straight-line code.
  static constexpr size_t LoopThreshold = 16;
  /// Functions with at least this many bytes of wasm code get less
  /// expensive code generation (tuneGiantFunction).
  static constexpr size_t GiantFunctionBytes = 64 << 10;
  void tuneGiantFunction(llvm::Function &F);
  void emitDescriptor();
  void evaluateSegmentsAndGlobals(llvm::IRBuilder<> &B, llvm::Value *Vmctx);
  llvm::Value *emitConstExpr(llvm::IRBuilder<> &B, llvm::Value *Vmctx,
                             const core::ConstExpr &E);
  llvm::Constant *cString(llvm::StringRef S);

  std::vector<llvm::Function *> Funcs;
  std::vector<llvm::Function *> Bodies;
  llvm::FunctionCallee Builtins[size_t(Builtin::Count)];
  std::map<std::string, llvm::Constant *> Signatures;
  std::map<std::string, llvm::Function *> Trampolines;
  llvm::Function *InitFn = nullptr;
  uint32_t PartBegin = 0, PartEnd = UINT32_MAX;
  bool IsPrimary = true, Partitioned = false;
};

/// One control frame of the function being translated.
struct ControlFrame {
  enum KindTy { Block, Loop, If, Function } Kind = Block;
  /// Where control continues after `end` (and the target of `br` unless
  /// this is a loop).
  llvm::BasicBlock *Merge = nullptr;
  /// Loops: the header, target of `br`.
  llvm::BasicBlock *Header = nullptr;
  /// Ifs: the else block, until `else` or `end` consumes it.
  llvm::BasicBlock *Else = nullptr;
  llvm::SmallVector<core::ValType, 4> Params, Results;
  llvm::SmallVector<llvm::PHINode *, 4> MergePhis, HeaderPhis;
  /// Ifs: the parameter values, which the else branch starts with.
  llvm::SmallVector<llvm::Value *, 4> IfParams;
  /// Operand stack height below the parameters.
  size_t Height = 0;

  /// The values a branch to this frame carries.
  llvm::ArrayRef<core::ValType> labelTypes() const {
    return Kind == Loop ? Params : Results;
  }
};

class FunctionTranslator {
public:
  FunctionTranslator(ModuleTranslator &MT, uint32_t FuncIndex);
  llvm::Error translate();

private:
  friend class ModuleTranslator;
  // FunctionTranslator.cpp: driver, locals, stack, control flow, calls.
  llvm::Error translateInstr(const core::Instr &I);
  llvm::Error noTailCalls() const;
  void emitPrologue();
  void beginBlock(const core::Instr &I, ControlFrame::KindTy Kind);
  void emitElse();
  void emitEnd();
  void emitBr(uint32_t Depth);
  void emitBrIf(uint32_t Depth);
  void emitBrTable(const core::Instr &I);
  void emitReturn();
  /// Returns the top values of the stack, leaving the stack alone.
  void buildReturn();
  bool isX86() const;
  void branchTo(ControlFrame &F, llvm::ArrayRef<llvm::Value *> Values);
  void emitCall(uint32_t Callee, bool Tail);
  void emitCallIndirect(uint32_t TypeIdx, uint32_t Table, bool Tail);
  void finishCall(llvm::FunctionType *FT, llvm::Value *Callee,
                  llvm::Value *CalleeVmctx, const core::FuncType &T,
                  bool Tail, llvm::CallingConv::ID CC);
  /// Pops the arguments of T and calls Callee; returns the call.
  llvm::CallInst *emitCallInst(llvm::FunctionType *FT, llvm::Value *Callee,
                               llvm::Value *CalleeVmctx,
                               llvm::ArrayRef<llvm::Value *> Params,
                               llvm::CallingConv::ID CC, bool Tail);
  void pushResults(llvm::Value *Call, const core::FuncType &T);
  /// Calls through the funcref record Rec (imports, call_indirect).
  void emitRecordCall(llvm::Value *Rec, llvm::FunctionType *FT,
                      const core::FuncType &T, bool Tail);
  void blockSignature(const core::BlockType &BT,
                      llvm::SmallVectorImpl<core::ValType> &Params,
                      llvm::SmallVectorImpl<core::ValType> &Results);
  void markUnreachable();
  /// Keeps a discarded load (guard mode) from being deleted.
  void keepAlive(llvm::Value *V);

  // Numeric.cpp
  bool translateNumeric(const core::Instr &I);
  llvm::Value *emitTruncTrapping(llvm::Value *X, llvm::Type *To, bool Signed);
  llvm::Value *emitMinMax(llvm::Intrinsic::ID ID, llvm::Value *L,
                          llvm::Value *R);
  llvm::Value *emitDivRem(core::Opcode Op, llvm::Value *A, llvm::Value *B);
  // Memory.cpp
  bool translateMemory(const core::Instr &I);
  llvm::Value *effectiveAddress(uint32_t Mem, llvm::Value *Addr,
                                uint64_t Offset, unsigned Bytes);
  llvm::Value *memoryObject(uint32_t Mem);
  // TableRef.cpp
  bool translateTableRef(const core::Instr &I);
  llvm::Value *tableObject(uint32_t Table);
  llvm::Value *globalCell(uint32_t Global);
  // SIMD.cpp
  bool translateSimd(const core::Instr &I);

  // Helpers.
  void push(llvm::Value *V) { Stack.push_back(V); }
  llvm::Value *pop() {
    assert(!Stack.empty() && "operand stack underflow");
    return Stack.pop_back_val();
  }
  llvm::SmallVector<llvm::Value *, 4> popN(size_t N);
  /// A pointer to Vmctx + Offset.
  llvm::Value *vmctxAddr(uint64_t Offset);
  /// Loads a pointer slot of the vmctx that never changes after init.
  llvm::Value *loadInvariantPtr(uint64_t Offset);
  llvm::Value *loadAt(llvm::Type *T, llvm::Value *Base, uint64_t Offset);
  void storeAt(llvm::Value *V, llvm::Value *Base, uint64_t Offset);
  /// Branches to a trap of Kind when Cond is true; continues otherwise.
  void trapIf(llvm::Value *Cond, weld_trap_kind Kind);
  void emitTrap(weld_trap_kind Kind);
  llvm::Value *i32(uint64_t V) { return B.getInt32(uint32_t(V)); }
  llvm::Value *i64(uint64_t V) { return B.getInt64(V); }
  llvm::Value *boolToI32(llvm::Value *V) { return B.CreateZExt(V, MT.I32); }
  /// Tags a load or store of a runtime object (see TBAARuntime).
  template <typename T> T *rt(T *I) {
    I->setMetadata(llvm::LLVMContext::MD_tbaa, MT.TBAARuntime);
    return I;
  }
  /// Tags a load or store of linear memory.
  template <typename T> T *linear(T *I) {
    I->setMetadata(llvm::LLVMContext::MD_tbaa, MT.TBAAMemory);
    return I;
  }
  llvm::Value *callIntrinsic(llvm::Intrinsic::ID ID,
                             llvm::ArrayRef<llvm::Type *> Types,
                             llvm::ArrayRef<llvm::Value *> Args);

  ModuleTranslator &MT;
  const core::Module &M;
  uint32_t FnIndex;
  const core::Function &Func;
  const core::FuncType &Sig;
  llvm::Function *Fn;
  llvm::IRBuilder<> B;
  llvm::Value *Vmctx = nullptr;
  llvm::BasicBlock *Entry = nullptr;
  llvm::SmallVector<llvm::AllocaInst *, 16> Locals;
  llvm::SmallVector<core::ValType, 16> LocalTypes;
  llvm::SmallVector<llvm::Value *, 32> Stack;
  llvm::SmallVector<ControlFrame, 16> Frames;
  /// Memory base pointers loaded in the entry block (they never move).
  llvm::SmallVector<llvm::Value *, 2> MemBases;
  llvm::SmallVector<llvm::Value *, 2> MemObjects;
  /// One trap block per kind, created on first use.
  llvm::BasicBlock *TrapBlocks[WELD_TRAP_COUNT] = {};
  /// True after an unconditional branch until the next else/end that
  /// leaves the dead code.
  bool Unreachable = false;
  /// Blocks opened inside dead code (skipped, but their ends counted).
  unsigned DeadDepth = 0;
};

} // namespace weld::codegen

#endif
