/** TypeORM column transformers shared by the entities. */

/** `date` columns as YYYY-MM-DD strings (the API's date format), whatever the driver hands back. */
export const dateAsString = {
  to: (v: string | null | undefined) => v,
  from: (v: Date | string | null) => (v instanceof Date ? v.toISOString().slice(0, 10) : v),
};

/** `bigint` and whole-pound `numeric` columns as numbers (pg returns them as strings). */
export const numericAsNumber = {
  to: (v: number | null | undefined) => v,
  from: (v: string | null) => (v === null ? null : Number(v)),
};
