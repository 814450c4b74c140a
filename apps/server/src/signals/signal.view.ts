import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  Actor,
  INITIATIVE_KINDS,
  InitiativeKind,
  isInitiativeVisibleTo,
  RecordedSignalState,
  SIGNAL_LEVELS,
  SIGNAL_STATUSES,
  SIGNAL_TYPES,
  SignalLevel,
  SignalStatus,
  SignalType,
} from '@praktijklus/domain';
import type { InitiativePersonalData, InitiativeView } from '@praktijklus/commands';
import { NormReferenceDto, SignalLocationDto } from './signal-fields.dto';

class InitiativeViewDto {
  @ApiPropertyOptional({ example: 'Energiecoöperatie Zonnedak Utrecht' })
  name?: string;

  @ApiPropertyOptional({ example: 'info@zonnedak-utrecht.example' })
  contact?: string;

  @ApiPropertyOptional({ enum: [true], description: 'Set once the personal data was erased.' })
  erased?: true;

  @ApiPropertyOptional({ format: 'date-time' })
  erasedAt?: string;
}

/** A signal's current state, folded from its stream, as `GET /api/v1/signals/{id}` answers it. */
export class SignalView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 2, description: 'Stream revision; also sent as ETag.' })
  revision!: number;

  @ApiProperty({ enum: SIGNAL_STATUSES, example: 'ACTIVE' })
  status!: SignalStatus;

  @ApiProperty({ enum: SIGNAL_TYPES, example: 'CONFLICTING_NORMS' })
  type!: SignalType;

  @ApiProperty({ example: 'Zonnepanelen op monumentaal pand geweigerd door tegenstrijdige normen' })
  title!: string;

  @ApiProperty()
  description!: string;

  @ApiProperty({ example: 'heritage' })
  policyDomain!: string;

  @ApiProperty({ enum: SIGNAL_LEVELS })
  level!: SignalLevel;

  @ApiProperty({ enum: INITIATIVE_KINDS })
  initiativeKind!: InitiativeKind;

  @ApiProperty({ example: '2026-03-02' })
  observedAt!: string;

  @ApiProperty({ type: [String], example: ['gm0344', 'pv26'] })
  authorities!: string[];

  @ApiProperty({ type: [NormReferenceDto] })
  norms!: NormReferenceDto[];

  @ApiProperty({ type: SignalLocationDto, nullable: true })
  location!: SignalLocationDto | null;

  @ApiProperty({ example: 'gm0344', description: 'From the token of the officer who recorded it.' })
  reportingAuthority!: string;

  @ApiProperty({ example: 'officer-1' })
  reportedBy!: string;

  @ApiProperty({ format: 'date-time' })
  recordedAt!: string;

  @ApiProperty({ format: 'date-time', nullable: true })
  amendedAt!: string | null;

  @ApiProperty({ type: [String], example: ['erfgoed en verduurzaming'] })
  themes!: string[];

  @ApiProperty({ format: 'date-time', nullable: true })
  classifiedAt!: string | null;

  @ApiProperty({ format: 'uuid', nullable: true })
  duplicateOf!: string | null;

  @ApiPropertyOptional({ example: 'Dubbel ingediend' })
  withdrawnReason?: string;

  @ApiPropertyOptional({ format: 'date-time' })
  withdrawnAt?: string;

  @ApiProperty({ description: 'Whether an initiative (personal data) is attached; visible to every reader.' })
  hasInitiative!: boolean;

  @ApiPropertyOptional({
    type: InitiativeViewDto,
    nullable: true,
    description:
      "Only for the reporting authority's officers and administrators (absent for others): name and contact, { erased: true } after erasure, or null.",
  })
  initiative?: InitiativeView;
}

export async function signalViewOf(
  signal: RecordedSignalState,
  revision: number,
  viewer: Actor,
  initiatives: InitiativePersonalData,
): Promise<SignalView> {
  const view: SignalView = {
    id: signal.id,
    revision,
    status: signal.status,
    type: signal.type,
    title: signal.title,
    description: signal.description,
    policyDomain: signal.policyDomain,
    level: signal.level,
    initiativeKind: signal.initiativeKind,
    observedAt: signal.observedAt,
    authorities: signal.authorities,
    norms: signal.norms,
    location: signal.location,
    reportingAuthority: signal.reportingAuthority,
    reportedBy: signal.reportedBy,
    recordedAt: signal.recordedAt,
    amendedAt: signal.amendedAt,
    themes: signal.themes,
    classifiedAt: signal.classifiedAt,
    duplicateOf: signal.duplicateOf,
    hasInitiative: signal.initiative !== null,
  };
  if (signal.status === 'WITHDRAWN') {
    view.withdrawnReason = signal.withdrawnReason;
    view.withdrawnAt = signal.withdrawnAt;
  }
  if (isInitiativeVisibleTo(signal, viewer)) {
    view.initiative =
      signal.initiative === null ? null : await initiatives.view(signal.initiative.personalDataRef);
  }
  return view;
}
