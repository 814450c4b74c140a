import {
  Actor,
  allowedText,
  Decider,
  DEADLINE_HORIZON_YEARS,
  distinct,
  distinctBy,
  Forbidden,
  IllegalState,
  InvalidInput,
  NotFound,
  requireAtMost,
  requireIsoDate,
  requireLength,
  requireProse,
  requireRole,
  requireText,
  requireWithinYears,
} from '../shared';
import { NormReference } from '../signal/signal.events';
import {
  AmendPolicyChange,
  PolicyChangeCommand,
  PolicyEscalationFact,
  RecordPolicyChange,
  WithdrawPolicyChange,
} from './policy-change.commands';
import { PolicyChangeEvent, PolicyChangeFields } from './policy-change.events';
import {
  evolvePolicyChange,
  ExistingPolicyChangeState,
  initialPolicyChangeState,
  PolicyChangeState,
} from './policy-change.state';

export const POLICY_CHANGE_LIMITS = {
  titleMin: 3,
  titleMax: 200,
  descriptionMax: 10_000,
  norms: 20,
  authorities: 20,
  escalations: 50,
} as const;

// The same key the read models match norms on: "Bbl art. 4.101" and "bbl  art. 4.101" are one rule.
const normKey = (norm: NormReference): string => norm.ref.trim().replace(/\s+/g, ' ').toLowerCase();

const validNorm = (norm: NormReference): NormReference => {
  const ref = requireText(norm.ref, 'norms');
  return norm.title === undefined ? { ref } : { ref, title: allowedText(norm.title, 'norms', 'line') };
};

const validFields = (fields: PolicyChangeFields, now: string): PolicyChangeFields => {
  const title = requireLength(
    requireText(fields.title, 'title'),
    'title',
    POLICY_CHANGE_LIMITS.titleMin,
    POLICY_CHANGE_LIMITS.titleMax,
  );
  const description = requireLength(
    requireProse(fields.description, 'description'),
    'description',
    1,
    POLICY_CHANGE_LIMITS.descriptionMax,
  );
  const policyDomain = requireText(fields.policyDomain, 'policyDomain');
  requireAtMost(fields.norms, 'norms', POLICY_CHANGE_LIMITS.norms);
  const norms = distinctBy(fields.norms.map(validNorm), normKey);
  requireAtMost(fields.authorities, 'authorities', POLICY_CHANGE_LIMITS.authorities);
  const authorities = distinct(fields.authorities.map((authority) => requireText(authority, 'authorities')));
  const effectiveOn = requireWithinYears(
    requireIsoDate(fields.effectiveOn, 'effectiveOn'),
    now,
    DEADLINE_HORIZON_YEARS.plan,
    'effectiveOn',
  );
  return { title, description, policyDomain, norms, effectiveOn, authorities };
};

/**
 * A policy change answers escalations the actor's authority decided POLICY_ADJUSTED, or decided
 * EXPERIMENT_GRANTED and then adopted the experiment in policy; anything else is a conflict.
 */
const requireAdjustedBy = (escalation: PolicyEscalationFact, actor: Actor): void => {
  if (!escalation.exists) {
    throw new InvalidInput('UNKNOWN_ESCALATION', `no escalation ${escalation.id}`, 'escalationIds', {
      id: escalation.id,
    });
  }
  if (escalation.status !== 'DECIDED' && escalation.status !== 'RESOLVED') {
    throw new IllegalState(
      'ESCALATION_NOT_DECIDED',
      `escalation ${escalation.id} is ${escalation.status}`,
      'escalationIds',
      { id: escalation.id, status: escalation.status },
    );
  }
  if ((escalation.decidedBy ?? escalation.addressedTo) !== actor.authority) {
    throw new IllegalState(
      'NOT_DECIDING_AUTHORITY',
      `escalation ${escalation.id} was decided by another authority`,
      'escalationIds',
      { id: escalation.id },
    );
  }
  const adjusted =
    escalation.outcome === 'POLICY_ADJUSTED' ||
    (escalation.outcome === 'EXPERIMENT_GRANTED' && escalation.adoptedFromExperiment);
  if (!adjusted) {
    throw new IllegalState(
      'POLICY_NOT_ADJUSTED',
      `escalation ${escalation.id} was decided ${escalation.outcome ?? 'without an outcome'}, not POLICY_ADJUSTED nor adopted from an experiment`,
      'escalationIds',
      { id: escalation.id },
    );
  }
};

const record = ({ actor, now, data }: RecordPolicyChange, state: PolicyChangeState): PolicyChangeEvent[] => {
  requireRole(actor, ['admin'], 'record a policy change');
  if (state.status !== 'EMPTY') {
    throw new IllegalState('POLICY_CHANGE_ALREADY_RECORDED', 'the policy change already exists');
  }
  if (data.escalations.length === 0) {
    throw new InvalidInput('REQUIRED', 'escalationIds names at least one escalation', 'escalationIds');
  }
  requireAtMost(data.escalations, 'escalationIds', POLICY_CHANGE_LIMITS.escalations);
  const escalations = distinctBy(data.escalations, (escalation) => escalation.id);
  escalations.forEach((escalation) => requireAdjustedBy(escalation, actor));
  const fields = validFields(data, now);
  return [
    {
      type: 'PolicyChangeRecorded',
      data: {
        policyChangeId: data.policyChangeId,
        ...fields,
        escalationIds: escalations.map((escalation) => escalation.id),
        owner: actor.authority,
        recordedAt: now,
      },
    },
  ];
};

/** Amending and withdrawing belong to the owning authority's administrators. */
const ownersPolicyChange = (
  state: PolicyChangeState,
  actor: Actor,
  action: string,
): ExistingPolicyChangeState & { status: 'RECORDED' } => {
  requireRole(actor, ['admin'], action);
  if (state.status === 'EMPTY') throw new NotFound('POLICY_CHANGE_NOT_FOUND', 'no such policy change');
  if (state.owner !== actor.authority) {
    throw new Forbidden('NOT_POLICY_CHANGE_OWNER', `only the owning authority may ${action}`);
  }
  if (state.status === 'WITHDRAWN') {
    throw new IllegalState('POLICY_CHANGE_WITHDRAWN', 'the policy change is WITHDRAWN');
  }
  return state;
};

const AMENDABLE_FIELDS: readonly (keyof PolicyChangeFields)[] = [
  'title',
  'description',
  'policyDomain',
  'norms',
  'effectiveOn',
  'authorities',
];

const amend = ({ actor, now, data }: AmendPolicyChange, state: PolicyChangeState): PolicyChangeEvent[] => {
  const change = ownersPolicyChange(state, actor, 'amend the policy change');
  const named = AMENDABLE_FIELDS.filter((field) => data.changes[field] !== undefined);
  if (named.length === 0) throw new InvalidInput('NO_CHANGES', 'name at least one field to amend');
  // Validate the change as it will be, then keep only the fields that really differ.
  const current: PolicyChangeFields = {
    title: change.title,
    description: change.description,
    policyDomain: change.policyDomain,
    norms: change.norms,
    effectiveOn: change.effectiveOn,
    authorities: change.authorities,
  };
  const next = validFields({ ...current, ...data.changes }, now);
  const changes: Partial<PolicyChangeFields> = {};
  for (const field of named) {
    if (JSON.stringify(next[field]) !== JSON.stringify(current[field])) {
      Object.assign(changes, { [field]: next[field] });
    }
  }
  if (Object.keys(changes).length === 0) return [];
  return [{ type: 'PolicyChangeAmended', data: { policyChangeId: change.id, changes, amendedAt: now } }];
};

const withdraw = (
  { actor, now, data }: WithdrawPolicyChange,
  state: PolicyChangeState,
): PolicyChangeEvent[] => {
  const change = ownersPolicyChange(state, actor, 'withdraw the policy change');
  const reason = requireProse(data.reason, 'reason');
  return [{ type: 'PolicyChangeWithdrawn', data: { policyChangeId: change.id, reason, withdrawnAt: now } }];
};

export const decidePolicyChange = (
  command: PolicyChangeCommand,
  state: PolicyChangeState,
): PolicyChangeEvent[] => {
  switch (command.type) {
    case 'RecordPolicyChange':
      return record(command, state);
    case 'AmendPolicyChange':
      return amend(command, state);
    case 'WithdrawPolicyChange':
      return withdraw(command, state);
    default: {
      const unknown: never = command;
      throw new Error(`unknown policy change command ${JSON.stringify(unknown)}`);
    }
  }
};

export const policyChangeDecider: Decider<PolicyChangeCommand, PolicyChangeEvent, PolicyChangeState> = {
  decide: decidePolicyChange,
  evolve: evolvePolicyChange,
  initialState: initialPolicyChangeState,
};
