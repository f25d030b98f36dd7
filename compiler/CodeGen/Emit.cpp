//===- Emit.cpp - translate, optimize, emit and link -----------------------===//
//
// The steps after translation: the new pass manager's default pipeline at
// the requested -O level, object/assembly/IR emission with a TargetMachine
// for the host or --target, parallel code generation (a large core module
// is cut into partitions of its defined functions, each translated,
// optimized and emitted in its own LLVMContext by a pool of threads, so
// time and memory scale with the partition rather than the module), and
// linking a shared object with clang and lld.
//
//===----------------------------------------------------------------------===//

#include "CodeGen/CodeGen.h"
#include "CodeGen/Recurrences.h"
#include "CodeGen/Translator.h"

#include "llvm/Bitcode/BitcodeReader.h"
#include "llvm/Bitcode/BitcodeWriter.h"
#include "llvm/IR/LegacyPassManager.h"
#include "llvm/IR/Verifier.h"
#include "llvm/MC/TargetRegistry.h"
#include "llvm/Passes/PassBuilder.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Target/TargetMachine.h"
#include "llvm/TargetParser/Host.h"
#include "llvm/TargetParser/SubtargetFeature.h"
#include "llvm/Transforms/Utils/SplitModule.h"

#include <atomic>
#include <functional>
#include <mutex>
#include <thread>

using namespace llvm;

namespace weld::codegen {

void initializeTargets() {
  static std::once_flag Once;
  std::call_once(Once, [] {
    LLVMInitializeX86TargetInfo();
    LLVMInitializeX86Target();
    LLVMInitializeX86TargetMC();
    LLVMInitializeX86AsmPrinter();
    LLVMInitializeAArch64TargetInfo();
    LLVMInitializeAArch64Target();
    LLVMInitializeAArch64TargetMC();
    LLVMInitializeAArch64AsmPrinter();
    LLVMInitializeRISCVTargetInfo();
    LLVMInitializeRISCVTarget();
    LLVMInitializeRISCVTargetMC();
    LLVMInitializeRISCVAsmPrinter();
    LLVMInitializeARMTargetInfo();
    LLVMInitializeARMTarget();
    LLVMInitializeARMTargetMC();
    LLVMInitializeARMAsmPrinter();
  });
}

static Expected<std::unique_ptr<TargetMachine>>
createTargetMachine(const CodeGenOptions &Opts) {
  initializeTargets();
  bool Host = Opts.Triple.empty();
  Triple T(Host ? sys::getDefaultTargetTriple() : Opts.Triple);
  std::string Err;
  const Target *Tgt = TargetRegistry::lookupTarget(T, Err);
  if (!Tgt)
    return createStringError("--target " + T.str() + ": " + Err);
  // The host build tunes for this CPU, like -march=native; --target builds
  // use the target's generic CPU.
  std::string CPU = Host ? sys::getHostCPUName().str() : "";
  std::string Features;
  if (Host) {
    SubtargetFeatures F;
    for (const auto &[Name, On] : sys::getHostCPUFeatures())
      F.AddFeature(Name, On);
    Features = F.getString();
  }
  TargetOptions TO;
  CodeGenOptLevel Level = Opts.OptLevel == 0   ? CodeGenOptLevel::None
                          : Opts.OptLevel == 1 ? CodeGenOptLevel::Less
                          : Opts.OptLevel == 2 ? CodeGenOptLevel::Default
                                               : CodeGenOptLevel::Aggressive;
  std::unique_ptr<TargetMachine> TM(Tgt->createTargetMachine(
      T, CPU, Features, TO, Reloc::PIC_, std::nullopt, Level));
  if (!TM)
    return createStringError("cannot create a target machine for " + T.str());
  return std::move(TM);
}

/// A fresh module for the target of Opts in Ctx.
static Expected<std::unique_ptr<llvm::Module>>
newModule(LLVMContext &Ctx, const CodeGenOptions &Opts) {
  auto TM = createTargetMachine(Opts);
  if (!TM)
    return TM.takeError();
  auto LM = std::make_unique<llvm::Module>("wasm", Ctx);
  LM->setTargetTriple((*TM)->getTargetTriple());
  LM->setDataLayout((*TM)->createDataLayout());
  return std::move(LM);
}

Expected<std::unique_ptr<llvm::Module>>
translateModule(const core::Module &M, LLVMContext &Ctx,
                const CodeGenOptions &Opts) {
  auto LM = newModule(Ctx, Opts);
  if (!LM)
    return LM.takeError();
  ModuleTranslator MT(M, **LM, Opts);
  if (Error E = MT.run())
    return std::move(E);
  return std::move(*LM);
}

/// A loop that sums floating-point values (`s += a[i] * b[i]`) must add in
/// program order in wasm, so it cannot get a vector accumulator. LLVM can
/// still vectorize the rest of such a loop and keep the additions in order
/// (an in-loop `llvm.vector.reduce.fadd` with a scalar start), which gives
/// the same bits; AArch64 turns that on by itself, x86 does not. It pays
/// off when the terms are expensive (spectral-norm's divisions: 1.35x).
static void enableOrderedReductions() {
  static std::once_flag Once;
  std::call_once(Once, [] {
    auto &Registered = cl::getRegisteredOptions();
    auto It = Registered.find("force-ordered-reductions");
    if (It != Registered.end())
      It->second->addOccurrence(0, It->first, "true");
  });
}

static void optimize(llvm::Module &LM, TargetMachine &TM, unsigned Level) {
  enableOrderedReductions();
  LoopAnalysisManager LAM;
  FunctionAnalysisManager FAM;
  CGSCCAnalysisManager CGAM;
  ModuleAnalysisManager MAM;
  PassBuilder PB(&TM);
  PB.registerModuleAnalyses(MAM);
  PB.registerCGSCCAnalyses(CGAM);
  PB.registerFunctionAnalyses(FAM);
  PB.registerLoopAnalyses(LAM);
  PB.crossRegisterProxies(LAM, FAM, CGAM, MAM);
  // Only where the loop vectorizer runs: the rewrite alone buys nothing.
  PB.registerVectorizerStartEPCallback(
      [](FunctionPassManager &FPM, OptimizationLevel OL) {
        if (OL.getSpeedupLevel() >= 2)
          FPM.addPass(ExpandQuadraticRecurrencesPass());
      });
  OptimizationLevel OL = Level == 0   ? OptimizationLevel::O0
                         : Level == 1 ? OptimizationLevel::O1
                         : Level == 2 ? OptimizationLevel::O2
                                      : OptimizationLevel::O3;
  ModulePassManager MPM = Level == 0 ? PB.buildO0DefaultPipeline(OL)
                                     : PB.buildPerModuleDefaultPipeline(OL);
  MPM.run(LM, MAM);
}

/// Optimizes LM and writes it to Path in the requested form.
static Error emitOne(llvm::Module &LM, const CodeGenOptions &Opts,
                     OutputKind Kind, const std::string &Path) {
  auto TM = createTargetMachine(Opts);
  if (!TM)
    return TM.takeError();
  optimize(LM, **TM, Opts.OptLevel);
  std::error_code EC;
  raw_fd_ostream OS(Path, EC, Kind == OutputKind::Object ? sys::fs::OF_None
                                                         : sys::fs::OF_Text);
  if (EC)
    return createStringError(Path + ": " + EC.message());
  if (Kind == OutputKind::LLVMIR) {
    LM.print(OS, nullptr);
    return Error::success();
  }
  legacy::PassManager PM;
  CodeGenFileType FT = Kind == OutputKind::Object ? CodeGenFileType::ObjectFile
                                                  : CodeGenFileType::AssemblyFile;
  if ((*TM)->addPassesToEmitFile(PM, OS, nullptr, FT))
    return createStringError("the target cannot emit this file type");
  PM.run(LM);
  return Error::success();
}

Error emitModule(std::unique_ptr<llvm::Module> LM, const CodeGenOptions &Opts,
                 OutputKind Kind, unsigned Jobs, const std::string &Path,
                 std::vector<std::string> &OutputPaths) {
  // Small modules gain nothing from splitting.
  unsigned NumFuncs = 0;
  for (Function &F : *LM)
    NumFuncs += !F.isDeclaration();
  unsigned Parts = std::min<unsigned>(Jobs, std::max(1u, NumFuncs / 16));
  if (Kind != OutputKind::Object || Parts <= 1) {
    OutputPaths.push_back(Path);
    return emitOne(*LM, Opts, Kind, Path);
  }
  // Each partition travels as bitcode into a context of its own, because an
  // LLVMContext must not be used by two threads.
  std::vector<SmallString<0>> Bitcode;
  SplitModule(*LM, Parts, [&](std::unique_ptr<llvm::Module> Part) {
    SmallString<0> Buf;
    raw_svector_ostream OS(Buf);
    WriteBitcodeToFile(*Part, OS);
    Bitcode.push_back(std::move(Buf));
  });
  LM.reset();
  std::vector<Error> Errors;
  std::vector<std::thread> Threads;
  std::mutex Lock;
  for (size_t I = 0; I < Bitcode.size(); ++I) {
    std::string PartPath = Path + "." + std::to_string(I) + ".o";
    OutputPaths.push_back(PartPath);
    Threads.emplace_back([&, I, PartPath] {
      LLVMContext Ctx;
      auto Part = parseBitcodeFile(
          MemoryBufferRef(StringRef(Bitcode[I].data(), Bitcode[I].size()),
                          "partition"),
          Ctx);
      Error E = Part ? emitOne(**Part, Opts, Kind, PartPath) : Part.takeError();
      std::lock_guard<std::mutex> G(Lock);
      if (E)
        Errors.push_back(std::move(E));
    });
  }
  for (std::thread &T : Threads)
    T.join();
  Error All = Error::success();
  for (Error &E : Errors)
    All = joinErrors(std::move(All), std::move(E));
  return All;
}

/// Small modules stay whole; large ones get more partitions than threads
/// (about 256 KiB of wasm code each) so that the memory of the partitions
/// compiled at one time stays bounded. Contiguous index ranges, because
/// neighbours in the code section tend to call each other.
std::vector<std::pair<uint32_t, uint32_t>>
partitionFunctions(const core::Module &M, unsigned Jobs, uint64_t MinBytes) {
  uint64_t Total = 0;
  for (uint32_t I = M.NumImportedFuncs; I < M.Funcs.size(); ++I)
    Total += M.Funcs[I].Code.size();
  uint32_t NumDefined = M.Funcs.size() - M.NumImportedFuncs;
  // About 256 KiB of wasm code per partition bounds its LLVM memory to a
  // few hundred megabytes.
  constexpr uint64_t PartitionBytes = 256 << 10;
  uint64_t Wanted = std::max<uint64_t>(Jobs, Total / PartitionBytes);
  uint64_t Parts = std::min<uint64_t>(Wanted, NumDefined / 16);
  std::vector<std::pair<uint32_t, uint32_t>> Ranges;
  if (Jobs <= 1 || Parts <= 1 || Total < MinBytes)
    return Ranges;
  uint64_t Target = (Total + Parts - 1) / Parts, Acc = 0;
  uint32_t Begin = M.NumImportedFuncs;
  for (uint32_t I = M.NumImportedFuncs; I < M.Funcs.size(); ++I) {
    Acc += M.Funcs[I].Code.size();
    if (Acc >= Target && Ranges.size() + 1 < Parts) {
      Ranges.push_back({Begin, I + 1});
      Begin = I + 1;
      Acc = 0;
    }
  }
  if (Begin < M.Funcs.size() || Ranges.empty())
    Ranges.push_back({Begin, uint32_t(M.Funcs.size())});
  return Ranges;
}

/// Translates, optimizes and emits defined functions [Begin, End) of M in
/// a context of its own; the primary partition also holds the init
/// function and the descriptor.
static Error compilePartition(const core::Module &M, const CodeGenOptions &Opts,
                              uint32_t Begin, uint32_t End, bool Primary,
                              const std::string &Path) {
  LLVMContext Ctx;
  auto LM = newModule(Ctx, Opts);
  if (!LM)
    return LM.takeError();
  ModuleTranslator MT(M, **LM, Opts);
  MT.setPartition(Begin, End, Primary);
  if (Error E = MT.run())
    return E;
  return emitOne(**LM, Opts, OutputKind::Object, Path);
}

/// One slice of a whole-program build: like a partition, with the
/// statically bound imports declared by symbol.
static Error compileSlice(const FunctionSlice &S, const std::string &Path) {
  LLVMContext Ctx;
  auto LM = newModule(Ctx, S.Opts);
  if (!LM)
    return LM.takeError();
  ModuleTranslator MT(*S.M, **LM, S.Opts);
  MT.setPartition(S.Begin, S.End, /*Primary=*/false);
  MT.StaticImports.resize(S.M->Funcs.size());
  for (uint32_t I = 0; I < S.Imports.size() && I < S.M->Funcs.size(); ++I) {
    const ExternalCallee &C = S.Imports[I];
    if (C.Symbol.empty())
      continue;
    llvm::Function *F = (*LM)->getFunction(C.Symbol);
    if (!F) {
      F = llvm::Function::Create(MT.functionType(S.M->funcType(core::FuncIndex(I))),
                                 GlobalValue::ExternalLinkage, C.Symbol, **LM);
      F->setVisibility(GlobalValue::HiddenVisibility);
      F->setCallingConv(C.CallingConv);
      F->setDoesNotThrow();
    }
    MT.StaticImports[I] = {F, C.VmctxDelta};
  }
  if (Error E = MT.run())
    return E;
  return emitOne(**LM, S.Opts, OutputKind::Object, Path);
}

/// Runs Task(0..N-1) on up to Jobs threads, each taking the next index
/// until none is left; returns every error.
static Error runPool(size_t N, unsigned Jobs,
                     const std::function<Error(size_t)> &Task) {
  std::atomic<size_t> Next{0};
  std::vector<Error> Errors;
  std::mutex Lock;
  auto Work = [&] {
    for (size_t I; (I = Next.fetch_add(1)) < N;) {
      if (Error E = Task(I)) {
        std::lock_guard<std::mutex> G(Lock);
        Errors.push_back(std::move(E));
      }
    }
  };
  std::vector<std::thread> Threads;
  for (unsigned T = 0; T < std::min<size_t>(std::max(1u, Jobs), N); ++T)
    Threads.emplace_back(Work);
  for (std::thread &T : Threads)
    T.join();
  Error All = Error::success();
  for (Error &E : Errors)
    All = joinErrors(std::move(All), std::move(E));
  return All;
}

Expected<bool> compilePartitioned(const core::Module &M,
                                 const CodeGenOptions &Opts, unsigned Jobs,
                                 const std::string &Path,
                                 std::vector<std::string> &OutputPaths) {
  auto Ranges = partitionFunctions(M, Jobs);
  if (Ranges.empty())
    return false;
  for (size_t I = 0; I < Ranges.size(); ++I)
    OutputPaths.push_back(Path + "." + std::to_string(I) + ".o");
  if (Error E = runPool(Ranges.size(), Jobs, [&](size_t I) {
        return compilePartition(M, Opts, Ranges[I].first, Ranges[I].second,
                                I == 0, OutputPaths[I]);
      }))
    return std::move(E);
  return true;
}

Error emitSplit(std::unique_ptr<llvm::Module> Primary,
                const std::vector<FunctionSlice> &Slices,
                const CodeGenOptions &Opts, unsigned Jobs,
                const std::string &Path,
                std::vector<std::string> &OutputPaths) {
  size_t First = OutputPaths.size();
  for (size_t I = 0; I <= Slices.size(); ++I)
    OutputPaths.push_back(Path + "." + std::to_string(I) + ".o");
  return runPool(Slices.size() + 1, Jobs, [&](size_t I) -> Error {
    if (I == 0) {
      // The primary module's context is used by this thread only.
      Error E = emitOne(*Primary, Opts, OutputKind::Object, OutputPaths[First]);
      Primary.reset();
      return E;
    }
    return compileSlice(Slices[I - 1], OutputPaths[First + I]);
  });
}

Error runLinker(const std::vector<std::string> &Args, const std::string &Output,
                const CodeGenOptions &Opts) {
  auto Clang = sys::findProgramByName("clang-22");
  if (!Clang)
    Clang = sys::findProgramByName("clang", {"/usr/lib/llvm-22/bin"});
  if (!Clang)
    return createStringError("cannot find clang-22 to link with");
  std::vector<std::string> Cmd = {*Clang, "-fuse-ld=lld", "-o", Output};
  if (!Opts.Triple.empty())
    Cmd.push_back("--target=" + Opts.Triple);
  Cmd.insert(Cmd.end(), Args.begin(), Args.end());
  std::vector<StringRef> Refs(Cmd.begin(), Cmd.end());
  std::string ErrMsg;
  int RC = sys::ExecuteAndWait(*Clang, Refs, std::nullopt, {}, 0, 0, &ErrMsg);
  if (RC != 0)
    return createStringError("linking " + Output + " failed" +
                             (ErrMsg.empty() ? "" : ": " + ErrMsg));
  return Error::success();
}

Error linkRelocatable(const std::vector<std::string> &Objects,
                      const std::string &Output, const CodeGenOptions &Opts) {
  std::vector<std::string> Args = {"-r", "-nostdlib"};
  Args.insert(Args.end(), Objects.begin(), Objects.end());
  return runLinker(Args, Output, Opts);
}

Error linkShared(const std::vector<std::string> &Objects,
                 const std::string &RuntimeLib, const std::string &Output,
                 const CodeGenOptions &Opts) {
  // Cross builds need the runtime compiled for the target, kept next to
  // the host's as TRIPLE/libweld_rt.a.
  std::string Runtime = RuntimeLib;
  if (!Opts.Triple.empty() &&
      Triple(Opts.Triple).getArch() !=
          Triple(sys::getDefaultTargetTriple()).getArch()) {
    SmallString<256> P(sys::path::parent_path(RuntimeLib));
    sys::path::append(P, Opts.Triple, sys::path::filename(RuntimeLib));
    if (!sys::fs::exists(P))
      return createStringError("linking for --target " + Opts.Triple +
                               " needs the runtime built for it (" + P +
                               "); use --emit=obj and link it yourself");
    Runtime = std::string(P);
  }
  std::vector<std::string> Args = {"-shared"};
  Args.insert(Args.end(), Objects.begin(), Objects.end());
  Args.push_back(Runtime);
  // The runtime stays private to each shared object: only the descriptor
  // is exported, so several modules can be loaded side by side.
  Args.push_back("-Wl,--exclude-libs,ALL");
  Args.push_back("-lm");
  Args.push_back("-lpthread");
  return runLinker(Args, Output, Opts);
}

} // namespace weld::codegen
