//===- Diagnostics.h - Weld's one error model -------------------*- C++ -*-===//
//
// Everything that input can cause is reported as an llvm::Error. Errors about
// a binary carry the byte offset where the problem was found; errors about
// text (WIT) carry a line and column. The driver renders both as
//   weld: error: FILE:0xOFFSET: message
//   weld: error: FILE:LINE:COL: message
// and exits with status 1. Internal invariants use assert instead.
//
//===----------------------------------------------------------------------===//

#ifndef WELD_SUPPORT_DIAGNOSTICS_H
#define WELD_SUPPORT_DIAGNOSTICS_H

#include "llvm/ADT/StringRef.h"
#include "llvm/ADT/Twine.h"
#include "llvm/Support/Error.h"

#include <cstdint>
#include <string>

namespace weld {

/// An error located in an input file: at a byte offset of a binary, or at a
/// line and column of a text file.
class InputError : public llvm::ErrorInfo<InputError> {
public:
  static char ID;

  enum class LocationKind { Offset, LineColumn, None };

  /// Where the error was found (which fields are meaningful depends on Kind).
  LocationKind Kind;
  /// Byte offset into a binary input.
  uint64_t Offset = 0;
  /// 1-based line and column in a text input.
  unsigned Line = 0, Column = 0;
  /// Lower-case message without location.
  std::string Message;
  /// Optional file name when it differs from the driver's main input.
  std::string File;

  InputError(uint64_t Offset, std::string Message)
      : Kind(LocationKind::Offset), Offset(Offset),
        Message(std::move(Message)) {}
  InputError(unsigned Line, unsigned Column, std::string Message,
             std::string File = {})
      : Kind(LocationKind::LineColumn), Line(Line), Column(Column),
        Message(std::move(Message)), File(std::move(File)) {}
  explicit InputError(std::string Message)
      : Kind(LocationKind::None), Message(std::move(Message)) {}

  void log(llvm::raw_ostream &OS) const override;
  std::error_code convertToErrorCode() const override;

  /// Renders "FILE:LOCATION: message" using DefaultFile when File is empty.
  std::string render(llvm::StringRef DefaultFile) const;
};

/// Makes an error at byte offset Offset of a binary input.
inline llvm::Error errorAt(uint64_t Offset, const llvm::Twine &Message) {
  return llvm::make_error<InputError>(Offset, Message.str());
}

/// Makes an error without a location (for example "file not found").
inline llvm::Error errorNoLoc(const llvm::Twine &Message) {
  return llvm::make_error<InputError>(Message.str());
}

/// Renders any error (InputError or other) for the driver, one message per
/// line, each prefixed with "weld: error: FILE:LOCATION: ".
std::string renderError(llvm::Error E, llvm::StringRef File);

} // namespace weld

#endif
