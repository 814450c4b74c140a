import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { TASK_KINDS, type TaskKind } from '@praktijklus/projections';

export const TaskKindEnum = Object.fromEntries(TASK_KINDS.map((kind) => [kind, kind])) as {
  [K in TaskKind]: K;
};

registerEnumType(TaskKindEnum, {
  name: 'TaskKind',
  description: 'What the caller is asked to do, and so the command that completes the task.',
  valuesMap: {
    ACKNOWLEDGE_ESCALATION: {
      description:
        'Admin of the addressed authority while RAISED, or of an authority non-response climbed to ' +
        'while still unacknowledged; due respondBy.',
    },
    DECIDE_ESCALATION: { description: 'Admin of the addressed authority while ACKNOWLEDGED; due respondBy.' },
    RESOLVE_ESCALATION: { description: 'Admin of the addressed authority while DECIDED; undated.' },
    HOLD_FOLLOW_UP: { description: "Admin of an OPEN agreement's owner; due nextFollowUpOn." },
    REPORT_PROGRESS: { description: "Admin of an OPEN agreement's owner; due dueBy." },
    EVALUATE_EXPERIMENT: { description: "Admin of a RUNNING experiment's owner; due endsOn." },
    CLASSIFY_SIGNAL: { description: 'Analysts: an active signal without themes, oldest first; undated.' },
  },
});

@ObjectType({ description: 'One piece of work waiting for the caller (the inbox, "Mijn taken").' })
export class Task {
  @Field(() => TaskKindEnum)
  kind!: TaskKind;

  @Field(() => ID, { description: 'The escalation, agreement, experiment or signal the task is about.' })
  entityId!: string;

  @Field({ description: "The entity's title." })
  title!: string;

  @Field(() => String, {
    nullable: true,
    description:
      'ISO date-time for escalation deadlines (respondBy); ISO date (YYYY-MM-DD, Europe/Amsterdam) ' +
      'for agreements and experiments; null when the task has no deadline.',
  })
  dueAt!: string | null;

  @Field({ description: 'The deadline has passed (judged at query time; dates by the Dutch calendar).' })
  overdue!: boolean;
}
