import type { ReactNode } from 'react';

/**
 * A table of records (members, invitations, attendance…): it scrolls sideways in its own box on a narrow
 * phone instead of widening the page, the box takes focus so a keyboard can scroll it too, and every
 * column header is a column header for screen readers.
 */
export function DataTable({ label, columns, testId, children }: { label?: string; columns: ReactNode[]; testId?: string; children: ReactNode }) {
  return (
    <div className="table-wrap" tabIndex={0}>
      <table aria-label={label} data-testid={testId}>
        <thead>
          <tr>
            {columns.map((c, i) => (
              <th key={i} scope="col">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
