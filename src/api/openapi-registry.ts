/**
 * Named schemas of the API: each becomes `#/components/schemas/<id>` in the OpenAPI document.
 * Registered through zod's own registry (`.meta({ id })`), so descriptions and examples given with
 * `.meta()` are kept.
 */
import { z } from 'zod';

const ids = new Set<string>();

export const apiSchemas = {
  /** Names a schema for the OpenAPI components; use the returned schema. */
  register<S extends z.ZodType>(id: string, schema: S): S {
    ids.add(id);
    return schema.meta({ id }) as S;
  },
  /** The component id of a registered schema. */
  idOf(schema: z.ZodType): string | undefined {
    const id = z.globalRegistry.get(schema)?.id;
    return typeof id === 'string' && ids.has(id) ? id : undefined;
  },
  ids(): string[] {
    return [...ids];
  },
};
