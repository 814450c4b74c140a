import type * as Pg from 'pg';

/** node-postgres, loaded on first use: a server keeping its log in files never loads the driver. */
export function pgDriver(): typeof Pg {
  return module.require('pg') as typeof Pg;
}
