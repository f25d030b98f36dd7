//===- ComponentTypesTest.cpp - Interning and canonical-ABI facts ---------===//
//
// The canonical ABI's size, alignment and flat count are computed once when
// a value type is interned; these tests pin them to CanonicalABI.md's
// definitions for each kind of type.
//
//===----------------------------------------------------------------------===//

#include "Component/Types.h"

#include "gtest/gtest.h"

using namespace weld::component;

namespace {
TypeId make(TypeStore &S, TypeKind K, std::vector<TypeId> Elems,
            std::vector<std::string> Names = {}, uint32_t Length = 0) {
  TypeNode N;
  N.Kind = K;
  N.Elems = std::move(Elems);
  N.Names = std::move(Names);
  N.Length = Length;
  return S.define(std::move(N));
}
} // namespace

TEST(ComponentTypes, Primitives) {
  TypeStore S;
  EXPECT_EQ(S.abi(S.primitive(TypeKind::U8)).Size32, 1u);
  EXPECT_EQ(S.abi(S.primitive(TypeKind::S64)).Align32, 8u);
  EXPECT_EQ(S.abi(S.primitive(TypeKind::String)).Size32, 8u);
  EXPECT_EQ(S.abi(S.primitive(TypeKind::String)).Size64, 16u);
  EXPECT_EQ(S.abi(S.primitive(TypeKind::String)).FlatCount, 2u);
  EXPECT_TRUE(S.abi(S.primitive(TypeKind::String)).NeedsMemory);
  EXPECT_EQ(S.primitive(TypeKind::U32), S.primitive(TypeKind::U32));
}

TEST(ComponentTypes, RecordLayout) {
  TypeStore S;
  TypeId R = make(S, TypeKind::Record,
                  {S.primitive(TypeKind::U8), S.primitive(TypeKind::U32),
                   S.primitive(TypeKind::U16)},
                  {"a", "b", "c"});
  EXPECT_EQ(S.abi(R).Size32, 12u);
  EXPECT_EQ(S.abi(R).Align32, 4u);
  EXPECT_EQ(S.abi(R).FlatCount, 3u);
}

TEST(ComponentTypes, VariantsJoinFlatTypes) {
  TypeStore S;
  TypeId Opt = make(S, TypeKind::Option, {S.primitive(TypeKind::U64)});
  EXPECT_EQ(S.abi(Opt).Size32, 16u);
  EXPECT_EQ(S.abi(Opt).Align32, 8u);
  EXPECT_EQ(S.abi(Opt).FlatCount, 2u);
  TypeId Res = make(S, TypeKind::Result,
                    {S.primitive(TypeKind::F32), S.primitive(TypeKind::U32)});
  std::vector<CoreValType> Flat;
  S.flatten(Res, CoreValType::i32(), Flat, 16);
  ASSERT_EQ(Flat.size(), 2u);
  EXPECT_EQ(Flat[1], CoreValType::i32()); // join(f32, i32) = i32
  TypeId Mixed = make(S, TypeKind::Variant,
                      {S.primitive(TypeKind::F64), TypeId()}, {"a", "b"});
  Flat.clear();
  S.flatten(Mixed, CoreValType::i32(), Flat, 16);
  EXPECT_EQ(Flat[1], CoreValType::f64());
}

TEST(ComponentTypes, FlagsEnumsAndDiscriminants) {
  TypeStore S;
  std::vector<std::string> Nine;
  for (int I = 0; I < 9; ++I)
    Nine.push_back("f" + std::to_string(I));
  TypeId F = make(S, TypeKind::Flags, {}, Nine);
  EXPECT_EQ(S.abi(F).Size32, 2u);
  EXPECT_EQ(S.abi(F).FlatCount, 1u);
  std::vector<std::string> Many(300, "x");
  TypeId E = make(S, TypeKind::Enum, {}, Many);
  EXPECT_EQ(S.abi(E).Size32, 2u);
}

TEST(ComponentTypes, FixedListsAndSaturation) {
  TypeStore S;
  TypeId L = make(S, TypeKind::FixedList, {S.primitive(TypeKind::U32)}, {}, 5);
  EXPECT_EQ(S.abi(L).Size32, 20u);
  EXPECT_EQ(S.abi(L).FlatCount, 5u);
  TypeId Huge =
      make(S, TypeKind::FixedList, {L}, {}, 0xffffffffu);
  EXPECT_GE(S.abi(Huge).Size64, MaxTypeSize);
}

TEST(ComponentTypes, SubstitutionKeepsSharing) {
  TypeStore S;
  ResourceId R = S.freshResource();
  TypeNode RN;
  RN.Kind = TypeKind::Resource;
  RN.Res = R;
  TypeId Res = S.define(RN);
  TypeId Own = make(S, TypeKind::Own, {Res});
  TypeId Tup = make(S, TypeKind::Tuple, {Own, Own});
  ResourceId R2 = S.freshResource();
  std::map<ResourceId, ResourceId> Map{{R, R2}};
  TypeId Sub = S.substitute(Tup, Map);
  ASSERT_NE(Sub, Tup);
  const TypeNode &N = S.get(Sub);
  EXPECT_EQ(N.Elems[0], N.Elems[1]);
  EXPECT_EQ(S.get(S.get(N.Elems[0]).Elems[0]).Res, R2);
  EXPECT_TRUE(S.equal(Tup, Tup));
  EXPECT_FALSE(S.equal(Tup, Sub));
}
