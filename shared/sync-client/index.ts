// The sync client's public surface: the engine, its ports, and what the app builds around it.
export * from './ports.ts';
export * from './sync-error.ts';
export * from './freshness.ts';
export * from './sync-engine.ts';
export type { ListChange, SnapshotPageSource } from './snapshot.ts';
export * from './scheduler.ts';
export * from './outbox.ts';
export * from './recheck.ts';
export * from './screening-guard.ts';
export * from './memory-store.ts';
