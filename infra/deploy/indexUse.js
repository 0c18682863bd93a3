// Which table indexes each function's code queries, found statically from its handler through the code it can call.
//
// Every index query names its index by a string literal ('byOwner', 'byFeed', 'byQueue': the kit's `index:` in
// lib/dynamo.ts specs, a QueryCommand's `IndexName:`, or a literal carried to it in the same function). A bundle
// holds every store object whole (an object literal is not tree-shaken member by member), so scanning bundles would
// grant nearly every function every index; instead this follows the calls. With the TypeScript checker it starts at
// the handler file and visits, transitively, the declarations its code refers to — a function, a method, a variable's
// initializer, one member of an object (`store.method` visits that method only; the object is visited whole when it
// is used as a value: passed, spread, returned) — skipping types, parameters and node_modules, and collects the index
// literals met on the way. Conservative where it cannot tell (a value visited whole), exact for `store.method()`.
'use strict';
const path = require('node:path');

/** handler source file (relative to root) → the indexes its code can query, sorted. */
function indexesUsedByHandlers(root, handlerFiles, indexes) {
  const ts = require('typescript');
  const configPath = path.join(root, 'tsconfig.json');
  const config = ts.parseJsonConfigFileContent(
    ts.readConfigFile(configPath, ts.sys.readFile).config,
    ts.sys,
    root,
  );
  // Only the repository's own code matters (a query names its index there): libraries and their types are read as
  // empty modules, which keeps the program small (~120 files, seconds instead of a minute).
  const options = { ...config.options, noEmit: true, noLib: true, types: [] };
  const host = ts.createCompilerHost(options);
  const readSource = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, language, ...rest) =>
    fileName.includes('/node_modules/')
      ? ts.createSourceFile(fileName, 'export {};', language)
      : readSource(fileName, language, ...rest);
  const program = ts.createProgram(
    handlerFiles.map((f) => path.join(root, f)),
    options,
    host,
  );
  const checker = program.getTypeChecker();
  const names = new Set(indexes);
  const rootDir = path.resolve(root) + path.sep;
  const isOurs = (node) => {
    const file = node.getSourceFile();
    return (
      !file.isDeclarationFile &&
      file.fileName.startsWith(rootDir) &&
      !file.fileName.includes('/node_modules/')
    );
  };
  const accessedAsObject = (id) =>
    (ts.isPropertyAccessExpression(id.parent) && id.parent.expression === id) ||
    (ts.isQualifiedName(id.parent) && id.parent.left === id);

  /** The declarations whose code an identifier brings in. */
  function targetsOf(id) {
    let symbol =
      ts.isShorthandPropertyAssignment(id.parent) && id.parent.name === id
        ? checker.getShorthandAssignmentValueSymbol(id.parent)
        : checker.getSymbolAtLocation(id);
    if (!symbol) return [];
    if (symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
    const out = [];
    for (let declaration of symbol.declarations ?? []) {
      if (!isOurs(declaration) || ts.isParameter(declaration)) continue;
      if (ts.isShorthandPropertyAssignment(declaration)) {
        const value = checker.getShorthandAssignmentValueSymbol(declaration);
        const resolved =
          value && value.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(value) : value;
        out.push(...(resolved?.declarations ?? []).filter((d) => isOurs(d) && !ts.isParameter(d)));
        continue;
      }
      while (
        ts.isBindingElement(declaration) ||
        ts.isObjectBindingPattern(declaration) ||
        ts.isArrayBindingPattern(declaration)
      )
        declaration = declaration.parent;
      // `store.method`: the member is visited (it resolves on its own), not the whole object or module.
      const wholeObject =
        ts.isSourceFile(declaration) ||
        (ts.isVariableDeclaration(declaration) &&
          declaration.initializer !== undefined &&
          ts.isObjectLiteralExpression(declaration.initializer));
      if (wholeObject && accessedAsObject(id)) continue;
      out.push(declaration);
    }
    return out;
  }

  const summaries = new Map();
  /** The index literals in a declaration's own code, and the declarations it refers to. */
  function summary(node) {
    let found = summaries.get(node);
    if (found) return found;
    found = { literals: new Set(), next: new Set() };
    summaries.set(node, found);
    const visit = (n) => {
      if (
        ts.isTypeNode(n) ||
        ts.isTypeAliasDeclaration(n) ||
        ts.isInterfaceDeclaration(n) ||
        ts.isImportDeclaration(n) ||
        ts.isExportDeclaration(n) ||
        ts.isHeritageClause(n)
      )
        return;
      if ((ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) && names.has(n.text))
        found.literals.add(n.text);
      if (ts.isIdentifier(n)) for (const target of targetsOf(n)) found.next.add(target);
      ts.forEachChild(n, visit);
    };
    visit(node);
    return found;
  }

  const used = new Map();
  for (const file of handlerFiles) {
    const source = program.getSourceFile(path.join(root, file));
    if (!source) throw new Error(`index-use: ${file} is not part of the program`);
    const literals = new Set();
    const seen = new Set([source]);
    const queue = [source];
    while (queue.length) {
      const { literals: own, next } = summary(queue.pop());
      for (const name of own) literals.add(name);
      for (const target of next)
        if (!seen.has(target)) {
          seen.add(target);
          queue.push(target);
        }
    }
    used.set(file, [...literals].sort());
  }
  return used;
}

module.exports = { indexesUsedByHandlers };
