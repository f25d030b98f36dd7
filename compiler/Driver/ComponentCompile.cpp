//===- ComponentCompile.cpp - weld compile for components -----------------===//
//
// The component half of `weld compile`: decode and validate, instantiate
// statically, translate the whole program into one LLVM module
// (compiler/ABI), then optimize and emit LLVM IR, assembly, an object or a
// shared object (plus, with --header, its C header).
//
//===----------------------------------------------------------------------===//

#include "ABI/ABI.h"
#include "Component/Component.h"
#include "Component/Instantiate.h"
#include "Driver/CommandCompile.h"
#include "Driver/Driver.h"
#include "Support/Diagnostics.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

#include <thread>

namespace weld::driver {

unsigned defaultJobs() {
  return std::max(1u, std::thread::hardware_concurrency());
}

llvm::Error emitProgram(const component::Graph &G, component::TypeStore &Types,
                        const codegen::CodeGenOptions &Opts, unsigned Jobs,
                        const abi::WasiBinding *Wasi,
                        const std::function<void(llvm::Module &)> &Finish,
                        const std::string &Path,
                        std::vector<std::string> &Objects) {
  llvm::LLVMContext Ctx;
  auto P = abi::translateComponentSplit(G, Types, Ctx, Opts, Jobs, Wasi);
  if (!P)
    return P.takeError();
  if (Finish)
    Finish(*P->Primary);
  if (P->Slices.empty())
    return codegen::emitModule(std::move(P->Primary), Opts,
                               codegen::OutputKind::Object, 1, Path, Objects);
  return codegen::emitSplit(std::move(P->Primary), P->Slices, Opts, Jobs, Path,
                            Objects);
}

int compileComponent(const std::string &Input, const std::string &Output,
                     const std::string &Emit, const std::string &Header,
                     unsigned Jobs, const codegen::CodeGenOptions &BaseOpts,
                     const std::string &RuntimeLib,
                     const std::string &Features) {
  auto Buf = llvm::MemoryBuffer::getFile(Input, /*IsText=*/false,
                                         /*RequiresNullTerminator=*/false);
  if (!Buf) {
    llvm::errs() << "weld: error: " << Input << ": "
                 << Buf.getError().message() << "\n";
    return ExitError;
  }
  llvm::ArrayRef<uint8_t> Bytes(
      reinterpret_cast<const uint8_t *>((*Buf)->getBufferStart()),
      (*Buf)->getBufferSize());
  auto Fail = [&](llvm::Error E) {
    llvm::errs() << renderError(std::move(E), Input);
    return ExitError;
  };
  component::DecodeLimits Limits;
  if (!Features.empty())
    if (llvm::Error E = Limits.Feats.apply(Features))
      return usageError("--features: " + llvm::toString(std::move(E)));
  component::TypeStore Types;
  auto C = component::decodeComponent(Bytes, Types, Limits);
  if (!C)
    return Fail(C.takeError());
  auto G = component::instantiateStatically(**C, Types, Bytes);
  if (!G)
    return Fail(G.takeError());
  codegen::CodeGenOptions Opts = BaseOpts;
  Opts.DescriptorName = "weld_component";
  if (!Header.empty()) {
    std::error_code EC;
    llvm::raw_fd_ostream OS(Header, EC);
    if (EC)
      return usageError(Header + ": " + EC.message());
    OS << abi::cHeader(**G, Types, "app");
  }
  if (Emit == "llvm-ir" || Emit == "asm") {
    // One file: the whole program as one module.
    llvm::LLVMContext Ctx;
    auto LM = abi::translateComponent(**G, Types, Ctx, Opts);
    if (!LM)
      return Fail(LM.takeError());
    codegen::OutputKind Kind = Emit == "llvm-ir" ? codegen::OutputKind::LLVMIR
                                                 : codegen::OutputKind::Assembly;
    std::vector<std::string> Objects;
    if (llvm::Error E =
            codegen::emitModule(std::move(*LM), Opts, Kind, 1, Output, Objects))
      return Fail(std::move(E));
    return ExitOK;
  }
  llvm::SmallString<256> Temp;
  if (std::error_code EC =
          llvm::sys::fs::createTemporaryFile("weld", "o", Temp))
    return usageError("cannot create a temporary file: " + EC.message());
  // Small instances stay in one module for cross-instance inlining; only
  // large ones are sliced (abi::MinSlicedInstanceBytes).
  std::vector<std::string> Objects;
  llvm::Error E = emitProgram(**G, Types, Opts, Jobs, nullptr, nullptr,
                              std::string(Temp), Objects);
  if (!E && Emit == "shared")
    E = codegen::linkShared(Objects, RuntimeLib, Output, Opts);
  else if (!E && Objects.size() > 1)
    E = codegen::linkRelocatable(Objects, Output, Opts);
  else if (!E && llvm::sys::fs::copy_file(Objects[0], Output))
    E = llvm::createStringError("cannot write " + Output);
  llvm::sys::fs::remove(Temp);
  for (const std::string &O : Objects)
    llvm::sys::fs::remove(O);
  if (E)
    return Fail(std::move(E));
  return ExitOK;
}

} // namespace weld::driver
