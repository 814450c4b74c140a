/**
 * Every rule the domain refuses carries a stable `code`; `kind` says how an interface answers it
 * (invalid 400, forbidden 403, not-found 404, conflict 409, precondition 412).
 */
export type DomainErrorKind = 'invalid' | 'forbidden' | 'not-found' | 'conflict' | 'precondition';

/** The values a refusal's message names (ids, limits, statuses), so an interface can say it in any language. */
export type DomainErrorParams = Readonly<Record<string, string | number>>;

export abstract class DomainError extends Error {
  abstract readonly kind: DomainErrorKind;
  constructor(
    readonly code: string,
    message: string,
    /** The input field the error is about, when there is one. */
    readonly field?: string,
    readonly params: DomainErrorParams = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class InvalidInput extends DomainError {
  readonly kind = 'invalid' as const;
}

export class Forbidden extends DomainError {
  readonly kind = 'forbidden' as const;
}

export class NotFound extends DomainError {
  readonly kind = 'not-found' as const;
}

/**
 * The resource exists but the actor may not know it (another authority's): answered exactly like
 * NotFound, so nothing is revealed; `reason` lets an interface log it as a refusal.
 */
export class NotVisible extends NotFound {
  static readonly REASON = 'not visible to the caller';
  readonly reason = NotVisible.REASON;
}

export class IllegalState extends DomainError {
  readonly kind = 'conflict' as const;
}

export class PreconditionFailed extends DomainError {
  readonly kind = 'precondition' as const;
}
