import { isLoopbackHost } from './loopback';

describe('isLoopbackHost', () => {
  it('knows the addresses only this machine reaches', () => {
    for (const host of [
      '127.0.0.1',
      '127.8.9.10',
      'localhost',
      'LOCALHOST',
      '::1',
      '[::1]',
      '::ffff:127.0.0.1',
    ]) {
      expect([host, isLoopbackHost(host)]).toEqual([host, true]);
    }
  });

  it('refuses every other address, wildcards included', () => {
    for (const host of [
      '0.0.0.0',
      '::',
      '192.168.1.10',
      '10.0.0.1',
      'example.nl',
      'localhost.example.nl',
      '128.0.0.1',
      '::2',
    ]) {
      expect([host, isLoopbackHost(host)]).toEqual([host, false]);
    }
  });
});
