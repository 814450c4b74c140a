import { Body, Controller, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Roles } from '@praktijklus/auth';
import { signalDecider } from '@praktijklus/domain';
import { ReferenceData } from '@praktijklus/reference';
import { CommandRequest } from '../commands/command-request';
import { CommandRunner, type WriteResponse } from '../commands/command-runner';
import { BEARER_AUTH } from '../openapi/openapi';
import { ApiIdempotencyKey, ApiIfMatch, ApiProblems, WriteResponseDto } from './api-responses.dto';
import { ClassifySignalDto } from './classify-signal.dto';
import { requireKnownReferences } from './signal-references';
import { signalStreamId } from '@praktijklus/commands';
import { SignalIdPipe } from './signal-id.pipe';

@ApiTags('signals')
@ApiBearerAuth(BEARER_AUTH)
@Controller('api/v1/signals')
export class ClassifySignalController {
  constructor(
    private readonly commands: CommandRunner,
    @Inject(ReferenceData) private readonly reference: ReferenceData,
  ) {}

  @Post(':id/classify')
  @HttpCode(200)
  @Roles('analyst')
  @ApiOperation({
    summary: 'Classify a signal (analyst)',
    description: 'Sets the themes (replacing earlier ones) and optionally corrects the policy domain.',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiIdempotencyKey()
  @ApiIfMatch()
  @ApiOkResponse({ type: WriteResponseDto, description: 'Classified.' })
  @ApiProblems(400, 401, 403, 404, 409, 412, 413, 415)
  classify(
    @Param('id', SignalIdPipe) id: string,
    @Body() body: ClassifySignalDto,
    @CommandRequest() request: CommandRequest,
  ): Promise<WriteResponse> {
    requireKnownReferences(this.reference, { policyDomain: body.policyDomain });
    return this.commands.run(request, {
      id,
      streamId: signalStreamId(id),
      decider: signalDecider,
      command: {
        type: 'ClassifySignal',
        ...request.context,
        data: {
          signalId: id,
          themes: body.themes,
          ...(body.policyDomain !== undefined ? { policyDomain: body.policyDomain } : {}),
        },
      },
    });
  }
}
