export { InvalidReferenceData, ReferenceData } from './reference-data';
export type { Authority, PolicyDomain, ReferenceDataFile } from './reference-data';
export {
  addWorkingDays,
  dutchPublicHolidays,
  easterSunday,
  endOfDutchDate,
  isWorkingDay,
} from './working-days';
