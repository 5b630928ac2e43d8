/**
 * The ordered list of migrations; the last one's version is the schema version of this build.
 * Each file is `NNNN-name.ts` and its `version` is NNNN. 0001–0009 are in users' files and keep their
 * numbers; from here on new migrations are numbered in steps of 10 (0010, 0020, …) so a hotfix can
 * slot in between. test/db/migration-numbers.test.ts holds the list to these rules.
 */
import { m0001 } from './0001-foundation';
import { m0002 } from './0002-imports';
import { m0003 } from './0003-schedule';
import { m0004 } from './0004-calls';
import { m0005 } from './0005-review';
import { m0006 } from './0006-sync';
import { m0007 } from './0007-mask-free-text';
import { m0008 } from './0008-login-throttle';
import { m0009 } from './0009-row-anchors';
import type { Migration } from './types';

export const MIGRATIONS: readonly Migration[] = [m0001, m0002, m0003, m0004, m0005, m0006, m0007, m0008, m0009];
export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
