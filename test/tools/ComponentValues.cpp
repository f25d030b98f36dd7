//===- ComponentValues.cpp - values of the component spec-test host -------===//
//
// See ComponentValues.h.
//
//===----------------------------------------------------------------------===//

#include "ComponentValues.h"

#include <cstring>

using namespace llvm;

namespace weld::chost {

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

static std::vector<HTypeP> cases(const HType &T) {
  if (T.Kind == "option")
    return {nullptr, T.Elems[0]};
  return T.Elems;
}


static uint64_t discSize(size_t N) { return N <= 256 ? 1 : N <= 65536 ? 2 : 4; }

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
bool valuesEqual(const json::Value &Got, const json::Value &Want) {
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
    return valuesEqual(*GV, *WV);
  }
  const json::Array *GA = Got.getAsArray(), *WA = Want.getAsArray();
  if (GA && WA) {
    if (GA->size() != WA->size())
      return false;
    for (size_t I = 0; I < GA->size(); ++I)
      if (!valuesEqual((*GA)[I], (*WA)[I]))
        return false;
    return true;
  }
  if (G || W) {
    // Variant value objects {"case":..., "payload":...} / {"Ok": ...}.
    if (!G || !W || G->size() != W->size())
      return false;
    for (auto &KV : *W) {
      const json::Value *O = G->get(KV.first);
      if (!O || !valuesEqual(*O, KV.second))
        return false;
    }
    return true;
  }
  return Got == Want;
}

} // namespace weld::chost
