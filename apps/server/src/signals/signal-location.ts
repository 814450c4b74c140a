export const signalLocation = (signalId: string): string => `/api/v1/signals/${signalId}`;
