//===- Recurrences.cpp - undo strength reduction of quadratic recurrences -===//
//
// clang compiles C to wasm at -O2 and strength-reduces as it goes: an index
// such as (i + j) * (i + j + 1) / 2 in a loop over j becomes a variable that
// grows by another variable that grows by 2. That is a second-order
// recurrence, which LLVM's loop vectorizer cannot widen, so the whole loop
// stays scalar on hosts that could run it 4 or 8 lanes wide. This pass runs
// just before the vectorizer and rewrites each such header phi as its
// closed form at iteration k, a + b*k + c*k*(k-1)/2, from a counter k; the
// phi and its update then die. The closed form is computed modulo 2^W like
// the recurrence it replaces, so the values are the same bits.
//
//===----------------------------------------------------------------------===//

#include "CodeGen/Recurrences.h"

#include "llvm/Analysis/LoopInfo.h"
#include "llvm/Analysis/ScalarEvolution.h"
#include "llvm/Analysis/ScalarEvolutionExpressions.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/Transforms/Utils/Local.h"
#include "llvm/Transforms/Utils/ScalarEvolutionExpander.h"

using namespace llvm;

namespace weld::codegen {

namespace {

/// The phi's recurrence {a,+,b,+,c} when it is one this pass rewrites:
/// integer, at most 32 bits wide (so k*(k-1) fits in twice the width),
/// with loop-invariant a, b and c.
const SCEVAddRecExpr *quadraticRecurrence(PHINode &P, const Loop &L,
                                          ScalarEvolution &SE) {
  auto *Ty = dyn_cast<IntegerType>(P.getType());
  if (!Ty || Ty->getBitWidth() > 32 || !SE.isSCEVable(Ty))
    return nullptr;
  auto *AR = dyn_cast<SCEVAddRecExpr>(SE.getSCEV(&P));
  if (!AR || AR->getLoop() != &L || AR->getNumOperands() != 3)
    return nullptr;
  for (const SCEV *Op : AR->operands())
    if (!SE.isLoopInvariant(Op, &L))
      return nullptr;
  return AR;
}

/// A counter 0, 1, 2, ... of the loop's iterations, of type Ty: the loop's
/// own canonical induction variable when it has one of that type.
PHINode *iterationCounter(Loop &L, IntegerType *Ty) {
  if (PHINode *K = L.getCanonicalInductionVariable())
    if (K->getType() == Ty)
      return K;
  BasicBlock *Latch = L.getLoopLatch();
  PHINode *K = PHINode::Create(Ty, 2, "iter");
  K->insertBefore(L.getHeader()->begin());
  IRBuilder<> B(Latch->getTerminator());
  Value *Next = B.CreateAdd(K, ConstantInt::get(Ty, 1), "iter.next");
  K->addIncoming(ConstantInt::get(Ty, 0), L.getLoopPreheader());
  K->addIncoming(Next, Latch);
  return K;
}

/// Rewrites the recurrences of one innermost loop; true if it changed any.
bool rewriteLoop(Loop &L, ScalarEvolution &SE) {
  BasicBlock *Preheader = L.getLoopPreheader();
  BasicBlock *Latch = L.getLoopLatch();
  // The vectorizer needs a trip count; without one a rewrite only costs.
  if (!Preheader || !Latch || !L.getExitingBlock())
    return false;
  const SCEV *Taken = SE.getBackedgeTakenCount(&L);
  if (isa<SCEVCouldNotCompute>(Taken))
    return false;
  // k*(k-1)/2 modulo 2^W repeats only every 2^(W+1) iterations, so the
  // counter must not wrap: k, at most the backedge-taken count, must stay
  // below 2^W. (The loop guards bound a count such as zext(n) - 1, which
  // alone would range up to -1.)
  unsigned MaxBits =
      SE.getUnsignedRangeMax(SE.applyLoopGuards(Taken, &L)).getActiveBits();
  // a is the phi's value on entry; b and c are computed before the loop,
  // which must not hoist, say, a division that only ran under a condition.
  SCEVExpander Expander(SE, "recurrence");
  Instruction *AtPreheader = Preheader->getTerminator();
  SmallVector<std::pair<PHINode *, const SCEVAddRecExpr *>, 2> Found;
  for (PHINode &P : L.getHeader()->phis())
    if (const SCEVAddRecExpr *AR = quadraticRecurrence(P, L, SE))
      if (MaxBits <= P.getType()->getIntegerBitWidth() &&
          all_of(drop_begin(AR->operands()), [&](const SCEV *Op) {
            return Expander.isSafeToExpandAt(Op, AtPreheader);
          }))
        Found.push_back({&P, AR});
  if (Found.empty())
    return false;

  for (auto [P, AR] : Found) {
    auto *Ty = cast<IntegerType>(P->getType());
    auto *Wide = IntegerType::get(Ty->getContext(), 2 * Ty->getBitWidth());
    Value *A = P->getIncomingValueForBlock(Preheader);
    Value *Step = Expander.expandCodeFor(AR->getOperand(1), Ty, AtPreheader);
    Value *Accel = Expander.expandCodeFor(AR->getOperand(2), Ty, AtPreheader);
    PHINode *K = iterationCounter(L, Ty);

    // a + b*k + c*(k*(k-1)/2): k*(k-1) is exact in twice the width (k is
    // below 2^W) and even, so halving it loses nothing before truncating.
    IRBuilder<> B(&*L.getHeader()->getFirstInsertionPt());
    Value *KWide = B.CreateZExt(K, Wide);
    Value *Pairs = B.CreateLShr(
        B.CreateMul(KWide, B.CreateSub(KWide, ConstantInt::get(Wide, 1))), 1);
    Value *Closed =
        B.CreateAdd(B.CreateAdd(A, B.CreateMul(Step, K)),
                    B.CreateMul(Accel, B.CreateTrunc(Pairs, Ty)), "closed");
    Value *Update = P->getIncomingValueForBlock(Latch);
    P->replaceAllUsesWith(Closed);
    P->eraseFromParent();
    RecursivelyDeleteTriviallyDeadInstructions(Update);
  }
  SE.forgetLoop(&L);
  return true;
}

} // namespace

PreservedAnalyses
ExpandQuadraticRecurrencesPass::run(Function &F, FunctionAnalysisManager &AM) {
  auto &LI = AM.getResult<LoopAnalysis>(F);
  auto &SE = AM.getResult<ScalarEvolutionAnalysis>(F);
  bool Changed = false;
  for (Loop *L : LI.getLoopsInPreorder())
    if (L->isInnermost())
      Changed |= rewriteLoop(*L, SE);
  if (!Changed)
    return PreservedAnalyses::all();
  PreservedAnalyses PA;
  PA.preserveSet<CFGAnalyses>();
  return PA;
}

} // namespace weld::codegen
