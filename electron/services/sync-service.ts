// The station's enrolment with the central service, held by main: the device token is sealed by the
// vault on disk and only ever leaves main as an Authorization header to the enrolled address. An
// air-gapped station pins the server key and its site alone (sealed, so the pin cannot be swapped on
// disk) and never asks the network for anything.
import { readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { RequestOf, ResponseOf, SyncEnrolment } from '../../shared/ipc/contract.ts';
import { keyIdOf, parseServerKey, verifySignedPage } from '../../shared/sync/index.ts';
import { TransportError, type FeedHttp } from '../../shared/sync-client/index.ts';
import { createHttpFeed, parseServerAddress } from '../sync/http-feed.ts';
import type { Vault } from '../keys/vault.ts';
import { createLogger } from './log.ts';

const log = createLogger('sync');
const ENROLMENT_FILE = 'sync-enrolment.json';
const ENROL_CHECK_LIMITS = { maxBytes: 1024 * 1024, timeoutMs: 20_000 };

/** A refusal the administrator can act on; its message names addresses and key ids, never the token. */
export class SyncRefusedError extends Error {
  override name = 'SyncRefusedError';
}
/** An air-gapped station asks the network for nothing: its list comes from signed snapshot files. */
export class AirGappedError extends Error {
  override name = 'AirGappedError';
  constructor() {
    super('this station is enrolled air-gapped: it does not use the network; an administrator imports the service\'s signed snapshot file');
  }
}
/** The station has no enrolment yet: a sync cannot be asked for. */
export class NotEnrolledError extends Error {
  override name = 'NotEnrolledError';
  constructor() {
    super('this station is not enrolled with the central service: an administrator enrols it under Administration');
  }
}

interface NetworkEnrolment {
  /** Absent in enrolments kept before air-gapped ones existed. */
  readonly mode?: 'network';
  readonly server: string;
  readonly serverKey: string;
  readonly keyId: string;
  readonly enrolledAt: string;
  /** The device token sealed by the vault, base64. */
  readonly sealedToken: string;
  /**
   * `networkPinText` of the address, key and time sealed by the vault, base64: a server address or
   * key changed on disk (pointing the station, and its token, at another service) no longer matches.
   */
  readonly sealedPin?: string;
}

interface FileEnrolment {
  readonly mode: 'file';
  readonly serverKey: string;
  readonly keyId: string;
  readonly site: string;
  readonly enrolledAt: string;
  /** `pinText` of the key and site sealed by the vault, base64: opened and compared on every load. */
  readonly sealedPin: string;
}

type StoredEnrolment = NetworkEnrolment | FileEnrolment;

/** What an air-gapped enrolment seals: a changed key or site on disk no longer matches it. */
const pinText = (e: { serverKey: string; site: string; enrolledAt: string }): string => JSON.stringify(['file', e.serverKey, e.site, e.enrolledAt]);
/** What a network enrolment seals beside its token: where it syncs from, and the key it trusts. */
const networkPinText = (e: { server: string; serverKey: string; enrolledAt: string }): string => JSON.stringify(['network', e.server, e.serverKey, e.enrolledAt]);

export interface SyncService {
  enrol(request: RequestOf<'sync:enrol'>): Promise<ResponseOf<'sync:enrol'>>;
  enrolment(): Promise<ResponseOf<'sync:enrolment'>>;
  request(request: RequestOf<'sync:request'>): Promise<ResponseOf<'sync:request'>>;
}

export interface SyncServiceOptions {
  /** Where the enrolment is kept (the station's keys folder). */
  readonly dir: string;
  /** Seals the token; without one (no OS key store, no key file) the station cannot be enrolled. */
  readonly vault: Vault | null;
  readonly now?: () => Date;
  /** The HTTP port for an address and token (tests may replace it); default `createHttpFeed`. */
  readonly feed?: (server: string, token: string) => FeedHttp;
}

/** The address as it will be used: https, or http on loopback only; no credentials, path or query. */
export function checkServerAddress(server: string): string {
  let url: URL;
  try {
    url = parseServerAddress(server.trim());
  } catch (e) {
    throw new SyncRefusedError(`the server address is refused: ${e instanceof Error ? e.message.replace('--server', 'it') : 'not a URL'}`);
  }
  if (url.username || url.password) throw new SyncRefusedError('the server address is refused: it must not carry a user name or password');
  if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash) {
    throw new SyncRefusedError('the server address is refused: give the service address alone (https://host[:port]), without a path');
  }
  return url.origin;
}

export function createSyncService(options: SyncServiceOptions): SyncService {
  const file = path.join(options.dir, ENROLMENT_FILE);
  const now = options.now ?? (() => new Date());
  const makeFeed = options.feed ?? ((server: string, token: string) => createHttpFeed({ server, token }));
  let cached: { stored: StoredEnrolment; feed: FeedHttp } | null = null;

  const load = async (): Promise<StoredEnrolment | null> => {
    const text = await readFile(file, 'utf8').catch((e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOENT') return null;
      throw e;
    });
    if (text === null) return null;
    const stored = JSON.parse(text) as StoredEnrolment;
    checkPin(stored.mode === 'file' ? { sealed: stored.sealedPin, expected: pinText(stored) } : { sealed: stored.sealedPin ?? null, expected: networkPinText(stored) });
    return stored;
  };

  /** Fails closed: a pin that is missing, no longer opens, or no longer matches what it sealed, is refused. */
  const checkPin = ({ sealed, expected }: { sealed: string | null; expected: string }): void => {
    let opened: string | null = null;
    try {
      opened = options.vault && sealed !== null ? Buffer.from(options.vault.open(Buffer.from(sealed, 'base64'))).toString('utf8') : null;
    } catch {
      opened = null;
    }
    if (opened !== expected) {
      log.warn('the enrolment on disk does not match its seal');
      throw new SyncRefusedError('the enrolment kept on this PC does not match its seal (changed on disk?): an administrator must enrol the station again');
    }
  };

  const publicView = (stored: StoredEnrolment | null): SyncEnrolment => {
    if (!stored) return { enrolled: false };
    const common = { enrolled: true as const, serverKey: stored.serverKey, keyId: stored.keyId, enrolledAt: stored.enrolledAt };
    return stored.mode === 'file' ? { ...common, mode: 'file', server: null, site: stored.site } : { ...common, mode: 'network', server: stored.server, site: null };
  };

  const keep = async (stored: StoredEnrolment): Promise<void> => {
    const temp = `${file}.${process.pid}.tmp`;
    await writeFile(temp, JSON.stringify(stored), { mode: 0o600 });
    await rename(temp, file);
    cached = null;
  };

  const pinnedKey = (serverKey: string): { serverKey: string; keyId: string } => {
    const trimmed = serverKey.trim();
    const keyBytes = parseServerKey(trimmed);
    if (!keyBytes) throw new SyncRefusedError('the server key is refused: it must be the base64 text of the service\'s 32-byte public key');
    return { serverKey: trimmed, keyId: keyIdOf(keyBytes) };
  };

  const feedFor = async (): Promise<FeedHttp> => {
    if (cached) return cached.feed;
    const stored = await load();
    if (!stored) throw new NotEnrolledError();
    if (stored.mode === 'file') throw new AirGappedError();
    if (!options.vault) throw new SyncRefusedError('the device token cannot be opened: this PC has no key store (see the administrator guide)');
    const token = Buffer.from(options.vault.open(Buffer.from(stored.sealedToken, 'base64'))).toString('utf8');
    cached = { stored, feed: makeFeed(stored.server, token) };
    return cached.feed;
  };

  /** Asks the service for its head with the token and verifies it with the key, before anything is kept. */
  const checkWithService = async (server: string, token: string, serverKey: string, keyId: string): Promise<void> => {
    let res;
    try {
      res = await makeFeed(server, token).get('/v1/blocklist/head', ENROL_CHECK_LIMITS);
    } catch (e) {
      throw new SyncRefusedError(`the station was not enrolled: ${e instanceof TransportError ? e.message : `the service at ${new URL(server).host} could not be reached`}`);
    }
    if (res.status === 401) throw new SyncRefusedError('the station was not enrolled: the service refused the token (401); ask the centre for a new one');
    if (res.status !== 200) throw new SyncRefusedError(`the station was not enrolled: the service answered ${res.status}`);
    let envelope: unknown;
    try {
      envelope = JSON.parse(res.body);
    } catch {
      throw new SyncRefusedError('the station was not enrolled: the service answered with something that is not a feed page');
    }
    let verified;
    try {
      verified = verifySignedPage(envelope, serverKey);
    } catch {
      verified = { ok: false as const, error: { code: 'malformed', message: 'its payload has no canonical form' } };
    }
    if (!verified.ok) {
      throw new SyncRefusedError(`the station was not enrolled: the service's pages are not signed by the server key given (${keyId}): ${verified.error.message}. Check the key with the centre`);
    }
  };

  return {
    async enrol(request) {
      const vault = options.vault;
      if (request.mode === 'file') {
        if (!vault) throw new SyncRefusedError('the station cannot be enrolled: this PC has no key store to seal the enrolment in');
        const { serverKey, keyId } = pinnedKey(request.serverKey);
        const site = request.site.trim();
        const pin = { serverKey, site, enrolledAt: now().toISOString() };
        const stored: FileEnrolment = { mode: 'file', keyId, ...pin, sealedPin: Buffer.from(vault.seal(new Uint8Array(Buffer.from(pinText(pin), 'utf8')))).toString('base64') };
        await keep(stored);
        log.info(`enrolled air-gapped for site ${site}, server key ${keyId}`);
        return publicView(stored);
      }
      if (!vault) throw new SyncRefusedError('the station cannot be enrolled: this PC has no key store to seal the device token in');
      const origin = checkServerAddress(request.server);
      const { serverKey, keyId } = pinnedKey(request.serverKey);
      const trimmedToken = request.token.trim();
      await checkWithService(origin, trimmedToken, serverKey, keyId);
      const pin = { server: origin, serverKey, enrolledAt: now().toISOString() };
      const stored: NetworkEnrolment = {
        mode: 'network',
        ...pin,
        keyId,
        sealedToken: Buffer.from(vault.seal(new Uint8Array(Buffer.from(trimmedToken, 'utf8')))).toString('base64'),
        sealedPin: Buffer.from(vault.seal(new Uint8Array(Buffer.from(networkPinText(pin), 'utf8')))).toString('base64'),
      };
      await keep(stored);
      log.info(`enrolled with ${new URL(origin).host}, server key ${keyId}`);
      return publicView(stored);
    },

    enrolment: async () => publicView(await load()),

    async request({ method, path: feedPath, body, maxBytes, timeoutMs }) {
      const feed = await feedFor();
      const limits = { maxBytes, timeoutMs };
      try {
        const res = method === 'GET' ? await feed.get(feedPath, limits) : await feed.postJson(feedPath, body ?? null, limits);
        return { kind: 'response', status: res.status, body: res.body };
      } catch (e) {
        if (e instanceof TransportError) return { kind: 'failure', failure: e.failure, message: e.message };
        log.warn(`a sync request failed before an answer: ${e instanceof Error ? e.name : typeof e}`);
        return { kind: 'failure', failure: 'unreachable', message: 'the service could not be reached' };
      }
    },
  };
}
