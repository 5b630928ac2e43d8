/** The import limits in force, from settings. */
import type { ImportLimits } from '../../../shared/import/columns';
import type { Db } from '../db/open';
import { getSetting } from '../settings/store';

export function importLimits(db: Db): ImportLimits {
  return {
    maxBytes: getSetting(db, 'importMaxBytes'),
    maxRows: getSetting(db, 'importMaxRows'),
    maxFieldChars: getSetting(db, 'importMaxFieldChars'),
  };
}
