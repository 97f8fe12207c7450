/**
 * Compatibility shim for files not yet moved to zod's own `.meta({ id })` (webhooks/carriers.ts):
 * zod-openapi turns every schema with a meta id into `#/components/schemas/<id>`. Delete once unused.
 */
import type { z } from 'zod';

export const apiSchemas = {
  register: <S extends z.ZodType>(id: string, schema: S): S => schema.meta({ id }) as S,
};
