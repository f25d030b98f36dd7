//===- Emit.cpp - translate, optimize, emit and link -----------------------===//
//
// The steps after translation: the new pass manager's default pipeline at
// the requested -O level, object/assembly/IR emission with a TargetMachine
// for the host or --target, parallel code generation (the module is split
// with llvm::SplitModule and each partition is optimized and emitted in its
// own LLVMContext on its own thread), and linking a shared object with
// clang and lld.
//
//===----------------------------------------------------------------------===//

#include "CodeGen/CodeGen.h"
#include "CodeGen/Translator.h"

#include "llvm/Bitcode/BitcodeReader.h"
#include "llvm/Bitcode/BitcodeWriter.h"
#include "llvm/IR/LegacyPassManager.h"
#include "llvm/IR/Verifier.h"
#include "llvm/MC/TargetRegistry.h"
#include "llvm/Passes/PassBuilder.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Target/TargetMachine.h"
#include "llvm/TargetParser/Host.h"
#include "llvm/TargetParser/SubtargetFeature.h"
#include "llvm/Transforms/Utils/SplitModule.h"

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

Expected<std::unique_ptr<llvm::Module>>
translateModule(const core::Module &M, LLVMContext &Ctx,
                const CodeGenOptions &Opts) {
  auto TM = createTargetMachine(Opts);
  if (!TM)
    return TM.takeError();
  auto LM = std::make_unique<llvm::Module>("wasm", Ctx);
  LM->setTargetTriple((*TM)->getTargetTriple());
  LM->setDataLayout((*TM)->createDataLayout());
  ModuleTranslator MT(M, *LM, Opts);
  if (Error E = MT.run())
    return std::move(E);
  return std::move(LM);
}

static void optimize(llvm::Module &LM, TargetMachine &TM, unsigned Level) {
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

Error linkShared(const std::vector<std::string> &Objects,
                 const std::string &RuntimeLib, const std::string &Output,
                 const CodeGenOptions &Opts) {
  auto Clang = sys::findProgramByName("clang-22");
  if (!Clang)
    Clang = sys::findProgramByName("clang", {"/usr/lib/llvm-22/bin"});
  if (!Clang)
    return createStringError("cannot find clang-22 to link with");
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
  std::vector<std::string> Args = {*Clang, "-shared", "-fuse-ld=lld", "-o",
                                   Output};
  if (!Opts.Triple.empty())
    Args.push_back("--target=" + Opts.Triple);
  Args.insert(Args.end(), Objects.begin(), Objects.end());
  Args.push_back(Runtime);
  // The runtime stays private to each shared object: only the descriptor
  // is exported, so several modules can be loaded side by side.
  Args.push_back("-Wl,--exclude-libs,ALL");
  Args.push_back("-lm");
  Args.push_back("-lpthread");
  std::vector<StringRef> Refs(Args.begin(), Args.end());
  std::string ErrMsg;
  int RC = sys::ExecuteAndWait(*Clang, Refs, std::nullopt, {}, 0, 0, &ErrMsg);
  if (RC != 0)
    return createStringError("linking " + Output + " failed" +
                             (ErrMsg.empty() ? "" : ": " + ErrMsg));
  return Error::success();
}

} // namespace weld::codegen
