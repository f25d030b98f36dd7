//===- Diagnostics.cpp - Weld's one error model ---------------------------===//
//
// Rendering of located input errors for the driver.
//
//===----------------------------------------------------------------------===//

#include "Support/Diagnostics.h"

#include "llvm/Support/Format.h"
#include "llvm/Support/raw_ostream.h"

using namespace llvm;

namespace weld {

char InputError::ID = 0;

void InputError::log(raw_ostream &OS) const { OS << render(""); }

std::error_code InputError::convertToErrorCode() const {
  return inconvertibleErrorCode();
}

std::string InputError::render(StringRef DefaultFile) const {
  std::string Out;
  raw_string_ostream OS(Out);
  StringRef Name = File.empty() ? DefaultFile : StringRef(File);
  switch (Kind) {
  case LocationKind::Offset:
    if (!Name.empty())
      OS << Name << ":";
    OS << format("0x%llx", (unsigned long long)Offset) << ": ";
    break;
  case LocationKind::LineColumn:
    if (!Name.empty())
      OS << Name << ":";
    OS << Line << ":" << Column << ": ";
    break;
  case LocationKind::None:
    if (!Name.empty())
      OS << Name << ": ";
    break;
  }
  OS << Message;
  return Out;
}

std::string renderError(Error E, StringRef File) {
  std::string Out;
  handleAllErrors(
      std::move(E),
      [&](const InputError &IE) {
        Out += "weld: error: " + IE.render(File) + "\n";
      },
      [&](const ErrorInfoBase &EI) {
        Out += "weld: error: ";
        if (!File.empty())
          Out += File.str() + ": ";
        Out += EI.message() + "\n";
      });
  return Out;
}

} // namespace weld
