// The audit trail's pure logic: events, the hash chain, the signed head, verification, CSV.
export * from './event.ts';
export * from './chain.ts';
export * from './head.ts';
export * from './verify.ts';
export * from './csv.ts';
