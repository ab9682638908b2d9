/** Column helpers that behave the same on SQLite and MySQL/MariaDB. */
import { ValueTransformer } from 'typeorm';

/** MySQL returns DECIMAL as a string; SQLite as a number. Both come back as numbers. */
export const decimalToNumber: ValueTransformer = {
  to: (value?: number | null) => value,
  from: (value?: string | number | null) => (value === null || value === undefined ? null : Number(value)),
};
