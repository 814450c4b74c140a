export { InvalidReferenceData, ReferenceData } from './reference-data';
export type { Authority, PolicyDomain, ReferenceDataFile } from './reference-data';
export {
  addWorkingDays,
  dutchPublicHolidays,
  easterSunday,
  endOfDutchDate,
  endOfWorkingDays,
  isWorkingDay,
} from './working-days';
