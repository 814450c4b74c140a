import type { Texts } from './rule-messages';

/** The HTTP-level problems and the authentication errors by their stable `code`, in Dutch and English. */
export const HTTP_MESSAGES: Readonly<Record<string, Texts>> = {
  // HTTP, headers and the platform
  BAD_REQUEST: { nl: 'het verzoek is niet geldig.', en: 'the request is not valid.' },
  BAD_USER_INPUT: { nl: 'het verzoek is niet geldig.', en: 'the request is not valid.' },
  MALFORMED_JSON: {
    nl: 'de inhoud van het verzoek is geen geldige JSON.',
    en: 'the request body is not valid JSON.',
  },
  MALFORMED_REQUEST: { nl: 'het verzoek is geen geldig HTTP.', en: 'the request is not valid HTTP.' },
  WRONG_EXPECTED_REVISION: {
    nl: 'iemand anders wijzigde dit tegelijkertijd; probeer het opnieuw.',
    en: 'someone else changed this at the same time; try again.',
  },
  STREAM_NOT_FOUND: { nl: 'dit bestaat niet.', en: 'this does not exist.' },
  MALFORMED_URL: { nl: 'het adres is ongeldig.', en: 'the address is not valid.' },
  URI_TOO_LONG: { nl: 'het adres is te lang.', en: 'the address is too long.' },
  BODY_TOO_LARGE: { nl: 'de inhoud van het verzoek is te groot.', en: 'the request body is too large.' },
  BODY_TOO_DEEP: {
    nl: 'de inhoud van het verzoek is te diep genest.',
    en: 'the request body is nested too deeply.',
  },
  UNSUPPORTED_MEDIA_TYPE: {
    nl: 'stuur de inhoud als JSON (Content-Type: application/json).',
    en: 'send the body as JSON (Content-Type: application/json).',
  },
  HEADERS_TOO_LARGE: {
    nl: 'de kopregels van het verzoek zijn te groot.',
    en: 'the request headers are too large.',
  },
  INVALID_HEADER: {
    nl: 'deze kopregel mag maar één keer worden gestuurd.',
    en: 'this header may be sent only once.',
  },
  INVALID_IDEMPOTENCY_KEY: {
    nl: 'de Idempotency-Key moet 1 tot 200 zichtbare ASCII-tekens lang zijn.',
    en: 'the Idempotency-Key must be 1 to 200 visible ASCII characters.',
  },
  INVALID_IF_MATCH: {
    nl: 'If-Match moet één revisie zijn, zoals in de ETag.',
    en: 'If-Match must be one revision, as sent in the ETag.',
  },
  IDEMPOTENCY_KEY_REUSED: {
    nl: 'deze Idempotency-Key is al gebruikt voor een ander verzoek.',
    en: 'this Idempotency-Key was already used for another request.',
  },
  REVISION_MISMATCH: {
    nl: 'iemand anders heeft dit intussen gewijzigd; laad de pagina opnieuw.',
    en: 'someone else changed this in the meantime; reload the page.',
  },
  CONCURRENT_MODIFICATION: {
    nl: 'iemand anders wijzigde dit tegelijkertijd; probeer het opnieuw.',
    en: 'someone else changed this at the same time; try again.',
  },
  UNAUTHENTICATED: { nl: 'meld u aan om dit te doen.', en: 'sign in to do this.' },
  FORBIDDEN: { nl: 'u mag dit niet doen.', en: 'you may not do this.' },
  NOT_FOUND: { nl: 'dit bestaat niet.', en: 'this does not exist.' },
  ROUTE_NOT_FOUND: { nl: 'dit adres bestaat niet.', en: 'there is no such address.' },
  METHOD_NOT_ALLOWED: { nl: 'deze methode kan hier niet.', en: 'this method is not allowed here.' },
  NOT_ACCEPTABLE: {
    nl: 'het gevraagde formaat is niet beschikbaar.',
    en: 'the requested format is not available.',
  },
  REQUEST_TIMEOUT: { nl: 'het verzoek duurde te lang.', en: 'the request took too long.' },
  CONFLICT: { nl: 'dit botst met de huidige stand van zaken.', en: 'this conflicts with the current state.' },
  PRECONDITION_FAILED: {
    nl: 'aan een voorwaarde van het verzoek is niet voldaan.',
    en: 'a precondition of the request failed.',
  },
  TOO_MANY_REQUESTS: {
    nl: 'te veel verzoeken; wacht even en probeer het opnieuw.',
    en: 'too many requests; wait a moment and try again.',
  },
  CONSISTENCY_TIMEOUT: {
    nl: 'de overzichten zijn nog niet bij; probeer het zo opnieuw.',
    en: 'the views have not caught up yet; try again shortly.',
  },
  ROLE_NOT_SERVED: {
    nl: 'deze server biedt dit deel van de API niet aan.',
    en: 'this server does not offer this part of the API.',
  },
  WEB_APP_NOT_BUILT: { nl: 'de webapplicatie is niet gebouwd.', en: 'the web app has not been built.' },
  STREAM_DELETED: {
    nl: 'dit gegeven is uit de gebeurtenissenopslag verwijderd.',
    en: 'this was deleted from the event store.',
  },
  STORE_UNAVAILABLE: {
    nl: 'de opslag kan dit nu niet aannemen; probeer het later opnieuw.',
    en: 'the store cannot take this now; try again later.',
  },
  SERVICE_UNAVAILABLE: {
    nl: 'de dienst is nu niet beschikbaar; probeer het later opnieuw.',
    en: 'the service is not available now; try again later.',
  },
  INTERNAL_ERROR: {
    nl: 'er ging bij ons iets mis; het is vastgelegd.',
    en: 'something went wrong on our side; it has been logged.',
  },
  INTERNAL_SERVER_ERROR: {
    nl: 'er ging bij ons iets mis; het is vastgelegd.',
    en: 'something went wrong on our side; it has been logged.',
  },
  // Authentication
  TOKEN_INVALID: {
    nl: 'uw aanmelding is ongeldig; meld u opnieuw aan.',
    en: 'your sign-in is not valid; sign in again.',
  },
  TOKEN_CLAIMS_INVALID: {
    nl: 'uw aanmelding is onbruikbaar; meld u opnieuw aan.',
    en: 'your sign-in cannot be used; sign in again.',
  },
  TOKEN_EXPIRED: {
    nl: 'uw aanmelding is verlopen; meld u opnieuw aan.',
    en: 'your sign-in has expired; sign in again.',
  },
  TOKEN_NOT_YET_VALID: { nl: 'uw aanmelding is nog niet geldig.', en: 'your sign-in is not valid yet.' },
  TOKEN_WRONG_ISSUER: {
    nl: 'uw aanmelding komt van een andere uitgever.',
    en: 'your sign-in was issued by another issuer.',
  },
  TOKEN_WRONG_AUDIENCE: {
    nl: 'uw aanmelding is voor een andere toepassing bedoeld.',
    en: 'your sign-in is meant for another application.',
  },
  AUTHENTICATION_UNAVAILABLE: {
    nl: 'aanmeldingen kunnen nu niet worden gecontroleerd; probeer het later opnieuw.',
    en: 'sign-ins cannot be checked right now; try again later.',
  },
};
