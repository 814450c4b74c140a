import type { ApolloPlugin } from './graphql-types';

/**
 * Every GraphQL answer is `Cache-Control: no-store`: answers carry what one reader may see (personal
 * data, another authority's rows withheld), so no browser or proxy may keep them. Apollo's
 * cache-control plugin said the same for answers without cache hints, at the price of a hook on
 * every field it resolved; this says it once per request.
 */
export function noStorePlugin(): ApolloPlugin {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          response.http.headers.set('cache-control', 'no-store');
        },
      };
    },
  };
}
