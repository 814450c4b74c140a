import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import { AuthenticationFailed, requestOf } from '@praktijklus/auth';
import { Forbidden, mayReadInitiativeOf } from '@praktijklus/domain';

/**
 * Runs on the `initiative` field of each signal (field resolvers run guards: see the GraphQL
 * module's fieldResolverEnhancers). Anyone else gets FORBIDDEN on that field and the rest of the
 * answer stays intact, so a client learns the data is withheld rather than absent.
 */
@Injectable()
export class PersonalDataGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const actor = requestOf(context)?.actor;
    if (actor === undefined)
      throw new AuthenticationFailed('UNAUTHENTICATED', 'This action needs a bearer token.');
    const signal = GqlExecutionContext.create(context).getRoot<{ reportingAuthority: string }>();
    if (!mayReadInitiativeOf(signal.reportingAuthority, actor)) {
      throw new Forbidden(
        'PERSONAL_DATA_NOT_VISIBLE',
        "Only the reporting authority's officers and administrators see an initiative's personal data.",
        'initiative',
      );
    }
    return true;
  }
}
