/**
 * Who may touch the database and storage from a phone, set by `npm run setup:cloud` and read back.
 *
 * - Every collection: 仅管理员可读写 (`ADMINONLY`). The mini-program never reads or writes a collection
 *   itself; everything goes through the cloud functions, which use the admin SDK and are not bound by
 *   these rules. A client-writable collection would let a user write `users/<openid>` and make
 *   themself the office. Set with the CloudBase API actions `ModifyDatabaseACL` / `DescribeDatabaseACL`.
 * - Storage: the custom rule below (`ModifyStorageSafeRule` / `DescribeStorageSafeRule`, which
 *   manager-node's `storage.setStorageAcl('CUSTOM', rule)` and `getStorageAcl({ withRule: true })`
 *   wrap). docs/deploy.md explains it, and tests/docs/storage-rule.test.ts holds it to the paths the
 *   app uploads to and the functions write.
 */

/** The simple permissions CloudBase knows for a collection or for storage. */
export type AclTag = 'READONLY' | 'PRIVATE' | 'ADMINWRITE' | 'ADMINONLY' | 'CUSTOM';

export const ACL_LABELS: Record<AclTag, string> = {
  READONLY: '所有用户可读，仅创建者及管理员可写',
  PRIVATE: '仅创建者及管理员可读写',
  ADMINWRITE: '所有用户可读，仅管理员可写',
  ADMINONLY: '仅管理员可读写',
  CUSTOM: '自定义安全规则',
};

/** Every collection: only the functions (the admin SDK) read and write. */
export const COLLECTION_ACL: AclTag = 'ADMINONLY';

export interface StorageRule {
  read: string;
  write: string;
}

/**
 * A user reads only the files they uploaded, and writes only where the app uploads (`appeals/<id>/…`,
 * `imports/<id>/…`), never over someone else's file. Everything else is the functions' alone.
 */
export const STORAGE_RULE: StorageRule = {
  read: 'resource.openid == auth.openid',
  write:
    'resource.openid == auth.openid && /^(appeals|imports)\\/[^\\/]+\\/[^\\/]/.test(resource.path) == true',
};

/** What the cloud says storage's permission is. */
export interface StoragePermission {
  acl: string;
  rule?: { read?: unknown; write?: unknown };
}

export function sameStorageRule(found: StoragePermission, wanted: StorageRule = STORAGE_RULE): boolean {
  return found.acl === 'CUSTOM' && found.rule?.read === wanted.read && found.rule?.write === wanted.write;
}

export function describeStorage(found: StoragePermission): string {
  return found.acl === 'CUSTOM' ? `CUSTOM ${JSON.stringify(found.rule ?? {})}` : found.acl || '(none)';
}

/** The rule as pasted into the console (云存储 → 权限设置 → 自定义安全规则), and as the dry run prints it. */
export function storageRuleJson(rule: StorageRule = STORAGE_RULE): string {
  return JSON.stringify(rule, null, 2);
}
