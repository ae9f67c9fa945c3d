// Messages (pure)
export * from './message/grammar.ts';
export * from './message/headers.ts';
export * from './message/name-addr.ts';
export * from './message/parse-message.ts';
export * from './message/serialize.ts';
export * from './message/sip-message.ts';
export * from './message/uri.ts';
export * from './message/via.ts';
