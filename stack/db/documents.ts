import type Database from 'better-sqlite3';
import { randomFillSync } from 'node:crypto';
import { CloudBaseError, dbFailed, invalidParam } from '../errors';
import type { Catalog, CollectionInfo } from './catalog';
import {
  dollarField,
  fromStored,
  isObjectId,
  isPlainJson,
  isPlainObject,
  markPlainJson,
  resolveServerDates,
  type Doc,
} from './codec';
import type { Indexes } from './indexes';
import { Aggregator, Query } from './mingo';
import { planGrouped } from './grouped';
import type { GroupedRow, ReadPlan, Row, Rows } from './rows';
import type { StatementCache } from './statements';
import { applyUpdate, classifyUpdate, seedFromQuery } from './update';

/**
 * Reads and writes outside transactions: find, count, aggregate, insert, update, remove. Each call
 * runs inside one SQLite transaction. The index only narrows the rows read (rows.ts); mingo decides
 * what matches, sorts and projects.
 */

export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 1000;

export interface FindOptions {
  sort?: Record<string, 1 | -1>;
  skip?: number;
  limit?: number;
  projection?: Doc;
}

/** What explainFind says of a read: the index, and what SQL does of the work. */
export interface ExplainedRead {
  index: string | null;
  /** The index selects exactly the matches: counts and pages come from SQL alone. */
  exact: boolean;
  /** Who orders the page: the index, SQLite sorting the candidates, or memory; null: no sort. */
  sort: 'index' | 'sql' | 'memory' | null;
  /** Skip and limit are applied in SQL. */
  paged: boolean;
  /** SQLite's EXPLAIN QUERY PLAN. */
  sqlite: string[];
}

export interface UpdateOptions {
  multi: boolean;
  upsert: boolean;
  /** false: `update` is a whole replacement (doc().set()); true: operators or fields to merge. */
  merge: boolean;
}

/**
 * A fresh id: 16 random bytes as hex. The bytes are drawn 4 KB at a time (one call into the system's
 * random source per 256 ids, where each id drew its own), the same randomness for less work.
 */
const idPool = Buffer.alloc(4096);
let idAt = idPool.length;
export function newDocId(): string {
  if (idAt === idPool.length) {
    randomFillSync(idPool);
    idAt = 0;
  }
  idAt += 16;
  return idPool.toString('hex', idAt - 16, idAt);
}

/** The most rows a lookup (isLookup) may ask for. */
export const LOOKUP_LIMIT = 20;

export class Documents {
  constructor(
    private readonly db: Database.Database,
    private readonly statements: StatementCache,
    private readonly catalog: Catalog,
    private readonly rows: Rows,
    private readonly indexes: Indexes,
    private readonly clock: () => number,
  ) {}

  // ---- reads --------------------------------------------------------------------------------

  find(collName: string, filter: Doc, options: FindOptions = {}): Doc[] {
    const info = this.catalog.get(collName);
    const limit = clampLimit(options.limit);
    const skip = Math.max(0, options.skip ?? 0);
    const sort = options.sort && Object.keys(options.sort).length > 0 ? options.sort : null;
    const plan = planOrRefuse(filter, () => this.rows.plan(info, filter, { sort, skip, limit }));
    // Rows an index gives exactly need no test (and their filter is plain equalities and ranges).
    const query = plan.exact ? null : compileQuery(filter);
    const matches: Doc[] = [];
    // Rows already in the sort's order (or natural order when there is no sort): stop once the
    // page is full, and let SQL skip when it already knows the matches (plan.paged).
    const inOrder = !sort || plan.sort !== null;
    const wanted = plan.paged ? limit : skip + limit;
    for (const row of this.rows.read(info, plan)) {
      const doc = fromStored(row.body);
      if (query && !query.test(doc)) continue;
      matches.push(doc);
      if (inOrder && matches.length >= wanted) break;
    }
    let page = inOrder || !sort ? matches : sortDocs(matches, sort);
    page = plan.paged ? page : page.slice(skip, skip + limit);
    return options.projection && Object.keys(options.projection).length > 0
      ? project(page, options.projection)
      : page;
  }

  /**
   * A lookup: a find of at most LOOKUP_LIMIT documents, none skipped, whose rows an index gives
   * exactly and in order, paged in SQL, so it reads no more rows than it answers, wherever it runs.
   */
  isLookup(collName: string, filter: Doc, options: FindOptions = {}): boolean {
    const limit = options.limit;
    if (!limit || limit > LOOKUP_LIMIT || (options.skip ?? 0) > 0 || !this.catalog.has(collName))
      return false;
    const sort = options.sort && Object.keys(options.sort).length > 0 ? options.sort : null;
    try {
      const plan = this.rows.plan(this.catalog.get(collName), filter, { sort, skip: 0, limit });
      return plan.index !== null && plan.exact && plan.paged && plan.sort !== 'sql';
    } catch {
      return false; // a malformed filter: the read itself answers what is wrong with it
    }
  }

  /** How a find would read its rows (tests and benchmarks assert on this). */
  explainFind(collName: string, filter: Doc, options: FindOptions = {}): ExplainedRead {
    const info = this.catalog.get(collName);
    const sort = options.sort && Object.keys(options.sort).length > 0 ? options.sort : null;
    const plan = this.rows.plan(info, filter, {
      sort,
      skip: Math.max(0, options.skip ?? 0),
      limit: clampLimit(options.limit),
    });
    const { index, exact, sort: order, paged } = plan;
    return {
      index,
      exact,
      sort: sort ? (order ?? 'memory') : null,
      paged,
      sqlite: this.rows.sqlitePlan(info, plan),
    };
  }

  count(collName: string, filter: Doc): number {
    const info = this.catalog.get(collName);
    if (Object.keys(filter).length === 0) {
      return (this.statements.get(`SELECT COUNT(*) AS n FROM "${info.table}"`).get() as { n: number }).n;
    }
    const exact = planOrRefuse(filter, () => this.rows.exactCount(info, filter));
    if (exact !== undefined) return exact;
    const query = compileQuery(filter);
    let n = 0;
    for (const row of this.rows.candidates(info, filter)) if (query.test(fromStored(row.body))) n++;
    return n;
  }

  aggregate(collName: string, pipeline: Doc[]): Doc[] {
    const info = this.catalog.get(collName);
    for (const stage of pipeline) {
      const keys = Object.keys(stage);
      if (keys.length !== 1 || !keys[0].startsWith('$'))
        throw dbFailed('each pipeline stage must have exactly one $stage');
    }
    const { match, sortAt, plan } = this.planAggregate(info, pipeline);
    // A malformed filter fails here, cleanly, before any row is read.
    if (match) compileQuery(match);
    // The rows stream into the pipeline one at a time (its own $match then decides; $group folds
    // them, group.ts), so a $group over 150,000 cases holds its groups, not the cases. A $sort the
    // rows already come in is dropped, and a $limit after it stops the reading.
    const grouped = planGrouped(pipeline, plan.exact);
    const stages = grouped
      ? grouped.pipeline
      : plan.sort !== null
        ? pipeline.filter((_, i) => i !== sortAt)
        : pipeline;
    // A $group SQLite can do (grouped.ts) sees one document per SQL group, carrying its row count.
    const source = grouped
      ? (function* (groups: IterableIterator<GroupedRow>) {
          for (const group of groups)
            if (group.n > 0) yield { ...fromStored(group.body), [grouped.countField]: group.n };
        })(this.rows.grouped(info, plan, grouped))
      : (function* (rows: IterableIterator<Row>) {
          for (const row of rows) yield fromStored(row.body);
        })(this.rows.read(info, plan));
    try {
      const aggregator = new Aggregator(stages, {
        collectionResolver: (name: string) =>
          this.catalog.has(name)
            ? [...this.rows.all(this.catalog.get(name))].map((r) => fromStored(r.body))
            : [],
      });
      return aggregator.run(source) as Doc[];
    } catch (error) {
      if (error instanceof CloudBaseError) throw error;
      throw dbFailed((error as Error).message);
    } finally {
      // A pipeline that stops early ($limit) leaves the rows' statement open: close it.
      source.return(undefined);
    }
  }

  /** Whether SQLite does an aggregation's `$group` (grouped.ts): its rows are never parsed one by one. */
  groupsInSql(collName: string, pipeline: Doc[]): boolean {
    const { plan } = this.planAggregate(this.catalog.get(collName), pipeline);
    return planGrouped(pipeline, plan.exact) !== null;
  }

  /** How an aggregation reads its rows: its leading `$match` and a `$sort` after it (or leading). */
  explainAggregate(
    collName: string,
    pipeline: Doc[],
  ): { index: string | null; sort?: ExplainedRead['sort'] } {
    const { sortAt, plan } = this.planAggregate(this.catalog.get(collName), pipeline);
    return sortAt < 0 ? { index: plan.index } : { index: plan.index, sort: plan.sort ?? 'memory' };
  }

  private planAggregate(
    info: CollectionInfo,
    pipeline: Doc[],
  ): { match: Doc | null; sortAt: number; plan: ReadPlan } {
    const first = pipeline[0];
    const match = first && isPlainObject(first.$match) ? first.$match : null;
    const sortAt = match ? 1 : 0;
    const sortStage = pipeline[sortAt]?.$sort;
    const sort =
      isPlainObject(sortStage) && Object.values(sortStage).every((d) => d === 1 || d === -1)
        ? (sortStage as Record<string, 1 | -1>)
        : null;
    const plan = this.rows.plan(info, match ?? {}, sort ? { sort } : {});
    return { match, sortAt: sort ? sortAt : -1, plan };
  }

  getById(collName: string, id: string): Doc | null {
    const row = this.rows.byId(this.catalog.get(collName), id);
    return row ? fromStored(row.body) : null;
  }

  // ---- writes -------------------------------------------------------------------------------

  insert(collName: string, docs: Doc[]): string[] {
    const info = this.catalog.get(collName);
    const now = this.clock();
    return this.db.transaction(() => docs.map((doc) => this.indexes.insertRow(info, prepareNew(doc, now))))();
  }

  update(
    collName: string,
    filter: Doc,
    rawUpdate: Doc,
    options: UpdateOptions,
  ): { matched: number; updated: number; upsertedId?: string } {
    const info = this.catalog.get(collName);
    const now = this.clock();
    const update = resolveServerDates(rawUpdate, now);
    const kind = options.merge ? classifyUpdate(update) : 'replacement';
    // doc(id).update() and .set(): the row by its id is the one, if its _id is that text (an
    // ObjectId with the same hex is not), as the filter would judge, without setting up a query.
    const id = Object.keys(filter).length === 1 && typeof filter._id === 'string' ? filter._id : null;
    const query = id === null ? compileQuery(filter) : null;
    return this.db.transaction(() => {
      let matched = 0;
      let updated = 0;
      for (const row of [...this.rows.candidates(info, filter)]) {
        const doc = fromStored(row.body);
        if (query ? !query.test(doc) : doc._id !== id) continue;
        matched++;
        const result = applyUpdate(doc, update, kind);
        if (result.changed) this.indexes.writeRow(info, row, result.doc);
        // A replacement (doc().set()) counts the document it replaced even when nothing changed, as
        // CloudBase does; an update by operators or merged fields counts changes (MongoDB's nModified).
        if (result.changed || kind === 'replacement') updated++;
        if (!options.multi) break;
      }
      if (matched === 0 && options.upsert) {
        const seed = seedFromQuery(filter);
        const base: Doc = {
          ...seed,
          _id: typeof seed._id === 'string' || typeof seed._id === 'number' ? seed._id : newDocId(),
        };
        const { doc } = applyUpdate(base, update, kind);
        const id = this.indexes.insertRow(info, doc);
        return { matched: 0, updated: 0, upsertedId: id };
      }
      return { matched, updated };
    })();
  }

  /** Updates the first matching document and returns it as it is after the update (or null). */
  updateAndReturn(collName: string, filter: Doc, rawUpdate: Doc): { updated: number; doc: Doc | null } {
    const info = this.catalog.get(collName);
    const update = resolveServerDates(rawUpdate, this.clock());
    const kind = classifyUpdate(update);
    const query = compileQuery(filter);
    return this.db.transaction(() => {
      for (const row of [...this.rows.candidates(info, filter)]) {
        const doc = fromStored(row.body);
        if (!query.test(doc)) continue;
        const result = applyUpdate(doc, update, kind);
        if (result.changed) this.indexes.writeRow(info, row, result.doc);
        // CloudBase counts the document found, changed or not (findAndModify).
        return { updated: 1, doc: result.doc };
      }
      return { updated: 0, doc: null };
    })();
  }

  remove(collName: string, filter: Doc, options: { multi: boolean }): number {
    const info = this.catalog.get(collName);
    const query = compileQuery(filter);
    return this.db.transaction(() => {
      let deleted = 0;
      for (const row of [...this.rows.candidates(info, filter)]) {
        if (!query.test(fromStored(row.body))) continue;
        this.rows.delete(info, row);
        deleted++;
        if (!options.multi) break;
      }
      return deleted;
    })();
  }
}

/** A new document as stored: server dates resolved, and an `_id` (given, or a fresh one). */
export function prepareNew(raw: Doc, now: number): Doc {
  if (!isPlainObject(raw)) throw invalidParam('a document must be an object');
  if (isPlainJson(raw)) {
    // No server date to resolve, no `$` name, an _id (if any) of JSON: only the _id to give.
    if (raw._id === undefined || raw._id === null) return markPlainJson({ _id: newDocId(), ...raw });
    if (typeof raw._id !== 'string' && typeof raw._id !== 'number')
      throw invalidParam('_id must be a string, a number or an ObjectId');
    return raw;
  }
  const doc = resolveServerDates(raw, now);
  const dollar = dollarField(doc);
  if (dollar) throw dbFailed(`Document can't have $ prefixed field names: ${dollar}`);
  if (doc._id === undefined || doc._id === null) return { _id: newDocId(), ...doc };
  if (typeof doc._id !== 'string' && typeof doc._id !== 'number' && !isObjectId(doc._id))
    throw invalidParam('_id must be a string, a number or an ObjectId');
  return doc;
}

/**
 * Plans a read; a filter the planner cannot read is compiled first, so that a malformed one is
 * refused as compiling refuses it (DATABASE_REQUEST_FAILED, mingo's message).
 */
function planOrRefuse<T>(filter: Doc, plan: () => T): T {
  try {
    return plan();
  } catch (error) {
    compileQuery(filter);
    throw error;
  }
}

export function compileQuery(filter: Doc): Query {
  try {
    const query = new Query(filter, {});
    // mingo compiles lazily for some operators: probe once so malformed filters fail here, cleanly.
    query.test({});
    return query;
  } catch (error) {
    throw dbFailed(`invalid query: ${(error as Error).message}`);
  }
}

function clampLimit(limit: number | undefined): number {
  if (limit === undefined || limit === null || limit <= 0) return DEFAULT_LIMIT;
  return Math.min(limit, MAX_LIMIT);
}

function sortDocs(docs: Doc[], sort: Record<string, 1 | -1>): Doc[] {
  try {
    return new Aggregator([{ $sort: sort }]).run(docs) as Doc[];
  } catch (error) {
    throw dbFailed(`invalid sort: ${(error as Error).message}`);
  }
}

function project(docs: Doc[], projection: Doc): Doc[] {
  try {
    return new Aggregator([{ $project: projection }]).run(docs) as Doc[];
  } catch (error) {
    throw dbFailed(`invalid projection: ${(error as Error).message}`);
  }
}

/** One page of matching documents, as find() answers it: sorted, skipped, limited and projected. */
export function shapePage(matches: Doc[], options: FindOptions): Doc[] {
  const limit = clampLimit(options.limit);
  const skip = Math.max(0, options.skip ?? 0);
  const sorted =
    options.sort && Object.keys(options.sort).length > 0 ? sortDocs(matches, options.sort) : matches;
  const page = sorted.slice(skip, skip + limit);
  return options.projection && Object.keys(options.projection).length > 0
    ? project(page, options.projection)
    : page;
}
