export {
  type ImportProblem,
  type ImportReport,
  type ImportRow,
  MAX_IMPORT_ROWS,
  validateImport,
} from './import/customer-import.ts';
export { isValidCreditCode, isValidResidentId } from './import/id-number.ts';
export { type CsvResult, parseCsv } from './import/parse-csv.ts';
export { readXlsx } from './import/read-xlsx.ts';
export {
  type NormalizedPhone,
  type NormalizeOptions,
  normalizePhone,
  type PhoneError,
  PhoneKind,
  type PhoneResult,
  phoneKey,
} from './phone/normalize-phone.ts';
export {
  areaCodeRegion,
  type CallerRegion,
  callerRegion,
  mobileCarrier,
  mobileRegion,
  splitRegionLabel,
} from './region/caller-region.ts';
export {
  type AccountData,
  type AccountField,
  type AccountSchema,
  validateAccountData,
  WATER_ACCOUNT_SCHEMA,
} from './store/account-schema.ts';
export {
  type Account,
  accountHistory,
  accountsOf,
  getAccountSchema,
  saveAccount,
  saveAccountSchema,
} from './store/accounts.ts';
export {
  addListEntry,
  type CallerList,
  type CallerStatus,
  callerStatus,
  type ListAction,
  type ListEntry,
  type ListInput,
  listEntries,
  removeListEntry,
} from './store/caller-lists.ts';
export {
  type Contact,
  type ContactChannel,
  type ContactInput,
  contactTimeline,
  recordContact,
} from './store/contact-history.ts';
export type { CrmTables } from './store/crm-tables.ts';
export {
  type CrmOptions,
  type Customer,
  type CustomerInput,
  type CustomerKind,
  type CustomerPhone,
  CustomerRepository,
  checkCustomer,
  crmDb,
} from './store/customer-repository.ts';
export { IMPORT_BATCH, importCustomers } from './store/import-customers.ts';
export { lookupByAccount, lookupByPhone, MAX_POP_CUSTOMERS, type ScreenPop } from './store/screen-pop.ts';
export { DEMO_CUSTOMER_SHEET, seedCrmDemo } from './store/seed-crm-demo.ts';
