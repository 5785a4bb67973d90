// The sync protocol's public surface, for the service and the sync client alike.
export * from './base64.ts';
export * from './canonical.ts';
export * from './digest.ts';
export * from './events.ts';
export * from './feed.ts';
export * from './signing.ts';
