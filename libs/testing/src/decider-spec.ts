import type { Decider, DomainError, DomainEvent } from '@praktijklus/domain';

type ErrorClass = abstract new (...args: never[]) => DomainError;

/** Freezing what the decider receives makes a test fail when `decide` or `evolve` mutates its input. */
const deepFreeze = <T>(value: T): T => {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const nested of Object.values(value)) deepFreeze(nested);
  }
  return value;
};

export interface DeciderExpectation<Event> {
  /** The command produced exactly these events, in this order. */
  then(expected: Event[]): void;
  /** The command was refused with this error class, and with this code and field when given. */
  thenThrows(errorClass: ErrorClass, code?: string, field?: string): void;
}

export interface DeciderGiven<Command, Event, State> {
  when(command: Command): DeciderExpectation<Event>;
  /** The state folded from the given events, for rules that read state (visibility, overdue). */
  state(): State;
}

/**
 * Given/when/then for deciders: `given(decider, events).when(command).then(events)` or
 * `.thenThrows(Forbidden, 'ROLE_NOT_ALLOWED')`. Synchronous, asserts with jest's `expect`.
 */
export const given = <Command, Event extends DomainEvent, State>(
  decider: Decider<Command, Event, State>,
  events: Event[],
): DeciderGiven<Command, Event, State> => {
  const fold = (): State =>
    deepFreeze(
      events
        .map((event) => deepFreeze(structuredClone(event)))
        .reduce(decider.evolve, decider.initialState()),
    );

  return {
    state: fold,
    when(command) {
      const run = (): Event[] => decider.decide(deepFreeze(structuredClone(command)), fold());
      return {
        then(expected) {
          const produced = run();
          expect(produced).toEqual(expected);
          // The produced events must fold without error onto the state they were decided from.
          produced.reduce(decider.evolve, fold());
        },
        thenThrows(errorClass, code, field) {
          let produced: Event[] | undefined;
          let caught: unknown;
          try {
            produced = run();
          } catch (error) {
            caught = error;
          }
          if (caught === undefined) {
            throw new Error(
              `expected ${errorClass.name}${code ? ` ${code}` : ''} but the command produced ${JSON.stringify(produced)}`,
            );
          }
          expect(caught).toBeInstanceOf(errorClass);
          const error = caught as DomainError;
          if (code !== undefined) expect(error.code).toBe(code);
          if (field !== undefined) expect(error.field).toBe(field);
        },
      };
    },
  };
};
