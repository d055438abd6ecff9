import type { LookupAddress } from 'node:dns';
import { describe, expect, it } from 'vitest';
import { checkUrl, guardedLookup, isPublicAddress } from './address-policy';

describe('isPublicAddress', () => {
  it.each([
    '127.0.0.1',
    '127.8.9.10',
    '10.0.0.1',
    '172.16.5.4',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '224.0.0.1',
    '::1',
    '::',
    'fe80::1',
    'fd00::1',
    '::ffff:127.0.0.1',
    '::ffff:10.0.0.1',
    '64:ff9b::a00:1',
    'not-an-ip',
  ])('refuses %s', (address) => {
    expect(isPublicAddress(address)).toBe(false);
  });

  it.each(['8.8.8.8', '151.101.1.69', '2606:4700::6810:84e5'])('accepts %s', (address) => {
    expect(isPublicAddress(address)).toBe(true);
  });
});

describe('checkUrl', () => {
  const trusted = 'http://127.0.0.1:4010';

  it('accepts https anywhere public and anything on the configured origin', () => {
    expect(checkUrl('https://cdn.example.com/a.png', trusted).trusted).toBe(false);
    expect(checkUrl('http://127.0.0.1:4010/files/a.png', trusted).trusted).toBe(true);
  });

  it.each([
    ['file:///etc/passwd', /file: URLs are not fetched/],
    ['http://cdn.example.com/a.png', /http: URLs are not fetched/],
    ['http://127.0.0.1:4011/a.png', /http: URLs/],
    ['https://127.0.0.1/a.png', /127\.0\.0\.1 is not a public address/],
    ['https://10.1.2.3/a.png', /not a public address/],
    ['https://169.254.169.254/latest/meta-data/', /not a public address/],
    ['https://[::1]/a.png', /::1 is not a public address/],
    ['https://[::ffff:7f00:1]/a.png', /not a public address/],
    ['https://user:pw@cdn.example.com/a.png', /credentials/],
    ['gopher://x/', /gopher: URLs/],
    ['not a url', /not a valid URL/],
  ])('refuses %s', (url, message) => {
    expect(() => checkUrl(url, trusted)).toThrow(message);
  });
});

describe('guardedLookup', () => {
  const resolver =
    (addresses: LookupAddress[]) =>
    (_host: string, callback: (err: Error | null, addresses: LookupAddress[]) => void) =>
      callback(null, addresses);

  function lookup(addresses: LookupAddress[], all: boolean) {
    return new Promise<{ err: Error | null; address: unknown }>((resolve) =>
      guardedLookup(resolver(addresses))('images.example.test', { all }, (err, address) => resolve({ err, address })),
    );
  }

  it('hands public addresses to the socket, in the form it asked for', async () => {
    const addresses = [{ address: '151.101.1.69', family: 4 }];
    expect(await lookup(addresses, false)).toEqual({ err: null, address: '151.101.1.69' });
    expect(await lookup(addresses, true)).toEqual({ err: null, address: addresses });
  });

  it('refuses a host name if any of its addresses is private (DNS rebinding, split answers)', async () => {
    const rebinding = await lookup(
      [
        { address: '151.101.1.69', family: 4 },
        { address: '10.0.0.7', family: 4 },
      ],
      true,
    );
    expect(rebinding.err?.message).toBe('images.example.test resolves to 10.0.0.7');
    const metadata = await lookup([{ address: '169.254.169.254', family: 4 }], false);
    expect(metadata.err?.message).toMatch(/169\.254\.169\.254/);
  });

  it('uses the real resolver by default: localhost is loopback and refused', async () => {
    const err = await new Promise<Error | null>((resolve) => guardedLookup()('localhost', { all: true }, resolve));
    expect(err?.message).toMatch(/localhost resolves to (127\.0\.0\.1|::1)/);
  });
});
