//===- Parser.cpp - Lexer and parser of WIT text --------------------------===//
//
// Turns one .wit file into an ast::File. The lexer is pulled one token at a
// time so that versions (`1.2.0-rc.1+b`), which lex differently from
// identifiers, can be scanned where the grammar expects one. Comments nest;
// `///` and `/** */` comments are kept as documentation of the next item.
// Nesting depth is bounded so hostile input cannot exhaust the stack.
//
//===----------------------------------------------------------------------===//

#include "WIT/Parser.h"

#include "Support/Diagnostics.h"

#include "llvm/ADT/StringSwitch.h"
#include "llvm/Support/ConvertUTF.h"

namespace weld::wit {

namespace {

using ast::Func;
using ast::Gate;
using ast::Ident;
using ast::Include;
using ast::Interface;
using ast::InterfaceBody;
using ast::Loc;
using ast::PackageBody;
using ast::PackageDecl;
using ast::TopUse;
using ast::TypeDefn;
using ast::TypeExpr;
using ast::Use;
using ast::UseName;
using ast::UsePath;
using ast::World;
using ast::WorldItem;

struct Token {
  enum Kind : uint8_t {
    Eof, Id, Int, Version, LBrace, RBrace, LParen, RParen, Lt, Gt, Comma,
    Semi, Colon, Eq, Dot, Slash, At, Arrow, Star,
  } K = Eof;
  std::string Text;
  /// True for a `%`-escaped identifier (never a keyword).
  bool Escaped = false;
  Loc L;
};

/// Maximum nesting of types and blocks.
constexpr unsigned MaxDepth = 100;

class Lexer {
public:
  Lexer(llvm::StringRef Path, llvm::StringRef Text, uint32_t File)
      : Path(Path), Text(Text), File(File) {}

  llvm::StringRef Path;
  llvm::StringRef Text;
  uint32_t File;
  size_t Pos = 0;
  unsigned Line = 1, Col = 1;
  std::string Docs;

  Loc here() const { return {File, Line, Col}; }

  llvm::Error error(Loc L, const llvm::Twine &Msg) const {
    return llvm::make_error<InputError>(L.Line, L.Col, Msg.str(), Path.str());
  }

  char peekc(size_t Ahead = 0) const {
    return Pos + Ahead < Text.size() ? Text[Pos + Ahead] : '\0';
  }
  void advance() {
    if (Text[Pos] == '\n') {
      ++Line;
      Col = 1;
    } else {
      ++Col;
    }
    ++Pos;
  }

  /// Skips whitespace and comments, collecting doc comments.
  llvm::Error skipTrivia() {
    while (Pos < Text.size()) {
      char C = peekc();
      if (C == ' ' || C == '\t' || C == '\n' || C == '\r') {
        advance();
        continue;
      }
      if (C == '/' && peekc(1) == '/') {
        size_t Start = Pos;
        while (Pos < Text.size() && peekc() != '\n')
          advance();
        addDoc(Text.slice(Start, Pos));
        continue;
      }
      if (C == '/' && peekc(1) == '*') {
        Loc L = here();
        size_t Start = Pos;
        advance();
        advance();
        unsigned Depth = 1;
        while (Depth) {
          if (Pos >= Text.size())
            return error(L, "unterminated block comment");
          if (peekc() == '/' && peekc(1) == '*') {
            advance();
            advance();
            ++Depth;
          } else if (peekc() == '*' && peekc(1) == '/') {
            advance();
            advance();
            --Depth;
          } else {
            advance();
          }
        }
        addDoc(Text.slice(Start, Pos));
        continue;
      }
      break;
    }
    return llvm::Error::success();
  }

  /// Every comment right before an item documents it, as in wit-parser:
  /// `/** */` loses its delimiters, any other comment its leading slashes;
  /// then the text is trimmed and its lines kept as they are.
  void addDoc(llvm::StringRef Comment) {
    llvm::StringRef Body = Comment.starts_with("/**") && Comment.size() >= 5
                               ? Comment.drop_front(3).drop_back(2)
                               : Comment.ltrim('/');
    Body = Body.trim();
    while (!Body.empty()) {
      auto [Line, Rest] = Body.split('\n');
      if (!Docs.empty())
        Docs += "\n";
      Docs += Line.rtrim('\r').str();
      Body = Rest;
    }
  }

  static bool isIdChar(char C) {
    return (C >= 'a' && C <= 'z') || (C >= 'A' && C <= 'Z') ||
           (C >= '0' && C <= '9') || C == '-';
  }

  llvm::Expected<Token> next() {
    // Docs holds the comments right before the token being lexed.
    Docs.clear();
    if (auto E = skipTrivia())
      return std::move(E);
    Token T;
    T.L = here();
    if (Pos >= Text.size())
      return T;
    char C = peekc();
    auto Punct = [&](Token::Kind K, unsigned N) {
      for (unsigned I = 0; I < N; ++I)
        advance();
      T.K = K;
      return T;
    };
    switch (C) {
    case '{': return Punct(Token::LBrace, 1);
    case '}': return Punct(Token::RBrace, 1);
    case '(': return Punct(Token::LParen, 1);
    case ')': return Punct(Token::RParen, 1);
    case '<': return Punct(Token::Lt, 1);
    case '>': return Punct(Token::Gt, 1);
    case ',': return Punct(Token::Comma, 1);
    case ';': return Punct(Token::Semi, 1);
    case ':': return Punct(Token::Colon, 1);
    case '=': return Punct(Token::Eq, 1);
    case '.': return Punct(Token::Dot, 1);
    case '/': return Punct(Token::Slash, 1);
    case '@': return Punct(Token::At, 1);
    case '*': return Punct(Token::Star, 1);
    case '_':
      // `_` is only the absent ok type of `result<_, E>`.
      T.Text = "_";
      return Punct(Token::Id, 1);
    case '-':
      if (peekc(1) == '>')
        return Punct(Token::Arrow, 2);
      break;
    default:
      break;
    }
    if (C >= '0' && C <= '9') {
      size_t Start = Pos;
      while (peekc() >= '0' && peekc() <= '9')
        advance();
      T.K = Token::Int;
      T.Text = Text.slice(Start, Pos).str();
      return T;
    }
    bool Escaped = false;
    if (C == '%') {
      Escaped = true;
      advance();
      C = peekc();
    }
    if ((C >= 'a' && C <= 'z') || (C >= 'A' && C <= 'Z')) {
      size_t Start = Pos;
      while (isIdChar(peekc()))
        advance();
      T.K = Token::Id;
      T.Escaped = Escaped;
      T.Text = Text.slice(Start, Pos).str();
      if (auto E = checkKebab(T))
        return std::move(E);
      return T;
    }
    if (Escaped)
      return error(T.L, "expected an identifier after `%`");
    if (static_cast<unsigned char>(C) < 0x20 || static_cast<unsigned char>(C) >= 0x7f)
      return error(T.L, "unexpected character");
    return error(T.L, "unexpected character `" + std::string(1, C) + "`");
  }

  /// Identifiers are kebab-case: words of letters and digits, each all
  /// lower-case or all upper-case, joined by single `-`.
  llvm::Error checkKebab(const Token &T) const {
    llvm::SmallVector<llvm::StringRef, 4> Words;
    llvm::StringRef(T.Text).split(Words, '-');
    // As in wasm-tools, only the first word must start with a letter (the
    // lexer guarantees that).
    for (llvm::StringRef W : Words) {
      if (W.empty())
        return error(T.L, "identifier `" + T.Text +
                              "` is not kebab-case (empty word)");
      bool Lower = false, Upper = false;
      for (char C : W) {
        Lower |= C >= 'a' && C <= 'z';
        Upper |= C >= 'A' && C <= 'Z';
      }
      if (Lower && Upper)
        return error(T.L, "identifier `" + T.Text +
                              "` is not kebab-case (a word mixes cases)");
    }
    return llvm::Error::success();
  }

  /// Scans a semver version at the current position.
  llvm::Expected<Token> version() {
    if (auto E = skipTrivia())
      return std::move(E);
    Token T;
    T.L = here();
    size_t Start = Pos;
    while (isIdChar(peekc()) || peekc() == '.' || peekc() == '+')
      advance();
    T.K = Token::Version;
    T.Text = Text.slice(Start, Pos).str();
    if (!validSemver(T.Text))
      return error(T.L, "invalid semver version `" + T.Text + "`");
    return T;
  }

  static bool validSemver(llvm::StringRef S) {
    auto [Core, Build] = S.split('+');
    if (S.contains('+') && Build.empty())
      return false;
    auto [Nums, Pre] = Core.split('-');
    if (Core.contains('-') && Pre.empty())
      return false;
    llvm::SmallVector<llvm::StringRef, 3> Parts;
    Nums.split(Parts, '.');
    if (Parts.size() != 3)
      return false;
    for (llvm::StringRef P : Parts) {
      uint64_t N;
      if (P.empty() || (P.size() > 1 && P[0] == '0') ||
          P.getAsInteger(10, N))
        return false;
      for (char C : P)
        if (C < '0' || C > '9')
          return false;
    }
    auto Ids = [](llvm::StringRef X) {
      llvm::SmallVector<llvm::StringRef, 4> L;
      X.split(L, '.');
      for (llvm::StringRef P : L)
        if (P.empty())
          return false;
      return true;
    };
    return (Pre.empty() || Ids(Pre)) && (Build.empty() || Ids(Build));
  }
};

static bool isKw(llvm::StringRef S) { return isKeyword(S.str()); }

class Parser {
public:
  Parser(llvm::StringRef Path, llvm::StringRef Text, uint32_t File)
      : Lex(Path, Text, File) {}

  llvm::Expected<ast::File> run();

private:
  Lexer Lex;
  Token Cur;
  unsigned Depth = 0;
  /// First `@since`/`@deprecated` of the package body being parsed.
  Loc VersionGate;

  llvm::Error bump() {
    auto T = Lex.next();
    if (!T)
      return T.takeError();
    Cur = std::move(*T);
    return llvm::Error::success();
  }
  llvm::Error error(const llvm::Twine &Msg) { return Lex.error(Cur.L, Msg); }
  std::string describe() const {
    switch (Cur.K) {
    case Token::Eof: return "end of file";
    case Token::Id: return "`" + Cur.Text + "`";
    case Token::Int: return "integer `" + Cur.Text + "`";
    default: return "`" + punct(Cur.K) + "`";
    }
  }
  static std::string punct(Token::Kind K) {
    switch (K) {
    case Token::LBrace: return "{";
    case Token::RBrace: return "}";
    case Token::LParen: return "(";
    case Token::RParen: return ")";
    case Token::Lt: return "<";
    case Token::Gt: return ">";
    case Token::Comma: return ",";
    case Token::Semi: return ";";
    case Token::Colon: return ":";
    case Token::Eq: return "=";
    case Token::Dot: return ".";
    case Token::Slash: return "/";
    case Token::At: return "@";
    case Token::Arrow: return "->";
    case Token::Star: return "*";
    default: return "?";
    }
  }
  bool is(Token::Kind K) const { return Cur.K == K; }
  bool isKeyword(llvm::StringRef Kw) const {
    return Cur.K == Token::Id && !Cur.Escaped && Cur.Text == Kw;
  }
  llvm::Error expect(Token::Kind K) {
    if (Cur.K != K)
      return error("expected `" + punct(K) + "`, found " + describe());
    return bump();
  }
  llvm::Error expectKw(llvm::StringRef Kw) {
    if (!isKeyword(Kw))
      return error("expected `" + Kw + "`, found " + describe());
    return bump();
  }
  llvm::Expected<Ident> ident() {
    if (Cur.K != Token::Id)
      return error("expected an identifier, found " + describe());
    if (!Cur.Escaped && isKw(Cur.Text))
      return error("expected an identifier, found keyword `" + Cur.Text +
                   "` (escape it as `%" + Cur.Text + "`)");
    Ident I{Cur.Text, Cur.L};
    if (auto E = bump())
      return std::move(E);
    return I;
  }
  std::string takeDocs() { return std::exchange(Lex.Docs, std::string()); }
  /// Called after `@` was consumed as Cur... scans the version after it.
  llvm::Expected<std::string> versionAfter() {
    // Cur is the `@` or `=` token; the lexer stands right after it.
    auto V = Lex.version();
    if (!V)
      return V.takeError();
    std::string S = V->Text;
    if (auto E = bump())
      return std::move(E);
    return S;
  }

  llvm::Error gates(Gate &G);
  llvm::Error packageName(PackageDecl &D);
  llvm::Error usePath(UsePath &P);
  llvm::Error topLevel(PackageBody &B, bool Nested);
  llvm::Error interface(Interface &I);
  llvm::Error interfaceBody(InterfaceBody &B);
  llvm::Error interfaceItem(InterfaceBody &B);
  /// Reads an item's docs and gates; parses the item when it is a `use` or a
  /// type definition (true), otherwise leaves it to the caller (false).
  llvm::Expected<bool> itemHeader(std::string &Docs, Gate &G,
                                  std::vector<Use> &Uses,
                                  std::vector<TypeDefn> &Types);
  llvm::Error use(Use &U);
  llvm::Error typeDefn(TypeDefn &T);
  llvm::Error labels(TypeDefn &T);
  llvm::Error resource(TypeDefn &T);
  llvm::Error funcType(Func &F);
  llvm::Error type(TypeExpr &T);
  llvm::Error world(World &W);
  llvm::Error worldItem(World &W);
  bool startsTypeDefn() const {
    return isKeyword("type") || isKeyword("record") || isKeyword("variant") ||
           isKeyword("enum") || isKeyword("flags") || isKeyword("resource");
  }
};

llvm::Error Parser::gates(Gate &G) {
  bool Seen[3] = {false, false, false};
  while (is(Token::At)) {
    if (auto E = bump())
      return E;
    Token Name = Cur;
    int Which = Name.Text == "since" ? 0 : Name.Text == "unstable" ? 1 : 2;
    if (Cur.K == Token::Id && Seen[Which])
      return error("cannot specify @" + Name.Text + " twice");
    Seen[Which] = true;
    if (Which != 1 && Cur.K == Token::Id && !VersionGate.Line)
      VersionGate = Cur.L;
    if (Cur.K != Token::Id)
      return error("expected a gate name, found " + describe());
    if (auto E = bump())
      return E;
    if (auto E = expect(Token::LParen))
      return E;
    if (Name.Text == "unstable") {
      if (auto E = expectKw("feature"))
        return E;
      if (!is(Token::Eq))
        return error("expected `=`, found " + describe());
      if (auto E = bump())
        return E;
      auto F = ident();
      if (!F)
        return F.takeError();
      G.S.K = Stability::Unstable;
      G.S.Feature = F->Name;
    } else if (Name.Text == "since" || Name.Text == "deprecated") {
      if (auto E = expectKw("version"))
        return E;
      if (!is(Token::Eq))
        return error("expected `=`, found " + describe());
      auto V = versionAfter();
      if (!V)
        return V.takeError();
      if (Name.Text == "since") {
        G.S.K = Stability::Stable;
        G.S.Since = *V;
      } else {
        G.S.Deprecated = *V;
      }
    } else {
      return Lex.error(Name.L, "unknown gate `@" + Name.Text +
                                   "` (expected since, unstable or "
                                   "deprecated)");
    }
    if (auto E = expect(Token::RParen))
      return E;
  }
  return llvm::Error::success();
}

llvm::Error Parser::packageName(PackageDecl &D) {
  D.L = Cur.L;
  auto Ns = ident();
  if (!Ns)
    return Ns.takeError();
  if (auto E = expect(Token::Colon))
    return E;
  auto Name = ident();
  if (!Name)
    return Name.takeError();
  D.Present = true;
  D.Ns = Ns->Name;
  D.Name = Name->Name;
  if (is(Token::At)) {
    auto V = versionAfter();
    if (!V)
      return V.takeError();
    D.Version = *V;
  }
  return llvm::Error::success();
}

llvm::Error Parser::usePath(UsePath &P) {
  P.L = Cur.L;
  auto First = ident();
  if (!First)
    return First.takeError();
  if (!is(Token::Colon)) {
    P.Iface = *First;
    return llvm::Error::success();
  }
  if (auto E = bump())
    return E;
  auto Pkg = ident();
  if (!Pkg)
    return Pkg.takeError();
  if (auto E = expect(Token::Slash))
    return E;
  auto If = ident();
  if (!If)
    return If.takeError();
  P.Ns = First->Name;
  P.Pkg = Pkg->Name;
  P.Iface = *If;
  if (is(Token::At)) {
    auto V = versionAfter();
    if (!V)
      return V.takeError();
    P.Version = *V;
  }
  return llvm::Error::success();
}

llvm::Expected<ast::File> Parser::run() {
  ast::File F;
  F.Path = Lex.Path.str();
  if (auto E = bump())
    return std::move(E);
  // A leading `package ns:name;` names the file's package; a `package`
  // followed by `{` is a nested block instead.
  if (isKeyword("package")) {
    std::string Docs = takeDocs();
    if (auto E = bump())
      return std::move(E);
    PackageDecl D;
    D.Docs = Docs;
    if (auto E = packageName(D))
      return std::move(E);
    if (is(Token::Semi)) {
      if (auto E = bump())
        return std::move(E);
      F.Main.Decl = D;
    } else {
      PackageBody B;
      B.Decl = D;
      if (auto E = expect(Token::LBrace))
        return std::move(E);
      if (auto E = topLevel(B, true))
        return std::move(E);
      F.Nested.push_back(std::move(B));
    }
  }
  while (!is(Token::Eof)) {
    if (isKeyword("package")) {
      PackageBody B;
      B.Decl.Docs = takeDocs();
      if (auto E = bump())
        return std::move(E);
      if (auto E = packageName(B.Decl))
        return std::move(E);
      if (is(Token::Semi))
        return error("the package declaration must come first in the file");
      if (auto E = expect(Token::LBrace))
        return std::move(E);
      if (auto E = topLevel(B, true))
        return std::move(E);
      F.Nested.push_back(std::move(B));
      continue;
    }
    if (auto E = topLevel(F.Main, false))
      return std::move(E);
  }
  return F;
}

/// Parses top-level items until `}` (Nested) or one item (not Nested).
llvm::Error Parser::topLevel(PackageBody &B, bool Nested) {
  Loc Saved = VersionGate;
  VersionGate = B.VersionGate;
  do {
    if (Nested && is(Token::RBrace)) {
      B.VersionGate = VersionGate;
      VersionGate = Saved;
      return bump();
    }
    if (Nested && is(Token::Eof))
      return error("expected `}`, found end of file");
    std::string Docs = takeDocs();
    Gate G;
    if (auto E = gates(G))
      return E;
    if (Docs.empty())
      Docs = takeDocs();
    if (isKeyword("interface")) {
      Interface I;
      I.Docs = Docs;
      I.G = G;
      if (auto E = interface(I))
        return E;
      B.Interfaces.push_back(std::move(I));
    } else if (isKeyword("world")) {
      World W;
      W.Docs = Docs;
      W.G = G;
      if (auto E = world(W))
        return E;
      B.Worlds.push_back(std::move(W));
    } else if (isKeyword("use")) {
      TopUse U;
      if (auto E = bump())
        return E;
      if (auto E = usePath(U.Path))
        return E;
      if (U.Path.Ns.empty())
        return Lex.error(U.Path.L, "a top-level `use` needs a package-"
                                   "qualified path (`ns:pkg/iface`)");
      if (isKeyword("as")) {
        if (auto E = bump())
          return E;
        auto As = ident();
        if (!As)
          return As.takeError();
        U.As = *As;
      }
      if (auto E = expect(Token::Semi))
        return E;
      B.Uses.push_back(std::move(U));
    } else {
      return error("expected `interface`, `world`, `use` or `package`, "
                   "found " +
                   describe());
    }
  } while (Nested);
  B.VersionGate = VersionGate;
  VersionGate = Saved;
  return llvm::Error::success();
}

llvm::Error Parser::interface(Interface &I) {
  if (auto E = bump())
    return E;
  auto Name = ident();
  if (!Name)
    return Name.takeError();
  I.Name = *Name;
  return interfaceBody(I.Body);
}

llvm::Error Parser::interfaceBody(InterfaceBody &B) {
  if (auto E = expect(Token::LBrace))
    return E;
  if (++Depth > MaxDepth)
    return error("interfaces nested too deeply");
  while (!is(Token::RBrace)) {
    if (is(Token::Eof))
      return error("expected `}`, found end of file");
    if (auto E = interfaceItem(B))
      return E;
  }
  --Depth;
  return bump();
}

llvm::Expected<bool> Parser::itemHeader(std::string &Docs, Gate &G,
                                         std::vector<Use> &Uses,
                                         std::vector<TypeDefn> &Types) {
  Docs = takeDocs();
  if (auto E = gates(G))
    return std::move(E);
  // Documentation may also follow the gates.
  if (Docs.empty())
    Docs = takeDocs();
  if (isKeyword("use")) {
    Use U;
    U.G = G;
    if (auto E = use(U))
      return std::move(E);
    Uses.push_back(std::move(U));
    return true;
  }
  if (startsTypeDefn()) {
    TypeDefn T;
    T.Docs = Docs;
    T.G = G;
    if (auto E = typeDefn(T))
      return std::move(E);
    Types.push_back(std::move(T));
    return true;
  }
  return false;
}

llvm::Error Parser::interfaceItem(InterfaceBody &B) {
  std::string Docs;
  Gate G;
  auto Done = itemHeader(Docs, G, B.Uses, B.Types);
  if (!Done)
    return Done.takeError();
  if (*Done)
    return llvm::Error::success();
  Func F;
  F.Docs = Docs;
  F.G = G;
  auto Name = ident();
  if (!Name)
    return Name.takeError();
  F.Name = *Name;
  if (auto E = expect(Token::Colon))
    return E;
  if (auto E = funcType(F))
    return E;
  B.Funcs.push_back(std::move(F));
  return expect(Token::Semi);
}

llvm::Error Parser::use(Use &U) {
  if (auto E = bump())
    return E;
  if (auto E = usePath(U.Path))
    return E;
  if (auto E = expect(Token::Dot))
    return E;
  if (auto E = expect(Token::LBrace))
    return E;
  while (!is(Token::RBrace)) {
    UseName N;
    auto Name = ident();
    if (!Name)
      return Name.takeError();
    N.Name = *Name;
    if (isKeyword("as")) {
      if (auto E = bump())
        return E;
      auto As = ident();
      if (!As)
        return As.takeError();
      N.As = *As;
    }
    U.Names.push_back(std::move(N));
    if (!is(Token::Comma))
      break;
    if (auto E = bump())
      return E;
  }
  if (U.Names.empty())
    return error("expected a name to use, found " + describe());
  if (auto E = expect(Token::RBrace))
    return E;
  return expect(Token::Semi);
}

llvm::Error Parser::funcType(Func &F) {
  if (isKeyword("async")) {
    F.Async = true;
    if (auto E = bump())
      return E;
  }
  if (F.K != Function::Constructor)
    if (auto E = expectKw("func"))
      return E;
  if (auto E = expect(Token::LParen))
    return E;
  while (!is(Token::RParen)) {
    auto Name = ident();
    if (!Name)
      return Name.takeError();
    if (auto E = expect(Token::Colon))
      return E;
    TypeExpr T;
    if (auto E = type(T))
      return E;
    F.Params.emplace_back(*Name, std::move(T));
    if (!is(Token::Comma))
      break;
    if (auto E = bump())
      return E;
  }
  if (auto E = expect(Token::RParen))
    return E;
  if (is(Token::Arrow)) {
    if (auto E = bump())
      return E;
    F.HasResult = true;
    return type(F.Result);
  }
  return llvm::Error::success();
}

llvm::Error Parser::typeDefn(TypeDefn &T) {
  std::string Kw = Cur.Text;
  if (auto E = bump())
    return E;
  auto Name = ident();
  if (!Name)
    return Name.takeError();
  T.Name = *Name;
  if (Kw == "type") {
    T.K = TypeDefn::Alias;
    if (auto E = expect(Token::Eq))
      return E;
    if (auto E = type(T.Target))
      return E;
    return expect(Token::Semi);
  }
  if (Kw == "resource")
    return resource(T);
  T.K = llvm::StringSwitch<TypeDefn::Kind>(Kw)
            .Case("record", TypeDefn::Record)
            .Case("variant", TypeDefn::Variant)
            .Case("enum", TypeDefn::Enum)
            .Default(TypeDefn::Flags);
  return labels(T);
}

llvm::Error Parser::labels(TypeDefn &T) {
  if (auto E = expect(Token::LBrace))
    return E;
  while (!is(Token::RBrace)) {
    std::string Docs = takeDocs();
    auto Label = ident();
    if (!Label)
      return Label.takeError();
    T.Labels.push_back(*Label);
    T.LabelDocs.push_back(Docs);
    TypeExpr Ty;
    bool Has = false;
    if (T.K == TypeDefn::Record) {
      if (auto E = expect(Token::Colon))
        return E;
      if (auto E = type(Ty))
        return E;
      Has = true;
    } else if (T.K == TypeDefn::Variant && is(Token::LParen)) {
      if (auto E = bump())
        return E;
      if (auto E = type(Ty))
        return E;
      if (auto E = expect(Token::RParen))
        return E;
      Has = true;
    }
    T.Types.push_back(std::move(Ty));
    T.HasType.push_back(Has);
    if (!is(Token::Comma))
      break;
    if (auto E = bump())
      return E;
  }
  if (T.Labels.empty()) {
    const char *What = T.K == TypeDefn::Record    ? "record"
                       : T.K == TypeDefn::Flags   ? "flags"
                       : T.K == TypeDefn::Variant ? "variant"
                                                  : "enum";
    return Lex.error(T.Name.L, llvm::Twine("empty ") + What);
  }
  return expect(Token::RBrace);
}

llvm::Error Parser::resource(TypeDefn &T) {
  T.K = TypeDefn::Resource;
  if (is(Token::Semi))
    return bump();
  if (auto E = expect(Token::LBrace))
    return E;
  while (!is(Token::RBrace)) {
    if (is(Token::Eof))
      return error("expected `}`, found end of file");
    Func F;
    F.Docs = takeDocs();
    if (auto E = gates(F.G))
      return E;
    if (F.Docs.empty())
      F.Docs = takeDocs();
    if (isKeyword("constructor")) {
      F.K = Function::Constructor;
      F.Name = {"constructor", Cur.L};
      if (auto E = bump())
        return E;
      if (auto E = funcType(F))
        return E;
    } else {
      auto Name = ident();
      if (!Name)
        return Name.takeError();
      F.Name = *Name;
      if (auto E = expect(Token::Colon))
        return E;
      F.K = Function::Method;
      if (isKeyword("static")) {
        F.K = Function::Static;
        if (auto E = bump())
          return E;
      }
      if (auto E = funcType(F))
        return E;
    }
    T.Funcs.push_back(std::move(F));
    if (auto E = expect(Token::Semi))
      return E;
  }
  return bump();
}

llvm::Error Parser::type(TypeExpr &T) {
  T.L = Cur.L;
  if (Cur.K != Token::Id)
    return error("expected a type, found " + describe());
  if (Cur.Escaped || !isKw(Cur.Text)) {
    T.K = TypeExpr::Named;
    auto Name = ident();
    if (!Name)
      return Name.takeError();
    T.Ref = *Name;
    return llvm::Error::success();
  }
  if (++Depth > MaxDepth)
    return error("types nested too deeply");
  std::string Kw = Cur.Text;
  Type::Kind P = llvm::StringSwitch<Type::Kind>(Kw)
                     .Case("bool", Type::Bool)
                     .Case("u8", Type::U8)
                     .Case("u16", Type::U16)
                     .Case("u32", Type::U32)
                     .Case("u64", Type::U64)
                     .Case("s8", Type::S8)
                     .Case("s16", Type::S16)
                     .Case("s32", Type::S32)
                     .Case("s64", Type::S64)
                     .Case("f32", Type::F32)
                     .Case("f64", Type::F64)
                     .Case("char", Type::Char)
                     .Case("string", Type::String)
                     .Case("error-context", Type::ErrorContext)
                     .Default(Type::None);
  if (auto E = bump())
    return E;
  auto Arg = [&]() -> llvm::Error {
    T.Args.emplace_back();
    return type(T.Args.back());
  };
  auto Close = [&]() { --Depth; return expect(Token::Gt); };
  if (P != Type::None) {
    T.K = TypeExpr::Prim;
    T.P = P;
    --Depth;
    return llvm::Error::success();
  }
  if (Kw == "list" || Kw == "option" || Kw == "tuple") {
    T.K = Kw == "list" ? TypeExpr::List
          : Kw == "option" ? TypeExpr::Option : TypeExpr::Tuple;
    if (auto E = expect(Token::Lt))
      return E;
    if (T.K == TypeExpr::Tuple && is(Token::Gt))
      return Lex.error(T.L, "empty tuple");
    if (auto E = Arg())
      return E;
    while (T.K != TypeExpr::Option && is(Token::Comma)) {
      if (auto E = bump())
        return E;
      if (T.K == TypeExpr::List) {
        if (!is(Token::Int))
          return error("expected a list length, found " + describe());
        unsigned long long N = 0;
        if (llvm::StringRef(Cur.Text).getAsInteger(10, N) || N == 0 ||
            N > 0xffffffffull)
          return error("invalid list length `" + Cur.Text + "`");
        T.K = TypeExpr::FixedList;
        T.Length = N;
        if (auto E = bump())
          return E;
        break;
      }
      if (is(Token::Gt))
        break;
      if (auto E = Arg())
        return E;
    }
    return Close();
  }
  if (Kw == "borrow" || Kw == "own") {
    T.K = Kw == "borrow" ? TypeExpr::Borrow : TypeExpr::Own;
    if (auto E = expect(Token::Lt))
      return E;
    auto Name = ident();
    if (!Name)
      return Name.takeError();
    T.Ref = *Name;
    return Close();
  }
  if (Kw == "result" || Kw == "future" || Kw == "stream") {
    T.K = Kw == "result" ? TypeExpr::Result
          : Kw == "future" ? TypeExpr::Future : TypeExpr::Stream;
    T.Args.resize(T.K == TypeExpr::Result ? 2 : 1);
    if (!is(Token::Lt)) {
      --Depth;
      return llvm::Error::success();
    }
    if (auto E = bump())
      return E;
    if (T.K == TypeExpr::Result && isKeyword("_")) {
      if (auto E = bump())
        return E;
      if (auto E = expect(Token::Comma))
        return E;
      if (auto E = type(T.Args[1]))
        return E;
      return Close();
    }
    if (auto E = type(T.Args[0]))
      return E;
    if (T.K == TypeExpr::Result && is(Token::Comma)) {
      if (auto E = bump())
        return E;
      if (auto E = type(T.Args[1]))
        return E;
    }
    return Close();
  }
  return Lex.error(T.L, "expected a type, found keyword `" + Kw + "`");
}

llvm::Error Parser::world(World &W) {
  if (auto E = bump())
    return E;
  auto Name = ident();
  if (!Name)
    return Name.takeError();
  W.Name = *Name;
  if (auto E = expect(Token::LBrace))
    return E;
  while (!is(Token::RBrace)) {
    if (is(Token::Eof))
      return error("expected `}`, found end of file");
    if (auto E = worldItem(W))
      return E;
  }
  return bump();
}

llvm::Error Parser::worldItem(World &W) {
  std::string Docs;
  Gate G;
  auto Done = itemHeader(Docs, G, W.Uses, W.Types);
  if (!Done)
    return Done.takeError();
  if (*Done)
    return llvm::Error::success();
  if (isKeyword("include")) {
    Include I;
    I.G = G;
    if (auto E = bump())
      return E;
    if (auto E = usePath(I.Path))
      return E;
    if (isKeyword("with")) {
      if (auto E = bump())
        return E;
      if (auto E = expect(Token::LBrace))
        return E;
      while (!is(Token::RBrace)) {
        auto From = ident();
        if (!From)
          return From.takeError();
        if (auto E = expectKw("as"))
          return E;
        auto To = ident();
        if (!To)
          return To.takeError();
        I.With.emplace_back(*From, *To);
        if (!is(Token::Comma))
          break;
        if (auto E = bump())
          return E;
      }
      if (auto E = expect(Token::RBrace))
        return E;
    } else if (auto E = expect(Token::Semi)) {
      return E;
    }
    W.Includes.push_back(std::move(I));
    return llvm::Error::success();
  }
  WorldItem Item;
  Item.Docs = Docs;
  Item.G = G;
  if (isKeyword("export"))
    Item.Export = true;
  else if (!isKeyword("import"))
    return error("expected `import`, `export`, `use`, `include` or a type, "
                 "found " +
                 describe());
  if (auto E = bump())
    return E;
  // `name: func`, `name: interface { ... }` or a path.
  Token First = Cur;
  auto Name = ident();
  if (!Name)
    return Name.takeError();
  if (is(Token::Colon) && (Lex.peekc() != '\0')) {
    if (auto E = bump())
      return E;
    if (isKeyword("interface")) {
      Item.K = WorldItem::InlineIface;
      Item.Name = *Name;
      if (auto E = bump())
        return E;
      if (auto E = interfaceBody(Item.Body))
        return E;
      W.Items.push_back(std::move(Item));
      return llvm::Error::success();
    }
    if (isKeyword("func") || isKeyword("async")) {
      Item.K = WorldItem::Func;
      Item.Name = *Name;
      Item.F.Name = *Name;
      Item.F.Docs = Docs;
      if (auto E = funcType(Item.F))
        return E;
      W.Items.push_back(std::move(Item));
      return expect(Token::Semi);
    }
    // A package-qualified path: ns:pkg/iface.
    Item.K = WorldItem::Path;
    Item.P.L = First.L;
    Item.P.Ns = Name->Name;
    auto Pkg = ident();
    if (!Pkg)
      return Pkg.takeError();
    Item.P.Pkg = Pkg->Name;
    if (auto E = expect(Token::Slash))
      return E;
    auto If = ident();
    if (!If)
      return If.takeError();
    Item.P.Iface = *If;
    if (is(Token::At)) {
      auto V = versionAfter();
      if (!V)
        return V.takeError();
      Item.P.Version = *V;
    }
  } else {
    Item.K = WorldItem::Path;
    Item.P.L = First.L;
    Item.P.Iface = *Name;
  }
  W.Items.push_back(std::move(Item));
  return expect(Token::Semi);
}

} // namespace

/// Rejects what wasm-tools rejects anywhere in a file, comments included:
/// invalid UTF-8, control characters and a carriage return not followed by
/// a line feed.
static llvm::Error checkText(llvm::StringRef Path, llvm::StringRef Text) {
  unsigned Line = 1, Col = 1;
  auto Err = [&](const llvm::Twine &Msg) {
    return llvm::make_error<InputError>(Line, Col, Msg.str(), Path.str());
  };
  for (size_t I = 0; I < Text.size();) {
    unsigned char C = Text[I];
    if (C >= 0x80) {
      // Length of the UTF-8 sequence from its lead byte, then validate it.
      unsigned N = C >= 0xf0 ? 4 : C >= 0xe0 ? 3 : C >= 0xc0 ? 2 : 0;
      const llvm::UTF8 *P = reinterpret_cast<const llvm::UTF8 *>(Text.data() + I);
      if (!N || I + N > Text.size() || !llvm::isLegalUTF8Sequence(P, P + N))
        return Err("input is not valid utf-8");
      I += N;
      ++Col;
      continue;
    }
    if (C == '\r' && (I + 1 >= Text.size() || Text[I + 1] != '\n'))
      return Err("unexpected carriage return");
    if ((C < 0x20 && C != '\t' && C != '\n' && C != '\r') || C == 0x7f)
      return Err("unexpected control character");
    if (C == '\n') {
      ++Line;
      Col = 1;
    } else {
      ++Col;
    }
    ++I;
  }
  return llvm::Error::success();
}

llvm::Expected<ast::File> parseFile(llvm::StringRef Path, llvm::StringRef Text,
                                    uint32_t FileIndex) {
  if (auto E = checkText(Path, Text))
    return std::move(E);
  Parser P(Path, Text, FileIndex);
  return P.run();
}

} // namespace weld::wit
