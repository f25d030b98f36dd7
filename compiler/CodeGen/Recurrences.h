//===- Recurrences.h - undo strength reduction of quadratic recurrences ---===//
//
// A function pass that runs just before LLVM's loop vectorizer (see
// Recurrences.cpp for why).
//
//===----------------------------------------------------------------------===//

#ifndef WELD_CODEGEN_RECURRENCES_H
#define WELD_CODEGEN_RECURRENCES_H

#include "llvm/IR/PassManager.h"

namespace weld::codegen {

/// Rewrites second-order integer recurrences {a,+,b,+,c} in innermost loops
/// with a trip count as closed forms of an iteration counter.
struct ExpandQuadraticRecurrencesPass
    : llvm::PassInfoMixin<ExpandQuadraticRecurrencesPass> {
  llvm::PreservedAnalyses run(llvm::Function &F,
                              llvm::FunctionAnalysisManager &AM);
};

} // namespace weld::codegen

#endif
