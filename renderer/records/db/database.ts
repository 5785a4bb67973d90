// The Dexie database. Only the records layer touches it; screens go through the layer's functions.
import { Dexie, type EntityTable, type Table } from 'dexie';
import type {
  AuditHeadRow,
  AuditRow,
  BlockBucketRow,
  SnapshotPageRow,
  SyncStateRow,
  DecisionRow,
  LetterRow,
  ListVersionRow,
  OutboxRow,
  ReleaseRow,
  SettingRow,
  UserRow,
} from './rows.ts';
import { SCHEMA_HISTORY, LATEST_SCHEMA_VERSION } from './schema.ts';

export const DEFAULT_DATABASE_NAME = 'mailroom-records';

export class MailroomDb extends Dexie {
  declare blockBuckets: EntityTable<BlockBucketRow, 'bucket'>;
  declare listVersions: EntityTable<ListVersionRow, 'version'>;
  declare letters: EntityTable<LetterRow, 'id'>;
  declare decisions: EntityTable<DecisionRow, 'id'>;
  declare releases: EntityTable<ReleaseRow, 'id'>;
  declare users: EntityTable<UserRow, 'id'>;
  declare settings: EntityTable<SettingRow, 'key'>;
  declare audit: EntityTable<AuditRow, 'seq'>;
  declare auditHeads: EntityTable<AuditHeadRow, 'station'>;
  declare outbox: Table<OutboxRow, number>;
  declare snapshotPages: Table<SnapshotPageRow, [number, number]>;
  declare syncState: EntityTable<SyncStateRow, 'key'>;

  /** `upTo` opens an older schema: only the migration tests use it. */
  constructor(name: string = DEFAULT_DATABASE_NAME, upTo: number = LATEST_SCHEMA_VERSION) {
    super(name);
    for (const v of SCHEMA_HISTORY) {
      if (v.version > upTo) break;
      const version = this.version(v.version).stores({ ...v.stores });
      if (v.upgrade) version.upgrade(v.upgrade);
    }
  }
}
