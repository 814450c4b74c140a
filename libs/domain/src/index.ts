export * from './shared';
export * from './signal/signal.events';
export * from './escalation/escalation.events';
export * from './agreement/agreement.events';
export * from './experiment/experiment.events';
export * from './signal/signal.commands';
export * from './signal/signal.state';
export * from './signal/signal.decider';
