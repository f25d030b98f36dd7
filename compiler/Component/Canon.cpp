//===- Canon.cpp - Canonical definitions ----------------------------------===//
//
// Decodes and validates `canon` definitions: lift and lower with their
// options (CanonicalABI.md "canonopt Validation"), the resource built-ins,
// and the async, stream, future, waitable, error-context and thread
// built-ins. The latter are validated and typed even though weld does not
// compile them yet, so that components using them are accepted or rejected
// exactly as the specification says.
//
//===----------------------------------------------------------------------===//

#include "Component/Validator.h"

using namespace llvm;

namespace weld::component {

namespace {
using CoreTypes = std::vector<CoreValType>;

struct CanonReader {
  Validator &V;
  Scope &S;
  ByteReader &R;
  TypeStore &Types;

  CanonReader(Validator &V, ByteReader &R)
      : V(V), S(V.cur()), R(R), Types(V.Types) {}

  Expected<uint32_t> coreFuncIndex() {
    uint64_t Off = R.offset();
    WELD_TRY(F, R.readVarU32());
    if (F >= S.CoreFuncs.size())
      return errorAt(Off, "unknown core func " + Twine(F) +
                              ": core func index out of bounds");
    return F;
  }

  Expected<TypeId> typeIndex(uint32_t &Idx) {
    uint64_t Off = R.offset();
    WELD_TRY(I, R.readVarU32());
    if (I >= S.Types.size())
      return errorAt(Off, "unknown type " + Twine(I) + ": type index out of bounds");
    Idx = I;
    return S.Types[I];
  }

  /// Reads `opts`; Allowed is a bit set of the option codes permitted.
  Expected<CanonOptions> options(unsigned Allowed, uint64_t DefOff) {
    CanonOptions O;
    WELD_TRY(N, R.readCount());
    bool SawEncoding = false;
    for (uint32_t I = 0; I < N; ++I) {
      uint64_t Off = R.offset();
      WELD_TRY(Code, R.readU8());
      // The GC lowering (cm-gc, off by default in wasm-tools too) is not
      // implemented: its options are rejected as with the feature off.
      if (Code == 0x08)
        return errorAt(Off, "canonical option `core type` requires the component model gc feature");
      if (Code == 0x09)
        return errorAt(Off, "canonical option `gc` requires the `cm-gc` feature");
      if (Code > 0x07)
        return errorAt(Off, "invalid leading byte (0x" + utohexstr(Code) +
                                ") for canonical option");
      if (!(Allowed & (1u << Code)))
        return errorAt(Off, "canonical option `" + Twine(optionName(Code)) +
                                "` is not allowed here");
      auto Dup = [&]() {
        return errorAt(Off, "canonical option `" + Twine(optionName(Code)) +
                                "` is specified more than once");
      };
      switch (Code) {
      case 0x00:
      case 0x01:
      case 0x02:
        if (SawEncoding)
          return errorAt(Off, "canonical encoding option `" +
                                  Twine(optionName(Code)) +
                                  "` conflicts with option `" +
                                  optionName(O.StringEncoding) + "`");
        SawEncoding = true;
        O.StringEncoding = CanonOptions::Encoding(Code);
        break;
      case 0x03: {
        if (O.Memory)
          return Dup();
        uint64_t MOff = R.offset();
        WELD_TRY(M, R.readVarU32());
        if (M >= S.CoreMemories.size())
          return errorAt(MOff, "unknown core memory " + Twine(M) +
                                   ": memory index out of bounds");
        // The canonical ABI needs a plain, unshared memory.
        if (S.CoreMemories[M].Shared)
          return errorAt(MOff, "mismatch in the shared flag for memories");
        if (S.CoreMemories[M].Is64 && !V.feats().CM64)
          return errorAt(MOff, "64-bit memories require the `cm64` feature to be enabled");
        O.Memory = M;
        O.Memory64 = S.CoreMemories[M].Is64;
        break;
      }
      case 0x04:
      case 0x05:
      case 0x07: {
        std::optional<uint32_t> &Slot =
            Code == 0x04 ? O.Realloc : Code == 0x05 ? O.PostReturn : O.Callback;
        if (Slot)
          return Dup();
        WELD_TRY(F, coreFuncIndex());
        Slot = F;
        break;
      }
      case 0x06:
        if (O.Async)
          return Dup();
        O.Async = true;
        break;
      }
    }
    if (O.Realloc) {
      if (!O.Memory)
        return errorAt(DefOff, "canonical option `realloc` requires `memory`");
      CoreValType P = O.Memory64 ? CoreValType::i64() : CoreValType::i32();
      if (!coreTypeIs(S.CoreFuncs[*O.Realloc], {P, P, P, P}, {P}))
        return errorAt(DefOff, "canonical option `realloc` uses a core function with an incorrect signature");
    }
    if (O.Callback) {
      if (!O.Async)
        return errorAt(DefOff, "cannot specify callback without async");
      CoreValType I = CoreValType::i32();
      if (!coreTypeIs(S.CoreFuncs[*O.Callback], {I, I, I}, {I}))
        return errorAt(DefOff, "canonical option `callback` uses a core function with an incorrect signature");
    }
    if (O.Async && O.PostReturn)
      return errorAt(DefOff, "cannot specify post-return function in async");
    return O;
  }

  static const char *optionName(unsigned Code) {
    static const char *Names[] = {"utf8",    "utf16",       "latin1-utf16",
                                  "memory",  "realloc",     "post-return",
                                  "async",   "callback"};
    return Names[Code];
  }

  bool coreTypeIs(TypeId F, ArrayRef<CoreValType> P, ArrayRef<CoreValType> Res) {
    auto &[FP, FR] = Types.coreFunc(F);
    return ArrayRef<CoreValType>(FP) == P && ArrayRef<CoreValType>(FR) == Res;
  }

  CoreValType ptr(const CanonOptions &O) {
    return O.Memory64 ? CoreValType::i64() : CoreValType::i32();
  }

  /// flatten_functype(opts, ft, context) from CanonicalABI.md.
  std::pair<CoreTypes, CoreTypes> flatten(const CanonOptions &O, TypeId FT,
                                          bool Lift) {
    const TypeNode &F = Types.get(FT);
    CoreTypes P, Res;
    CoreValType Ptr = ptr(O);
    for (TypeId E : F.Elems)
      Types.flatten(E, Ptr, P, MaxFlatParams);
    if (F.Result.valid())
      Types.flatten(F.Result, Ptr, Res, MaxFlatParams);
    if (!O.Async) {
      if (P.size() > MaxFlatParams)
        P = {Ptr};
      if (Res.size() > MaxFlatResults) {
        if (Lift) {
          Res = {Ptr};
        } else {
          P.push_back(Ptr);
          Res.clear();
        }
      }
      return {P, Res};
    }
    if (Lift) {
      if (P.size() > MaxFlatParams)
        P = {Ptr};
      Res.clear();
      if (O.Callback)
        Res = {CoreValType::i32()};
    } else {
      if (P.size() > MaxFlatAsyncParams)
        P = {Ptr};
      if (!Res.empty())
        P.push_back(Ptr);
      Res = {CoreValType::i32()};
    }
    return {P, Res};
  }

  /// Checks the memory/realloc requirements of lifting or lowering types.
  Error requirements(const CanonOptions &O, ArrayRef<TypeId> Lifted,
                     ArrayRef<TypeId> Lowered, uint64_t Off) {
    for (TypeId T : Lifted)
      if (T.valid() && Types.abi(T).NeedsMemory) {
        if (!O.Memory)
          return errorAt(Off, "canonical option `memory` is required");
        if (!O.Realloc)
          return errorAt(Off, "canonical option `realloc` is required");
      }
    for (TypeId T : Lowered)
      if (T.valid() && Types.abi(T).NeedsMemory && !O.Memory)
        return errorAt(Off, "canonical option `memory` is required");
    return Error::success();
  }

  TypeId coreFunc(CoreTypes P, CoreTypes Res) {
    return Types.internCoreFunc(std::move(P), std::move(Res));
  }

  Error lift(CanonDef &D, uint64_t Off) {
    WELD_TRY(F, coreFuncIndex());
    WELD_TRY(O, options(0xff, Off));
    uint32_t Idx;
    WELD_TRY(FT, typeIndex(Idx));
    if (Types.kind(FT) != TypeKind::Func)
      return errorAt(Off, "type index " + Twine(Idx) + " is not a function type");
    const TypeNode &FN = Types.get(FT);
    if (O.Async && !FN.Length)
      return errorAt(Off, "the `async` canonical option requires an async function type");
    if (O.Async && !O.Callback && !V.feats().AsyncStackful)
      return errorAt(Off, "requires the component model async stackful feature");
    // Parameters are lifted by the callee's side (lower into its memory).
    if (auto E = requirements(O, FN.Elems, {FN.Result}, Off))
      return E;
    uint64_t ParamFlat = 0, ResultFlat = 0;
    for (TypeId P : FN.Elems)
      ParamFlat += Types.abi(P).FlatCount;
    if (FN.Result.valid())
      ResultFlat = Types.abi(FN.Result).FlatCount;
    if (ParamFlat > MaxFlatParams && !O.Realloc)
      return errorAt(Off, "canonical option `realloc` is required");
    if (ResultFlat > (O.Async ? MaxFlatParams : MaxFlatResults) && !O.Memory)
      return errorAt(Off, "canonical option `memory` is required");
    auto [P, Res] = flatten(O, FT, true);
    if (O.GC) {
      P = Types.coreFunc(S.CoreFuncs[F]).first;
      Res = Types.coreFunc(S.CoreFuncs[F]).second;
    }
    if (!coreTypeIs(S.CoreFuncs[F], P, Res))
      return errorAt(Off, "lowered function type `" +
                              Types.describe(coreFunc(P, Res)) +
                              "` does not match type `" +
                              Types.describe(S.CoreFuncs[F]) + "`");
    if (O.PostReturn && !coreTypeIs(S.CoreFuncs[*O.PostReturn], Res, {}))
      return errorAt(Off, "canonical option `post-return` uses a core function with an incorrect signature");
    D.Index = F;
    D.Index2 = Idx;
    D.Options = O;
    D.Type = FT;
    S.Funcs.push_back(FT);
    return Error::success();
  }

  Error lower(CanonDef &D, uint64_t Off) {
    uint64_t FOff = R.offset();
    WELD_TRY(F, R.readVarU32());
    if (F >= S.Funcs.size())
      return errorAt(FOff, "unknown func " + Twine(F) + ": func index out of bounds");
    WELD_TRY(O, options(0xff & ~(1u << 5) & ~(1u << 7), Off));
    TypeId FT = S.Funcs[F];
    const TypeNode &FN = Types.get(FT);
    if (O.Async && !FN.Length)
      return errorAt(Off, "the `async` canonical option requires an async function type");
    if (O.GC) {
      D.Index = F;
      D.Options = O;
      D.Type = O.CoreType.valid() ? O.CoreType : coreFunc({}, {});
      S.CoreFuncs.push_back(D.Type);
      return Error::success();
    }
    if (auto E = requirements(O, {FN.Result}, FN.Elems, Off))
      return E;
    uint64_t ParamFlat = 0, ResultFlat = 0;
    for (TypeId P : FN.Elems)
      ParamFlat += Types.abi(P).FlatCount;
    if (FN.Result.valid())
      ResultFlat = Types.abi(FN.Result).FlatCount;
    if (ParamFlat > (O.Async ? MaxFlatAsyncParams : MaxFlatParams) && !O.Memory)
      return errorAt(Off, "canonical option `memory` is required");
    if (ResultFlat > (O.Async ? 0 : MaxFlatResults) && !O.Memory)
      return errorAt(Off, "canonical option `memory` is required");
    auto [P, Res] = flatten(O, FT, false);
    D.Index = F;
    D.Options = O;
    D.Type = coreFunc(P, Res);
    S.CoreFuncs.push_back(D.Type);
    return Error::success();
  }

  /// A resource built-in: Local says it needs a resource of this component.
  Error resource(CanonDef &D, uint64_t Off, bool Local) {
    uint32_t Idx;
    WELD_TRY(T, typeIndex(Idx));
    if (Types.kind(T) != TypeKind::Resource)
      return errorAt(Off, "type index " + Twine(Idx) + " is not a resource type");
    if (Local && !S.LocalResources.count(Types.get(T).Res))
      return errorAt(Off, "resource type " + Twine(Idx) +
                              " is not a local resource");
    D.Index = Idx;
    CoreValType I = CoreValType::i32();
    // new and rep carry the representation; drop only takes the handle.
    CoreValType Rep = Types.get(T).Length ? CoreValType::i64() : I;
    switch (D.Opcode) {
    case 0x02: D.Type = coreFunc({Rep}, {I}); break;
    case 0x03: D.Type = coreFunc({I}, {}); break;
    default: D.Type = coreFunc({I}, {Rep}); break;
    }
    return Error::success();
  }

  /// stream.* / future.* built-ins: the type must be a stream or future.
  Expected<TypeId> streamOrFuture(CanonDef &D, uint64_t Off, bool Stream) {
    uint32_t Idx;
    WELD_TRY(T, typeIndex(Idx));
    if (Types.kind(T) != (Stream ? TypeKind::Stream : TypeKind::Future))
      return errorAt(Off, "`" + Twine(Stream ? "stream" : "future") +
                              "` built-in requires a " +
                              (Stream ? "stream" : "future") + " type");
    D.Index = Idx;
    return T;
  }

  Expected<bool> flag(uint64_t Off) {
    WELD_TRY(B, R.readU8());
    if (B > 1)
      return errorAt(Off, "invalid leading byte (0x" + utohexstr(B) +
                              ") for zero byte");
    return B == 1;
  }

  Error builtin(CanonDef &D, uint8_t Op, uint64_t Off);
};

/// The feature gate of a built-in that needs more than cm-async, if any.
static Error builtinGate(const Features &F, uint8_t Op, uint64_t Off) {
  bool Threading = Op >= 0x26 && Op <= 0x2d && Op != 0x0c;
  if (Threading && !F.Threading)
    return errorAt(Off, "built-in 0x" + utohexstr(Op) +
                            " requires the component model threading feature");
  if (Op >= 0x1c && Op <= 0x1e && !F.ErrorContext)
    return errorAt(Off, "`error-context` built-ins require the component model error-context feature");
  if (Op >= 0x40 && Op <= 0x42 && !F.SharedEverythingThreads)
    return errorAt(Off, "`thread.spawn*` and `thread.available_parallelism` require the shared-everything-threads proposal");
  return Error::success();
}

Error CanonReader::builtin(CanonDef &D, uint8_t Op, uint64_t Off) {
  CoreValType I32 = CoreValType::i32(), I64 = CoreValType::i64();
  if (auto E = builtinGate(V.feats(), Op, Off))
    return E;
  auto MoreAsync = [&](bool Needed, const char *What) -> Error {
    if (Needed && !V.feats().MoreAsyncBuiltins)
      return errorAt(Off, Twine(What) + " requires the component model more async builtins feature");
    return Error::success();
  };
  switch (Op) {
  case 0x02:
  case 0x04:
    return resource(D, Off, true);
  case 0x03:
    return resource(D, Off, false);
  case 0x08: // backpressure.set (older encoding)
    D.Type = coreFunc({I32}, {});
    return Error::success();
  case 0x24:
  case 0x25:
  case 0x05:
    D.Type = coreFunc({}, {});
    return Error::success();
  case 0x09: { // task.return
    uint64_t ROff = R.offset();
    WELD_TRY(K, R.readU8());
    TypeId Result;
    if (K == 0x00) {
      WELD_TRY(T, V.valType(R, S));
      Result = T;
    } else if (K == 0x01) {
      WELD_TRY(Z, R.readU8());
      if (Z != 0)
        return errorAt(ROff + 1, "invalid leading byte for task.return results");
    } else {
      return errorAt(ROff, "invalid leading byte (0x" + utohexstr(K) +
                               ") for task.return results");
    }
    WELD_TRY(O, options((1 << 0) | (1 << 1) | (1 << 2) | (1 << 3), Off));
    if (Result.valid() && Types.abi(Result).ContainsBorrow)
      return errorAt(Off, "function result cannot contain a `borrow` type");
    if (Result.valid() && Types.abi(Result).NeedsMemory && !O.Memory)
      return errorAt(Off, "canonical option `memory` is required");
    CoreTypes P;
    if (Result.valid())
      Types.flatten(Result, ptr(O), P, MaxFlatParams);
    if (P.size() > MaxFlatParams) {
      if (!O.Memory)
        return errorAt(Off, "canonical option `memory` is required");
      P = {ptr(O)};
    }
    D.Options = O;
    D.Type = coreFunc(P, {});
    return Error::success();
  }
  case 0x0a:
  case 0x0b: { // context.get/set
    uint64_t TOff = R.offset();
    WELD_TRY(T, readCoreValType(R));
    if (T != I32 && T != I64)
      return errorAt(TOff, "context type must be `i32` or `i64`");
    uint64_t IOff = R.offset();
    WELD_TRY(Slot, R.readVarU32());
    if (Slot >= 2)
      return errorAt(IOff, "invalid context slot index " + Twine(Slot));
    D.Index = Slot;
    if (T == I64 && !V.feats().CM64)
      return errorAt(TOff, "64-bit context slots require the component model 64-bit feature");
    if (Slot > 0 && !V.feats().Threading)
      return errorAt(IOff, "context slot " + Twine(Slot) + " requires the component model threading feature");
    if (S.ContextType.Code && S.ContextType != T)
      return errorAt(TOff, "type must match previous context type");
    S.ContextType = T;
    D.Type = Op == 0x0a ? coreFunc({}, {T}) : coreFunc({T}, {});
    return Error::success();
  }
  case 0x06: { // subtask.cancel
    WELD_TRY(A, flag(Off));
    if (auto E = MoreAsync(A, "async `subtask.cancel`"))
      return E;
    D.Flag = A;
    D.Type = coreFunc({I32}, {I32});
    return Error::success();
  }
  case 0x0d:
  case 0x22:
  case 0x28:
  case 0x1e:
    D.Type = coreFunc({I32}, {});
    return Error::success();
  case 0x0e:
  case 0x15: {
    WELD_TRY(T, streamOrFuture(D, Off, Op == 0x0e));
    (void)T;
    D.Type = coreFunc({}, {I64});
    return Error::success();
  }
  case 0x0f:
  case 0x10:
  case 0x16:
  case 0x17: { // stream/future read/write
    bool Stream = Op == 0x0f || Op == 0x10;
    WELD_TRY(T, streamOrFuture(D, Off, Stream));
    WELD_TRY(O, options(0x7f & ~(1u << 5), Off));
    TypeId Elem = Types.get(T).Elems[0];
    bool Read = Op == 0x0f || Op == 0x16;
    if (auto E = MoreAsync(!O.Async, "synchronous stream/future read or write"))
      return E;
    if (Elem.valid()) {
      if (!O.Memory)
        return errorAt(Off, "canonical option `memory` is required");
      if (Read && Types.abi(Elem).NeedsMemory && !O.Realloc)
        return errorAt(Off, "canonical option `realloc` is required");
    }
    if (Stream && Elem.valid() && Types.kind(Elem) == TypeKind::Char)
      return errorAt(Off, "streams of `char` are not supported");
    D.Options = O;
    CoreValType P = ptr(O);
    D.Type = Stream ? coreFunc({I32, P, P}, {P}) : coreFunc({I32, P}, {I32});
    return Error::success();
  }
  case 0x11:
  case 0x12:
  case 0x18:
  case 0x19: {
    WELD_TRY(T, streamOrFuture(D, Off, Op < 0x18));
    (void)T;
    WELD_TRY(A, flag(Off));
    if (auto E = MoreAsync(A, "async stream/future cancel"))
      return E;
    D.Flag = A;
    D.Type = coreFunc({I32}, {I32});
    return Error::success();
  }
  case 0x13:
  case 0x14:
  case 0x1a:
  case 0x1b: {
    WELD_TRY(T, streamOrFuture(D, Off, Op < 0x1a));
    (void)T;
    D.Type = coreFunc({I32}, {});
    return Error::success();
  }
  case 0x1c:
  case 0x1d: { // error-context.new / debug-message
    WELD_TRY(O, options(0x1f & ~(1u << 5), Off));
    if (!O.Memory)
      return errorAt(Off, "canonical option `memory` is required");
    if (Op == 0x1d && !O.Realloc)
      return errorAt(Off, "canonical option `realloc` is required");
    D.Options = O;
    CoreValType P = ptr(O);
    D.Type = Op == 0x1c ? coreFunc({P, P}, {I32}) : coreFunc({I32, P}, {});
    return Error::success();
  }
  case 0x1f:
  case 0x26:
    D.Type = coreFunc({}, {I32});
    return Error::success();
  case 0x20:
  case 0x21: { // waitable-set.wait/poll
    WELD_TRY(C, flag(Off));
    D.Flag = C;
    uint64_t MOff = R.offset();
    WELD_TRY(M, R.readVarU32());
    if (M >= S.CoreMemories.size())
      return errorAt(MOff, "unknown core memory " + Twine(M) +
                               ": memory index out of bounds");
    D.Index = M;
    CoreValType P = S.CoreMemories[M].Is64 ? I64 : I32;
    D.Type = coreFunc({I32, P}, {I32});
    return Error::success();
  }
  case 0x23:
    D.Type = coreFunc({I32, I32}, {});
    return Error::success();
  case 0x27: { // thread.new-indirect
    uint64_t TOff = R.offset();
    WELD_TRY(FT, R.readVarU32());
    if (FT >= S.CoreTypes.size())
      return errorAt(TOff, "unknown core type " + Twine(FT));
    TypeId T = S.CoreTypes[FT];
    if (Types.kind(T) != TypeKind::CoreFunc)
      return errorAt(TOff, "core type " + Twine(FT) + " is not a function type");
    auto &[P, Res] = Types.coreFunc(T);
    if (P.size() != 1 || (P[0] != I32 && P[0] != I64) || !Res.empty())
      return errorAt(TOff, "start function must take a single `i32` argument");
    uint64_t BOff = R.offset();
    WELD_TRY(Tbl, R.readVarU32());
    if (Tbl >= S.CoreTables.size())
      return errorAt(BOff, "unknown table " + Twine(Tbl) + ": table index out of bounds");
    if (S.CoreTables[Tbl].Val.Code != 0x70 &&
        !(S.CoreTables[Tbl].Val.Code == 0x63 && S.CoreTables[Tbl].Val.HeapType == -0x10))
      return errorAt(BOff, "table must hold funcref");
    D.Index = FT;
    D.Index2 = Tbl;
    CoreValType U = S.CoreTables[Tbl].Is64 ? I64 : I32;
    D.Type = coreFunc({U, P[0]}, {I32});
    return Error::success();
  }
  case 0x29:
  case 0x0c: {
    WELD_TRY(C, flag(Off));
    D.Flag = C;
    D.Type = coreFunc({}, {I32});
    return Error::success();
  }
  case 0x2a:
  case 0x2b:
  case 0x2c:
  case 0x2d: {
    WELD_TRY(C, flag(Off));
    D.Flag = C;
    D.Type = coreFunc({I32}, {I32});
    return Error::success();
  }
  case 0x40:
  case 0x41: { // thread.spawn-ref / spawn-indirect
    WELD_TRY(Sh, flag(Off));
    D.Flag = Sh;
    uint64_t TOff = R.offset();
    WELD_TRY(FT, R.readVarU32());
    if (FT >= S.CoreTypes.size())
      return errorAt(TOff, "unknown core type " + Twine(FT));
    D.Index = FT;
    if (Op == 0x41) {
      uint64_t BOff = R.offset();
      WELD_TRY(Tbl, R.readVarU32());
      if (Tbl >= S.CoreTables.size())
        return errorAt(BOff, "unknown table " + Twine(Tbl));
      D.Index2 = Tbl;
      D.Type = coreFunc({I32, I32}, {I32});
    } else {
      D.Type = coreFunc({I32, I32}, {I32});
    }
    return Error::success();
  }
  case 0x42: {
    WELD_TRY(Sh, flag(Off));
    D.Flag = Sh;
    D.Type = coreFunc({}, {I32});
    return Error::success();
  }
  default:
    return errorAt(Off, "invalid leading byte (0x" + utohexstr(Op) +
                            ") for canonical function");
  }
}
} // namespace

Error Validator::canonSection(ByteReader &R) {
  Scope &S = cur();
  WELD_TRY(N, R.readCount());
  for (uint32_t I = 0; I < N; ++I) {
    uint64_t Off = R.offset();
    CanonReader CR(*this, R);
    WELD_TRY(Op, R.readU8());
    CanonDef D;
    D.Opcode = Op;
    if (Op == 0x00 || Op == 0x01) {
      WELD_TRY(Sub, R.readU8());
      if (Sub != 0x00)
        return errorAt(Off + 1, "invalid leading byte (0x" + utohexstr(Sub) +
                                    ") for canonical function");
      if (auto E = Op == 0x00 ? CR.lift(D, Off) : CR.lower(D, Off))
        return E;
    } else {
      if (auto E = CR.builtin(D, Op, Off))
        return E;
      S.CoreFuncs.push_back(D.Type);
    }
    S.C->Defs.push_back({Definition::Canon, uint32_t(S.C->Canons.size()), Off});
    S.C->Canons.push_back(std::move(D));
  }
  return Error::success();
}

} // namespace weld::component
