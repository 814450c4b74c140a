import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { AuthenticationFailed } from './auth-errors';
import { requestOf } from './request-context';

export interface CurrentActorOptions {
  /** On a @Public handler: undefined instead of a 401 when nobody is signed in. */
  optional?: boolean;
}

/** The verified actor of the request, in REST handlers and GraphQL resolvers alike. */
export const CurrentActor = createParamDecorator(
  (options: CurrentActorOptions | undefined, context: ExecutionContext) => {
    const actor = requestOf(context)?.actor;
    if (actor === undefined && options?.optional !== true) {
      throw new AuthenticationFailed('UNAUTHENTICATED', 'This action needs a bearer token.');
    }
    return actor;
  },
);
