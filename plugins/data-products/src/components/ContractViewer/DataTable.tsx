import { Fragment, ReactNode } from 'react';
import { Text } from '@backstage/ui';
import { alpha } from '@mui/material/styles';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import type { ContractError } from '@dataplatform/plugin-data-contracts-common';
import { ContractErrorList } from '../ContractErrors';

export interface DataColumn<T> {
  label: string;
  render: (row: T) => ReactNode;
  /** Left padding of the cell, in theme spacing units, per row. */
  indent?: (row: T) => number;
  width?: string | number;
}

/**
 * A plain table of contract elements. The first column heads each row; a
 * row with validation errors is highlighted and its errors follow it.
 */
export function DataTable<T>(props: {
  label: string;
  columns: DataColumn<T>[];
  rows: T[];
  rowKey: (row: T, index: number) => string;
  rowErrors?: (row: T) => ContractError[];
  empty?: string;
}) {
  const { columns, rows } = props;
  if (rows.length === 0) {
    return (
      <Text as="p" color="secondary">
        {props.empty ?? 'None.'}
      </Text>
    );
  }
  return (
    <TableContainer>
      <Table size="small" aria-label={props.label}>
        <TableHead>
          <TableRow>
            {columns.map(column => (
              <TableCell
                key={column.label}
                sx={{ fontWeight: 600, width: column.width }}
              >
                {column.label}
              </TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map((row, index) => {
            const errors = props.rowErrors?.(row) ?? [];
            const key = props.rowKey(row, index);
            return (
              <Fragment key={key}>
                <TableRow
                  sx={
                    errors.length
                      ? theme => ({
                          backgroundColor: alpha(
                            theme.palette.error.main,
                            0.08,
                          ),
                        })
                      : undefined
                  }
                  aria-invalid={errors.length > 0 || undefined}
                >
                  {columns.map((column, columnIndex) => (
                    <TableCell
                      key={column.label}
                      component={columnIndex === 0 ? 'th' : 'td'}
                      scope={columnIndex === 0 ? 'row' : undefined}
                      sx={{
                        verticalAlign: 'top',
                        pl: column.indent ? 2 + column.indent(row) : undefined,
                        borderBottom: errors.length ? 'none' : undefined,
                      }}
                    >
                      {column.render(row)}
                    </TableCell>
                  ))}
                </TableRow>
                {errors.length > 0 && (
                  <TableRow
                    sx={theme => ({
                      backgroundColor: alpha(theme.palette.error.main, 0.08),
                    })}
                  >
                    <TableCell
                      colSpan={columns.length}
                      sx={theme => ({ color: theme.palette.error.main, pt: 0 })}
                    >
                      <ContractErrorList
                        errors={errors}
                        label={`Errors of ${key}`}
                      />
                    </TableCell>
                  </TableRow>
                )}
              </Fragment>
            );
          })}
        </TableBody>
      </Table>
    </TableContainer>
  );
}

/** A value, or a dash when the contract says nothing. */
export function orDash(value: ReactNode) {
  return value === undefined || value === null || value === '' ? '—' : value;
}
