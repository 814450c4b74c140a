import { Module } from '@nestjs/common';
import { CloseExperimentController } from './close-experiment.controller';
import { EvaluateExperimentController } from './evaluate-experiment.controller';
import { ExtendExperimentController } from './extend-experiment.controller';
import { ReadExperimentController } from './read-experiment.controller';
import { StartExperimentController } from './start-experiment.controller';

/** Experiments granted in answer to escalations, closed only with a policy conclusion (`/api/v1/experiments`). */
@Module({
  controllers: [
    StartExperimentController,
    ReadExperimentController,
    ExtendExperimentController,
    EvaluateExperimentController,
    CloseExperimentController,
  ],
})
export class ExperimentsModule {}
