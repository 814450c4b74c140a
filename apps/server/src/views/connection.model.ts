import type { Type } from '@nestjs/common';
import { Field, Int, ObjectType } from '@nestjs/graphql';
import type { KeysetPage } from '@praktijklus/projections';

@ObjectType({
  description:
    'Where a page starts and ends (Relay cursor spec): pass endCursor as `after` for the next page, startCursor as `before` for the previous one.',
})
export class PageInfo {
  @Field({ description: 'Paging forward: more rows follow. Paging backward: always false (not computed).' })
  hasNextPage!: boolean;

  @Field({ description: 'Paging backward: more rows precede. Paging forward: always false (not computed).' })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true })
  startCursor!: string | null;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface Connection<T> {
  edges: Edge<T>[];
  pageInfo: PageInfo;
  totalCount: number;
}

/** A Relay connection type for `node`: `class SignalConnection extends ConnectionOf(Signal) {}`. */
export function ConnectionOf<T>(node: Type<T>): Type<Connection<T>> {
  @ObjectType(`${node.name}Edge`)
  class EdgeType {
    @Field()
    cursor!: string;

    @Field(() => node)
    node!: T;
  }

  @ObjectType({ isAbstract: true })
  class ConnectionType {
    @Field(() => [EdgeType])
    edges!: Edge<T>[];

    @Field(() => PageInfo)
    pageInfo!: PageInfo;

    @Field(() => Int, { description: 'Every row matching the filter, across all pages.' })
    totalCount!: number;
  }
  return ConnectionType;
}

/** The page a read-model list answered, as a connection of nodes made by `toNode`. */
export function connectionOf<R extends { cursor: string }, T>(
  page: KeysetPage<R>,
  toNode: (row: R) => T,
): Connection<T> {
  return {
    edges: page.rows.map((row) => ({ cursor: row.cursor, node: toNode(row) })),
    pageInfo: {
      hasNextPage: page.hasNextPage,
      hasPreviousPage: page.hasPreviousPage,
      startCursor: page.startCursor,
      endCursor: page.endCursor,
    },
    totalCount: page.totalCount,
  };
}
