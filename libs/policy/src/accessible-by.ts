import type { AnyAbility } from '@casl/ability';
import { rulesToAST } from '@casl/ability/extra';
import { Brackets, type ObjectLiteral, type SelectQueryBuilder, type WhereExpressionBuilder } from 'typeorm';

interface AstNode {
  operator: string;
  field?: string;
  value: unknown;
}

let callCounter = 0;

/** Thrown for a rule this translator cannot express in SQL — a programming error, never user input. */
export class UntranslatableRuleError extends Error {}

class SqlTranslator {
  private parameterIndex = 0;
  readonly parameters: Record<string, unknown> = {};

  constructor(
    private readonly qb: SelectQueryBuilder<ObjectLiteral>,
    private readonly prefix: string,
  ) {}

  translate(node: AstNode): string {
    switch (node.operator) {
      case 'and': {
        const parts = (node.value as AstNode[]).map((n) => this.translate(n));
        return parts.length === 0 ? 'TRUE' : `(${parts.join(' AND ')})`;
      }
      case 'or': {
        const parts = (node.value as AstNode[]).map((n) => this.translate(n));
        return parts.length === 0 ? 'FALSE' : `(${parts.join(' OR ')})`;
      }
      case 'not': {
        const inner = (node.value as AstNode[]).map((n) => this.translate(n));
        return `(NOT ${inner.length === 1 ? inner[0] : `(${inner.join(' AND ')})`})`;
      }
      default:
        return this.leaf(node);
    }
  }

  private param(value: unknown): string {
    const name = `${this.prefix}_${this.parameterIndex++}`;
    this.parameters[name] = value;
    return `:${name}`;
  }

  private column(field: string): { sql: string; isArray: boolean; nullable: boolean } {
    const metadata = this.qb.expressionMap.mainAlias?.metadata;
    const column = metadata?.findColumnWithPropertyPath(field);
    if (!column) throw new UntranslatableRuleError(`rule condition on unknown property "${field}"`);
    return {
      sql: `${this.qb.escape(this.qb.alias)}.${this.qb.escape(column.databaseName)}`,
      isArray: column.isArray,
      nullable: column.isNullable,
    };
  }

  /**
   * On a nullable column each comparison is made two-valued (`COALESCE(…, FALSE)`): SQL's NULL
   * would otherwise turn `NOT (col = x)` into "unknown" and drop rows that CASL's `cannot` would
   * keep. NOT NULL columns get the bare comparison, which the planner can match to an index.
   */
  private leaf(node: AstNode): string {
    const { sql: col, isArray, nullable } = this.column(node.field!);
    const twoValued = (comparison: string) => (nullable ? `COALESCE(${comparison}, FALSE)` : `(${comparison})`);
    const value = node.value;
    if (isArray) {
      // CASL (Mongo semantics) treats equality on an array field as "contains".
      if (node.operator === 'eq') return `COALESCE(${this.param(value)} = ANY(${col}), FALSE)`;
      if (node.operator === 'in') return `COALESCE(${col} && ${this.param(value)}, FALSE)`;
      throw new UntranslatableRuleError(`operator "${node.operator}" on array property "${node.field}"`);
    }
    switch (node.operator) {
      case 'eq':
        return value === null ? `(${col} IS NULL)` : twoValued(`${col} = ${this.param(value)}`);
      case 'ne':
        return value === null ? `(${col} IS NOT NULL)` : `(${col} IS DISTINCT FROM ${this.param(value)})`;
      case 'in':
      case 'nin': {
        const values = value as unknown[];
        const nonNull = values.filter((v) => v !== null);
        const hasNull = nonNull.length !== values.length;
        const parts: string[] = [];
        if (nonNull.length > 0) parts.push(twoValued(`${col} = ANY(${this.param(nonNull)})`));
        if (hasNull) parts.push(`(${col} IS NULL)`);
        const matches = parts.length === 0 ? 'FALSE' : parts.length === 1 ? parts[0]! : `(${parts.join(' OR ')})`;
        return node.operator === 'in' ? matches : `(NOT ${matches})`;
      }
      case 'lt':
      case 'lte':
      case 'gt':
      case 'gte': {
        const op = { lt: '<', lte: '<=', gt: '>', gte: '>=' }[node.operator];
        return twoValued(`${col} ${op} ${this.param(value)}`);
      }
      case 'exists':
        return value ? `(${col} IS NOT NULL)` : `(${col} IS NULL)`;
      default:
        throw new UntranslatableRuleError(`operator "${node.operator}" is not supported in SQL filters`);
    }
  }
}

/**
 * The SQL twin of `ability.can(action, subject)`: a condition to add with `qb.andWhere(...)` so a
 * list returns exactly the rows the same CASL rules allow — `cannot` rules and rule order included
 * (via CASL's own `rulesToAST`). It fails closed: no rule gives `1 = 0`. Each call uses parameter
 * names of its own, so two filters on one query never collide. Property names are mapped to
 * column names through the entity's TypeORM metadata.
 */
export function accessibleBy<A extends AnyAbility>(
  ability: A,
  action: string,
  subjectType: string,
  qb: SelectQueryBuilder<ObjectLiteral>,
): Brackets {
  const ast = rulesToAST(ability, action as never, subjectType as never) as AstNode | null;
  const prefix = `acl${++callCounter}`;
  return new Brackets((where: WhereExpressionBuilder) => {
    if (!ast) {
      where.where('1 = 0');
      return;
    }
    const translator = new SqlTranslator(qb, prefix);
    where.where(translator.translate(ast), translator.parameters);
  });
}
