import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';

export const OPENAPI_PATH = 'api/docs';
export const BEARER_AUTH = 'bearer';

export interface OpenApiOptions {
  /** Paths this server does not serve (e.g. development sign-in in production): left out of the document. */
  notServed?: (path: string) => boolean;
}

/** The command API (REST) as OpenAPI: UI at /api/docs, JSON at /api/docs-json. */
export function setUpOpenApi(app: NestFastifyApplication, options: OpenApiOptions = {}): void {
  const config = new DocumentBuilder()
    .setTitle('Praktijklus API')
    .setDescription(
      [
        'Praktijklus sluit de terugkoppeling van uitvoeringspraktijk naar beleid (Omgevingswet, experimenteerruimte).',
        'Handhavers en vergunningverleners leggen signalen vast, bestuurders handelen escalaties, afspraken en',
        'experimenten af; beleidsteams lezen de overzichten via GraphQL (POST /graphql).',
        '',
        'Commands go through this REST API and answer `{ id, revision, position }`; send `X-Consistent-With: <position>`',
        'on a GraphQL request to read your own write. Errors are `application/problem+json` with a stable `code`.',
        '`Idempotency-Key` on a POST makes a retry safe; `If-Match: "<revision>"` makes a command conditional.',
      ].join('\n'),
    )
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, BEARER_AUTH)
    .addSecurityRequirements(BEARER_AUTH)
    .build();
  const document = SwaggerModule.createDocument(app, config);
  if (options.notServed !== undefined) leaveOut(document, options.notServed);
  SwaggerModule.setup(OPENAPI_PATH, app, document, {
    jsonDocumentUrl: `${OPENAPI_PATH}-json`,
    customSiteTitle: 'Praktijklus API',
    swaggerOptions: { validatorUrl: null, persistAuthorization: false },
  });
}

/** Drops the paths not served, and the schemas only they used, so the document shows no trace of them. */
function leaveOut(document: OpenAPIObject, notServed: (path: string) => boolean): void {
  const schemas = document.components?.schemas ?? {};
  const before = schemasUsedBy(document.paths, schemas);
  document.paths = Object.fromEntries(Object.entries(document.paths).filter(([path]) => !notServed(path)));
  const after = schemasUsedBy(document.paths, schemas);
  for (const name of before) if (!after.has(name)) delete schemas[name];
}

/** The schemas `paths` refer to, directly or through other schemas. */
function schemasUsedBy(paths: OpenAPIObject['paths'], schemas: Record<string, unknown>): Set<string> {
  const used = new Set<string>();
  const pending = [JSON.stringify(paths)];
  for (let text = pending.pop(); text !== undefined; text = pending.pop()) {
    for (const [, name] of text.matchAll(/"#\/components\/schemas\/([^"]+)"/g)) {
      if (used.has(name) || schemas[name] === undefined) continue;
      used.add(name);
      pending.push(JSON.stringify(schemas[name]));
    }
  }
  return used;
}
