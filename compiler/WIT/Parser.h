//===- Parser.h - WIT text to a resolved package ----------------*- C++ -*-===//
//
// The text half of the WIT stage: lexes and parses .wit files into syntax
// trees (AST.h), then resolves names across files, interfaces and packages
// (a directory's deps/ folder included) into the Resolve that Printer.cpp
// prints. Every error is an InputError at the FILE:LINE:COL it concerns.
//
//===----------------------------------------------------------------------===//

#ifndef WELD_WIT_PARSER_H
#define WELD_WIT_PARSER_H

#include "WIT/AST.h"
#include "WIT/WIT.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <string>
#include <vector>

namespace weld::wit {

/// Parses one file's text. FileIndex is stored in every location.
llvm::Expected<ast::File> parseFile(llvm::StringRef Path, llvm::StringRef Text,
                                    uint32_t FileIndex);

/// A resolved WIT input: the main package and the other ones (from deps/
/// and nested blocks) in dependency order.
struct ParsedWit {
  Resolve R;
  uint32_t Main = 0;
  std::vector<uint32_t> Nested;
};

/// Options of resolution.
struct ResolveOptions {
  /// `@unstable(feature = F)` items are kept only when F is listed.
  std::vector<std::string> Features;
  bool AllFeatures = false;
};

/// Resolves already parsed files. Group[I] says which package group file I
/// belongs to: 0 is the main package (a directory's own files), every other
/// number one entry of a deps/ folder. The files of a group form one
/// package; their nested `package ... { }` blocks are packages of their own.
llvm::Expected<ParsedWit> resolveFiles(std::vector<ast::File> Files,
                                       std::vector<uint32_t> Group,
                                       const ResolveOptions &Opts);

/// Parses and resolves a .wit file or a directory of them (with deps/).
llvm::Expected<ParsedWit> parseWitPath(llvm::StringRef Path,
                                       const ResolveOptions &Opts);

/// Parses and resolves a single in-memory file.
llvm::Expected<ParsedWit> parseWitText(llvm::StringRef Name,
                                       llvm::StringRef Text,
                                       const ResolveOptions &Opts);

} // namespace weld::wit

#endif
