export interface TestResponse<T = unknown> {
  status: number;
  headers: Headers;
  /** Parsed JSON when the response is JSON (also problem+json), else undefined. */
  body: T;
  text: string;
}

export async function readResponse<T>(response: Response): Promise<TestResponse<T>> {
  const text = await response.text();
  const type = response.headers.get('content-type') ?? '';
  let body: unknown = undefined;
  if (/json/.test(type) && text !== '') body = JSON.parse(text);
  return { status: response.status, headers: response.headers, body: body as T, text };
}
