import { Inject, Injectable } from '@nestjs/common';
import { endOfWorkingDays } from '@praktijklus/reference';
import { type EscalationCommand, escalationDecider } from '@praktijklus/domain';
import type { CommandRequest } from '../commands/command-request';
import { CommandRunner, type WriteResponse } from '../commands/command-runner';
import type { Settings } from '@praktijklus/config';
import { SETTINGS } from '../config/settings.module';
import { escalationStreamId } from './escalation-stream';

/** Runs commands on an existing escalation (`/api/v1/escalations/{id}/...`). */
@Injectable()
export class EscalationCommandRunner {
  constructor(
    private readonly commands: CommandRunner,
    @Inject(SETTINGS) private readonly settings: Settings,
  ) {}

  async run(
    request: CommandRequest,
    escalationId: string,
    command: EscalationCommand,
  ): Promise<WriteResponse> {
    return this.commands.run(request, {
      id: escalationId,
      streamId: escalationStreamId(escalationId),
      decider: escalationDecider,
      command,
    });
  }

  /** The deadline a body gave, or the end (23:59:59 in Amsterdam) of the configured number of Dutch working days from now. */
  respondBy(given: string | undefined, now: string): string {
    return (
      given ?? endOfWorkingDays(new Date(now), this.settings.escalationResponseWorkingDays).toISOString()
    );
  }
}
