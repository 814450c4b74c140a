/** Where traces go and under which name; tracing is off unless an OTLP endpoint is set. */
export interface TracingSettings {
  /** OTEL_EXPORTER_OTLP_ENDPOINT: the collector's OTLP/HTTP base URL (spans go to `<endpoint>/v1/traces`). */
  endpoint: string | undefined;
  /** OTEL_SERVICE_NAME, default `praktijklus`. */
  serviceName: string;
}

export const DEFAULT_SERVICE_NAME = 'praktijklus';

/**
 * The OpenTelemetry variables this application reads itself (the SDK reads the rest of the OTEL_*
 * family, such as headers and the sampler). `invalid` builds the start-up refusal for a bad value.
 */
export function parseTracingSettings(
  read: (name: string) => string | undefined,
  invalid: (name: string, expected: string, got: string) => Error,
): TracingSettings {
  const endpoint = read('OTEL_EXPORTER_OTLP_ENDPOINT');
  if (endpoint !== undefined && !isHttpUrl(endpoint)) {
    throw invalid('OTEL_EXPORTER_OTLP_ENDPOINT', 'the http(s) URL of an OTLP/HTTP collector', endpoint);
  }
  const serviceName = read('OTEL_SERVICE_NAME') ?? DEFAULT_SERVICE_NAME;
  if (!/^[\w.:/-]{1,100}$/.test(serviceName)) {
    throw invalid('OTEL_SERVICE_NAME', 'a service name of letters, digits and . _ - : /', serviceName);
  }
  return { endpoint, serviceName };
}

function isHttpUrl(raw: string): boolean {
  try {
    const url = new URL(raw);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.search === '' && url.hash === '';
  } catch {
    return false;
  }
}
