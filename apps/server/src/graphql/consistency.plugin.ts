import type { ApolloPlugin } from './graphql-types';
import { graphqlError } from './graphql-errors';

/** What `X-Consistent-With` waits on: every projection past a log position, or a timeout. */
export interface ConsistencyWaiter {
  waitFor(position: string, timeoutMs: number): Promise<boolean>;
}

export const CONSISTENT_WITH_HEADER = 'x-consistent-with';
const POSITION_SHAPE = /^[\w:./-]{1,200}$/;

/**
 * Apollo answers a plugin's error with HTTP 500 unless it carries `extensions.http`. A value that
 * is no position is bad input (400). Read models that did not get there in time (or no projector
 * here to wait for) fail the condition the header states, as a failed If-Match does on REST: 412,
 * with a hint to retry shortly. Neither is a server fault, so a client cannot make us answer 5xx.
 */
const CLIENT_ERROR = { http: { status: 400 } };
const TRY_AGAIN = { http: { status: 412, headers: new Map([['retry-after', '1']]) } };

/**
 * Read-your-writes: a request carrying `X-Consistent-With: <position>` (the `position` a command
 * answered) runs only once the read models have processed it, waiting at most `timeoutMs`;
 * otherwise it fails with CONSISTENCY_TIMEOUT and the client may retry.
 */
export function consistencyPlugin(
  waiter: () => ConsistencyWaiter | undefined,
  timeoutMs: number,
): ApolloPlugin {
  return {
    async requestDidStart({ request }) {
      const position = request.http?.headers.get(CONSISTENT_WITH_HEADER)?.trim();
      if (position === undefined || position === '') return;
      return {
        async didResolveOperation() {
          if (!POSITION_SHAPE.test(position)) {
            throw graphqlError(
              'X-Consistent-With must be a position a command answered.',
              'BAD_USER_INPUT',
              CLIENT_ERROR,
            );
          }
          const projector = waiter();
          if (!projector) {
            throw graphqlError('This instance has no projector to wait for.', 'CONSISTENCY_TIMEOUT', {
              position,
              ...TRY_AGAIN,
            });
          }
          let reached: boolean;
          try {
            reached = await projector.waitFor(position, timeoutMs);
          } catch {
            throw graphqlError(
              'X-Consistent-With is not a position of this event log.',
              'BAD_USER_INPUT',
              CLIENT_ERROR,
            );
          }
          if (!reached) {
            throw graphqlError(
              `The read models did not reach position ${position} within ${timeoutMs} ms; try again.`,
              'CONSISTENCY_TIMEOUT',
              { position, ...TRY_AGAIN },
            );
          }
        },
      };
    },
  };
}
