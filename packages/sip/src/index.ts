// Messages (pure)

// Digest authentication (RFC 7616 / 8760)
export * from './auth/credential-store.ts';
export * from './auth/digest.ts';
export * from './auth/digest-client.ts';
export * from './auth/digest-server.ts';
// Defence
export * from './defence/guard.ts';
// Dialogs (RFC 3261 §12)
export * from './dialog/dialog.ts';
export * from './message/create-response.ts';
export * from './message/grammar.ts';
export * from './message/headers.ts';
export * from './message/name-addr.ts';
export * from './message/parse-message.ts';
export * from './message/serialize.ts';
export * from './message/sip-message.ts';
export * from './message/uri.ts';
export * from './message/via.ts';
// Registrar (RFC 3261 §10)
export * from './registrar/binding-store.ts';
export * from './registrar/qualifier.ts';
export * from './registrar/registrar.ts';
export * from './registrar-server.ts';
// Transactions (RFC 3261 §17)
export * from './transaction/invite-client-transaction.ts';
export * from './transaction/invite-server-transaction.ts';
export * from './transaction/non-invite-client-transaction.ts';
export * from './transaction/non-invite-server-transaction.ts';
export * from './transaction/sip-endpoint.ts';
export * from './transaction/timers.ts';
export * from './transaction/transaction-key.ts';
// Transports
export * from './transport/memory-transport.ts';
export * from './transport/self-signed-cert.ts';
export * from './transport/stream-framer.ts';
export * from './transport/stream-transport.ts';
export * from './transport/transport.ts';
export * from './transport/udp-transport.ts';
