import { Actor } from './actor';

/** What every command carries besides its own data: who asks, and when (the domain has no clock). */
export interface CommandContext {
  actor: Actor;
  /** ISO 8601 date-time of the request, from the server clock. */
  now: string;
}

export interface DomainEvent<Type extends string = string, Data extends object = object> {
  type: Type;
  data: Data;
}

export interface Decider<Command, Event extends DomainEvent, State> {
  decide(command: Command, state: State): Event[];
  evolve(state: State, event: Event): State;
  initialState(): State;
}
