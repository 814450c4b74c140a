import { bearerCredentials } from './bearer-token';

describe('bearerCredentials', () => {
  it('finds no credentials in an absent or empty header', () => {
    expect(bearerCredentials(undefined)).toEqual({ kind: 'none' });
    expect(bearerCredentials('')).toEqual({ kind: 'none' });
  });

  it('takes the token of a Bearer header, whatever the scheme’s case', () => {
    expect(bearerCredentials('Bearer aaa.bbb.ccc')).toEqual({ kind: 'token', token: 'aaa.bbb.ccc' });
    expect(bearerCredentials('bearer aaa.bbb.ccc ')).toEqual({ kind: 'token', token: 'aaa.bbb.ccc' });
  });

  it.each([['Basic dXNlcjpwYXNz'], ['Bearer'], ['Bearer a b'], ['Bearer <script>'], ['aaa.bbb.ccc']])(
    'calls %j malformed',
    (header) => {
      expect(bearerCredentials(header)).toEqual({ kind: 'malformed' });
    },
  );

  it('calls repeated headers malformed', () => {
    expect(bearerCredentials(['Bearer a.b.c', 'Bearer d.e.f'])).toEqual({ kind: 'malformed' });
  });
});
