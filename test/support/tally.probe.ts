import { Body, Controller, Get, HttpCode, Inject, Module, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsInt,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { CurrentActor, Roles } from '@praktijklus/auth';
import { CommandContext, Decider, IllegalState } from '@praktijklus/domain';
import type { EventStore } from '@praktijklus/event-store';
import type { Actor } from '@praktijklus/domain';
import { CommandRequest } from '../../apps/server/src/commands/command-request';
import { CommandRunner, type WriteResponse } from '../../apps/server/src/commands/command-runner';
import { loadAggregate, readHistory, type HistoryEntry } from '@praktijklus/commands';
import { EVENT_STORE } from '../../apps/server/src/event-store/event-store.tokens';

/*
 * A tiny aggregate served the way feature controllers serve theirs, so the e2e tests exercise the
 * command plumbing (validation, idempotency, If-Match, ETag, Location, roles) before real features exist.
 */

type TallyCommand = CommandContext &
  (
    | { type: 'OpenTally'; data: { id: string; label: string } }
    | { type: 'Count'; data: { by: number } }
    | { type: 'Close'; data: Record<string, never> }
  );
type TallyEvent =
  | { type: 'TallyOpened'; data: { id: string; label: string; authority: string } }
  | { type: 'Counted'; data: { by: number } }
  | { type: 'TallyClosed'; data: Record<string, never> };
interface Tally {
  exists: boolean;
  label: string;
  total: number;
  closed: boolean;
}

export const tallyDecider: Decider<TallyCommand, TallyEvent, Tally> = {
  initialState: () => ({ exists: false, label: '', total: 0, closed: false }),
  evolve: (state, event) => {
    switch (event.type) {
      case 'TallyOpened':
        return { ...state, exists: true, label: event.data.label };
      case 'Counted':
        return { ...state, total: state.total + event.data.by };
      case 'TallyClosed':
        return { ...state, closed: true };
    }
  },
  decide: (command, state) => {
    switch (command.type) {
      case 'OpenTally':
        if (state.exists) throw new IllegalState('TALLY_EXISTS', 'The tally exists already.');
        return [{ type: 'TallyOpened', data: { ...command.data, authority: command.actor.authority } }];
      case 'Count':
        if (state.closed) throw new IllegalState('TALLY_CLOSED', 'The tally is closed.');
        return [{ type: 'Counted', data: { by: command.data.by } }];
      case 'Close':
        return state.closed ? [] : [{ type: 'TallyClosed', data: {} }];
    }
  },
};

class NoteDto {
  @IsString()
  @MaxLength(20)
  ref!: string;
}

export class OpenTallyDto {
  @IsString()
  @MaxLength(50)
  label!: string;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(3)
  @ValidateNested({ each: true })
  @Type(() => NoteDto)
  notes?: NoteDto[];
}

export class CountDto {
  @IsInt()
  @Min(1)
  @Max(10)
  by!: number;
}

@Controller('api/v1/tallies')
export class TallyController {
  constructor(
    private readonly commands: CommandRunner,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  @Post()
  @Roles('officer')
  open(@Body() body: OpenTallyDto, @CommandRequest() request: CommandRequest): Promise<WriteResponse> {
    const id = request.newId();
    return this.commands.run(request, {
      id,
      streamId: `tally-${id}`,
      decider: tallyDecider,
      command: { type: 'OpenTally', ...request.context, data: { id, label: body.label } },
      location: `/api/v1/tallies/${id}`,
    });
  }

  @Post(':id/count')
  @HttpCode(200)
  @Roles('officer')
  count(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: CountDto,
    @CommandRequest() request: CommandRequest,
  ): Promise<WriteResponse> {
    return this.commands.run(request, {
      id,
      streamId: `tally-${id}`,
      decider: tallyDecider,
      command: { type: 'Count', ...request.context, data: { by: body.by } },
    });
  }

  @Post(':id/close')
  @HttpCode(200)
  @Roles('admin')
  close(
    @Param('id', ParseUUIDPipe) id: string,
    @CommandRequest() request: CommandRequest,
  ): Promise<WriteResponse> {
    return this.commands.run(request, {
      id,
      streamId: `tally-${id}`,
      decider: tallyDecider,
      command: { type: 'Close', ...request.context, data: {} },
    });
  }

  @Get(':id')
  @Roles('officer', 'analyst')
  async get(
    @Param('id', ParseUUIDPipe) id: string,
    @CurrentActor() actor: Actor,
  ): Promise<Tally & { id: string; revision: number; readBy: string }> {
    const { state, revision } = await loadAggregate(this.store, `tally-${id}`, tallyDecider, {
      code: 'TALLY_NOT_FOUND',
      message: 'No such tally.',
    });
    return { id, ...state, revision, readBy: actor.authority };
  }

  @Get(':id/history')
  @Roles('officer', 'analyst')
  history(@Param('id', ParseUUIDPipe) id: string): Promise<HistoryEntry[]> {
    return readHistory(this.store, `tally-${id}`);
  }
}

@Module({ controllers: [TallyController] })
export class TallyProbeModule {}
