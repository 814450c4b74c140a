import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseSettings } from '@praktijklus/config';

const root = join(__dirname, '..');
const read = (name: string): string => readFileSync(join(root, name), 'utf8');

/** Values for the `${NAME:?...}` the operator supplies, as valid as production needs them. */
const OPERATOR: Record<string, string> = {
  AUTH_JWKS_URL: 'https://idp.example.nl/jwks',
  AUTH_ISSUER: 'https://idp.example.nl',
  AUTH_AUDIENCE: 'praktijklus',
  METRICS_TOKEN: 'm'.repeat(32),
  POSTGRES_PASSWORD: 'p'.repeat(24),
};

const unquote = (value: string): string => value.trim().replace(/^'(.*)'$/, '$1');

/**
 * compose.yaml's shared server environment (the `&praktijklus-env` block, `KEY: value` a line)
 * with the operator's `${NAME:?...}` filled in. No Docker engine runs here to interpolate it.
 */
function composeServerEnvironment(compose: string): Record<string, string> {
  const lines = compose.split('\n');
  const start = lines.findIndex((line) => /environment: &praktijklus-env\s*$/.test(line));
  expect(start).toBeGreaterThan(-1);
  const indent = /^\s*/.exec(lines[start + 1])?.[0] ?? '';
  const env: Record<string, string> = {};
  for (const line of lines.slice(start + 1)) {
    if (!line.startsWith(indent) || line.trim() === '') break;
    if (line.trim().startsWith('#')) continue;
    const match = /^\s*([A-Z_]+):\s*(.*)$/.exec(line);
    if (match === null) break;
    env[match[1]] = unquote(match[2]).replace(
      /\$\{([A-Z_]+):\?[^}]*\}/g,
      (_, name: string) => OPERATOR[name],
    );
  }
  return env;
}

/** Each server service's own additions: `environment: { <<: *praktijklus-env, KEY: 'value' }`. */
function composeServerServices(compose: string): Map<string, Record<string, string>> {
  const services = new Map<string, Record<string, string>>();
  const pattern =
    /^ {2}([\w-]+):\n {4}<<: \*praktijklus\n {4}environment: \{ <<: \*praktijklus-env, (.*) \}$/gm;
  for (const match of compose.matchAll(pattern)) {
    const own: Record<string, string> = {};
    for (const pair of match[2].split(/,\s*(?=[A-Z_]+:)/)) {
      const [key, ...value] = pair.split(':');
      own[key.trim()] = unquote(value.join(':'));
    }
    services.set(match[1], own);
  }
  return services;
}

describe('compose.yaml (never started here: no Docker engine)', () => {
  const compose = read('compose.yaml');
  const shared = composeServerEnvironment(compose);
  const services = composeServerServices(compose);

  it('has one writer and two readers on the EventStoreDB cluster', () => {
    expect(Object.fromEntries([...services].map(([name, env]) => [name, env.ROLES]))).toEqual({
      writer: 'commands,reactor',
      'reader-1': 'queries,projector',
      'reader-2': 'queries,projector',
    });
    expect(shared).toMatchObject({ NODE_ENV: 'production', HOST: '0.0.0.0', EVENT_STORE: 'esdb' });
    for (const node of ['kurrentdb-1', 'kurrentdb-2', 'kurrentdb-3']) {
      expect(compose).toMatch(new RegExp(`^ {2}${node}:$`, 'm'));
      expect(shared.EVENTSTORE_CONNECTION_STRING).toContain(`${node}:2113`);
    }
    expect(compose).toContain("KURRENTDB_CLUSTER_SIZE: '3'");
  });

  it.each(['writer', 'reader-1', 'reader-2'])('gives %s settings the server accepts', (name) => {
    const env = { ...shared, ...services.get(name), DATA_DIR: '/data' };
    const settings = parseSettings(env, '/app');
    expect(settings).toMatchObject({ eventStore: 'esdb', host: '0.0.0.0' });
    // The proxy is the one hop in front of every instance; its X-Forwarded-For names the client.
    expect(settings.trustProxy).toBe(1);
    // The vault and the idempotency records every instance shares (issue 22): a reader with its
    // own would show no initiative's name recorded through the writer.
    expect(settings.databaseUrl).toBe(
      `postgres://praktijklus:${OPERATOR.POSTGRES_PASSWORD}@postgres:5432/praktijklus`,
    );
    expect(compose).toMatch(/^ {2}postgres:$/m);
  });
});

describe('Dockerfile (never built here: no Docker engine)', () => {
  const dockerfile = read('Dockerfile');
  const runtime = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));

  it('builds in one stage and runs from another as a non-root user', () => {
    expect(dockerfile.match(/^FROM /gm)).toHaveLength(2);
    expect(runtime).toMatch(/^FROM \S+ AS runtime$/m);
    expect(runtime).not.toMatch(/RUN npm|COPY \. /);
    const user = /^USER (\S+)$/m.exec(runtime)?.[1];
    expect(user).toBeDefined();
    expect(user).not.toMatch(/^(root|0)$/);
  });

  it('runs in production on 0.0.0.0, data on a volume, healthy when /ready answers', () => {
    expect(runtime).toMatch(/NODE_ENV=production/);
    expect(runtime).toMatch(/HOST=0\.0\.0\.0/);
    expect(runtime).toMatch(/DATA_DIR=\/data/);
    expect(runtime).toMatch(/^VOLUME \["\/data"\]$/m);
    expect(runtime).toMatch(/^HEALTHCHECK [^\n]*\\\n[^\n]*\/ready'/m);
  });
});

describe('deploy/Caddyfile', () => {
  it('sends the REST API to the writer and everything else to the readers', () => {
    const caddy = read('deploy/Caddyfile');
    expect(caddy).toMatch(/reverse_proxy \/api\/v1\/\* writer:3000/);
    expect(caddy).toMatch(/reverse_proxy reader-1:3000 reader-2:3000/);
  });
});
