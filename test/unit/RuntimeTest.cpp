//===- RuntimeTest.cpp - runtime library unit tests -----------------------===//

#include "weld/runtime.h"

#include "gtest/gtest.h"

#include <string>

TEST(Runtime, TrapMessagesMatchSpecWording) {
  EXPECT_EQ(std::string(weld_trap_message(WELD_TRAP_INT_DIV_BY_ZERO)),
            "integer divide by zero");
  EXPECT_EQ(std::string(weld_trap_message(WELD_TRAP_UNREACHABLE)),
            "unreachable");
  EXPECT_EQ(std::string(weld_trap_message((weld_trap_kind)9999)),
            "unknown trap");
}
