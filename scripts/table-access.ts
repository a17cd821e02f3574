// Which code reads and writes which table, read from the source: SQL in string literals (INSERT
// INTO / UPDATE / DELETE FROM / TRUNCATE for writes, FROM / JOIN for reads) and TypeORM calls, whose
// target entity the type checker names (a Repository<T>'s T; an EntityManager or query builder
// call's entity argument). Test files and the test kit are left out: only what runs in production
// is held to the table owners (libs/schema/src/table-owners.ts).
import { relative, sep } from 'node:path';
import * as ts from 'typescript';

export interface TableAccess {
  /** `libs/<lib>` → the lib's name; `apps/<app>` → `app:<app>`. */
  by: string;
  table: string;
  kind: 'read' | 'write';
  /** file:line, for the failure message. */
  at: string;
  how: string;
}

const WRITE_METHODS = new Set([
  'save',
  'insert',
  'update',
  'upsert',
  'delete',
  'remove',
  'softDelete',
  'softRemove',
  'restore',
  'recover',
  'increment',
  'decrement',
  'clear',
]);

// `FOR UPDATE`, `FOR NO KEY UPDATE` and `ON CONFLICT … DO UPDATE` lock or resolve rows of the
// statement's own table; they are not a write to a table named after them.
const SQL_WRITE =
  /(?<!\b(?:FOR|KEY|DO)\s+)\b(INSERT\s+INTO|UPDATE|DELETE\s+FROM|TRUNCATE(?:\s+TABLE)?)\s+(?:ONLY\s+)?("?[\w${}]+"?)/g;
const SQL_READ = /\b(?:FROM|JOIN)\s+("?\w+"?)/g;

function isTestFile(file: string): boolean {
  return /\.(spec|int-spec|e2e-spec)\.ts$/.test(file) || /(^|\/)test\//.test(file);
}

function ownerOf(rel: string): string | null {
  const [area, name] = rel.split('/');
  if (area === 'libs' && name && name !== 'testing') return name;
  if (area === 'apps' && name && name !== 'web') return `app:${name}`;
  return null;
}

/** Every read and write of a table by production code under libs/ and apps/ (not the web app). */
export function tableAccess(root: string, tables: readonly string[]): TableAccess[] {
  const known = new Set(tables);
  const config = ts.getParsedCommandLineOfConfigFile(
    `${root}/tsconfig.json`,
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      },
    },
  );
  if (!config) throw new Error('tsconfig.json could not be read');
  const rel = (file: string) => relative(root, file).split(sep).join('/');
  const files = config.fileNames.filter((f) => ownerOf(rel(f)) !== null && !isTestFile(rel(f)));
  const program = ts.createProgram(files, config.options);
  const checker = program.getTypeChecker();

  // Entity class → table, from the @Entity({ name }) decorators the schema registers.
  const entityTable = new Map<ts.Symbol, string>();
  const tableOfType = (type: ts.Type): string | undefined => {
    const element = checker.isArrayType(type) ? checker.getTypeArguments(type as ts.TypeReference)[0] : type;
    const symbol = element?.getSymbol();
    return symbol && entityTable.get(symbol);
  };
  for (const sf of program.getSourceFiles()) {
    if (!/\/libs\/[^/]+\/src\/[^/]+\.entity\.ts$/.test(sf.fileName)) continue;
    for (const statement of sf.statements) {
      if (!ts.isClassDeclaration(statement) || !statement.name) continue;
      const decorator = ts.getDecorators(statement)?.find((d) => d.getText(sf).startsWith('@Entity('));
      const name = decorator && /name:\s*'(\w+)'/.exec(decorator.getText(sf))?.[1];
      const symbol = checker.getSymbolAtLocation(statement.name);
      if (name && symbol) entityTable.set(symbol, name);
    }
  }

  const found: TableAccess[] = [];
  for (const file of files) {
    const sf = program.getSourceFile(file);
    if (!sf) continue;
    const by = ownerOf(rel(file))!;
    const at = (node: ts.Node) => `${rel(file)}:${sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1}`;
    // Entity files relate tables, and the schema module registers them all: neither reads a table.
    const registers = file.endsWith('.entity.ts') || by === 'schema';
    const visit = (node: ts.Node): void => {
      if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateExpression(node)) {
        // A template's substitutions become `${}`, so a table named at run time shows as unknown.
        const text = ts.isTemplateExpression(node)
          ? [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join('${}')
          : node.text;
        for (const m of text.matchAll(SQL_WRITE)) {
          const table = m[2]!.replace(/"/g, '');
          found.push({ by, table, kind: 'write', at: at(node), how: `SQL ${m[1]!.replace(/\s+/g, ' ')}` });
        }
        for (const m of text.matchAll(SQL_READ)) {
          const table = m[1]!.replace(/"/g, '');
          if (known.has(table)) found.push({ by, table, kind: 'read', at: at(node), how: 'SQL' });
        }
        return;
      }
      if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
        const method = node.expression.name.text;
        const receiver = checker.getTypeAtLocation(node.expression.expression);
        const kind = receiver.getSymbol()?.getName() ?? '';
        const arg = node.arguments[0];
        let table: string | undefined;
        let write = false;
        if (kind === 'Repository' && WRITE_METHODS.has(method)) {
          table = tableOfType(checker.getTypeArguments(receiver as ts.TypeReference)[0] ?? receiver);
          write = true;
        } else if (kind === 'EntityManager' && WRITE_METHODS.has(method) && arg) {
          table = tableOfType(checker.getTypeAtLocation(arg));
          write = true;
        } else if (/QueryBuilder$/.test(kind) && ['update', 'into', 'from'].includes(method) && arg) {
          table = tableOfType(checker.getTypeAtLocation(arg));
          write = method !== 'from' || kind === 'DeleteQueryBuilder';
        }
        if (write) {
          found.push({ by, table: table ?? '(unknown entity)', kind: 'write', at: at(node), how: `${kind}.${method}` });
        }
      }
      if (!registers && ts.isIdentifier(node) && !ts.isImportSpecifier(node.parent)) {
        // Any use of an entity class (a repository, a query, a relation walked) reads its table.
        let symbol = checker.getSymbolAtLocation(node);
        if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
        const table = symbol && entityTable.get(symbol);
        if (table) found.push({ by, table, kind: 'read', at: at(node), how: `entity ${node.text}` });
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return found;
}
