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
