//===- Values.cpp - spec-test values in JSON form -------------------------===//

#include "Values.h"

#include <cstring>

using namespace llvm;

namespace weld::host {

/// Parses the decimal bits of a value. json-from-wast writes v128 lanes as
/// signed decimals when negative ("-1" for an all-ones lane); those become
/// their two's complement bits.
static bool parseBits(StringRef S, uint64_t &Out) {
  if (!S.starts_with("-"))
    return !S.getAsInteger(10, Out);
  int64_t Signed;
  if (S.getAsInteger(10, Signed))
    return false;
  Out = uint64_t(Signed);
  return true;
}

static bool toU64(const json::Value &V, uint64_t &Out) {
  auto S = V.getAsString();
  if (!S)
    return false;
  return parseBits(*S, Out);
}

static unsigned laneBytes(StringRef LaneType) {
  if (LaneType == "i8")
    return 1;
  if (LaneType == "i16")
    return 2;
  if (LaneType == "i32" || LaneType == "f32")
    return 4;
  return 8;
}

bool parseValue(const json::Value &V, weld_value &Out, std::string &Msg) {
  std::memset(&Out, 0, sizeof Out);
  const json::Object *O = V.getAsObject();
  if (!O) {
    Msg = "malformed value";
    return false;
  }
  StringRef Type = O->getString("type").value_or("");
  const json::Value *Val = O->get("value");
  if (Type == "v128") {
    const json::Array *Lanes = Val ? Val->getAsArray() : nullptr;
    StringRef LaneType = O->getString("lane_type").value_or("");
    unsigned W = laneBytes(LaneType);
    if (!Lanes || Lanes->size() * W != 16) {
      Msg = "malformed v128";
      return false;
    }
    for (size_t K = 0; K < Lanes->size(); ++K) {
      uint64_t Bits;
      if (!toU64((*Lanes)[K], Bits)) {
        Msg = "unsupported v128 lane value";
        return false;
      }
      std::memcpy(Out.v128 + K * W, &Bits, W); // little-endian host
    }
    return true;
  }
  if (Type == "externref" || Type == "funcref") {
    auto S = Val ? Val->getAsString() : std::nullopt;
    if (!S || *S == "null")
      return true;
    uint64_t N;
    if (Type == "funcref" || S->getAsInteger(10, N)) {
      Msg = "unsupported reference argument";
      return false;
    }
    Out.ref = reinterpret_cast<void *>(uintptr_t(N + 1));
    return true;
  }
  uint64_t Bits;
  if (!Val || !toU64(*Val, Bits)) {
    Msg = "unsupported argument value";
    return false;
  }
  if (Type == "i32" || Type == "f32") {
    uint32_t B32 = uint32_t(Bits);
    std::memcpy(&Out, &B32, 4);
    return true;
  }
  if (Type == "i64" || Type == "f64") {
    std::memcpy(&Out, &Bits, 8);
    return true;
  }
  Msg = "unsupported value type " + Type.str();
  return false;
}

/// Matches one scalar (possibly a lane) of width W bytes, float or not.
static bool scalarMatches(const json::Value &Want, const uint8_t *Actual,
                          unsigned W, bool IsFloat, std::string &Msg) {
  uint64_t Got = 0;
  std::memcpy(&Got, Actual, W);
  auto S = Want.getAsString();
  if (!S) {
    Msg = "malformed expected value";
    return false;
  }
  if (IsFloat && S->starts_with("nan:")) {
    uint64_t Exp = W == 4 ? 0x7f800000u : 0x7ff0000000000000ull;
    uint64_t Quiet = W == 4 ? 0x00400000u : 0x0008000000000000ull;
    uint64_t Sign = W == 4 ? 0x80000000u : 0x8000000000000000ull;
    uint64_t Mag = Got & ~Sign;
    bool Ok = *S == "nan:canonical" ? Mag == (Exp | Quiet)
                                    : (Mag & (Exp | Quiet)) == (Exp | Quiet);
    if (!Ok)
      Msg = "expected " + S->str() + ", got bits " + std::to_string(Got);
    return Ok;
  }
  uint64_t Bits;
  if (!parseBits(*S, Bits)) {
    Msg = "malformed expected value " + S->str();
    return false;
  }
  uint64_t Mask = W == 8 ? ~uint64_t(0) : ((uint64_t(1) << (8 * W)) - 1);
  if ((Bits & Mask) != (Got & Mask)) {
    Msg = "expected " + std::to_string(Bits & Mask) + ", got " +
          std::to_string(Got & Mask);
    return false;
  }
  return true;
}

bool valueMatches(const json::Value &Expected, const weld_value &Actual,
                  std::string &Msg) {
  const json::Object *O = Expected.getAsObject();
  if (!O) {
    Msg = "malformed expected value";
    return false;
  }
  StringRef Type = O->getString("type").value_or("");
  const json::Value *Val = O->get("value");
  if (Type == "v128") {
    StringRef LaneType = O->getString("lane_type").value_or("");
    const json::Array *Lanes = Val ? Val->getAsArray() : nullptr;
    unsigned W = laneBytes(LaneType);
    if (!Lanes || Lanes->size() * W != 16) {
      Msg = "malformed expected v128";
      return false;
    }
    for (size_t K = 0; K < Lanes->size(); ++K)
      if (!scalarMatches((*Lanes)[K], Actual.v128 + K * W, W,
                         LaneType.starts_with("f"), Msg)) {
        Msg = "lane " + std::to_string(K) + ": " + Msg;
        return false;
      }
    return true;
  }
  if (Type == "externref" || Type == "funcref") {
    auto S = Val ? Val->getAsString() : std::nullopt;
    if (S && *S == "null") {
      if (Actual.ref) {
        Msg = "expected null reference";
        return false;
      }
      return true;
    }
    if (!Actual.ref) {
      Msg = "expected a non-null reference, got null";
      return false;
    }
    uint64_t N;
    if (Type == "externref" && S && !S->getAsInteger(10, N) &&
        Actual.ref != reinterpret_cast<void *>(uintptr_t(N + 1))) {
      Msg = "expected externref " + S->str();
      return false;
    }
    return true;
  }
  if (!Val) {
    Msg = "expected value missing";
    return false;
  }
  if (Type == "i32" || Type == "f32")
    return scalarMatches(*Val, reinterpret_cast<const uint8_t *>(&Actual), 4,
                         Type == "f32", Msg);
  if (Type == "i64" || Type == "f64")
    return scalarMatches(*Val, reinterpret_cast<const uint8_t *>(&Actual), 8,
                         Type == "f64", Msg);
  Msg = "unsupported expected type " + Type.str();
  return false;
}

bool trapMatches(weld_trap_kind Kind, const std::string &Want) {
  std::string Got = weld_trap_message(Kind);
  if (Want.empty())
    return true;
  size_t N = std::min(Got.size(), Want.size());
  return Got.compare(0, N, Want, 0, N) == 0;
}

} // namespace weld::host
