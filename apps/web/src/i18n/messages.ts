// Every text of the interface in Dutch (the default) and English, one catalogue per page in
// catalogues/. `{name}` marks a parameter.
import { commonMessages } from './catalogues/common';
import { dashboardMessages } from './catalogues/dashboard';
import { signalsMessages } from './catalogues/signals';
import { escalationsMessages } from './catalogues/escalations';
import { agreementsMessages } from './catalogues/agreements';
import { experimentsMessages } from './catalogues/experiments';
import { casesMessages } from './catalogues/cases';
import { policyChangesMessages } from './catalogues/policy-changes';
import { exportsMessages } from './catalogues/exports';
import { knowledgeMessages } from './catalogues/knowledge';
import { tasksMessages } from './catalogues/tasks';
import { recordsMessages } from './catalogues/records';
import { navigationMessages } from './catalogues/navigation';

const nl = {
  ...commonMessages.nl,
  ...dashboardMessages.nl,
  ...signalsMessages.nl,
  ...escalationsMessages.nl,
  ...agreementsMessages.nl,
  ...experimentsMessages.nl,
  ...casesMessages.nl,
  ...policyChangesMessages.nl,
  ...exportsMessages.nl,
  ...knowledgeMessages.nl,
  ...tasksMessages.nl,
  ...recordsMessages.nl,
  ...navigationMessages.nl,
};

export type MessageKey = keyof typeof nl;
export type Messages = Record<MessageKey, string>;

const en: Messages = {
  ...commonMessages.en,
  ...dashboardMessages.en,
  ...signalsMessages.en,
  ...escalationsMessages.en,
  ...agreementsMessages.en,
  ...experimentsMessages.en,
  ...casesMessages.en,
  ...policyChangesMessages.en,
  ...exportsMessages.en,
  ...knowledgeMessages.en,
  ...tasksMessages.en,
  ...recordsMessages.en,
  ...navigationMessages.en,
};

export type Language = 'nl' | 'en';
export const MESSAGES: Record<Language, Messages> = { nl, en };
