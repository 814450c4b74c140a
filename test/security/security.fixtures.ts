import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Role } from '@praktijklus/domain';
import type { TestResponse } from '../../libs/testing/src/http-response';
import type { TestServer } from '../support/test-server';
import type { TokenClaims } from '../../libs/testing/src/test-token';

export const PROBLEM_JSON = 'application/problem+json';
export const ROLES: readonly Role[] = ['officer', 'analyst', 'admin'];

/** An authority none of the test resources involve (Rotterdam). */
export const STRANGER_AUTHORITY = 'gm0599';

/** A signed-in user holding one role at one authority; `sub` names both so logs and histories tell them apart. */
export const userOf = (role: Role, authority: string): TokenClaims => ({
  sub: `${role}-${authority}`,
  roles: [role],
  authority,
});

/** The id of a resource that does not exist: what a denied caller must not be able to tell apart. */
export const unknownId = (): string => randomUUID();

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  errors?: Array<{ field: string; message: string }>;
}

/** A problem+json answer whose body agrees with its status and shows nothing internal. */
export function expectProblemJson(response: TestResponse<unknown>, status?: number): ProblemBody {
  const context = `${response.status} ${response.text.slice(0, 300)}`;
  if (status !== undefined) expect({ status: response.status, context }).toEqual({ status, context });
  expect(response.headers.get('content-type') ?? '').toContain(PROBLEM_JSON);
  const body = response.body as ProblemBody;
  expect(body).toEqual(
    expect.objectContaining({
      type: expect.any(String),
      title: expect.any(String),
      status: response.status,
      detail: expect.any(String),
      code: expect.any(String),
    }),
  );
  expect(response.text).not.toMatch(/\bat .+\.(ts|js):\d+|node_modules|SQLITE_|\/tmp\//);
  return body;
}

export interface LogHead {
  /** The highest position in the events table (0 when empty). */
  position: number;
  count: number;
}

/** Read straight from `<DATA_DIR>/events.sqlite`, beside the server's own connection. */
export function eventLogHead(server: TestServer): LogHead {
  const db = new Database(join(server.dataDir, 'events.sqlite'), { readonly: true, fileMustExist: true });
  try {
    const row = db
      .prepare('SELECT coalesce(max(position), 0) AS position, count(*) AS count FROM events')
      .get() as LogHead | undefined;
    return row ?? { position: 0, count: 0 };
  } finally {
    db.close();
  }
}

/** Structured log lines collected from a test server's security log sink. */
export class CapturedLog {
  readonly lines: string[] = [];
  readonly sink = (line: string): void => {
    this.lines.push(line);
  };

  entries(): Array<Record<string, unknown>> {
    return this.lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  }

  /** What was logged from now on, by the returned function. */
  mark(): () => Array<Record<string, unknown>> {
    const start = this.lines.length;
    return () => this.lines.slice(start).map((line) => JSON.parse(line) as Record<string, unknown>);
  }
}
