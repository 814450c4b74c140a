export * from './shared';
export * from './signal/signal.events';
export * from './escalation/escalation.events';
export * from './agreement/agreement.events';
export * from './experiment/experiment.events';
