/**
 * Checks an answer against a component schema of the API's own /openapi.json (JSON Schema 2020-12,
 * with ajv): what the reference page documents is what a client receives.
 */
import Ajv2020 from 'ajv/dist/2020';
import type { ApiHarness } from './support';

export type Validator = (component: string, body: unknown) => string[];

/** Loads the document once; each call answers the schema errors of `body` (none when it is valid). */
export async function openApiValidator(h: Pick<ApiHarness, 'http'>): Promise<Validator> {
  const doc = (await h.http.get('/openapi.json')).body as { components: { schemas: Record<string, unknown> } };
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
  ajv.addSchema({ $id: 'oa', $defs: JSON.parse(JSON.stringify(doc.components.schemas).replace(/#\/components\/schemas\//g, 'oa#/$defs/')) });
  return (component, body) => {
    const validate = ajv.getSchema(`oa#/$defs/${component}`);
    if (!validate) return [`no component ${component}`];
    return validate(body) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`);
  };
}
