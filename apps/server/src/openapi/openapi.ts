import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';

export const OPENAPI_PATH = 'api/docs';
export const BEARER_AUTH = 'bearer';

/** The command API (REST) as OpenAPI: UI at /api/docs, JSON at /api/docs-json. */
export function setUpOpenApi(app: NestFastifyApplication): void {
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
  SwaggerModule.setup(OPENAPI_PATH, app, document, {
    jsonDocumentUrl: `${OPENAPI_PATH}-json`,
    customSiteTitle: 'Praktijklus API',
    swaggerOptions: { validatorUrl: null, persistAuthorization: false },
  });
}
