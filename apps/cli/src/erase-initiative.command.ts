import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { DomainError, type ErasePersonalData, signalDecider } from '@praktijklus/domain';
import type { Actor } from '@praktijklus/domain';
import { parseSettings, type Environment, openEventStore, openPersonalDataVault } from '@praktijklus/config';
import { handleCommand, InitiativePersonalData, readSignal, signalStreamId } from '@praktijklus/commands';
import { CliError, type CliOutput } from './cli-error';

export const ERASE_INITIATIVE_USAGE = `erase-initiative <signal id> [--by <operator id>]
  Erases the initiative's name and contact of a signal for good (every version ever stored), as
  POST /api/v1/signals/{id}/erase-personal-data does; the signal, its history and statistics stay.
  The log records the erasure with actor <operator id> (default "operator").`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `erase-initiative`: the administrators' erasure, offline, on the server's DATA_DIR. */
export async function eraseInitiativeCommand(
  args: string[],
  env: Environment,
  output: CliOutput,
): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    options: { by: { type: 'string', default: 'operator' } },
    strict: true,
    allowPositionals: true,
  });
  const [signalId, ...extra] = positionals;
  if (signalId === undefined || extra.length > 0 || !UUID.test(signalId)) {
    throw new CliError(`Give one signal id (a UUID)\n${ERASE_INITIATIVE_USAGE}`, 2);
  }
  if (values.by.trim() === '') throw new CliError(`--by must not be empty\n${ERASE_INITIATIVE_USAGE}`, 2);

  const settings = parseSettings(env);
  // An operator acting as administrator of the platform itself, not of any one authority.
  const actor: Actor = { sub: values.by, authority: 'platform', roles: ['admin'] };
  const now = new Date().toISOString();
  const store = await openEventStore(settings);
  const vault = await openPersonalDataVault(settings).catch(async (error: unknown) => {
    await store.close();
    throw error;
  });
  try {
    const command: ErasePersonalData = { type: 'ErasePersonalData', actor, now, data: { signalId } };
    // The vault first, as the server does: a failed deletion leaves no erasure in the log.
    const before = await readSignal(store, signalId);
    signalDecider.decide(command, before.state);
    const personalData = new InitiativePersonalData(vault);
    await personalData.eraseAllNamedIn(before.events, now);
    const result = await handleCommand(store, signalStreamId(signalId), signalDecider, command, {
      correlationId: randomUUID(),
    });
    const { events } = await readSignal(store, signalId);
    const references = await personalData.eraseAllNamedIn(events, now);
    output.out(
      result.events.length > 0
        ? `Erased the initiative's personal data of signal ${signalId} (${references} stored version(s)); recorded at revision ${result.revision}.\n`
        : `The initiative's personal data of signal ${signalId} was erased before; checked ${references} stored version(s) again.\n`,
    );
  } catch (error) {
    if (error instanceof DomainError) throw new CliError(`${error.code}: ${error.message}`);
    throw error;
  } finally {
    await vault.close();
    await store.close();
  }
}
