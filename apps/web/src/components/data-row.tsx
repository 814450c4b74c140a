import { DataListItem, DataListKey, DataListValue } from '@utrecht/component-library-react';
import type { ReactNode } from 'react';

/** One name and its value in a record's data list. */
export function DataRow({ name, children }: { name: string; children: ReactNode }) {
  return (
    <DataListItem>
      <DataListKey>{name}</DataListKey>
      <DataListValue>{children}</DataListValue>
    </DataListItem>
  );
}
