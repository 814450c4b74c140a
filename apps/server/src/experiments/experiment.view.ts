import { ApiProperty } from '@nestjs/swagger';
import {
  EXPERIMENT_STATUSES,
  type ExistingExperimentState,
  type ExperimentStatus,
  isExperimentOverdue,
  LEGAL_ROUTES,
  type LegalRoute,
  POLICY_CONSEQUENCES,
  type PolicyConsequence,
} from '@praktijklus/domain';

class ExtensionView {
  @ApiProperty({ example: '2027-05-01' })
  previousEndsOn!: string;

  @ApiProperty({ example: '2027-11-01' })
  endsOn!: string;

  @ApiProperty({ example: 'Eén winterseizoen extra nodig om de opbrengst te meten.' })
  reason!: string;

  @ApiProperty({ format: 'date-time' })
  extendedAt!: string;
}

class EvaluationView {
  @ApiProperty()
  conclusion!: string;

  @ApiProperty({ enum: POLICY_CONSEQUENCES, example: 'ADOPT_IN_POLICY' })
  policyConsequence!: PolicyConsequence;

  @ApiProperty()
  rationale!: string;

  @ApiProperty({ format: 'date-time' })
  evaluatedAt!: string;
}

/** An experiment's current state, folded from its stream, as `GET /api/v1/experiments/{id}` answers it. */
export class ExperimentView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 2, description: 'Stream revision; also sent as ETag.' })
  revision!: number;

  @ApiProperty({ enum: EXPERIMENT_STATUSES, example: 'RUNNING' })
  status!: ExperimentStatus;

  @ApiProperty({ format: 'uuid' })
  escalationId!: string;

  @ApiProperty({ example: 'pv26', description: 'The granting authority, which answers for it.' })
  owner!: string;

  @ApiProperty({ example: 'Pilot zonnepanelen op drie rijksmonumenten in Utrecht' })
  title!: string;

  @ApiProperty()
  hypothesis!: string;

  @ApiProperty({ enum: LEGAL_ROUTES, example: 'EXPERIMENT_CLAUSE' })
  legalRoute!: LegalRoute;

  @ApiProperty({ example: '2026-05-01' })
  startsOn!: string;

  @ApiProperty({ example: '2027-05-01' })
  endsOn!: string;

  @ApiProperty({ format: 'date-time' })
  startedAt!: string;

  @ApiProperty({ type: [ExtensionView] })
  extensions!: ExtensionView[];

  @ApiProperty({ type: EvaluationView, nullable: true })
  evaluation!: EvaluationView | null;

  @ApiProperty({ nullable: true, type: String, format: 'date-time' })
  closedAt!: string | null;

  @ApiProperty({ example: false, description: 'Past endsOn without an evaluation.' })
  overdue!: boolean;
}

export const experimentViewOf = (
  experiment: ExistingExperimentState,
  revision: number,
  now: string,
): ExperimentView => ({
  ...experiment,
  revision,
  overdue: isExperimentOverdue(experiment, now),
});
