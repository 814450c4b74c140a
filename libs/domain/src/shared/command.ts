import { CommandContext } from './decider';

/** Every command has one shape: its type, who asks and when, and its own data. */
export type DomainCommand<Type extends string, Data extends object> = CommandContext & {
  type: Type;
  data: Data;
};
