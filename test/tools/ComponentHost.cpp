//===- ComponentHost.cpp - runs a converted component .wast against weld --===//
//
// usage: weld-component-host SCRIPT.json DIR
//
// SCRIPT.json is `wasm-tools json-from-wast` output for a component-model
// script. For each component X.wasm named there, the runner
// (utils/spectest_component.py) has already run `weld compile` and left
// DIR/X.wasm.so (when weld succeeded) and DIR/X.wasm.status (its exit status)
// and DIR/X.wasm.err (its message). This host dlopens each shared object,
// instantiates it through its weld_component descriptor, converts the
// script's component values to the host ABI (the canonical ABI's memory
// layout with 64-bit native pointers, see weld/component.h) using the
// export's type string, calls, converts the results back and compares.
// It prints a line per failure and last "RESULT passed failed skipped".
//
//===----------------------------------------------------------------------===//

#include "weld/component.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

#include <cstring>
#include <dlfcn.h>
#include <fstream>
#include <map>
#include <memory>

using namespace llvm;

namespace {

/// A parsed type string.
struct HType {
  std::string Kind; // bool, u32, string, list, record, variant, ...
  std::vector<std::string> Names;
  std::vector<std::shared_ptr<HType>> Elems; // null: no payload
  uint32_t Length = 0;                       // fixed lists
  bool Fixed = false;
};
using HTypeP = std::shared_ptr<HType>;

class TypeParser {
public:
  explicit TypeParser(StringRef S) : S(S) {}
  HTypeP type();
  bool func(std::vector<std::string> &Names, std::vector<HTypeP> &Params,
            HTypeP &Result);

private:
  bool eat(char C) {
    if (!S.empty() && S[0] == C) {
      S = S.drop_front();
      return true;
    }
    return false;
  }
  std::string ident() {
    size_t N = 0;
    while (N < S.size() && (isalnum((unsigned char)S[N]) || S[N] == '-' ||
                            S[N] == '_' || S[N] == '%'))
      ++N;
    std::string R = S.take_front(N).str();
    S = S.drop_front(N);
    return R;
  }
  StringRef S;
};

HTypeP TypeParser::type() {
  if (eat('_'))
    return nullptr;
  auto T = std::make_shared<HType>();
  T->Kind = ident();
  if (T->Kind == "record" || T->Kind == "variant" || T->Kind == "enum" ||
      T->Kind == "flags") {
    eat('{');
    while (!eat('}')) {
      T->Names.push_back(ident());
      T->Elems.push_back(eat(':') ? type() : nullptr);
      eat(',');
    }
    return T;
  }
  if (eat('<')) {
    while (!eat('>')) {
      if (T->Kind == "own" || T->Kind == "borrow") {
        ident();
        continue;
      }
      T->Elems.push_back(type());
      if (eat(';')) {
        T->Fixed = true;
        T->Length = std::stoul(ident());
      }
      eat(',');
    }
  }
  return T;
}

bool TypeParser::func(std::vector<std::string> &Names,
                      std::vector<HTypeP> &Params, HTypeP &Result) {
  if (!eat('('))
    return false;
  while (!eat(')')) {
    Names.push_back(ident());
    eat(':');
    Params.push_back(type());
    eat(',');
  }
  eat('-');
  eat('>');
  Result = type();
  return true;
}

uint64_t alignUp(uint64_t V, uint64_t A) { return (V + A - 1) / A * A; }

std::vector<HTypeP> cases(const HType &T) {
  if (T.Kind == "option")
    return {nullptr, T.Elems[0]};
  return T.Elems;
}

uint64_t alignOf(const HTypeP &T);
uint64_t sizeOf(const HTypeP &T);

uint64_t discSize(size_t N) { return N <= 256 ? 1 : N <= 65536 ? 2 : 4; }

uint64_t alignOf(const HTypeP &T) {
  const std::string &K = T->Kind;
  if (K == "bool" || K == "u8" || K == "s8")
    return 1;
  if (K == "u16" || K == "s16")
    return 2;
  if (K == "u64" || K == "s64" || K == "f64" || K == "string")
    return 8;
  if (K == "list")
    return T->Fixed ? alignOf(T->Elems[0]) : 8;
  if (K == "record" || K == "tuple") {
    uint64_t A = 1;
    for (auto &E : T->Elems)
      A = std::max(A, alignOf(E));
    return A;
  }
  if (K == "variant" || K == "enum" || K == "option" || K == "result") {
    auto Cs = cases(*T);
    uint64_t A = discSize(K == "enum" ? T->Names.size() : Cs.size());
    for (auto &E : Cs)
      if (E)
        A = std::max(A, alignOf(E));
    return A;
  }
  if (K == "flags")
    return T->Names.size() <= 8 ? 1 : T->Names.size() <= 16 ? 2 : 4;
  return 4;
}

uint64_t sizeOf(const HTypeP &T) {
  const std::string &K = T->Kind;
  if (K == "bool" || K == "u8" || K == "s8")
    return 1;
  if (K == "u16" || K == "s16")
    return 2;
  if (K == "u64" || K == "s64" || K == "f64")
    return 8;
  if (K == "string")
    return 16;
  if (K == "list")
    return T->Fixed ? T->Length * sizeOf(T->Elems[0]) : 16;
  if (K == "record" || K == "tuple") {
    uint64_t Off = 0;
    for (auto &E : T->Elems)
      Off = alignUp(Off, alignOf(E)) + sizeOf(E);
    return alignUp(Off, alignOf(T));
  }
  if (K == "variant" || K == "enum" || K == "option" || K == "result") {
    auto Cs = cases(*T);
    size_t N = K == "enum" ? T->Names.size() : Cs.size();
    uint64_t Max = 0, MaxAl = 1;
    for (auto &E : Cs)
      if (E) {
        Max = std::max(Max, sizeOf(E));
        MaxAl = std::max(MaxAl, alignOf(E));
      }
    return alignUp(alignUp(discSize(N), MaxAl) + Max, alignOf(T));
  }
  if (K == "flags")
    return T->Names.size() <= 8 ? 1 : T->Names.size() <= 16 ? 2 : 4;
  return 4;
}

/// Writes value V of type T at P (native memory). Returns false when V
/// does not fit T.
bool store(const HTypeP &T, const json::Value &V, uint8_t *P,
           std::vector<void *> &Allocs) {
  const json::Object *O = V.getAsObject();
  if (!O)
    return false;
  const json::Value *Val = O->get("value");
  const std::string &K = T->Kind;
  auto Str = [&]() -> std::string {
    if (Val && Val->getAsString())
      return Val->getAsString()->str();
    return "";
  };
  auto Int = [&]() -> uint64_t {
    std::string S = Str();
    if (S.empty() && Val && Val->getAsInteger())
      return *Val->getAsInteger();
    return S[0] == '-' ? uint64_t(std::stoll(S)) : std::stoull(S);
  };
  if (K == "bool") {
    *P = Val && Val->getAsBoolean() && *Val->getAsBoolean();
    return true;
  }
  if (K == "u8" || K == "s8") {
    *P = uint8_t(Int());
    return true;
  }
  if (K == "u16" || K == "s16") {
    uint16_t X = Int();
    memcpy(P, &X, 2);
    return true;
  }
  if (K == "u32" || K == "s32" || K == "f32") {
    uint32_t X = Int();
    memcpy(P, &X, 4);
    return true;
  }
  if (K == "u64" || K == "s64" || K == "f64") {
    uint64_t X = Int();
    memcpy(P, &X, 8);
    return true;
  }
  if (K == "char") {
    std::string S = Str();
    uint32_t C = 0;
    const unsigned char *U = (const unsigned char *)S.data();
    if (S.size() == 1)
      C = U[0];
    else if (S.size() == 2)
      C = ((U[0] & 0x1F) << 6) | (U[1] & 0x3F);
    else if (S.size() == 3)
      C = ((U[0] & 0x0F) << 12) | ((U[1] & 0x3F) << 6) | (U[2] & 0x3F);
    else if (S.size() == 4)
      C = ((U[0] & 0x07) << 18) | ((U[1] & 0x3F) << 12) |
          ((U[2] & 0x3F) << 6) | (U[3] & 0x3F);
    memcpy(P, &C, 4);
    return true;
  }
  if (K == "string") {
    std::string S = Str();
    char *B = (char *)malloc(S.size() + 1);
    memcpy(B, S.data(), S.size());
    Allocs.push_back(B);
    uint64_t Ptr = (uintptr_t)B, Len = S.size();
    memcpy(P, &Ptr, 8);
    memcpy(P + 8, &Len, 8);
    return true;
  }
  if (K == "list" || K == "tuple" || K == "record") {
    const json::Array *A = Val ? Val->getAsArray() : nullptr;
    if (!A)
      return false;
    uint8_t *Base = P;
    std::vector<HTypeP> Ts;
    if (K == "list" && !T->Fixed) {
      uint64_t ES = sizeOf(T->Elems[0]);
      Base = (uint8_t *)calloc(A->size() * ES + 1, 1);
      Allocs.push_back(Base);
      uint64_t Ptr = (uintptr_t)Base, Len = A->size();
      memcpy(P, &Ptr, 8);
      memcpy(P + 8, &Len, 8);
    }
    Ts = K == "list" ? std::vector<HTypeP>(A->size(), T->Elems[0]) : T->Elems;
    if (Ts.size() != A->size())
      return false;
    uint64_t Off = 0;
    for (size_t I = 0; I < A->size(); ++I) {
      Off = alignUp(Off, alignOf(Ts[I]));
      const json::Value *E = &(*A)[I];
      if (K == "record") {
        const json::Array *Pair = E->getAsArray();
        if (!Pair || Pair->size() != 2)
          return false;
        E = &(*Pair)[1];
      }
      if (!store(Ts[I], *E, Base + Off, Allocs))
        return false;
      Off += sizeOf(Ts[I]);
    }
    return true;
  }
  if (K == "flags") {
    const json::Array *A = Val ? Val->getAsArray() : nullptr;
    uint32_t Bits = 0;
    for (const json::Value &E : *A)
      for (size_t I = 0; I < T->Names.size(); ++I)
        if (E.getAsString() && *E.getAsString() == T->Names[I])
          Bits |= 1u << I;
    memcpy(P, &Bits, sizeOf(T));
    return true;
  }
  // Variants.
  auto Cs = cases(*T);
  size_t N = K == "enum" ? T->Names.size() : Cs.size();
  uint64_t PayOff = alignUp(discSize(N), alignOf(T));
  uint32_t Disc = 0;
  const json::Value *Payload = nullptr;
  if (K == "enum") {
    for (size_t I = 0; I < T->Names.size(); ++I)
      if (Str() == T->Names[I])
        Disc = I;
  } else if (K == "option") {
    Disc = Val && Val->kind() != json::Value::Null;
    Payload = Disc ? Val : nullptr;
  } else if (K == "result") {
    const json::Object *R = Val ? Val->getAsObject() : nullptr;
    if (!R)
      return false;
    Disc = R->get("Ok") ? 0 : 1;
    Payload = R->get(Disc ? "Err" : "Ok");
  } else {
    const json::Object *R = Val ? Val->getAsObject() : nullptr;
    if (!R)
      return false;
    auto Case = R->getString("case");
    for (size_t I = 0; I < T->Names.size(); ++I)
      if (Case && *Case == T->Names[I])
        Disc = I;
    Payload = R->get("payload");
  }
  memcpy(P, &Disc, discSize(N));
  if (Payload && Payload->kind() != json::Value::Null && Disc < Cs.size() &&
      Cs[Disc])
    return store(Cs[Disc], *Payload, P + PayOff, Allocs);
  return true;
}

/// Reads a value of type T at P into the script's JSON form.
json::Value loadValue(const HTypeP &T, const uint8_t *P) {
  const std::string &K = T->Kind;
  auto Obj = [&](json::Value V) {
    return json::Object{{"type", K == "list" && T->Fixed ? "list" : K},
                        {"value", std::move(V)}};
  };
  uint64_t U = 0;
  if (K == "bool")
    return Obj(*P != 0);
  if (K == "u8")
    return Obj(std::to_string(*P));
  if (K == "s8")
    return Obj(std::to_string(int8_t(*P)));
  if (K == "u16" || K == "s16") {
    uint16_t X;
    memcpy(&X, P, 2);
    return Obj(K == "u16" ? std::to_string(X) : std::to_string(int16_t(X)));
  }
  if (K == "u32" || K == "s32" || K == "f32" || K == "char") {
    uint32_t X;
    memcpy(&X, P, 4);
    if (K == "char") {
      std::string S;
      if (X < 0x80)
        S += char(X);
      else if (X < 0x800)
        S += {char(0xC0 | (X >> 6)), char(0x80 | (X & 0x3F))};
      else if (X < 0x10000)
        S += {char(0xE0 | (X >> 12)), char(0x80 | ((X >> 6) & 0x3F)),
              char(0x80 | (X & 0x3F))};
      else
        S += {char(0xF0 | (X >> 18)), char(0x80 | ((X >> 12) & 0x3F)),
              char(0x80 | ((X >> 6) & 0x3F)), char(0x80 | (X & 0x3F))};
      return Obj(S);
    }
    return Obj(K == "s32" ? std::to_string(int32_t(X)) : std::to_string(X));
  }
  if (K == "u64" || K == "s64" || K == "f64") {
    memcpy(&U, P, 8);
    return Obj(K == "s64" ? std::to_string(int64_t(U)) : std::to_string(U));
  }
  if (K == "string") {
    uint64_t Ptr, Len;
    memcpy(&Ptr, P, 8);
    memcpy(&Len, P + 8, 8);
    return Obj(std::string((const char *)(uintptr_t)Ptr, Len));
  }
  if (K == "list" || K == "tuple" || K == "record") {
    const uint8_t *Base = P;
    size_t N = T->Elems.size();
    if (K == "list") {
      N = T->Length;
      if (!T->Fixed) {
        uint64_t Ptr;
        memcpy(&Ptr, P, 8);
        memcpy(&U, P + 8, 8);
        Base = (const uint8_t *)(uintptr_t)Ptr;
        N = U;
      }
    }
    json::Array A;
    uint64_t Off = 0;
    for (size_t I = 0; I < N; ++I) {
      HTypeP E = K == "list" ? T->Elems[0] : T->Elems[I];
      Off = alignUp(Off, alignOf(E));
      json::Value V = loadValue(E, Base + Off);
      if (K == "record")
        A.push_back(json::Array{T->Names[I], std::move(V)});
      else
        A.push_back(std::move(V));
      Off += sizeOf(E);
    }
    return Obj(std::move(A));
  }
  if (K == "flags") {
    uint32_t Bits = 0;
    memcpy(&Bits, P, sizeOf(T));
    json::Array A;
    for (size_t I = 0; I < T->Names.size(); ++I)
      if (Bits & (1u << I))
        A.push_back(T->Names[I]);
    return Obj(std::move(A));
  }
  if (K == "own" || K == "borrow") {
    uint32_t X;
    memcpy(&X, P, 4);
    return Obj(std::to_string(X));
  }
  auto Cs = cases(*T);
  size_t N = K == "enum" ? T->Names.size() : Cs.size();
  uint32_t Disc = 0;
  memcpy(&Disc, P, discSize(N));
  uint64_t PayOff = alignUp(discSize(N), alignOf(T));
  auto Pay = [&]() -> json::Value {
    if (Disc < Cs.size() && Cs[Disc])
      return loadValue(Cs[Disc], P + PayOff);
    return nullptr;
  };
  if (K == "enum")
    return Obj(Disc < T->Names.size() ? T->Names[Disc] : "?");
  if (K == "option")
    return Obj(Disc ? Pay() : json::Value(nullptr));
  if (K == "result")
    return Obj(json::Object{{Disc ? "Err" : "Ok", Pay()}});
  json::Object V{{"case", Disc < T->Names.size() ? T->Names[Disc] : "?"}};
  json::Value PV = Pay();
  if (PV.kind() != json::Value::Null)
    V["payload"] = std::move(PV);
  return Obj(std::move(V));
}

/// Compares a result with the script's expectation (NaN patterns for
/// floats, numbers as decimal strings).
bool equal(const json::Value &Got, const json::Value &Want) {
  const json::Object *G = Got.getAsObject(), *W = Want.getAsObject();
  if (G && W) {
    auto WT = W->getString("type"), GT = G->getString("type");
    const json::Value *WV = W->get("value"), *GV = G->get("value");
    if (WT && GT && (*WT == "f32" || *WT == "f64") && WV && GV &&
        WV->getAsString() && GV->getAsString()) {
      StringRef WS = *WV->getAsString();
      if (WS.starts_with("nan")) {
        uint64_t Bits = std::stoull(GV->getAsString()->str());
        if (*WT == "f32")
          return (Bits & 0x7f800000) == 0x7f800000 && (Bits & 0x7fffff);
        return (Bits & 0x7ff0000000000000ull) == 0x7ff0000000000000ull &&
               (Bits & 0xfffffffffffffull);
      }
    }
    if (WT && GT && *WT != *GT)
      return false;
    if (!WV || !GV)
      return (WV == nullptr) == (GV == nullptr) ||
             (WV && WV->kind() == json::Value::Null) ||
             (GV && GV->kind() == json::Value::Null);
    if (G->get("case") || W->get("case")) {
      // variant payload objects
    }
    return equal(*GV, *WV);
  }
  const json::Array *GA = Got.getAsArray(), *WA = Want.getAsArray();
  if (GA && WA) {
    if (GA->size() != WA->size())
      return false;
    for (size_t I = 0; I < GA->size(); ++I)
      if (!equal((*GA)[I], (*WA)[I]))
        return false;
    return true;
  }
  if (G || W) {
    // Variant value objects {"case":..., "payload":...} / {"Ok": ...}.
    if (!G || !W || G->size() != W->size())
      return false;
    for (auto &KV : *W) {
      const json::Value *O = G->get(KV.first);
      if (!O || !equal(*O, KV.second))
        return false;
    }
    return true;
  }
  return Got == Want;
}

struct Loaded {
  const weld_component *C = nullptr;
  weld_component_instance *I = nullptr;
};

class Runner {
public:
  explicit Runner(std::string Dir) : Dir(std::move(Dir)) {}
  ~Runner() {
    for (auto &I : Owned)
      I.C->destroy(I.I);
  }
  void run(const json::Array &Commands);
  unsigned Passed = 0, Failed = 0, Skipped = 0;

private:
  void fail(int64_t Line, const std::string &Msg) {
    ++Failed;
    outs() << "FAIL line " << Line << ": " << Msg << "\n";
  }
  /// Messages starting "skip: " skip the command and the assertions on
  /// its instance.
  void skipOrFail(int64_t Line, const std::string &Msg) {
    CurrentSkipped = StringRef(Msg).starts_with("skip: ");
    if (!CurrentSkipped)
      return fail(Line, Msg);
    ++Skipped;
    outs() << "SKIP line " << Line << ": " << Msg.substr(6) << "\n";
  }
  bool CurrentSkipped = false;
  /// Loads File's shared object; empty string on success, else why not.
  std::string load(StringRef File, const weld_component *&C);
  /// Instantiates C; sets Trap.
  std::string instantiate(const weld_component *C, Loaded &Out,
                          weld_trap_kind &Trap);
  bool invoke(const json::Object &Action, weld_trap_kind &Trap,
              json::Array &Results, std::string &Msg);

  std::string Dir;
  Loaded Current;
  std::map<std::string, const weld_component *> Definitions;
  std::map<std::string, Loaded> Named;
  std::vector<Loaded> Owned;
};

std::string Runner::load(StringRef File, const weld_component *&C) {
  std::string Base = Dir + "/" + File.str();
  std::ifstream St(Base + ".status");
  std::string Status;
  St >> Status;
  if (Status == "skip") {
    std::ifstream Err(Base + ".err");
    std::string Line;
    std::getline(Err, Line);
    return "skip: " + Line;
  }
  if (Status != "0") {
    std::ifstream Err(Base + ".err");
    std::string Line;
    std::getline(Err, Line);
    return "compile failed: " + Line;
  }
  void *H = dlopen((Base + ".so").c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!H)
    return std::string("dlopen failed: ") + dlerror();
  C = static_cast<const weld_component *>(dlsym(H, "weld_component"));
  if (!C)
    return "no weld_component symbol";
  return "";
}

std::string Runner::instantiate(const weld_component *C, Loaded &Out,
                                weld_trap_kind &Trap) {
  Trap = WELD_TRAP_NONE;
  if (C->num_imports) {
    // wasmtime's test host defines functions and resources named host*;
    // this host provides none of them.
    if (StringRef(C->imports[0].name).starts_with("host"))
      return std::string("skip: needs wasmtime's test-host import `") +
             C->imports[0].name + "`";
    return std::string("unknown import: ") + C->imports[0].name;
  }
  Out.C = C;
  Trap = C->instantiate(C, nullptr, nullptr, &Out.I);
  if (Out.I)
    Owned.push_back(Out);
  return "";
}

bool Runner::invoke(const json::Object &Action, weld_trap_kind &Trap,
                    json::Array &Results, std::string &Msg) {
  Loaded L = Current;
  if (auto M = Action.getString("module")) {
    auto It = Named.find(M->str());
    if (It == Named.end()) {
      Msg = "unknown instance " + M->str();
      return false;
    }
    L = It->second;
  }
  if (!L.I) {
    Msg = "no instance";
    return false;
  }
  auto Field = Action.getString("field");
  int32_t Index = -1;
  for (uint32_t I = 0; I < L.C->num_exports; ++I)
    if (Field && *Field == L.C->exports[I].name)
      Index = I;
  if (Index < 0) {
    Msg = "unknown export " + (Field ? Field->str() : "?");
    return false;
  }
  const weld_component_func &F = L.C->exports[Index];
  std::vector<std::string> Names;
  std::vector<HTypeP> Params;
  HTypeP Result;
  TypeParser TP(F.type);
  if (!TP.func(Names, Params, Result)) {
    Msg = std::string("bad type string ") + F.type;
    return false;
  }
  const json::Array *Args = Action.getArray("args");
  if (!Args || Args->size() != Params.size()) {
    Msg = "wrong number of arguments";
    return false;
  }
  std::vector<uint8_t> ArgBuf(F.args_size + 16), ResBuf(F.results_size + 16);
  uint8_t *AP = (uint8_t *)alignUp((uintptr_t)ArgBuf.data(), 16);
  uint8_t *RP = (uint8_t *)alignUp((uintptr_t)ResBuf.data(), 16);
  std::vector<void *> Allocs;
  uint64_t Off = 0;
  for (size_t I = 0; I < Params.size(); ++I) {
    Off = alignUp(Off, alignOf(Params[I]));
    if (!store(Params[I], (*Args)[I], AP + Off, Allocs)) {
      Msg = "argument does not match the parameter type";
      return false;
    }
    Off += sizeOf(Params[I]);
  }
  Trap = L.C->call(L.I, Index, AP, RP);
  for (void *P : Allocs)
    free(P);
  if (Trap == WELD_TRAP_NONE && Result)
    Results.push_back(loadValue(Result, RP));
  return true;
}

void Runner::run(const json::Array &Commands) {
  for (const json::Value &CV : Commands) {
    const json::Object *C = CV.getAsObject();
    if (!C)
      continue;
    StringRef Type = C->getString("type").value_or("");
    int64_t Line = C->getInteger("line").value_or(0);
    StringRef File = C->getString("filename").value_or("");
    if (Type == "module" || Type == "module_definition") {
      const weld_component *Comp = nullptr;
      std::string Err = load(File, Comp);
      if (!Err.empty()) {
        skipOrFail(Line, Err);
        Current = {};
        continue;
      }
      if (Type == "module_definition") {
        if (auto N = C->getString("name"))
          Definitions[N->str()] = Comp;
        ++Passed;
        continue;
      }
      weld_trap_kind Trap;
      Loaded L;
      Err = instantiate(Comp, L, Trap);
      if (!Err.empty() || Trap != WELD_TRAP_NONE) {
        skipOrFail(Line, Err.empty() ? std::string("instantiation trapped: ") +
                                           weld_trap_message(Trap)
                                     : Err);
        Current = {};
        continue;
      }
      Current = L;
      CurrentSkipped = false;
      if (auto N = C->getString("name"))
        Named[N->str()] = L;
      ++Passed;
      continue;
    }
    if (Type == "module_instance") {
      auto M = C->getString("module");
      auto It = M ? Definitions.find(M->str()) : Definitions.end();
      if (It == Definitions.end()) {
        fail(Line, "unknown component definition");
        continue;
      }
      weld_trap_kind Trap;
      Loaded L;
      std::string Err = instantiate(It->second, L, Trap);
      if (!Err.empty() || Trap != WELD_TRAP_NONE) {
        fail(Line, Err.empty() ? "instantiation trapped" : Err);
        continue;
      }
      Current = L;
      if (auto N = C->getString("instance"))
        Named[N->str()] = L;
      ++Passed;
      continue;
    }
    if (Type == "assert_uninstantiable" || Type == "assert_unlinkable") {
      const weld_component *Comp = nullptr;
      std::string Err = load(File, Comp);
      if (StringRef(Err).starts_with("skip: ")) {
        skipOrFail(Line, Err);
        continue;
      }
      if (!Err.empty()) {
        // A compile-time link error is the expected outcome for unlinkable.
        if (Type == "assert_unlinkable")
          ++Passed;
        else
          fail(Line, Err);
        continue;
      }
      weld_trap_kind Trap;
      Loaded L;
      Err = instantiate(Comp, L, Trap);
      bool Ok = Type == "assert_unlinkable" ? !Err.empty()
                                            : Trap != WELD_TRAP_NONE;
      if (Ok)
        ++Passed;
      else
        fail(Line, Type.str() + ": instantiation succeeded");
      continue;
    }
    if (Type == "assert_return" || Type == "assert_trap" || Type == "action") {
      const json::Object *A = C->getObject("action");
      weld_trap_kind Trap = WELD_TRAP_NONE;
      json::Array Results;
      std::string Msg;
      if (!A || !invoke(*A, Trap, Results, Msg)) {
        if (Msg == "no instance" && CurrentSkipped) {
          ++Skipped;
          continue;
        }
        fail(Line, "cannot invoke: " + Msg);
        continue;
      }
      if (Type == "assert_trap") {
        if (Trap != WELD_TRAP_NONE)
          ++Passed;
        else
          fail(Line, "expected a trap (" +
                         C->getString("text").value_or("").str() + ")");
        continue;
      }
      if (Trap != WELD_TRAP_NONE) {
        fail(Line, std::string("trapped: ") + weld_trap_message(Trap));
        continue;
      }
      if (Type == "action") {
        ++Passed;
        continue;
      }
      const json::Array *Want = C->getArray("expected");
      json::Value Got(std::move(Results));
      if (Want && equal(Got, json::Value(json::Array(*Want))))
        ++Passed;
      else {
        std::string S;
        raw_string_ostream OS(S);
        OS << "got " << Got << " expected "
           << (Want ? json::Value(json::Array(*Want)) : json::Value(nullptr));
        fail(Line, S);
      }
      continue;
    }
    if (Type == "assert_invalid" || Type == "assert_malformed") {
      // Validation is checked by `utils/spectest component --validate-only`;
      // not counted here.
      continue;
    }
    ++Skipped;
    outs() << "SKIP line " << Line << ": command " << Type << "\n";
  }
}

} // namespace

int main(int Argc, char **Argv) {
  if (Argc != 3) {
    errs() << "usage: weld-component-host SCRIPT.json DIR\n";
    return 2;
  }
  auto Buf = MemoryBuffer::getFile(Argv[1]);
  if (!Buf) {
    errs() << "cannot read " << Argv[1] << "\n";
    return 2;
  }
  auto J = json::parse((*Buf)->getBuffer());
  if (!J) {
    errs() << "bad JSON: " << toString(J.takeError()) << "\n";
    return 2;
  }
  const json::Array *Commands = J->getAsObject()->getArray("commands");
  Runner R(Argv[2]);
  R.run(*Commands);
  outs() << "RESULT " << R.Passed << " " << R.Failed << " " << R.Skipped
         << "\n";
  outs().flush();
  _exit(0); // shared objects may hold state the runner does not tear down
}
